CREATE TABLE products (sku varchar(20) PRIMARY KEY, title varchar(50) NOT NULL);
