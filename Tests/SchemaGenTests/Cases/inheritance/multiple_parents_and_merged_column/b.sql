CREATE TABLE named (name text CHECK (name <> ''));
CREATE TABLE stamped (created_at timestamptz DEFAULT now());
CREATE TABLE notes (body text NOT NULL, name text NOT NULL) INHERITS (named, stamped);
