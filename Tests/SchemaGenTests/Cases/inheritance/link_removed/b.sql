CREATE TABLE base (id int NOT NULL, note text CHECK (note <> ''));
CREATE TABLE child (id int NOT NULL, note text CONSTRAINT base_note_check CHECK (note <> ''), extra int);
