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
