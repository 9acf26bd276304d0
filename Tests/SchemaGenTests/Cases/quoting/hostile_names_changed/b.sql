CREATE TABLE "x; DROP TABLE y; --" (id int, "'; DELETE FROM z; --" text DEFAULT ''';--');
