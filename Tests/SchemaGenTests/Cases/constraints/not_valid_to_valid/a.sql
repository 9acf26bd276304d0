CREATE TABLE readings (v int);
ALTER TABLE readings ADD CONSTRAINT readings_v_positive CHECK (v > 0) NOT VALID;
