CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(20,8) NOT NULL, placed_on date NOT NULL);
CREATE VIEW daily AS SELECT placed_on, sum(total) AS total FROM orders GROUP BY placed_on;
COMMENT ON COLUMN daily.total IS 'sum of the day';
