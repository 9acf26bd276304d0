CREATE TABLE "check" ("default" int, "primary" text);
