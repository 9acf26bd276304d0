import Differ
import Foundation
import LibPQClient
import SchemaDSL
import SchemaGenWorkflow
import SchemaModel
import Testing

/// What a real catalog holds beyond plain tables, declared in the DSL and judged by `pg_dump`
/// against the same schema written in SQL; and the changes that keep rows where PostgreSQL
/// cannot alter in place.
@Suite("Types, collations, inheritance, triggers, conversions and tables made again")
struct CatalogCoverageTests {
    static let declaration = Database("coverage") {
        Extension("pg_trgm", version: "1.5")
        Collation("case_insensitive", provider: .icu, locale: "und-u-ks-level2", deterministic: false)
            .comment("compares without case")
        Namespace("billing") {
            Enum("status", "draft", "open", "paid")
            CompositeType("money_amount", ("currency", .char(3)), ("amount", .numeric(20, 8)))
                .comment("amount", "never rounded")
            RangeType("period", subtype: .date)
            Table("invoices") {
                Column("id", .integer).serial().primaryKey()
                // Resolved in billing: the enum and the composite type declared beside it.
                Column("status", .type("status")).notNull().default("'draft'")
                Column("total", .type("money_amount"))
                Column("valid", .type("period"))
                Trigger("invoices_checked", .after, .insert, execute: "public.audit").constraint(.initiallyDeferred)
                Trigger("invoices_changed", .after, .update, forEach: .statement, execute: "public.audit")
                    .referencing(new: "changed")
            }
        }
        Function("audit", returns: .trigger, language: .plpgsql, body: "BEGIN RETURN NULL; END")
        Table("animals") {
            Column("id", .integer).serial().primaryKey()
            Column("name", .text).notNull().collate("case_insensitive")
            Check("animals_name_check", "name <> ''")
        }
        Table("dogs") {
            Inherited("name").default("'rex'")
            Column("breed", .text)
        }.inherits("animals")
    }

    static let sameInSQL = """
        CREATE EXTENSION pg_trgm VERSION '1.5';
        CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
        COMMENT ON COLLATION case_insensitive IS 'compares without case';
        CREATE SCHEMA billing;
        CREATE TYPE billing.status AS ENUM ('draft', 'open', 'paid');
        CREATE TYPE billing.money_amount AS (currency char(3), amount numeric(20,8));
        COMMENT ON COLUMN billing.money_amount.amount IS 'never rounded';
        CREATE TYPE billing.period AS RANGE (subtype = date);
        CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
        CREATE TABLE billing.invoices (id serial PRIMARY KEY, status billing.status NOT NULL DEFAULT 'draft',
                                       total billing.money_amount, valid billing.period);
        CREATE CONSTRAINT TRIGGER invoices_checked AFTER INSERT ON billing.invoices DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION audit();
        CREATE TRIGGER invoices_changed AFTER UPDATE ON billing.invoices REFERENCING NEW TABLE AS changed
          FOR EACH STATEMENT EXECUTE FUNCTION audit();
        CREATE TABLE animals (id serial PRIMARY KEY, name text COLLATE case_insensitive NOT NULL, CHECK (name <> ''));
        CREATE TABLE dogs (breed text) INHERITS (animals);
        ALTER TABLE dogs ALTER COLUMN name SET DEFAULT 'rex';
        """

