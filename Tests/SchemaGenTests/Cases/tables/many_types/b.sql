CREATE TABLE samples (
  id uuid PRIMARY KEY,
  a smallint, b integer, c bigint, d real, e double precision, f boolean,
  g char(3), h varchar, i text, j bytea, k date, l time, m timetz,
  n timestamp, o timestamptz, p interval, q inet, r cidr, s macaddr,
  t json, u jsonb, v text[], w integer[][], x numeric, y money, z bit(8),
  za varbit(16), zb tsvector, zc xml, zd point, ze int4range, zf oid
);
