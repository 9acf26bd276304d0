import BigInt

/// An integer of any size, for `numeric(p,0)` columns such as `numeric(78,0)` (uint256 wei
/// amounts): it holds 2^256−1, 10^78−1 and −(10^78−1) exactly.
///
/// Signed even where a CHECK keeps a column non-negative, so that one type serves every
/// `numeric(p,0)` column and subtraction never traps. It never converts through `Double`; in
/// JSON it is a string of digits, since JSON readers commonly parse numbers as doubles.
///
/// Written as an integer literal within `Int`'s range (`let fee: ExactInteger = 21_000`), and as
/// a string literal beyond it (`let max: ExactInteger = "115792089237316195423570985008687907853269984665640564039457584007913129639935"`),
/// as `ExactDecimal` is.
public struct ExactInteger: Sendable, Hashable, Comparable, LosslessStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral
{
    public var value: BigInt

    public init(_ value: BigInt) { self.value = value }
    public init<T: BinaryInteger>(_ value: T) { self.value = BigInt(value) }
    public init(integerLiteral value: Int) { self.value = BigInt(value) }

    /// A literal of decimal digits, optionally signed; anything else stops the program, as a
    /// mistyped literal is a programming error.
    public init(stringLiteral text: String) {
        guard let value = ExactInteger(text) else { preconditionFailure("'\(text)' is not an integer") }
        self = value
    }

    /// Parses an optionally signed run of decimal digits (`-42`, `+7`); nil for anything else.
    public init?(_ description: String) {
        guard let digits = ExactInteger.validatedDigits(description[...]) else { return nil }
        guard let parsed = BigInt(digits, radix: 10) else { return nil }
        value = parsed
    }

    public var description: String { value.description }

    /// How many decimal digits the magnitude has (0 has one).
    public var digitCount: Int { value.magnitude.description.count }

    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
    public static func + (a: Self, b: Self) -> Self { Self(a.value + b.value) }
    public static func - (a: Self, b: Self) -> Self { Self(a.value - b.value) }
    public static func * (a: Self, b: Self) -> Self { Self(a.value * b.value) }
    /// Truncating division, as PostgreSQL's `div`.
    public static func / (a: Self, b: Self) -> Self { Self(a.value / b.value) }
    public static func % (a: Self, b: Self) -> Self { Self(a.value % b.value) }
    public static prefix func - (a: Self) -> Self { Self(-a.value) }
    public static func += (a: inout Self, b: Self) { a = a + b }
    public static func -= (a: inout Self, b: Self) { a = a - b }

    /// `text` without surrounding spaces if it is `[+-]digits`, with a leading `+` removed.
    static func validatedDigits(_ text: Substring) -> Substring? {
        var body = text
        if body.first == "+" { body = body.dropFirst() } else if body.first == "-" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return text.first == "+" ? text.dropFirst() : text
    }
}

extension ExactInteger: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeText(decoder, "an integer") { ExactInteger($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
