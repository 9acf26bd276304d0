CREATE TABLE documents (id int PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text, published boolean DEFAULT false);

CREATE FUNCTION app_user() RETURNS name LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('app.user', true), '')::name $$;
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY by_app_user ON documents USING (owner = app_user());
