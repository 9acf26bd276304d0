CREATE TYPE mood AS ENUM ('calm', 'angry');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE feelings (id int PRIMARY KEY, m mood, p positive);
