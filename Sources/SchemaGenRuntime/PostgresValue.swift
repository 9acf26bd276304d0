import Foundation
import PostgresTextFormat

/// A Swift type that a column value is read into and written from, in PostgreSQL's text format
/// (the format that keeps numbers exact).
public protocol PostgresValue: Sendable {
    /// Parses the column's text; nil if it is not a value of this type.
    init?(postgresText: String)
    /// The text PostgreSQL reads back as this value.
    var postgresText: String { get }
}

/// Types whose description is PostgreSQL's text form (integers, the exact and date-time types).
extension PostgresValue where Self: LosslessStringConvertible {
    public init?(postgresText: String) { self.init(postgresText) }
    public var postgresText: String { description }
}

extension String: PostgresValue {
    public init?(postgresText: String) { self = postgresText }
    public var postgresText: String { self }
}

extension Bool: PostgresValue {
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
    public var postgresText: String { self ? "t" : "f" }
}

extension Int16: PostgresValue {}
extension Int32: PostgresValue {}
extension Int64: PostgresValue {}

/// `real` and `double precision` are binary floating point in PostgreSQL too; PostgreSQL
/// prints the shortest text that reads back to the same value, as Swift does.
extension Float: PostgresValue {
    public init?(postgresText: String) { self.init(postgresFloat: postgresText) }
    public var postgresText: String { postgresFloatText(self) }
}

extension Double: PostgresValue {
    public init?(postgresText: String) { self.init(postgresFloat: postgresText) }
    public var postgresText: String { postgresFloatText(self) }
}

extension BinaryFloatingPoint where Self: LosslessStringConvertible {
    init?(postgresFloat text: String) {
        switch text {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let value = Self(text) else { return nil }
            self = value
        }
    }
}

private func postgresFloatText<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    return value.description
}

extension UUID: PostgresValue {
    public init?(postgresText: String) { self.init(uuidString: postgresText) }
    /// Lower case, as PostgreSQL prints it.
    public var postgresText: String { uuidString.lowercased() }
}

/// `bytea` in PostgreSQL's hex format (`\x0a1b`).
extension Data: PostgresValue {
    public init?(postgresText: String) {
        guard postgresText.hasPrefix("\\x") else { return nil }
        let hex = Array(postgresText.utf8.dropFirst(2))
        guard hex.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.count / 2)
        for pair in stride(from: 0, to: hex.count, by: 2) {
            guard let byte = UInt8(String(decoding: hex[pair...pair + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.init(bytes)
    }

    public var postgresText: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = Array("\\x".utf8)
        out.reserveCapacity(2 + count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension ExactInteger: PostgresValue {}
extension ExactDecimal: PostgresValue {}
extension Timestamp: PostgresValue {}
extension LocalTimestamp: PostgresValue {}
extension CalendarDate: PostgresValue {}

extension JSONValue: PostgresValue {
    public init?(postgresText: String) { self.init(json: postgresText) }
    public var postgresText: String { json }
}

/// A generated Swift enum for a PostgreSQL enum: its raw values are the labels.
public protocol PostgresEnum: PostgresValue, RawRepresentable, Codable, Hashable, CaseIterable where RawValue == String {}

extension PostgresEnum {
    public init?(postgresText: String) { self.init(rawValue: postgresText) }
    public var postgresText: String { rawValue }
}

/// One-dimensional arrays in PostgreSQL's array literal form (`{a,"b c",NULL}`). Elements
/// are never NULL: a NULL element is an error, not a silent default.
extension Array: PostgresValue where Element: PostgresValue {
    public init?(postgresText: String) {
        guard let items = parseArrayLiteral(postgresText) else { return nil }
        var values: [Element] = []
        values.reserveCapacity(items.count)
        for item in items {
            guard let text = item, let value = Element(postgresText: text) else { return nil }
            values.append(value)
        }
        self = values
    }

    public var postgresText: String { arrayLiteral(map(\.postgresText)) }
}
