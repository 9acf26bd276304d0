CREATE TABLE posts (id serial PRIMARY KEY, tags varchar(50)[] DEFAULT '{}', scores int[] NOT NULL DEFAULT ARRAY[]::int[]);
