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
}
