CREATE TABLE blobs (id serial PRIMARY KEY, data text COMPRESSION lz4);
