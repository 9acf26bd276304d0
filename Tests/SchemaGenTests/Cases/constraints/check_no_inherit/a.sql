CREATE TABLE readings (v int, CONSTRAINT readings_v_check CHECK (v > 0));