    @Test("declared in Swift, created from empty: the pg_dump of the same schema written in SQL")
    func declaredLikeSQL() throws {
        let declared = try Self.declaration.validated()
        let (written, _) = try TestDatabase.loaded(Self.sameInSQL)
        let (url, connection) = try TestDatabase.fresh()
        try connection.execute(try TestDatabase.compare(.database(url: url), .declaration(declared)).plan.script())
        #expect(differingStatements(try PgDump.statements(url, privileges: true),
                                    try PgDump.statements(written, privileges: true)) == [])
        #expect(try TestDatabase.remaining(url, .declaration(declared)) == [])
        let version = try connection.query("SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'").scalar
        #expect(version == "1.5")
    }

    @Test("an extension declared at a newer version is updated; one older than installed is left, and said")
    func extensionVersions() throws {
        let (url, connection) = try TestDatabase.loaded("CREATE EXTENSION pg_trgm VERSION '1.4'")
        let newer = try Database("v") { Extension("pg_trgm", version: "1.6") }.validated()
        try connection.execute(try TestDatabase.compare(.database(url: url), .declaration(newer)).plan.script())
        #expect(try connection.query("SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'").scalar == "1.6")
        let older = try Database("v") { Extension("pg_trgm", version: "1.5") }.validated()
        let back = try TestDatabase.compare(.database(url: url), .declaration(older))
        #expect(back.plan.isEmpty)
        #expect(back.plan.notes.contains { $0.contains("pg_trgm") && $0.contains("forward only") })
        let any = try Database("v") { Extension("pg_trgm") }.validated()
        #expect(try TestDatabase.compare(.database(url: url), .declaration(any)).plan.isEmpty)
    }

    static func events(_ happenedAt: SchemaDSL.Column) -> DatabaseModel {
        try! Database("events") {
            Table("events") {
                Column("id", .bigint).primaryKey()
                happenedAt
            }
        }.validated()
    }

    @Test("a type change without a cast uses the declared conversion both ways, keeping the values")
    func conversion() throws {
        let before = Self.events(Column("happened_at", .bigint).notNull())
        let after = Self.events(Column("happened_at", .timestamptz).notNull()
            .using("to_timestamp(happened_at)", rollback: "extract(epoch FROM happened_at)::bigint"))
        try RoundTrip.check(from: before, to: after, prepare: { c in
            try c.execute("INSERT INTO events VALUES (1, 1700000000)")
        }, check: { c in
            let text = try c.query("SELECT to_char(happened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM events").scalar
            #expect(text == "2023-11-14 22:13")
        })
    }

    @Test("without a conversion the plan is refused, naming the column; without one back, emit says so")
    func conversionMissing() throws {
        let (url, _) = try TestDatabase.loaded("CREATE TABLE events (id bigint PRIMARY KEY, happened_at bigint NOT NULL)")
        let bare = Self.events(Column("happened_at", .timestamptz).notNull())
        #expect {
            try TestDatabase.compare(.database(url: url), .declaration(bare))
        } throws: { error in
            "\(error)".contains("public.events.happened_at: from bigint to timestamp with time zone")
                && "\(error)".contains(".using(")
        }
        let oneWay = Self.events(Column("happened_at", .timestamptz).notNull().using("to_timestamp(happened_at)"))
        let comparison = try TestDatabase.compare(.database(url: url), .declaration(oneWay))
        #expect(comparison.plan.rollbackUnconvertible == ["public.events.happened_at: from timestamp with time zone to bigint"])
    }

    static func ledger(partitioned: Bool) -> DatabaseModel {
        try! Database("ledger") {
            if partitioned {
                Table("ledger") {
                    Column("id", .bigint).identity()
                    Column("booked_on", .date).notNull()
                    Column("amount", .numeric(78, 0)).notNull()
                    PrimaryKey("id", "booked_on")
                }.partitioned(by: .range, "booked_on")
                Partition("ledger_2025", of: "ledger", values: "FROM ('2025-01-01') TO ('2026-01-01')")
                Partition("ledger_rest", of: "ledger", values: "DEFAULT")
            } else {
                Table("ledger") {
                    Column("id", .bigint).identity()
                    Column("booked_on", .date).notNull()
                    Column("amount", .numeric(78, 0)).notNull()
                    PrimaryKey("id", "booked_on")
                }
            }
            View("big_movements", "SELECT id, amount FROM ledger WHERE amount > 1000")
        }.validated()
    }

    @Test("a table made partitioned, and back, keeps its rows and its identity's next value")
    func partitionedKeepingRows() throws {
        func check(_ c: Connection) throws {
            #expect(try c.query("SELECT count(*) FROM ledger").scalar == "3")
            #expect(try c.query("SELECT sum(amount) FROM ledger").scalar == "115792089237316195423570985008687907853269984665640564039457584007913129639936")
            // The identity continues after the copied rows.
            #expect(try c.query("INSERT INTO ledger (booked_on, amount) VALUES ('2025-02-02', 1) RETURNING id").scalar == "4")
            try c.execute("DELETE FROM ledger WHERE id = 4")
        }
        try RoundTrip.check(from: Self.ledger(partitioned: false), to: Self.ledger(partitioned: true), prepare: { c in
            try c.execute("""
                INSERT INTO ledger (booked_on, amount) VALUES ('2025-01-05', 115792089237316195423570985008687907853269984665640564039457584007913129639935),
                  ('2024-12-31', 0), ('2025-03-01', 1)
                """)
        }, check: check)
    }

    @Test("a link to a parent is added in place; what then differs from the target only in layout is noted")
    func inheritInPlace() throws {
        let (from, connection) = try TestDatabase.loaded("""
            CREATE TABLE base (id int NOT NULL, note text CHECK (note <> ''));
            CREATE TABLE child (id int NOT NULL, extra int);
            INSERT INTO child VALUES (1, 2);
            """)
        let (to, _) = try TestDatabase.loaded("""
            CREATE TABLE base (id int NOT NULL, note text CHECK (note <> ''));
            CREATE TABLE child (extra int) INHERITS (base);
            """)
        let comparison = try TestDatabase.compare(.database(url: from), .database(url: to))
        let kinds = comparison.plan.changes.map(\.operation.kindName)
        #expect(kinds.contains("inherit") && !kinds.contains("copyRows"), "\(kinds)")
        try connection.execute(comparison.plan.script())
        #expect(try connection.query("SELECT count(*) FROM base").scalar == "1")
        let again = try TestDatabase.compare(.database(url: from), .database(url: to))
        #expect(again.plan.isEmpty)
        #expect(again.plan.notes.contains { $0.contains("public.child") && $0.contains("will be its own") })
        let exact = try TestDatabase.compare(.database(url: from), .database(url: to),
                                             options: ComparisonOptions(exactColumnOrder: true))
        #expect(exact.plan.changes.contains { $0.operation.kindName == "copyRows" })
    }

    @Test("columns that would end up in another order are noted, and rebuilt in order when asked")
    func columnOrder() throws {
        let (from, _) = try TestDatabase.loaded("CREATE TABLE t (id int PRIMARY KEY, b text)")
        let (to, _) = try TestDatabase.loaded("CREATE TABLE t (id int PRIMARY KEY, a text, b text)")
        let plain = try TestDatabase.compare(.database(url: from), .database(url: to))
        #expect(plain.plan.changes.map(\.summary) == ["add column public.t.a"])
        #expect(plain.plan.notes == ["table public.t: its columns will be in the order id, b, a, the target's are in the order "
                                     + "id, a, b; --exact-column-order makes it again with its rows to match"])
        let exact = try TestDatabase.compare(.database(url: from), .database(url: to),
                                             options: ComparisonOptions(exactColumnOrder: true))
        #expect(exact.plan.changes.map(\.operation.kindName)
                == ["renameTable", "createTable", "copyRows", "dropTable", "addConstraint"])
    }

    @Test("mistakes in inheritance and in the new kinds are named at their line")
    func validation() {
        let errors = Database("bad") {
            Table("child") { Inherited("nope"); Column("id", .text) }.inherits("base", "missing")
            Table("base") { Column("id", .integer) }
            Collation("c", provider: .libc, locale: "C", deterministic: false)
            CompositeType("pair", ("a", .type("no_such_type")))
        }.model.validate().map(\.description)
        for expected in [
            "inherits from public.missing, which is not declared",
            "column id is text here and integer in public.base",
            "Inherited(\"nope\") names a column none of its parents has",
            "only ICU collations can be nondeterministic",
            "type public.no_such_type is not declared",
        ] {
            #expect(errors.contains { $0.contains(expected) }, "\(expected) not in \(errors)")
        }
    }
}
