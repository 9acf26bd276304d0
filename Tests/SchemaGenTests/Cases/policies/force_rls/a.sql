CREATE TABLE documents (id int PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text, published boolean DEFAULT false);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
