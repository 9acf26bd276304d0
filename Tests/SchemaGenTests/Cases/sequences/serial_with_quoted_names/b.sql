CREATE TABLE "Order Lines" ("Line Id" serial PRIMARY KEY, "Sku" text);
