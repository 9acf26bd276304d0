CREATE TABLE positions (slot int UNIQUE);
