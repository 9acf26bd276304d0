CREATE TABLE people (first text, last text, full_name text);
