CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(20,8) NOT NULL);
CREATE TABLE order_audit (at timestamptz NOT NULL DEFAULT now(), changed int NOT NULL);
CREATE FUNCTION audit_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO order_audit (changed) SELECT count(*) FROM new_rows;
  RETURN NULL;
END $$;
