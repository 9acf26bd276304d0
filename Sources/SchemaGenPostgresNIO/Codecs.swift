import BigInt
import Foundation
import NIOCore
import PostgresNIO
import SchemaGenRuntime

// PostgreSQL's binary formats for the runtime's exact types. Every requirement is written out:
// PostgresNIO gives any `Codable` type a JSON default that would otherwise bind a number as jsonb.

/// A value PostgreSQL sent that the Swift type cannot hold exactly (NaN, a fraction for an
/// integer, another type). Read by column name (`decodeByName`), it becomes a `RowCodingError`
/// naming the column and saying this; read through PostgresNIO's own `decode`, a
/// `PostgresDecodingError`, which names the column, the types and the bytes.
public struct PostgresValueError: Error, CustomStringConvertible, Sendable {
    public var problem: String
    public init(_ problem: String) { self.problem = problem }
    public var description: String { problem }
}

/// The types read here in PostgreSQL's wire formats, with a reason when a value is refused.
protocol WireReadable {
    static func read(_ buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> Self
}

/// PostgresNIO adds the column's name, types and bytes only to its own error codes.
func decodingForPostgresNIO<T>(_ read: () throws -> T) throws -> T {
    do {
        return try read()
    } catch is PostgresValueError {
        throw PostgresDecodingError.Code.failure
    }
}

// MARK: numeric

/// `numeric`'s binary form: base-10000 digits, the weight of the first, a sign word and the
/// display scale. Exact in both directions; NaN and ±Infinity have no exact Swift value.
enum NumericWire {
    static let positive: UInt16 = 0x0000, negative: UInt16 = 0x4000, nan: UInt16 = 0xC000
    static let infinity: UInt16 = 0xD000, negativeInfinity: UInt16 = 0xF000
    /// The largest display scale and weight the binary form can carry.
    static let maxScale = 0x3FFF

    /// Whether PostgreSQL's numeric can hold it: 16383 digits after the point, 131072 before.
    static func fits(_ value: ExactDecimal) -> Bool {
        value.scale <= maxScale && value.integerDigitCount <= 131_072
    }

    /// A value beyond what PostgreSQL's numeric holds is written with an invalid sign word, so that
    /// the server refuses it ("invalid sign in external numeric value") instead of storing another.
    static func write(_ value: ExactDecimal, into buffer: inout ByteBuffer) {
        guard fits(value) else {
            buffer.writeInteger(Int16(0)); buffer.writeInteger(Int16(0)); buffer.writeInteger(UInt16(0xFFFF)); buffer.writeInteger(Int16(0))
            return
        }
        let digits = value.significand.magnitude.description
        // Split at the decimal point into groups of four digits, padded outwards.
        let integerCount = max(0, digits.count - value.scale)
        let fraction = String(repeating: "0", count: max(0, value.scale - digits.count)) + digits.suffix(value.scale)
        let integer = digits.prefix(integerCount)
        let integerPadded = String(repeating: "0", count: (4 - integer.count % 4) % 4) + integer
        let fractionPadded = fraction + String(repeating: "0", count: (4 - fraction.count % 4) % 4)
        var groups = chunks(integerPadded) + chunks(fractionPadded)
        var weight = integerPadded.count / 4 - 1
        while let first = groups.first, first == 0 { groups.removeFirst(); weight -= 1 }
        while let last = groups.last, last == 0 { groups.removeLast() }
        if groups.isEmpty { weight = 0 }
        buffer.writeInteger(Int16(groups.count))
        buffer.writeInteger(Int16(weight))
        buffer.writeInteger(value.significand.sign == .minus && !groups.isEmpty ? negative : positive)
        buffer.writeInteger(Int16(value.scale))
        for group in groups { buffer.writeInteger(group) }
    }

    private static func chunks(_ text: String) -> [Int16] {
        let bytes = Array(text.utf8)
        return stride(from: 0, to: bytes.count, by: 4).map { start in
            bytes[start..<start + 4].reduce(Int16(0)) { $0 * 10 + Int16($1 - 48) }
        }
    }

