CREATE DOMAIN ascii_name AS text COLLATE "C";
CREATE TABLE names (n ascii_name);
