CREATE TABLE readings (v int, CONSTRAINT readings_v_positive CHECK (v > 0));
