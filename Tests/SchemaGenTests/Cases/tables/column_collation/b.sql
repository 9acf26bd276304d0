CREATE TABLE words (w text COLLATE "C");
