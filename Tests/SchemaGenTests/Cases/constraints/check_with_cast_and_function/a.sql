CREATE TABLE people (email text);
