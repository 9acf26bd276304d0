CREATE TABLE "we""ird" ("col""umn" text DEFAULT 'it''s', "semi;colon" int);
CREATE INDEX "idx""x" ON "we""ird" ("semi;colon");
