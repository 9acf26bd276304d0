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
# `edited` is the same declaration with one column added to the middle table: what a review
# loop sees after a one-table edit (the executable declares it when SYNTHETIC_EDITED is set).
edited_chunk = (n // 2) // chunk
w("let synthetic = declaration(edited: false)")
w("let syntheticEdited = declaration(edited: true)")
w("")
w("private func declaration(edited: Bool) -> Database {")
w("    Database(\"synthetic\") {")
w('        Extension("pgcrypto")')
for e in range(5):
    w(f'        Enum("status_{e}", "active", "paused", "closed")')
w("        allTables(edited: edited)")
w("    }")
w("}")
w("")
w("private func allTables(edited: Bool) -> [any DatabaseContent] {")
w("    var tables: [any DatabaseContent] = []")
for c in range((n + chunk - 1) // chunk):
    w(f"    tables += {'edited ? tablesEdited() : ' if c == edited_chunk else ''}tables{c}()")
w("    return tables")
w("}")
for c in list(range((n + chunk - 1) // chunk)) + ["Edited"]:
    w("")
    w(f"@DatabaseBuilder private func tables{c}() -> [any DatabaseContent] {{")
    first = edited_chunk if c == "Edited" else c
    for i in range(first * chunk, min(n, (first + 1) * chunk)):
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
        if c == "Edited" and i == n // 2:
            w('        Column("reviewed_at", .timestamptz).default("now()")')
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
