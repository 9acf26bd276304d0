import BigInt
import Foundation
import NIOCore
import PostgresNIO
import PropertyBased
import SchemaGenPostgresNIO
import SchemaGenRuntime
import Testing

/// The binary codecs through a real server: what is sent in binary is what PostgreSQL prints,
/// what PostgreSQL sends in binary is what it prints, and its text reads back the same.
@Suite("PostgresNIO: exact binary codecs")
struct CodecTests {
    static let maxUInt256: ExactInteger = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
    static let nines78 = ExactInteger(BigInt(10).power(78) - 1)

    static let decimals: [ExactDecimal] = [
        "0", "0.00", "0.00000001", "1.10000000", "10000.0001", "1.0001", "100000000", "0.0001", "12345.678",
        "99999999999.99999999", "-99999999999.99999999", "-0.5", "123456789012345678901234567890.123456789012345678901234567890",
        ExactDecimal(nines78), ExactDecimal(-nines78), ExactDecimal(maxUInt256), "1e-20", "7.000", "10000", "9999.9999",
    ]

    /// Random decimals: up to 40 integer and 20 fractional digits (trailing zeros kept), signed.
    static func randomDecimals(_ count: Int, seed: UInt64) -> [ExactDecimal] {
        var rng = Xoshiro(seed: (seed, 7, 11, 13))
        return (0..<count).map { _ in
            let whole = String((0..<Int.random(in: 1...40, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
            let fraction = String((0..<Int.random(in: 0...20, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
            let text = (Bool.random(using: &rng) ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
            return ExactDecimal(text)!
        }
    }

    /// What PostgreSQL prints for each value sent in binary, and what it sends in binary for each text.
    static func roundTrip<T: PostgresArrayEncodable & PostgresArrayDecodable & CustomStringConvertible & Sendable>(
        _ values: [T], as type: String, on client: PostgresClient
    ) async throws -> (printed: [String], received: [T]) where T._DecodableType == T {
        let texts = values.map(\.description)
        let printed = try await client.query(
            "SELECT array_agg(v::text ORDER BY i) FROM unnest(\(values)) WITH ORDINALITY AS u(v, i)")
        var printedTexts: [String] = []
        for try await row in printed.decode([String].self) { printedTexts = row }
        let received = try await client.query(PostgresQuery(unsafeSQL: """
            SELECT array_agg(t::\(type) ORDER BY i) FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i)
            """, binds: { var b = PostgresBindings(); b.append(texts); return b }()))
        var receivedValues: [T] = []
        for try await row in received.decode([T].self) { receivedValues = row }
        return (printedTexts, receivedValues)
    }

    @Test func decimalsBothWays() async throws {
        let values = Self.decimals + Self.randomDecimals(2_000, seed: 1)
        let (printed, received) = try await TestServer.withClient(try TestServer.database()) { client in
            try await Self.roundTrip(values, as: "numeric", on: client)
        }
        #expect(printed == values.map(\.description))
        // Equal and with the same scale: the text is the same.
        #expect(received.map(\.description) == values.map(\.description))
    }

    @Test func decimalTwentyEightBounds() async throws {
        let values: [ExactDecimal] = ["99999999999.99999999", "-99999999999.99999999", "0.00000001", "0.00000000"]
        let printed = try await TestServer.withClient(try TestServer.database()) { client in
            var texts: [String] = []
            for value in values {
                for try await text in try await client.query("SELECT (\(value))::numeric(20,8)::text").decode(String.self) {
                    texts.append(text)
                }
            }
            return texts
        }
        #expect(printed == values.map(\.description))
    }

    @Test func integersBothWays() async throws {
        let values: [ExactInteger] = [0, 1, -1, 9999, 10000, Self.nines78, -Self.nines78, Self.maxUInt256, "-9223372036854775809"]
        let (printed, received) = try await TestServer.withClient(try TestServer.database()) { client in
            try await Self.roundTrip(values, as: "numeric(78,0)", on: client)
        }
        #expect(printed == values.map(\.description))
        #expect(received == values)
    }

    @Test func integersFromIntegerColumnsAndNotFromFractions() async throws {
        let db = try TestServer.database()
        try await TestServer.withClient(db) { client in
            for try await (a, b, c, d) in try await client.query(
                "SELECT 7::int2, (-2147483648)::int4, 9223372036854775807::int8, 1.000::numeric").decode(
                    (ExactInteger, ExactInteger, ExactInteger, ExactInteger).self) {
                #expect([a, b, c, d] == [7, -2_147_483_648, ExactInteger(Int64.max), 1])
            }
            await #expect(throws: (any Error).self) {
                for try await _ in try await client.query("SELECT 1.5::numeric").decode(ExactInteger.self) {}
            }
            // A domain's values come as its base type's.
            try await client.query("CREATE DOMAIN wei AS numeric(78,0) CHECK (VALUE >= 0)")
            for try await value in try await client.query("SELECT \(Self.maxUInt256)::wei").decode(ExactInteger.self) {
                #expect(value == Self.maxUInt256)
            }
        }
    }

    struct Amount: Decodable { var amount: ExactDecimal }
    struct Wei: Decodable { var wei: ExactInteger }

    @Test("NaN and infinities are refused, by column name", arguments: ["NaN", "Infinity", "-Infinity"])
    func nonFinite(_ special: String) async throws {
        let db = try TestServer.database()
        try await TestServer.withClient(db) { client in
            let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT '\(special)'::numeric AS amount"))
            do {
                _ = try await rows.collectByName(Amount.self)
                Issue.record("\(special) was read")
            } catch let error as RowCodingError {
                #expect(error.column == "amount")
                #expect(error.description.contains(special))
            }
        }
    }

    @Test("through PostgresNIO's own decode, NaN is refused with the column named")
    func nonFiniteThroughPostgresNIO() async throws {
        let db = try TestServer.database()
        try await TestServer.withClient(db) { client in
            do {
                for try await _ in try await client.query("SELECT 1 AS n, 'NaN'::numeric AS amount").decode((Int, ExactDecimal).self) {}
                Issue.record("NaN was read")
            } catch let error as PostgresDecodingError {
                #expect(error.columnName == "amount")
                #expect(error.targetType is ExactDecimal.Type)
            }
        }
    }

    @Test func textFormatCells() throws {
        func read<T: PostgresDecodable>(_ text: String, _ type: PostgresDataType, as: T.Type) throws -> T {
            var buffer = ByteBuffer(string: text)
            return try T(from: &buffer, type: type, format: .text, context: .default)
        }
        #expect(try read("1.10000000", .numeric, as: ExactDecimal.self).description == "1.10000000")
        #expect(try read("115792089237316195423570985008687907853269984665640564039457584007913129639935", .numeric,
                         as: ExactInteger.self) == Self.maxUInt256)
        #expect(try read("2024-02-29 23:59:59.999999+00", .timestamptz, as: Timestamp.self).description
            == "2024-02-29 23:59:59.999999+00")
        #expect(try read("0044-03-15 BC", .date, as: CalendarDate.self).description == "0044-03-15 BC")
        #expect(try read("infinity", .date, as: CalendarDate.self) == .infinity)
        #expect(throws: (any Error).self) { try read("NaN", .numeric, as: ExactDecimal.self) }
    }

    @Test func timestampsAndDates() async throws {
        var rng = Xoshiro(seed: (5, 6, 7, 8))
        // Years 4713 BC to 9999 AD, to the microsecond, and the infinities.
        let low = Timestamp("4713-01-01 00:00:00+00 BC")!.microsecondsSince2000
        let high = Timestamp("9999-12-31 23:59:59.999999+00")!.microsecondsSince2000
        let stamps = [Timestamp.infinity, .negativeInfinity, Timestamp("2000-01-01 00:00:00+00")!]
            + (0..<500).map { _ in Timestamp(microsecondsSince2000: Int64.random(in: low...high, using: &rng)) }
        let locals = stamps.map { LocalTimestamp(microsecondsSince2000: $0.microsecondsSince2000) }
        let dates = [CalendarDate.infinity, .negativeInfinity, CalendarDate("0001-01-01 BC")!]
            + (0..<500).map { _ in CalendarDate(daysSince2000: Int32.random(in: -2_451_545...2_900_000, using: &rng)) }
        let db = try TestServer.database()
        try TestServer.libpq(db).execute("ALTER DATABASE \"\(db)\" SET TimeZone = 'UTC'")
        let results = try await TestServer.withClient(db) { client in
            (try await Self.roundTrip(stamps, as: "timestamptz", on: client),
             try await Self.roundTrip(locals, as: "timestamp", on: client),
             try await Self.roundTrip(dates, as: "date", on: client))
        }
        #expect(results.0.printed == stamps.map(\.description))
        #expect(results.0.received == stamps)
        #expect(results.1.printed == locals.map(\.description))
        #expect(results.1.received == locals)
        #expect(results.2.printed == dates.map(\.description))
        #expect(results.2.received == dates)
    }

    @Test func jsonKeepsEveryDigit() async throws {
        let forty = "1234567890123456789012345678901234567890.5"
        let value = JSONValue(json: #"{"amount": \#(forty), "list": [1, "two", null, true], "tiny": 0.00000000000000000001}"#)!
        let db = try TestServer.database("CREATE TABLE docs (body jsonb, raw json)")
        let back = try await TestServer.withClient(db) { client in
            try await client.query("INSERT INTO docs VALUES (\(value), NULL)")
            var out: [(JSONValue, String)] = []
            for try await row in try await client.query("SELECT body, body::text FROM docs").decode((JSONValue, String).self) {
                out.append(row)
            }
            for try await row in try await client.query("SELECT '{\"b\": 1.50, \"a\": 2}'::json, '' ").decode((JSONValue, String).self) {
                out.append(row)
            }
            return out
        }
        #expect(back[0].0 == value)
        #expect(back[0].1.contains(forty))
        #expect(back[0].1.contains("0.00000000000000000001"))
        // json is read as written: the trailing zero of a number kept.
        #expect(back[1].0.json.contains("1.50"))
    }
}
