CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL);
CREATE TABLE balances (account_id bigint PRIMARY KEY REFERENCES accounts, wei numeric(78,0) NOT NULL DEFAULT 0);
CREATE VIEW account_balances AS SELECT a.id, a.owner, b.wei FROM accounts a JOIN balances b ON b.account_id = a.id;
CREATE FUNCTION account_balances_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO accounts VALUES (NEW.id, NEW.owner);
  INSERT INTO balances VALUES (NEW.id, coalesce(NEW.wei, 0));
  RETURN NEW;
END $$;
CREATE FUNCTION account_balances_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM balances WHERE account_id = OLD.id;
  DELETE FROM accounts WHERE id = OLD.id;
  RETURN OLD;
END $$;
CREATE TRIGGER account_balances_insert INSTEAD OF INSERT ON account_balances
  FOR EACH ROW EXECUTE FUNCTION account_balances_insert();
CREATE TRIGGER account_balances_delete INSTEAD OF DELETE ON account_balances
  FOR EACH ROW EXECUTE FUNCTION account_balances_delete();
COMMENT ON TRIGGER account_balances_insert ON account_balances IS 'Writes both tables';