    static func read(_ buffer: inout ByteBuffer) throws -> ExactDecimal {
        guard let count = buffer.readInteger(as: Int16.self), let weight = buffer.readInteger(as: Int16.self),
              let sign = buffer.readInteger(as: UInt16.self), let scale = buffer.readInteger(as: Int16.self),
              count >= 0, scale >= 0, buffer.readableBytes == Int(count) * 2
        else { throw PostgresValueError("is not a numeric in PostgreSQL's binary format") }
        switch sign {
        case nan: throw PostgresValueError("is NaN, which no exact number holds")
        case infinity: throw PostgresValueError("is Infinity, which no exact number holds")
        case negativeInfinity: throw PostgresValueError("is -Infinity, which no exact number holds")
        case positive, negative: break
        default: throw PostgresValueError("is not a numeric in PostgreSQL's binary format")
        }
        var text = ""
        for index in 0..<Int(count) {
            guard let group = buffer.readInteger(as: Int16.self), (0..<10000).contains(group) else {
                throw PostgresValueError("is not a numeric in PostgreSQL's binary format")
            }
            let digits = String(group)
            text += index == 0 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
        }
        // `text` is the value × 10^(4 × fractional groups); bring it to `scale` digits after the point.
        let fractionalDigits = 4 * (Int(count) - 1 - Int(weight))
        var significand = BigInt(text.isEmpty ? "0" : text, radix: 10)!
        let shift = Int(scale) - fractionalDigits
        if shift >= 0 {
            significand *= BigInt(10).power(shift)
        } else {
            let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: BigInt(10).power(-shift))
            guard remainder == 0 else { throw PostgresValueError("has digits beyond its display scale") }
            significand = quotient
        }
        return ExactDecimal(significand: sign == negative ? -significand : significand, scale: Int(scale))
    }
}

/// Reads an integer cell of any width, or a numeric, as an exact decimal.
private func readExact(_ buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> ExactDecimal {
    if format == .text {
        let text = buffer.readString(length: buffer.readableBytes) ?? ""
        guard let value = ExactDecimal(text) else { throw PostgresValueError("'\(text)' is not an exact number") }
        return value
    }
    switch type {
    case .numeric: return try NumericWire.read(&buffer)
    case .int2: if let v = buffer.readInteger(as: Int16.self), buffer.readableBytes == 0 { return ExactDecimal(v) }
    case .int4: if let v = buffer.readInteger(as: Int32.self), buffer.readableBytes == 0 { return ExactDecimal(v) }
    case .int8: if let v = buffer.readInteger(as: Int64.self), buffer.readableBytes == 0 { return ExactDecimal(v) }
    default: throw PostgresValueError("is \(type), not numeric or an integer")
    }
    throw PostgresValueError("is not a \(type) in PostgreSQL's binary format")
}

extension ExactDecimal: PostgresNonThrowingEncodable, PostgresDynamicTypeEncodable, PostgresDecodable, PostgresArrayEncodable,
    PostgresArrayDecodable, WireReadable
{
    public static var psqlType: PostgresDataType { .numeric }
    public static var psqlFormat: PostgresFormat { .binary }
    public static var psqlArrayType: PostgresDataType { .numericArray }
    public func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        NumericWire.write(self, into: &buffer)
    }

    public init<D: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                        context: PostgresDecodingContext<D>) throws {
        self = try decodingForPostgresNIO { try Self.read(&buffer, type: type, format: format) }
    }

    static func read(_ buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> Self {
        try readExact(&buffer, type: type, format: format)
    }
}

extension ExactInteger: PostgresNonThrowingEncodable, PostgresDynamicTypeEncodable, PostgresDecodable, PostgresArrayEncodable,
    PostgresArrayDecodable, WireReadable
{
    public static var psqlType: PostgresDataType { .numeric }
    public static var psqlFormat: PostgresFormat { .binary }
    public static var psqlArrayType: PostgresDataType { .numericArray }
    public func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        ExactDecimal(self).encode(into: &buffer, context: context)
    }

    /// A numeric with a non-zero fraction is refused, not truncated; `1.00` is 1.
    public init<D: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                        context: PostgresDecodingContext<D>) throws {
        self = try decodingForPostgresNIO { try Self.read(&buffer, type: type, format: format) }
    }

    static func read(_ buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> Self {
        let value = try readExact(&buffer, type: type, format: format)
        guard let whole = value.rescaled(to: 0) else { throw PostgresValueError("'\(value)' has a fraction, which an integer cannot hold") }
        return ExactInteger(whole.significand)
    }
}

// MARK: Date and time

/// Text-format cells, for the rare result PostgreSQL sends as text, through the runtime's parser.
private func readText<T: PostgresValue>(_ buffer: inout ByteBuffer, as type: T.Type) throws -> T {
    let text = buffer.readString(length: buffer.readableBytes) ?? ""
    guard let value = T(postgresText: text) else { throw PostgresValueError("'\(text)' is not a valid \(T.self)") }
    return value
}

