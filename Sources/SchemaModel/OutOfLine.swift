/// An optional value kept out of line, behind a reference: a struct holding it is smaller by the
/// value's size, for a value most instances lack (a column's identity, tens of bytes, on one
/// column in hundreds). It compares, hashes and codes as the optional itself: absent, it is
/// left out of the coded form.
@propertyWrapper
public struct OutOfLine<Value: Hashable & Sendable>: Hashable, Sendable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
    private var box: Box?

    public init(wrappedValue: Value?) { box = wrappedValue.map(Box.init) }

    public var wrappedValue: Value? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }

    public static func == (a: Self, b: Self) -> Bool { a.box === b.box || a.wrappedValue == b.wrappedValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}

extension OutOfLine: Codable where Value: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: container.decodeNil() ? nil : try container.decode(Value.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

// A property wrapped so is coded as an optional property is: by these overloads, which the
// coding a struct derives picks over the wrapper's own.
extension KeyedEncodingContainer {
    public mutating func encode<V: Encodable>(_ value: OutOfLine<V>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}

extension KeyedDecodingContainer {
    public func decode<V: Decodable>(_ type: OutOfLine<V>.Type, forKey key: Key) throws -> OutOfLine<V> {
        OutOfLine(wrappedValue: try decodeIfPresent(V.self, forKey: key))
    }
}
