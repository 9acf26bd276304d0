CREATE TYPE mood AS ENUM ('calm', 'angry');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE feelings (id int PRIMARY KEY, m mood, p positive);
REVOKE USAGE ON TYPE mood FROM PUBLIC;
GRANT USAGE ON TYPE mood TO app_reader;
GRANT USAGE ON DOMAIN positive TO app_writer WITH GRANT OPTION;
