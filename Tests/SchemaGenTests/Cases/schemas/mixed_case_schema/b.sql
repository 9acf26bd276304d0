CREATE SCHEMA "Billing";
CREATE TABLE "Billing"."Invoices" ("Id" int PRIMARY KEY, "Total" numeric(20,8));
