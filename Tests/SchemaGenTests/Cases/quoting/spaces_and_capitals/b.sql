CREATE TABLE "Order Items" ("Item ID" int PRIMARY KEY, "Unit Price" numeric(10,2), "qty" int);
ALTER TABLE "Order Items" ADD CONSTRAINT "Positive Qty" CHECK ("qty" > 0);
COMMENT ON COLUMN "Order Items"."Unit Price" IS 'per unit';
