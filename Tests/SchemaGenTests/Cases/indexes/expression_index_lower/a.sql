CREATE TABLE users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  name text,
  org_id int,
  profile jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
