CREATE TABLE documents (id serial PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text, published boolean DEFAULT false);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON documents USING (owner = current_user);
