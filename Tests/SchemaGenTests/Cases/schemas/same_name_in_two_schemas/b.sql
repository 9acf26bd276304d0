CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.items (id int PRIMARY KEY);
CREATE TABLE b.items (id int PRIMARY KEY, a_id int REFERENCES a.items);
CREATE TABLE items (id int);
