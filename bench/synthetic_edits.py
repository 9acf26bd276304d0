#!/usr/bin/env python3
"""Writes the SQL of a second synthetic database of N tables to stdout, written as people
write it (expressions PostgreSQL prints otherwise: IN lists, casts left implicit, intervals,
coalesce, lower()), for the diff of what users change.

Variant "a" is the base; variant "b" changes about 5% of its objects in the ways schema
reviews see most: a value added to a CHECK's IN list, a changed default, a partial index's
predicate widened, a view over a column that changed type, enum values added (one in the
middle of the list), a new expression index, a column made NOT NULL with a default.
Usage: synthetic_edits.py N a|b
"""
import sys

n, variant = int(sys.argv[1]), sys.argv[2]
b = variant == "b"
out = []
w = out.append
w("CREATE SCHEMA billing;")
w("CREATE EXTENSION IF NOT EXISTS citext;")
for e in range(8):
    labels = ["draft", "open", "settled", "void"]
    if b and e == 1:
        labels.insert(2, "disputed")
    if b and e == 5:
        labels.append("refunded")
    w(f"CREATE TYPE billing.state_{e} AS ENUM ({', '.join(repr(l) for l in labels)});")
w("""CREATE FUNCTION billing.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;""")
for i in range(n):
    k = i % 20
    changed = lambda slot: b and k == slot
    kinds = ["'card'", "'wire'", "'crypto'"] + (["'voucher'"] if changed(1) else [])
    currency_default = "'EUR'" if changed(2) else "'USD'"
    expires = "now() + interval '30 days'" if changed(3) else "now() + interval '7 days'"
    memo = "varchar(500)" if changed(5) else "varchar(120)"
    cols = [
        "id uuid PRIMARY KEY DEFAULT gen_random_uuid()",
        "email citext NOT NULL",
        f"kind text NOT NULL CHECK (kind IN ({', '.join(kinds)}))",
        f"state billing.state_{i % 8} NOT NULL DEFAULT 'draft'",
        f"currency char(3) NOT NULL DEFAULT {currency_default}",
        "amount_wei numeric(78,0) NOT NULL CHECK (amount_wei >= 0)",
        "fee numeric(20,8) NOT NULL DEFAULT 0.00000000",
        f"expires_at timestamptz DEFAULT {expires}",
        f"memo {memo}",
        "tags text[] NOT NULL DEFAULT '{}'",
        "deleted_at timestamptz",
        "updated_at timestamptz NOT NULL DEFAULT now()",
    ]
    if changed(6):
        cols.append("priority integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 9)")
    if i % 4 == 1:
        cols.append(f"previous_id uuid REFERENCES billing.p{i - 1}(id) ON DELETE SET NULL")
    cols.append(f"CONSTRAINT p{i}_fee_le_amount CHECK (fee <= amount_wei OR amount_wei = 0)")
    w(f"CREATE TABLE billing.p{i} (\n  " + ",\n  ".join(cols) + "\n);")
    predicate = "deleted_at IS NULL AND state <> 'void'" if changed(4) else "deleted_at IS NULL"
    w(f"CREATE INDEX p{i}_live_idx ON billing.p{i} (updated_at DESC) WHERE {predicate};")
    w(f"CREATE UNIQUE INDEX p{i}_email_idx ON billing.p{i} (lower(email::text)) WHERE deleted_at IS NULL;")
    if changed(7):
        w(f"CREATE INDEX p{i}_tags_idx ON billing.p{i} USING gin (tags);")
    w(f"CREATE TRIGGER p{i}_touch BEFORE UPDATE ON billing.p{i} FOR EACH ROW EXECUTE FUNCTION billing.touch();")
    if k == 5:
        w(f"""CREATE VIEW billing.p{i}_open AS
  SELECT id, email, coalesce(memo, '') AS memo, amount_wei / 1000000000000000000 AS amount_eth,
         CASE WHEN expires_at < now() THEN 'expired' ELSE state::text END AS status
  FROM billing.p{i} WHERE deleted_at IS NULL AND state IN ('open', 'draft');""")
print("\n".join(out))
