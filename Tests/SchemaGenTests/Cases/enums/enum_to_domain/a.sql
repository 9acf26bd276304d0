CREATE TYPE color AS ENUM ('red', 'green');
CREATE DOMAIN color_name AS text CHECK (VALUE IN ('red', 'green', 'blue'));
CREATE TABLE paints (c color);
