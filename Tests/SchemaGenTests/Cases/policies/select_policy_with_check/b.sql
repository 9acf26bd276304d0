CREATE TABLE documents (id serial PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text, published boolean DEFAULT false);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_published ON documents FOR SELECT USING (published OR owner = current_user);
CREATE POLICY write_own ON documents FOR INSERT WITH CHECK (owner = current_user);
CREATE POLICY change_own ON documents FOR UPDATE USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY delete_own ON documents FOR DELETE USING (owner = current_user);
