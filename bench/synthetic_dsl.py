#!/usr/bin/env python3
"""Writes the Swift DSL declaration of the synthetic database that synthetic.py N a creates,
for the benchmark of diffing a declaration against a matching database.
Usage: synthetic_dsl.py N > bench/dsl/Sources/SyntheticSchemagen/Synthetic.swift
"""
import sys

n = int(sys.argv[1])
# One function per table: a result-builder body is type-checked in time quadratic in its
# length (20 tables in one body: 1 s; 40: 5 s), so the declaration is split.
chunk = int(sys.argv[2]) if len(sys.argv) > 2 else 1
out = ["// Written by bench/synthetic_dsl.py %d: the declaration of synthetic.py %d a." % (n, n), "import SchemaDSL", ""]
w = out.append
w("let synthetic = Database(\"synthetic\") {")
w('    Extension("pgcrypto")')
for e in range(5):
    w(f'    Enum("status_{e}", "active", "paused", "closed")')
w("    allTables()")
w("}")
w("")
w("private func allTables() -> [any DatabaseContent] {")
w("    var tables: [any DatabaseContent] = []")
for c in range((n + chunk - 1) // chunk):
    w(f"    tables += tables{c}()")
w("    return tables")
w("}")
for c in range((n + chunk - 1) // chunk):
    w("")
    w(f"@DatabaseBuilder private func tables{c}() -> [any DatabaseContent] {{")
    for i in range(c * chunk, min(n, (c + 1) * chunk)):
        w(f'    Table("t{i}") {{')
        w('        Column("id", .bigint).identity(.byDefault).primaryKey()')
        w('        Column("account", .uuid).notNull().default("gen_random_uuid()")')
        w('        Column("amount", .numeric(78, 0)).notNull().default("0").check("amount >= 0")')
        w('        Column("fee", .numeric(20, 8)).notNull().default("0")')
        w('        Column("meta", .jsonb).notNull().default("\'{}\'::jsonb")')
        w(f'        Column("status", .type("status_{i % 5}")).notNull().default("\'active\'")')
        w('        Column("created_at", .timestamptz).notNull().default("now()")')
        w('        Column("note", .varchar(200))')
        if i % 3 == 0 and i > 0:
            w(f'        Column("parent_id", .bigint).references("t{i - 1}", onDelete: .cascade)')
        w(f'        Check("t{i}_fee_check", "fee >= 0")')
        w(f'        Index("t{i}_account_idx", on: "account")')
        w(f'        Index("t{i}_recent_idx", on: .desc("created_at")).where("status = \'active\'")')
        if i % 5 == 0:
            w(f'        Index("t{i}_meta_idx", on: "meta").using(.gin)')
        w(f'    }}.comment("synthetic table {i}")')
        if i % 20 == 11:
            w(f'    View("v{i}", "SELECT id, account, amount, note FROM t{i} WHERE status = \'active\'")')
    w("}")
print("\n".join(out))
