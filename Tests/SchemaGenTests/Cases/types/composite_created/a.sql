CREATE TABLE wallets (id bigint PRIMARY KEY);
