CREATE TABLE users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  name text,
  org_id int,
  profile jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);

CREATE INDEX a_idx ON users (org_id);
CREATE INDEX b_idx ON users (created_at);
CREATE INDEX c_idx ON users (lower(name)) WHERE name IS NOT NULL;
CREATE UNIQUE INDEX d_idx ON users (email, org_id);
