CREATE TABLE balances (owner char(42) PRIMARY KEY);
