CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(20,8) NOT NULL);
CREATE TABLE order_audit (at timestamptz NOT NULL DEFAULT now(), changed int NOT NULL);
CREATE FUNCTION audit_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO order_audit (changed) SELECT count(*) FROM new_rows;
  RETURN NULL;
END $$;
CREATE TRIGGER orders_audit_update AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_orders();
CREATE TRIGGER orders_audit_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_orders();
CREATE TRIGGER "orders audit delete" AFTER DELETE ON orders
  REFERENCING OLD TABLE AS "Old Rows"
  FOR EACH ROW EXECUTE FUNCTION audit_orders();
