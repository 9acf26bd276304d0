CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(20,8) NOT NULL, placed_on date NOT NULL);
CREATE VIEW daily AS SELECT placed_on, sum(total) AS total, count(*) AS orders FROM orders GROUP BY placed_on;
COMMENT ON COLUMN daily.total IS 'sum of the day, exact';
COMMENT ON COLUMN daily.orders IS 'how many';
CREATE MATERIALIZED VIEW monthly AS SELECT date_trunc('month', placed_on) AS month, sum(total) AS total FROM orders GROUP BY 1;
COMMENT ON COLUMN monthly.month IS 'first day of the month';
