CREATE TABLE customers (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE customers_eu PARTITION OF customers FOR VALUES IN ('de', 'fr', 'nl');
CREATE TABLE customers_us PARTITION OF customers FOR VALUES IN ('us');
