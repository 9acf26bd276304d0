import Catalog
import CompactCoding
import Foundation
import SQLRenderer
import SchemaModel
import Schemas
import Testing

/// The binary form the normalisation cache keeps models in: what is decoded is what was
/// encoded, the same value always encodes to the same bytes, and bytes that are not an
/// encoding of the type asked for throw.
@Suite("Compact coding")
struct CompactCodingTests {
    private func roundTrip<T: Codable & Equatable>(_ value: T) throws -> [UInt8] {
        let bytes = try CompactEncoder().encode(value)
        let decoded = try CompactDecoder().decode(T.self, from: bytes)
        #expect(decoded == value)
        #expect(try CompactEncoder().encode(decoded) == bytes, "the decoded value encodes to the same bytes")
        return bytes
    }

    @Test("a seed declaration, and the model read back from its database, decode to themselves",
          arguments: declaredSchemas.map(\.model.name))
    func seedModels(name: String) throws {
        let declared = try #require(declaredSchemas.first { $0.model.name == name }).validated()
        _ = try roundTrip(declared)
        let (_, connection) = try TestDatabase.fresh()
        try connection.execute(SQL.createStatements(for: try TestDatabase.dev().normalise(declared: declared)).script)
        let read = try CatalogReader.read(connection)
        #expect(!read.dependencies.isEmpty)
        _ = try roundTrip(read)
    }

    @Test("dictionaries encode alike whatever order their entries were added in")
    func dictionariesInOrder() throws {
        var a = Table(name: QualifiedName(schema: "public", "t"))
        var b = a
        let names = (0..<40).map { "index_\($0)" }
        for n in names { a.attachedIndexNames[n] = n + "_parent" }
        b.attachedIndexNames.reserveCapacity(1000)
        for n in names.reversed() { b.attachedIndexNames[n] = n + "_parent" }
        #expect(try roundTrip(a) == roundTrip(b))
    }

    @Test("optionals, nils in arrays, numbers at their limits and text beyond ASCII")
    func values() throws {
        struct Sample: Codable, Equatable {
            var name: String?
            var list: [Int?]
            var nested: [[String: [Int64]]]
            var small: Int8
            var big: UInt64
            var negative: Int64
            var ratio: Double
            var flag: Bool
            var empty: [String]
        }
        _ = try roundTrip(Sample(name: nil, list: [1, nil, -3], nested: [["b": [1, 2]], [:], ["a": []]], small: -128,
                                 big: .max, negative: .min, ratio: -0.1, flag: true, empty: []))
        _ = try roundTrip(Sample(name: "größe \"quoted\"\n", list: [], nested: [], small: 127, big: 0, negative: -1,
                                 ratio: .infinity, flag: false, empty: [""]))
    }

    @Test("a dependency graph with an object of every kind decodes to itself, through either coder")
    func everyKindOfObject() throws {
        let t = QualifiedName(schema: "sales", "orders"), parent = QualifiedName(schema: "public", "base")
        let objects: [ObjectID] = [
            .schema("sales"), .extension("pgcrypto"), .type(QualifiedName(schema: "sales", "mood")),
            .collation(QualifiedName("german")), .sequence(QualifiedName("orders_id_seq")),
            .sequenceOwner(QualifiedName("orders_id_seq")), .function(QualifiedName("total"), arguments: "integer,text"),
            .table(t), .inheritance(t, parent), .column(t, "id"), .columnDefault(t, "id"), .constraint(t, "orders_pkey"),
            .index(QualifiedName(schema: "sales", "orders_at")), .view(QualifiedName("recent")), .trigger(t, "audit"),
            .policy(t, "mine"), .unmanaged("rule r on table sales.orders"),
        ]
        var graph = Dependencies()
        for (i, object) in objects.enumerated() { graph.add(object, dependsOn: objects[(i + 1) % objects.count]) }
        graph.add(.column(t, "id"), dependsOn: .table(t))
        _ = try roundTrip(graph)
        let json = try JSONEncoder().encode(graph)
        #expect(try JSONDecoder().decode(Dependencies.self, from: json) == graph)
    }

    @Test("a dependency graph whose parts do not add up throws")
    func inconsistentGraph() throws {
        struct Flat: Codable {
            var names: [String]
            var objects: [Int32]
            var counts: [Int32]
            var targets: [Int32]
        }
        let good = Flat(names: ["public", "t", "id"], objects: [7, 0, 1, 9, 0, 1, 2], counts: [0, 1], targets: [0])
        #expect(try CompactDecoder().decode(Dependencies.self, from: CompactEncoder().encode(good)).of(.column(QualifiedName("t"), "id"))
            == [.table(QualifiedName("t"))])
        for bad in [
            Flat(names: good.names, objects: [99, 0, 1], counts: [0], targets: []),  // no such kind
            Flat(names: good.names, objects: [7, 0, 5], counts: [0], targets: []),  // no such name
            Flat(names: good.names, objects: [7, 0], counts: [0], targets: []),  // a name missing
            Flat(names: good.names, objects: good.objects, counts: [0, 2], targets: [0]),  // counts more than there are
            Flat(names: good.names, objects: good.objects, counts: [0], targets: [0]),  // counts for one object of two
            Flat(names: good.names, objects: good.objects, counts: [0, 1], targets: [2]),  // no object 2
            Flat(names: good.names, objects: good.objects, counts: [0, 1], targets: [1]),  // depends on itself
        ] {
            #expect(throws: DecodingError.self) { try CompactDecoder().decode(Dependencies.self, from: CompactEncoder().encode(bad)) }
        }
    }

    @Test("a cut, altered or mistyped encoding throws rather than traps")
    func badInput() throws {
        let model = DatabaseModel(name: "shop", tables: [Table(name: QualifiedName(schema: "public", "t"))])
        let bytes = try CompactEncoder().encode(model)
        for length in 0..<bytes.count {
            #expect(throws: DecodingError.self) { try CompactDecoder().decode(DatabaseModel.self, from: Array(bytes.prefix(length))) }
        }
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(DatabaseModel.self, from: bytes + [0]) }
        #expect(throws: DecodingError.self) { try CompactDecoder().decode([String].self, from: bytes) }
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Int8.self, from: try CompactEncoder().encode(300)) }
        var changed = bytes
        for i in changed.indices where changed[i] == 8 { changed[i] = 99 }  // no such tag
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(DatabaseModel.self, from: changed) }
    }
}
