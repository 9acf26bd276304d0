import BigInt

/// An exact decimal number that keeps its scale: `1.10000000` has eight fractional digits and
/// prints them all. For `numeric(p,s)` / `decimal(p,s)` columns (e.g. `decimal(20,8)`) and bare
/// `numeric`.
///
/// The value is `significand × 10^−scale`. Two decimals are equal when their values are,
/// whatever their scales (`1.1 == 1.10`), as in PostgreSQL. Nothing here converts through
/// `Double`: there is deliberately no float literal, since a literal such as `0.1` would be
/// rounded to binary before the initializer saw it. In JSON it is a string.
public struct ExactDecimal: Sendable, Comparable, Hashable, LosslessStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral
{
    public private(set) var significand: BigInt
    /// Digits after the decimal point.
    public private(set) var scale: Int

    public init(significand: BigInt, scale: Int) {
        precondition(scale >= 0, "scale must not be negative")
        self.significand = significand
        self.scale = scale
    }

    public init(_ integer: ExactInteger) { self.init(significand: integer.value, scale: 0) }
    public init<T: BinaryInteger>(_ value: T) { self.init(significand: BigInt(value), scale: 0) }
    public init(integerLiteral value: Int) { self.init(value) }

    /// A decimal written in source, such as `"1234.56780000"`; traps if it is not one.
    public init(stringLiteral text: String) {
        guard let value = ExactDecimal(text) else { preconditionFailure("'\(text)' is not a decimal number") }
        self = value
    }

    /// Parses `[+-]digits[.digits]` (also `.5`, `5.`) and optionally an exponent (`1.5e-3`,
    /// as JSON writes numbers). nil for anything else, including `NaN` and infinities.
    public init?(_ text: String) {
        var rest = Substring(text)
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = ExactInteger.validatedDigits(rest[rest.index(after: e)...]),
                  let parsed = Int(value), abs(parsed) < 100_000 else { return nil }
            exponent = parsed
            rest = rest[..<e]
        }
        let negative = rest.first == "-"
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty),
              (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }),
              let magnitude = BigInt(String(whole + fraction), radix: 10) else { return nil }
        var value = ExactDecimal(significand: negative ? -magnitude : magnitude, scale: fraction.count)
        if exponent > 0 {
            let shift = min(exponent, value.scale)
            value.scale -= shift
            value.significand *= BigInt(10).power(exponent - shift)
        } else if exponent < 0 {
            value.scale -= exponent
        }
        self = value
    }

    /// The value with exactly `scale` fractional digits, padding with zeros; nil if digits
    /// other than zeros would have to go.
    public func rescaled(to scale: Int) -> ExactDecimal? {
        if scale >= self.scale {
            return ExactDecimal(significand: significand * BigInt(10).power(scale - self.scale), scale: scale)
        }
        let divisor = BigInt(10).power(self.scale - scale)
        let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: divisor)
        return remainder == 0 ? ExactDecimal(significand: quotient, scale: scale) : nil
    }

    /// Without trailing fractional zeros: the form equal values share.
    public var normalized: ExactDecimal {
        var value = self
        while value.scale > 0 {
            let (quotient, remainder) = value.significand.quotientAndRemainder(dividingBy: 10)
            guard remainder == 0 else { break }
            value = ExactDecimal(significand: quotient, scale: value.scale - 1)
        }
        return value
    }

    /// Digits before the decimal point, not counting leading zeros (0.5 has none).
    public var integerDigitCount: Int {
        let whole = significand.magnitude / BigUInt(10).power(scale)
        return whole == 0 ? 0 : whole.description.count
    }

    /// Whether the value can be stored in `numeric(precision, scale)` without rounding.
    public func fits(precision: Int, scale: Int) -> Bool {
        rescaled(to: scale) != nil && integerDigitCount <= precision - scale
    }

    public var description: String {
        let digits = significand.magnitude.description
        let sign = significand.sign == .minus && significand != 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        return sign + padded.dropLast(scale) + "." + padded.suffix(scale)
    }

    public static func == (a: Self, b: Self) -> Bool { aligned(a, b).0 == aligned(a, b).1 }
    public static func < (a: Self, b: Self) -> Bool { aligned(a, b).0 < aligned(a, b).1 }
    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.scale)
    }

    public static func + (a: Self, b: Self) -> Self {
        let (x, y) = aligned(a, b)
        return ExactDecimal(significand: x + y, scale: max(a.scale, b.scale))
    }
    public static func - (a: Self, b: Self) -> Self {
        let (x, y) = aligned(a, b)
        return ExactDecimal(significand: x - y, scale: max(a.scale, b.scale))
    }
    /// Exact product; its scale is the sum of the scales.
    public static func * (a: Self, b: Self) -> Self {
        ExactDecimal(significand: a.significand * b.significand, scale: a.scale + b.scale)
    }
    public static prefix func - (a: Self) -> Self { ExactDecimal(significand: -a.significand, scale: a.scale) }
    public static func += (a: inout Self, b: Self) { a = a + b }
    public static func -= (a: inout Self, b: Self) { a = a - b }

    /// Both significands at the larger of the two scales.
    private static func aligned(_ a: Self, _ b: Self) -> (BigInt, BigInt) {
        let scale = max(a.scale, b.scale)
        return (a.rescaled(to: scale)!.significand, b.rescaled(to: scale)!.significand)
    }
}

extension ExactDecimal: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeText(decoder, "a decimal number") { ExactDecimal($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
