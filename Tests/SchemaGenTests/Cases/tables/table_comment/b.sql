CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);

COMMENT ON TABLE users IS 'People who can log in';
COMMENT ON COLUMN users.email IS 'Lower-cased; unique';
