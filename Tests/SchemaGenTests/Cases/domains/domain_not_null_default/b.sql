CREATE DOMAIN positive_amount AS numeric(20,8) NOT NULL DEFAULT 0 CHECK (VALUE >= 0);
CREATE TABLE wallets (id int PRIMARY KEY, amount positive_amount);
