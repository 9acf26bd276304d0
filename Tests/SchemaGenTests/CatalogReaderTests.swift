import Catalog
import LibPQClient
import SQLRenderer
import SchemaModel
import Schemas
import Testing

@Suite("The catalog reader")
struct CatalogReaderTests {
    @Test("a seed schema read back, rendered and created again reads back the same",
          arguments: declaredSchemas.map(\.model.name))
    func readRenderReread(name: String) throws {
        let declared = try #require(declaredSchemas.first { $0.model.name == name }).validated()
        let (_, first) = try TestDatabase.fresh()
        try first.execute(SQL.createStatements(for: try TestDatabase.dev().normalise(declared: declared)).script)
        let read = try CatalogReader.read(first)
        #expect(read.tables.count == declared.tables.count)
        #expect(read.views.count == declared.views.count)
        #expect(read.functions.count == declared.functions.count)
        #expect(read.enums.map(\.labels) == declared.enums.sorted { $0.name < $1.name }.map(\.labels))

        let (_, second) = try TestDatabase.fresh()
        try second.execute(SQL.createStatements(for: read).script)
        let reread = try CatalogReader.read(second)
        let (_, third) = try TestDatabase.fresh()
        try third.execute(SQL.createStatements(for: reread).script)
        let rereread = try CatalogReader.read(third)
        // PostgreSQL's printed expressions are not always a fixed point, but the second print is.
        #expect(differences(rereread.canonical(), reread.canonical()) == [])
    }

    @Test("a read prints names the same way whatever search path the session or the role set")
    func searchPathIndependent() throws {
        let (url, connection) = try TestDatabase.loaded("""
            CREATE SCHEMA app;
            CREATE TYPE app.state AS ENUM ('open', 'closed');
            CREATE FUNCTION app.positive(n numeric) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN n > 0;
            CREATE TABLE app.account (
              id bigint PRIMARY KEY, balance numeric(20, 8) CHECK (app.positive(balance)),
              state app.state NOT NULL DEFAULT 'open');
            CREATE VIEW app.open_accounts AS SELECT id FROM app.account WHERE state = 'open';
            """)
        let fresh = try CatalogReader.read(url: url)
        let checks = fresh.tables.first?.constraints.compactMap { c -> String? in
            if case .check(let expression) = c.kind { expression } else { nil }
        }
        #expect(checks == ["app.positive(balance)"])
        // As pg_dump's output leaves the session, and as a role's own setting would.
        try connection.execute("SELECT pg_catalog.set_config('search_path', '', false)")
        #expect(try CatalogReader.read(connection) == fresh)
        try connection.execute("SET search_path = app")
        #expect(try CatalogReader.read(connection) == fresh)
        try connection.execute("ALTER ROLE CURRENT_USER IN DATABASE \(quoteIdentifier(try #require(connection.query("SELECT current_database()").scalar))) SET search_path = app, public")
        #expect(try CatalogReader.read(url: url) == fresh)
    }

    @Test("a read on one connection ends the transaction it opened, and leaves the caller's open as it was")
    func transactionLeftAsFound() throws {
        let (_, connection) = try TestDatabase.loaded("""
            CREATE TABLE account (id bigserial PRIMARY KEY, balance numeric(20, 8) CHECK (balance >= 0));
            CREATE VIEW positive AS SELECT id FROM account WHERE balance > 0;
            """)
        let settings = "SELECT current_setting('enable_nestloop') || ' ' || current_setting('work_mem')"
        let before = try connection.query(settings).scalar
        let read = try CatalogReader.read(connection)
        #expect(read.tables.map(\.name.name) == ["account"])
        #expect(read.views.map(\.name.name) == ["positive"])
        #expect(!connection.inTransaction)
        #expect(try connection.query(settings).scalar == before)

        // In the caller's transaction: what it did so far is read, and it stays open.
        try connection.execute("BEGIN; CREATE TABLE ledger (id bigint PRIMARY KEY)")
        let inside = try CatalogReader.read(connection)
        #expect(inside.tables.map(\.name.name).sorted() == ["account", "ledger"])
        #expect(connection.inTransaction)
        #expect(try connection.query(settings).scalar == before)
        try connection.execute("ROLLBACK")
        #expect(try CatalogReader.read(connection).tables.map(\.name.name) == ["account"])
    }

    @Test("a large result comes a batch at a time, every row in order; a batch refused leaves the connection usable")
    func batches() throws {
        let (_, connection) = try TestDatabase.fresh()
        try connection.execute("BEGIN")
        for count in [0, 2, 3, 6, 7] {
            var rows: [String] = []
            var sizes: [Int] = []
            try connection.forEachBatch(of: "SELECT g::text FROM generate_series(1, \(count)) g", size: 3) { batch in
                sizes.append(batch.rowCount)
                rows += batch.rows.map { $0[0] ?? "" }
            }
            #expect(rows == (0..<count).map { String($0 + 1) })
            #expect(sizes.allSatisfy { $0 <= 3 } && sizes.dropLast().allSatisfy { $0 == 3 })
        }
        struct Refused: Error {}
        // The first batch is refused while the second is already asked for.
        #expect(throws: Refused.self) {
            try connection.forEachBatch(of: "SELECT generate_series(1, 10)", size: 3) { _ in throw Refused() }
        }
        // The cursor was closed, the transaction is intact: the same cursor serves again.
        var total = 0
        try connection.forEachBatch(of: "SELECT generate_series(1, 10)", size: 3) { total += $0.rowCount }
        #expect(total == 10)
        #expect(try connection.query("SELECT 1").scalar == "1")
        try connection.execute("COMMIT")
    }
}
