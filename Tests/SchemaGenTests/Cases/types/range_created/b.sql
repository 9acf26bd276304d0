CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
COMMENT ON TYPE floatrange IS 'closed intervals of measurements';
CREATE TYPE textspan AS RANGE (subtype = text, collation = "C", multirange_type_name = textspans);
CREATE TABLE readings (id int PRIMARY KEY, band floatrange, bands floatmultirange, names textspan,
  CONSTRAINT readings_band_nonempty CHECK (NOT isempty(band)));
CREATE INDEX readings_band_idx ON readings USING gist (band);
