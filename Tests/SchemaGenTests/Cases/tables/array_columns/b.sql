CREATE TABLE posts (id int PRIMARY KEY, tags varchar(50)[] DEFAULT '{}', scores int[] NOT NULL DEFAULT ARRAY[]::int[]);
