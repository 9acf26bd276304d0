CREATE TABLE "naïve" ("größe" int, "日本" text);
CREATE TYPE "état" AS ENUM ('prêt', 'fini');
ALTER TABLE "naïve" ADD COLUMN "état" "état";
