CREATE TYPE "Size" AS ENUM ('x-small', 'it''s big', 'Über', 'a b');
CREATE TABLE shirts (size "Size");
