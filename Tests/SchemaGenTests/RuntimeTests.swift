import BigInt
import Catalog
import SchemaDSL
import SwiftGenerator
import Foundation
import GeneratedModels
import SQLRenderer
import SchemaGenLibPQ
import SchemaGenRuntime
import Schemas
import Testing

/// Every row of the type mapping, written from a generated struct through SchemaGenRuntime into
/// a real database and read back.
@Suite("Runtime: rows in and out")
struct RuntimeTests {
    typealias Sample = TypeCoverage.Sample

    static let twoTo256Minus1 = ExactInteger(BigInt(1) << 256 - 1)
    static let tenTo78Minus1 = ExactInteger(BigInt(10).power(78) - 1)

    /// A session on a new database holding the type-coverage schema.
    static func session() throws -> DatabaseSession {
        let (url, connection) = try TestDatabase.fresh()
        try connection.execute(TestDatabase.createScript(typeCoverage.validated()))
        return try DatabaseSession(url: url)
    }

    static let samples: [Sample] = [
        Sample(
            id: 1, uuidValue: UUID(), textValue: "naïve — 日本語 🐘 'single' \"double\" back\\slash\ttab",
            varcharValue: "twenty characters ok", charValue: "abc", smallintValue: .min, integerValue: .max,
            bigintValue: .min, booleanValue: true, realValue: 1.1, doubleValue: 0.1 + 0.2,
            timestamptzValue: Timestamp("2026-11-22 05:15:44.123456+00"),
            timestampValue: LocalTimestamp("1999-12-31 23:59:59.999999"), dateValue: CalendarDate("0044-03-15 BC"),
            jsonbValue: JSONValue(json: #"{"a": 1.50, "big": 123456789012345678901234567890, "s": "x\u0001é", "n": null, "l": [true, false, -0.5e-3]}"#),
            jsonValue: ["nested": ["x": 1], "list": [1, "two", nil]],
            byteaValue: Data([0, 255, 10, 92, 34]),
            textArray: ["", "a,b", "\"q\"", "NULL", "back\\slash", "{}", " padded "], integerArray: [1, -2, .max],
            moodArray: [.calm, .über], moodValue: .inAHurry,
            wei: twoTo256Minus1, amount: "999999999999.99999999", domainAmount: "-0.00000001",
            anyNumeric: "123456789012345678901234567890.123456789012345678901234567890",
            intervalValue: "1 year 2 mons 3 days 04:05:06.789", inetValue: "192.168.0.1/24", rowVersion: 0),
        Sample(
            id: 2, timestamptzValue: .infinity, timestampValue: .negativeInfinity, dateValue: CalendarDate("2024-02-29"),
            jsonbValue: [], textArray: [], integerArray: [], moodArray: [],
            wei: tenTo78Minus1, amount: 0, domainAmount: "1.10000000", anyNumeric: "0.000", rowVersion: 0),
        Sample(id: 3, wei: -tenTo78Minus1, amount: "-999999999999.99999999", rowVersion: 0),
        Sample(id: 4, rowVersion: 0),
    ]

    @Test("Every mapped type round-trips: extremes, NULLs, empty arrays, unicode, microseconds")
    func roundTrip() throws {
        let db = try Self.session()
        for sample in Self.samples {
            let stored = try db.insert(sample)
            var expected = sample
            expected.rowVersion = stored.rowVersion
            #expect(stored == expected)
        }
        let read = try db.fetch(Sample.self, "SELECT * FROM samples ORDER BY id")
        #expect(read.count == Self.samples.count)
        for (got, sample) in zip(read, Self.samples) {
            var expected = sample
            expected.rowVersion = got.rowVersion
            #expect(got == expected, "row \(sample.id)")
        }
        // Exact digits and kept scales, as text.
        #expect(read[0].wei?.description == "115792089237316195423570985008687907853269984665640564039457584007913129639935")
        #expect(read[1].wei?.description == String(repeating: "9", count: 78))
        #expect(read[2].wei?.description == "-" + String(repeating: "9", count: 78))
        #expect(read[1].amount?.description == "0.00000000")
        #expect(read[1].domainAmount?.description == "1.10000000")
        #expect(read[0].domainAmount?.description == "-0.00000001")
        #expect(read[1].anyNumeric?.description == "0.000")
        #expect(read[0].intervalValue == "1 year 2 mons 3 days 04:05:06.789" && read[0].inetValue == "192.168.0.1/24")
        #expect(read[0].timestamptzValue?.description == "2026-11-22 05:15:44.123456+00")
        #expect(read[0].jsonbValue == .object([
            "a": .number("1.50"), "big": .number("123456789012345678901234567890"), "s": "x\u{1}é", "n": .null,
            "l": [true, false, .number("-0.0005")],
        ]))
        // The database agrees on the values, not only the runtime.
        let text = try db.connection.query(
            "SELECT wei::text, amount::text, timestamptz_value::text, date_value::text FROM samples WHERE id = 1")
        #expect(text.rows[0] == [Self.twoTo256Minus1.description, "999999999999.99999999",
                                 "2026-11-22 05:15:44.123456+00", "0044-03-15 BC"])
        #expect(try db.connection.query("SELECT count(*) FROM samples WHERE wei = 10::numeric ^ 78 - 1").scalar == "1")
    }

    @Test("A value that does not fit DECIMAL(20,8) is refused before any SQL is sent")
    func decimalOverflow() throws {
        let db = try Self.session()
        for (column, value) in [("amount", "1234567890123.000000001"), ("amount", "1.000000001"), ("amount", "1234567890123")] {
            var sample = Sample(id: 1, rowVersion: 0)
            sample.amount = ExactDecimal(value)
            #expect {
                try db.insert(sample)
            } throws: { error in
                let error = try #require(error as? RowCodingError)
                return error.column == column && error.value == ExactDecimal(value)!.description
                    && "\(error)".contains("does not fit numeric(20,8)")
            }
        }
        var tooWide = Sample(id: 1, rowVersion: 0)
        tooWide.wei = ExactInteger(BigInt(10).power(78))
        #expect(throws: RowCodingError.self) { try db.insert(tooWide) }
        // Trailing zeros beyond the scale lose nothing, so they are accepted.
        var exact = Sample(id: 2, rowVersion: 0)
        exact.amount = "1.100000000000"
        #expect(try db.insert(exact).amount?.description == "1.10000000")
        // RowCodingError comes from the encoder, before a statement exists; the table agrees.
        #expect(try db.connection.query("SELECT count(*) FROM samples WHERE id = 1").scalar == "0")
    }

    @Test("Decoding errors name the column and the value")
    func decodingErrors() throws {
        let db = try Self.session()
        #expect {
            try db.fetch(Sample.self, "SELECT 1::bigint AS id, 'not-a-uuid' AS uuid_value, 1::bigint AS row_version")
        } throws: { error in
            "\(error)" == "column \"uuid_value\": value 'not-a-uuid': is not a valid UUID"
        }
        #expect {
            try db.fetch(Sample.self, "SELECT NULL::bigint AS id, 1::bigint AS row_version")
        } throws: { error in
            "\(error)".contains("column \"id\"") && "\(error)".contains("NULL")
        }
        #expect {
            try db.fetch(Sample.self, "SELECT 1::bigint AS id, 'NaN'::numeric AS any_numeric, 1::bigint AS row_version")
        } throws: { error in
            "\(error)".contains("any_numeric") && "\(error)".contains("NaN")
        }
    }

    @Test("Update and delete find the row by its primary key")
    func updateAndDelete() throws {
        let db = try Self.session()
        var sample = try db.insert(Sample(id: 7, amount: "1.5", rowVersion: 0))
        sample.amount = "2.25"
        sample.moodValue = .calm
        #expect(try db.update(sample).amount == "2.25")
        #expect(try db.fetchAll(Sample.self).map(\.moodValue) == [.calm])
        try db.delete(sample)
        #expect(try db.fetchAll(Sample.self).isEmpty)
        #expect(throws: RowNotFound.self) { try db.delete(sample) }
    }

    @Test("JSON carries exact numbers as strings and reads them back")
    func jsonEncoding() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(Self.samples[0])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""wei":"115792089237316195423570985008687907853269984665640564039457584007913129639935""#))
        #expect(text.contains(#""amount":"999999999999.99999999""#))
        #expect(text.contains(#""timestamptz_value":"2026-11-22T05:15:44.123456Z""#))
        #expect(try JSONDecoder().decode(Sample.self, from: data) == Self.samples[0])
    }

    @Test("Seed structs: a compute pool with uint256 reserves and a MineGNK earnings row")
    func seedStructs() throws {
        let (url, connection) = try TestDatabase.fresh()
        try connection.execute(TestDatabase.createScript(computePools.validated()))
        try connection.execute(TestDatabase.createScript(mineGNK.validated()))
        let db = try DatabaseSession(url: url)
        let now = Timestamp(Date())
        let pool = ComputePools.ComputePool(
            id: UUID(), name: "gpu-east", resourceType: .gpu, resourceReserve: Self.twoTo256Minus1,
            tokenReserve: 1_000_000_000_000_000_000, totalLpTokens: 0, feeRate: "0.0030", volume24h: 0, totalVolume: 0,
            apr: "12.5000", status: .active, metadata: ["region": "eu"], createdAt: now, updatedAt: now)
        #expect(try db.insert(pool) == pool)
        let earnings = Minegnk.EarningsHistory(
            id: UUID(), date: CalendarDate(year: 2026, month: 11, day: 22)!, earningsGnk: "999999999999.99999999",
            source: "tracker", createdAt: now)
        #expect(try db.insert(earnings) == earnings)
        #expect(try db.fetchAll(Minegnk.EarningsHistory.self) == [earnings])
        // A view struct reads the view's computed columns.
        let active = try db.fetchAll(ComputePools.VActivePool.self)
        #expect(active.map(\.id) == [pool.id])
    }

    @Test("ExactInteger takes a string literal beyond Int's range, as ExactDecimal does")
    func integerStringLiteral() {
        let max: ExactInteger = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
        let negative: ExactInteger = "-42"
        #expect(max == Self.twoTo256Minus1 && negative == -42)
    }

    @Test("Insert leaves id, timestamps, defaulted status and scores to the database, and writes NULL when asked")
    func insertWithDatabaseDefaults() throws {
        let (url, connection) = try TestDatabase.fresh()
        try connection.execute(TestDatabase.createScript(ainp.validated()))
        try connection.execute(TestDatabase.createScript(computePools.validated()))
        let db = try DatabaseSession(url: url)
        let agent = try db.insert(Ainp.Agent.Insert(did: "did:ainp:1", name: "scout", publicKey: "pk"))
        #expect(agent.did == "did:ainp:1" && agent.trustScore.description == "0.5000" && agent.tags == [])
        #expect(agent.usefulnessScoreCached?.description == "0")
        #expect(try connection.query("SELECT registered_at > now() - interval '1 minute' FROM agents").scalar == "t")
        // A nullable column with a default: nil leaves the default, .some(nil) writes NULL.
        let unscored = try db.insert(Ainp.Agent.Insert(did: "did:ainp:2", name: "quiet", publicKey: "pk2",
                                                       usefulnessScoreCached: .some(nil)))
        #expect(unscored.usefulnessScoreCached == nil && unscored.id != agent.id)
        #expect(try db.fetchAll(Ainp.Agent.self).count == 2)
        // An enum column's default, and exact values still checked before any SQL is sent.
        let pool = try db.insert(ComputePools.ComputePool.Insert(name: "gpu-west", resourceType: .gpu,
                                                                 resourceReserve: Self.twoTo256Minus1, tokenReserve: 1))
        #expect(pool.status == .active && pool.resourceReserve == Self.twoTo256Minus1)
        #expect(throws: RowCodingError.self) {
            try db.insert(ComputePools.ComputePool.Insert(name: "x", resourceType: .gpu, resourceReserve: 1, tokenReserve: 1,
                                                          feeRate: "0.00001"))
        }
    }
}

/// The README's type-mapping table is what the generator does.
@Suite("Type mapping table")
struct TypeMappingTableTests {
    @Test func readmeTableMatchesGenerator() throws {
        let readme = try String(contentsOf: GeneratedFilesTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = readme.components(separatedBy: "### Type mapping")[1].components(separatedBy: "\n## ")[0]
        let table = section.split(separator: "\n")
            .filter { $0.hasPrefix("| `") }
        let models = SwiftModels(model: try typeCoverage.validated())
        var checked = 0
        for row in table {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let postgres = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let swift = cells[1].split(separator: "`")[0]
            guard !postgres.contains("`") else { continue }  // "interval`, `inet`, …" is checked below
            #expect(models.swiftType(parseType(postgres)) == swift, "\(postgres)")
            checked += 1
        }
        #expect(checked == 20)  // the rows with one PostgreSQL type each
        #expect(models.swiftType(.interval) == "String" && models.swiftType(.inet) == "String")
        #expect(models.swiftType(.named(QualifiedName("mood"))) == "Mood" && models.swiftType(.named(QualifiedName("gnk_amount"))) == "ExactDecimal")
    }
}
