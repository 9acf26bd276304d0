import Catalog
import Differ
import Foundation
import MigrationFiles
import Migrator
import SchemaGenWorkflow
import LibPQClient
@testable import SchemaGenCLI
import Testing

@Suite("Diffing two live databases loaded from plain SQL")
struct DatabaseToDatabaseTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load(_ file: String) throws -> (url: String, connection: Connection) {
        let database = try TestDatabase.fresh()
        try database.connection.execute(String(contentsOf: fixtures.appendingPathComponent(file), encoding: .utf8))
        return database
    }

    /// Runs the script `diff --sql` prints as psql runs it: statement by statement.
    static func run(_ sql: String, on connection: Connection) throws {
        for statement in splitStatements(sql) { try connection.execute(statement.sql) }
    }

    @Test("staging → production and back, through the SQL the CLI prints", arguments: [
        ("staging.sql", "production.sql"), ("production.sql", "staging.sql"),
    ])
    func diffApplyCompare(from: String, to: String) throws {
        let (fromURL, fromConnection) = try Self.load(from)
        let (toURL, _) = try Self.load(to)
        let up = try TestDatabase.compare(.database(url: fromURL), .database(url: toURL)).plan
        #expect(!up.isEmpty)
        try Self.run(up.script(), on: fromConnection)
        #expect(differingStatements(try PgDump.statements(fromURL), try PgDump.statements(toURL)) == [], "\(up.script())")
        #expect(try TestDatabase.remaining(fromURL, .database(url: toURL)) == [])
    }

    @Test("a database diffed with itself is empty, though its expressions are not in printed form")
    func selfDiff() throws {
        let (a, _) = try Self.load("staging.sql")
        let (b, _) = try Self.load("staging.sql")
        #expect(try TestDatabase.remaining(a, .database(url: b)) == [])
    }

    @Test("only tables whose expressions are written differently are realised, and a rewording is no change")
    func partialNormalisation() throws {
        let dev = try TestDatabase.dev()
        let (a, ca) = try TestDatabase.fresh()
        let (b, cb) = try TestDatabase.fresh()
        try ca.execute("""
            CREATE TABLE plans (id int PRIMARY KEY, tier varchar(10) CHECK (tier IN ('free', 'pro')), n int DEFAULT 1);
            CREATE TABLE other (id int PRIMARY KEY, note text);
            """)
        // The same check as PostgreSQL first prints it; a real change to the default.
        let printed = try ca.query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c' AND conrelid = 'plans'::regclass").scalar!
        try cb.execute("""
            CREATE TABLE plans (id int PRIMARY KEY, tier varchar(10), n int DEFAULT 2,
                                CONSTRAINT plans_tier_check \(printed));
            CREATE TABLE other (id int PRIMARY KEY, note text);
            """)
        let raw = try [a, b].map { try CatalogReader.read(Connection(url: $0)) }
        #expect(try plan(from: raw[0], to: raw[1]).changes.count >= 3, "as read, the check differs in text")
        #expect(!DevDatabase.writtenDifferently(raw[0], raw[1]).isEmpty)
        #expect(DevDatabase.writtenDifferently(raw[0], raw[0]).isEmpty, "a model is not written differently from itself")
        let (na, nb) = try dev.normaliseDifferences(raw[0], raw[1])
        #expect(try plan(from: na, to: nb).changes.map(\.summary) == ["set default of public.plans.n"])
        #expect(na.tables.first { $0.name.name == "other" } == raw[0].tables.first { $0.name.name == "other" })
    }

    @Test("the plan made while expressions are printed again is kept only when printing them changed nothing")
    func planWhileNormalising() throws {
        let (a, ca) = try TestDatabase.fresh()
        let (b, cb) = try TestDatabase.fresh()
        let (c, cc) = try TestDatabase.fresh()
        let table = "CREATE TABLE plans (id int PRIMARY KEY, tier varchar(10) CHECK (tier IN ('free', 'pro')), n int DEFAULT"
        try ca.execute("\(table) 1)")
        try cb.execute("\(table) 2)")
        // The check as PostgreSQL first prints it, which it prints again differently.
        let printed = try ca.query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'plans'::regclass AND contype = 'c'").scalar!
        try cc.execute("CREATE TABLE plans (id int PRIMARY KEY, tier varchar(10), n int DEFAULT 2, CONSTRAINT plans_tier_check \(printed))")

        // Only the default reads differently; printed again, both defaults stay as they were.
        let kept = try TestDatabase.compare(.database(url: a), .database(url: b))
        #expect(kept.plannedWhileNormalising)
        #expect(kept.plan.changes.map(\.summary) == ["set default of public.plans.n"])
        let asRead = try [a, b].map { try CatalogReader.read(url: $0) }
        #expect(kept.plan.script() == (try stagedPlan(from: asRead[0], to: asRead[1])).script())

        // The check reads differently too, and printed again it changes: the plan is made again.
        let remade = try TestDatabase.compare(.database(url: a), .database(url: c))
        #expect(!remade.plannedWhileNormalising)
        #expect(remade.plan.changes.map(\.summary) == ["set default of public.plans.n"])
    }

    @Test("checks and index predicates repeated on many tables, written two ways, compare equal; so does a policy")
    func repeatedExpressions() throws {
        let dev = try TestDatabase.dev()
        let (a, ca) = try TestDatabase.fresh()
        let (b, cb) = try TestDatabase.fresh()
        let tables = ["t1", "t2", "t3"]
        for t in tables {
            try ca.execute("""
                CREATE TABLE \(t) (id int PRIMARY KEY, tier varchar(10) CONSTRAINT \(t)_tier CHECK (tier IN ('free', 'pro')),
                                 n int DEFAULT 1);
                CREATE INDEX \(t)_paid ON \(t) (id) WHERE tier IN ('free', 'pro');
                """)
        }
        try ca.execute("""
            CREATE TABLE p (tier varchar(10));
            ALTER TABLE p ENABLE ROW LEVEL SECURITY;
            CREATE POLICY p_paid ON p USING (tier IN ('free', 'pro'));
            """)
        // The same objects, written as PostgreSQL first prints them; one real change (t3.n).
        let check = try ca.query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 't1_tier'").scalar!
        let predicate = try ca.query("SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = 't1_paid'::regclass").scalar!
        let qual = try ca.query("SELECT pg_get_expr(polqual, polrelid) FROM pg_policy WHERE polname = 'p_paid'").scalar!
        for t in tables {
            try cb.execute("""
                CREATE TABLE \(t) (id int PRIMARY KEY, tier varchar(10) CONSTRAINT \(t)_tier \(check),
                                 n int DEFAULT \(t == "t3" ? 2 : 1));
                CREATE INDEX \(t)_paid ON \(t) (id) WHERE \(predicate);
                """)
        }
        try cb.execute("""
            CREATE TABLE p (tier varchar(10));
            ALTER TABLE p ENABLE ROW LEVEL SECURITY;
            CREATE POLICY p_paid ON p USING \(qual);
            """)
        let raw = try [a, b].map { try CatalogReader.read(url: $0) }
        #expect(try plan(from: raw[0], to: raw[1]).changes.count > 6, "as read, checks, predicates and the policy differ in text")
        let (na, nb) = try dev.normaliseDifferences(raw[0], raw[1])
        #expect(try plan(from: na, to: nb).changes.map(\.summary) == ["set default of public.t3.n"])
        // What was printed again is what a database created from either side reads back as.
        let realised = try dev.realise(raw[1])
        #expect(nb.tables.first { $0.name.name == "t1" } == realised.tables.first { $0.name.name == "t1" })
    }
}
