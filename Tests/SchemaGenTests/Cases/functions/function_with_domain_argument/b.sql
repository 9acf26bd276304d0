CREATE DOMAIN wei AS numeric(78,0) CHECK (VALUE >= 0);
CREATE FUNCTION to_eth(amount wei) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount / 1e18 $$;
