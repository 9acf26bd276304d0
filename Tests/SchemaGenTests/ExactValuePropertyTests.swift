import PropertyBased
import SchemaGenLibPQ
import SchemaGenRuntime
import Testing

/// 10,000 random values per exact type: text → value → text is the identity, and for a sample
/// of them so is a trip through PostgreSQL (bound as text, cast to the column type, printed).
@Suite("Exact values: property checks")
struct ExactValuePropertyTests {
    static let count = 10_000

    /// Canonical integer text: no leading zeros, no sign on zero, up to 78 digits.
    static let integerText = zip(Gen.bool, Gen.character(in: "0"..."9").string(of: 1...78)).map { negative, digits in
        let trimmed = String(digits.drop { $0 == "0" })
        return trimmed.isEmpty ? "0" : (negative ? "-" : "") + trimmed
    }

    /// Canonical decimal text with 0–30 fractional digits (trailing zeros kept: they are scale);
    /// a sign unless the value is zero.
    static let decimalText = zip(Gen.bool, integerText, Gen.character(in: "0"..."9").string(of: 0...30))
        .map { negative, whole, fraction in
            let magnitude = whole.trimmingPrefix("-") + (fraction.isEmpty ? "" : "." + fraction)
            let isZero = magnitude.allSatisfy { $0 == "0" || $0 == "." }
            return (negative && !isZero ? "-" : "") + magnitude
        }

    /// PostgreSQL's text for timestamptz in UTC, microseconds trimmed of trailing zeros, years 1–9999.
    static let timestampText = zip(Gen.int(in: 1...9999), Gen.int(in: 0...(365 * 86_400 - 1)), Gen.int(in: 0...999_999))
        .map { year, second, micro in
            let start = Timestamp("\(pad(year, 4))-01-01 00:00:00+00")!.microsecondsSince2000
            return Timestamp(microsecondsSince2000: start + Int64(second) * 1_000_000 + Int64(micro)).description
        }

    static let dateText = Gen.int(in: -2_451_545...2_900_000).map { CalendarDate(daysSince2000: Int32($0)).description }

    static func pad(_ n: Int, _ width: Int) -> String {
        String(repeating: "0", count: max(0, width - String(n).count)) + String(n)
    }

    @Test func integers() async {
        await propertyCheck(count: Self.count, input: Self.integerText) { text in
            #expect(ExactInteger(text)?.description == text)
        }
    }

    @Test func decimals() async {
        await propertyCheck(count: Self.count, input: Self.decimalText) { text in
            #expect(ExactDecimal(text)?.description == text)
        }
    }

    @Test func timestamps() async {
        await propertyCheck(count: Self.count, input: Self.timestampText) { text in
            #expect(Timestamp(text)?.description == text)
        }
    }

    @Test func dates() async {
        await propertyCheck(count: Self.count, input: Self.dateText) { text in
            #expect(CalendarDate(text)?.description == text)
        }
    }

    @Test("PostgreSQL prints back what it was given", arguments: [
        ("numeric(78,0)", 0), ("numeric", 1), ("timestamptz", 2), ("date", 3),
    ])
    func throughPostgres(type: String, kind: Int) throws {
        var rng = Xoshiro(seed: (1, 2, 3, UInt64(kind)))
        let sample: [String] = (0..<1_000).map { _ in
            switch kind {
            case 0: Self.integerText.run(using: &rng)
            case 1: Self.decimalText.run(using: &rng)
            case 2: Self.timestampText.run(using: &rng)
            default: Self.dateText.run(using: &rng)
            }
        }
        let db = try DatabaseSession(url: TestDatabase.fresh().url)
        let printed = try db.connection.query(
            "SELECT v::\(type)::text FROM unnest($1::text[]) WITH ORDINALITY AS t(v, i) ORDER BY i", [sample.postgresText])
        #expect(printed.rows.map { $0[0] } == sample)
    }
}