private func readInteger<I: FixedWidthInteger>(_ buffer: inout ByteBuffer, as: I.Type, type: PostgresDataType,
                                               expected: PostgresDataType) throws -> I {
    guard type == expected else { throw PostgresValueError("is \(type), not \(expected)") }
    guard let value = buffer.readInteger(as: I.self), buffer.readableBytes == 0 else {
        throw PostgresValueError("is not a \(expected) in PostgreSQL's binary format")
    }
    return value
}

/// Microseconds since 2000-01-01 UTC; `infinity` and `-infinity` are the largest and smallest.
extension Timestamp: PostgresNonThrowingEncodable, PostgresDynamicTypeEncodable, PostgresDecodable, PostgresArrayEncodable,
    PostgresArrayDecodable, WireReadable
{
    public static var psqlType: PostgresDataType { .timestamptz }
    public static var psqlFormat: PostgresFormat { .binary }
    public static var psqlArrayType: PostgresDataType { .timestamptzArray }

    public func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        buffer.writeInteger(microsecondsSince2000)
    }

    public init<D: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                        context: PostgresDecodingContext<D>) throws {
        self = try decodingForPostgresNIO { try Self.read(&buffer, type: type, format: format) }
    }

    static func read(_ buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> Self {
        format == .text ? try readText(&buffer, as: Self.self)
            : Timestamp(microsecondsSince2000: try readInteger(&buffer, as: Int64.self, type: type, expected: .timestamptz))
    }
}

/// A `timestamp without time zone`: microseconds since 2000-01-01, no zone.
extension LocalTimestamp: PostgresNonThrowingEncodable, PostgresDynamicTypeEncodable, PostgresDecodable, PostgresArrayEncodable,
    PostgresArrayDecodable, WireReadable
{
    public static var psqlType: PostgresDataType { .timestamp }
    public static var psqlFormat: PostgresFormat { .binary }
    public static var psqlArrayType: PostgresDataType { .timestampArray }

    public func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        buffer.writeInteger(microsecondsSince2000)
    }

    public init<D: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                        context: PostgresDecodingContext<D>) throws {
        self = try decodingForPostgresNIO { try Self.read(&buffer, type: type, format: format) }
    }

    static func read(_ buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> Self {
        format == .text ? try readText(&buffer, as: Self.self)
            : LocalTimestamp(microsecondsSince2000: try readInteger(&buffer, as: Int64.self, type: type, expected: .timestamp))
    }
}

/// Days since 2000-01-01, BC dates and `±infinity` included.
extension CalendarDate: PostgresNonThrowingEncodable, PostgresDynamicTypeEncodable, PostgresDecodable, PostgresArrayEncodable,
    PostgresArrayDecodable, WireReadable
{
    public static var psqlType: PostgresDataType { .date }
    public static var psqlFormat: PostgresFormat { .binary }
    public static var psqlArrayType: PostgresDataType { .dateArray }

    public func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        buffer.writeInteger(daysSince2000)
    }

    public init<D: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                        context: PostgresDecodingContext<D>) throws {
        self = try decodingForPostgresNIO { try Self.read(&buffer, type: type, format: format) }
    }

    static func read(_ buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> Self {
        format == .text ? try readText(&buffer, as: Self.self)
            : CalendarDate(daysSince2000: try readInteger(&buffer, as: Int32.self, type: type, expected: .date))
    }
}

// MARK: JSON

/// Sent as jsonb (its binary form is a version byte and the text); read from jsonb or json.
/// Numbers keep every digit: they are exact decimals on both sides.
extension JSONValue: PostgresNonThrowingEncodable, PostgresDynamicTypeEncodable, PostgresDecodable, PostgresArrayEncodable,
    PostgresArrayDecodable, WireReadable
{
    public static var psqlType: PostgresDataType { .jsonb }
    public static var psqlFormat: PostgresFormat { .binary }
    public static var psqlArrayType: PostgresDataType { .jsonbArray }

    public func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        buffer.writeInteger(UInt8(1))
        buffer.writeString(json)
    }

    public init<D: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                        context: PostgresDecodingContext<D>) throws {
        self = try decodingForPostgresNIO { try Self.read(&buffer, type: type, format: format) }
    }

    static func read(_ buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> Self {
        if format == .binary && type == .jsonb {
            guard buffer.readInteger(as: UInt8.self) == 1 else { throw PostgresValueError("is jsonb in an unknown binary version") }
        } else if format == .binary && type != .json {
            throw PostgresValueError("is \(type), not json or jsonb")
        }
        return try readText(&buffer, as: Self.self)
    }
}
