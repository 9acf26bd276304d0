CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(78,0) NOT NULL DEFAULT 0);
CREATE TABLE transfers (id bigserial PRIMARY KEY, source bigint NOT NULL, target bigint NOT NULL, amount numeric(78,0) NOT NULL);
CREATE FUNCTION check_balances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM accounts WHERE balance < 0) THEN
    RAISE EXCEPTION 'negative balance';
  END IF;
  RETURN NULL;
END $$;
-- Checked once, when the transaction that moved the money commits.
CREATE CONSTRAINT TRIGGER transfers_balanced
  AFTER INSERT OR UPDATE OF amount ON transfers
  FROM accounts
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION check_balances();
COMMENT ON TRIGGER transfers_balanced ON transfers IS 'no account below zero at commit';
