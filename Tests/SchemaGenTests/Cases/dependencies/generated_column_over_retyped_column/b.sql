CREATE TABLE boxes (w bigint, h int, area bigint GENERATED ALWAYS AS (w * h) STORED);
