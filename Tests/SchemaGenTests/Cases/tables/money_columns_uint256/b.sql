CREATE TABLE balances (
  owner char(42) PRIMARY KEY,
  wei numeric(78,0) NOT NULL DEFAULT 0 CHECK (wei >= 0),
  gnk decimal(20,8)
);
