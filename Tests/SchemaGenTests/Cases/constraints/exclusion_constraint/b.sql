CREATE EXTENSION btree_gist;
CREATE TABLE bookings (room int, during tstzrange, cancelled boolean DEFAULT false,
  EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled));
