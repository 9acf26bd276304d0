CREATE TABLE hot (id int, v int, CONSTRAINT hot_pkey PRIMARY KEY (id) WITH (fillfactor = 50));
