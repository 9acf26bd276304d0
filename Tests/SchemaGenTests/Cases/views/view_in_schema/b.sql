CREATE SCHEMA reporting;
CREATE TABLE public.sales (day date, amount numeric);
CREATE VIEW reporting.daily AS SELECT day, sum(amount) AS total FROM public.sales GROUP BY day;
