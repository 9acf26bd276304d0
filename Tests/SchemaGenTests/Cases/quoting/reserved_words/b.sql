CREATE TABLE "user" ("select" int PRIMARY KEY, "from" text, "order" int, "group" text);
CREATE INDEX "index" ON "user" ("order");
CREATE VIEW "table" AS SELECT "select", "from" FROM "user";
