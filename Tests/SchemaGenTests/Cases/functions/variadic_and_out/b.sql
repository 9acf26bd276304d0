CREATE FUNCTION total(VARIADIC nums numeric[]) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT sum(n) FROM unnest(nums) n $$;
CREATE FUNCTION split_name(full_name text, OUT first text, OUT last text) LANGUAGE sql IMMUTABLE
  AS $$ SELECT split_part(full_name, ' ', 1), split_part(full_name, ' ', 2) $$;
