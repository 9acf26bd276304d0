CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
