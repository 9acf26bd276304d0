CREATE TABLE "check" ("default" bigint NOT NULL DEFAULT 0, "primary" text UNIQUE);
