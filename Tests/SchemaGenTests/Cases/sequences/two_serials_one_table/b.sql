CREATE TABLE pairs (a serial, b bigserial, label text);
