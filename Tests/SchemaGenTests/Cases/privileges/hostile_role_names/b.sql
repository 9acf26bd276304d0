CREATE TABLE "Weird Table" (id int PRIMARY KEY, "Odd Column" text);
GRANT SELECT ON "Weird Table" TO "Odd ""Role""";
GRANT UPDATE ("Odd Column") ON "Weird Table" TO "Odd ""Role""";
GRANT SELECT ON "Weird Table" TO PUBLIC;
