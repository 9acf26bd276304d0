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
}
