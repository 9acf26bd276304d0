CREATE EXTENSION pg_trgm;

CREATE TABLE users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  name text,
  org_id int,
  profile jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX users_name_trgm ON users USING gist (name gist_trgm_ops (siglen = 32));
