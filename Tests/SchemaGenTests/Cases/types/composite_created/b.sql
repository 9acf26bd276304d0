CREATE TYPE money_amount AS (currency char(3), amount numeric(20,8));
COMMENT ON TYPE money_amount IS 'an amount in one currency';
COMMENT ON COLUMN money_amount.amount IS 'never rounded';
CREATE TABLE wallets (id bigint PRIMARY KEY, balance money_amount, history money_amount[]);
CREATE FUNCTION total(amounts money_amount[]) RETURNS numeric LANGUAGE sql IMMUTABLE
  AS $$ SELECT sum((a).amount) FROM unnest(amounts) a $$;
