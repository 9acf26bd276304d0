CREATE TABLE "Weird Table" (id int PRIMARY KEY, "Odd Column" text);
