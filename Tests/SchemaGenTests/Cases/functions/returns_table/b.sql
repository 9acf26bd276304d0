CREATE TABLE sales (day date, amount numeric(20,8));
CREATE FUNCTION daily_totals(since date) RETURNS TABLE (day date, total numeric) LANGUAGE sql STABLE
  AS $$ SELECT day, sum(amount) FROM sales WHERE day >= since GROUP BY day $$;
