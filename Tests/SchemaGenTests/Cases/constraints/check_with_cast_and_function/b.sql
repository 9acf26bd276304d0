CREATE TABLE people (email text CHECK (email = lower(email) AND length(email::varchar) < 255));
