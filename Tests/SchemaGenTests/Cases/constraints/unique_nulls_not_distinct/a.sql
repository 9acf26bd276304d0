CREATE TABLE codes (code text UNIQUE);
