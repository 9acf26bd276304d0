CREATE TABLE documents (id serial PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text, published boolean DEFAULT false);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON documents TO CURRENT_USER USING (true);
