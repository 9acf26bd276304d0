CREATE TABLE countries (code char(2) UNIQUE, name text);
CREATE TABLE cities (name text, country char(2));
