CREATE TABLE secrets (id int PRIMARY KEY, owner text, value text);
CREATE FUNCTION my_secret_count() RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT count(*) FROM public.secrets WHERE owner = current_user $$;
