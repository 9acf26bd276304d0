CREATE TABLE named (name text);
CREATE TABLE stamped (created_at timestamptz DEFAULT now());
