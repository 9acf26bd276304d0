-- 20261202062605_initial down: shop
-- deletes-data: drop table public.customers
-- deletes-data: drop table public.orders
--   Data is lost for good; back it up or copy it elsewhere first if it may be needed.
-- breaks-clients: drop view public.open_orders
-- breaks-clients: drop enum public.order_status
-- breaks-clients: drop extension pgcrypto
--   Application code and queries that use the old name or type fail from this migration on; deploy the code that uses the new one with it.
-- drops-guarantee: drop constraint orders_customer_id_fkey on public.orders
--   Rows the constraint kept out can be written from now on; make sure no code relies on it, and that it is not needed to roll back.

BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

DROP VIEW public.open_orders;

ALTER TABLE public.orders DROP CONSTRAINT orders_customer_id_fkey;

DROP TABLE public.customers;

DROP TABLE public.orders;

DROP TYPE public.order_status;

DROP EXTENSION pgcrypto;

COMMIT;
