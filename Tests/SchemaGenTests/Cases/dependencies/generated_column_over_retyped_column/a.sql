CREATE TABLE boxes (w int, h int, area int GENERATED ALWAYS AS (w * h) STORED);
