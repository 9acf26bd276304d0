-- 20261202062605_initial up: shop
-- schemagen:if-absent extension pgcrypto
--   Created only if absent: schemagen rollback drops it again only if this file created it.

BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE TYPE public.order_status AS ENUM ('pending', 'paid', 'shipped');

CREATE TABLE public.customers (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email character varying(255) NOT NULL,
    CONSTRAINT customers_pkey PRIMARY KEY (id),
    CONSTRAINT customers_email_key UNIQUE (email)
);

CREATE TABLE public.orders (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    customer_id uuid NOT NULL,
    status public.order_status DEFAULT 'pending'::order_status NOT NULL,
    total_wei numeric(78,0) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_total_wei_check CHECK ((total_wei >= (0)::numeric))
);

ALTER TABLE public.orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers (id) ON DELETE CASCADE;

CREATE VIEW public.open_orders WITH (security_invoker='true') AS
SELECT orders.id,
    orders.customer_id
   FROM orders
  WHERE orders.status <> 'shipped'::order_status;

COMMIT;
