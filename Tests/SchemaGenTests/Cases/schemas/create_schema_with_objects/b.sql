CREATE SCHEMA inventory;
CREATE TABLE inventory.warehouses (id int PRIMARY KEY, name text);
CREATE TABLE inventory.stock (warehouse_id int REFERENCES inventory.warehouses, sku text, qty int, PRIMARY KEY (warehouse_id, sku));
