CREATE TABLE blobs (id int PRIMARY KEY, data text COMPRESSION lz4);
