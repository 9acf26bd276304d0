CREATE TABLE readings (v int);
