/// Reads what `CompactEncoder` wrote. Bytes that are not such an encoding, or not one of the
/// type asked for, throw a `DecodingError`; they never trap.
public struct CompactDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBytes { try decode(type, from: $0) }
    }

    public func decode<T: Decodable>(_ type: T.Type, from bytes: ArraySlice<UInt8>) throws -> T {
        try bytes.withUnsafeBytes { try decode(type, from: $0) }
    }

    private func decode<T: Decodable>(_ type: T.Type, from buffer: UnsafeRawBufferPointer) throws -> T {
        let input = Input(buffer)
        guard try input.end(of: 0) == buffer.count else { throw Input.corrupt("bytes after the value") }
        return try input.decode(type, at: 0)
    }
}

/// The bytes being read: valid while `CompactDecoder.decode` runs (or, for the encoder, while
/// it looks at its own output).
final class Input {
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    static func corrupt(_ what: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "not a compact encoding: " + what))
    }

    static func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: [], debugDescription: "another kind of value is encoded here"))
    }

    func tag(at offset: Int) throws -> Tag {
        guard offset < bytes.count, let tag = Tag(rawValue: bytes[offset]) else { throw Self.corrupt("no value at \(offset)") }
        return tag
    }

    func varint(at offset: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Self.corrupt("a number runs past the end") }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// The number `littleEndian(_:count:)` wrote at `offset`, whose bytes the caller has checked are there.
    func littleEndian(at offset: Int, count: Int) -> UInt64 {
        (0..<count).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    func length(at offset: inout Int) throws -> Int {
        let n = try varint(at: &offset)
        guard n <= UInt64(bytes.count - offset) else { throw Self.corrupt("a length runs past the end") }
        return Int(n)
    }

    /// The body of the container at `offset`, which must be keyed (a dictionary's or not) when
    /// `keyed`, unkeyed when not.
    func body(at offset: Int, keyed: Bool) throws -> Range<Int> {
        let tag = try tag(at: offset)
        guard keyed ? tag == .keyed || tag == .dictionary : tag == .unkeyed else { throw Self.mismatch(keyed ? [String: Any].self : [Any].self) }
        guard offset + 5 <= bytes.count else { throw Self.corrupt("a container runs past the end") }
        let length = Int(littleEndian(at: offset + 1, count: 4))
        guard length <= bytes.count - offset - 5 else { throw Self.corrupt("a container runs past the end") }
        return (offset + 5)..<(offset + 5 + length)
    }

    /// Where the value at `offset` ends.
    func end(of offset: Int) throws -> Int {
        var next = offset + 1
        switch try tag(at: offset) {
        case .null, .false, .true: return next
        case .signed, .unsigned: _ = try varint(at: &next); return next
        case .double: next += 8
        case .float: next += 4
        case .string: next += try length(at: &next)
        case .keyed, .dictionary: return try body(at: offset, keyed: true).upperBound
        case .unkeyed: return try body(at: offset, keyed: false).upperBound
        }
        guard next <= bytes.count else { throw Self.corrupt("a value runs past the end") }
        return next
    }

    /// An entry of a keyed container: all its bytes, its key's, and where its value starts.
    struct Entry {
        var bytes: Range<Int>
        var key: Range<Int>
        var value: Int
    }

    /// The entry of a keyed container starting at `offset`.
    func entry(at offset: Int) throws -> Entry {
        var next = offset
        let count = try length(at: &next)
        let key = next..<(next + count)
        return Entry(bytes: offset..<(try end(of: key.upperBound)), key: key, value: key.upperBound)
    }

    /// The entries of the keyed container whose body is `body`.
    func entries(in body: Range<Int>) throws -> [Entry] {
        var entries: [Entry] = []
        var offset = body.lowerBound
        while offset < body.upperBound {
            entries.append(try entry(at: offset))
            offset = entries[entries.count - 1].bytes.upperBound
        }
        guard offset == body.upperBound else { throw Self.corrupt("an entry runs past its container") }
        return entries
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func keyMatches(_ range: Range<Int>, _ key: some CodingKey) -> Bool {
        var name = key.stringValue
        return name.withUTF8 { utf8 in utf8.count == range.count && utf8.elementsEqual(bytes[range]) }
    }

    // Values.

    func decodeString(at offset: Int) throws -> String {
        guard try tag(at: offset) == .string else { throw Self.mismatch(String.self) }
        var next = offset + 1
        let count = try length(at: &next)
        return string(next..<(next + count))
    }

    func decodeBool(at offset: Int) throws -> Bool {
        switch try tag(at: offset) {
        case .true: return true
        case .false: return false
        default: throw Self.mismatch(Bool.self)
        }
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) throws -> T {
        var next = offset + 1
        let value: T?
        switch try tag(at: offset) {
        case .signed:
            let raw = try varint(at: &next)
            value = T(exactly: Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        case .unsigned: value = T(exactly: try varint(at: &next))
        default: throw Self.mismatch(type)
        }
        guard let value else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a number out of \(T.self)'s range"))
        }
        return value
    }

    func decodeDouble(at offset: Int) throws -> Double {
        let tag = try tag(at: offset)
        let size = tag == .double ? 8 : tag == .float ? 4 : 0
        guard size > 0 else { throw Self.mismatch(Double.self) }
        guard offset + 1 + size <= bytes.count else { throw Self.corrupt("a number runs past the end") }
        let bits = littleEndian(at: offset + 1, count: size)
        return size == 8 ? Double(bitPattern: bits) : Double(Float(bitPattern: UInt32(bits)))
    }

    func decode<T: Decodable>(_ type: T.Type, at offset: Int) throws -> T {
        if T.self == String.self { return try decodeString(at: offset) as! T }
        return try T(from: ValueDecoder(input: self, offset: offset))
    }
}

/// Coding paths are not kept (see `CompactEncoder`).
final class ValueDecoder: Decoder {
    let input: Input
    let offset: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(input: Input, offset: Int) {
        self.input = input
        self.offset = offset
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(input: input, body: try input.body(at: offset, keyed: true)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedContainer(input: input, body: try input.body(at: offset, keyed: false))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(input: input, offset: offset)
    }
}

/// A class: the protocol's methods do not mutate, and `next` moves as keys are found. Entries
/// are looked for from where the last one found ends, as fields are usually read in the order
/// they were written; then from the start.
private final class KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let input: Input
    let body: Range<Int>
    var codingPath: [any CodingKey] { [] }
    private var next: Int

    init(input: Input, body: Range<Int>) {
        self.input = input
        self.body = body
        next = body.lowerBound
    }

    var allKeys: [Key] { ((try? input.entries(in: body)) ?? []).compactMap { Key(stringValue: input.string($0.key)) } }

    private func find(_ key: Key) throws -> Input.Entry? {
        for range in [next..<body.upperBound, body.lowerBound..<next] {
            var offset = range.lowerBound
            while offset < range.upperBound {
                let entry = try input.entry(at: offset)
                guard entry.bytes.upperBound <= body.upperBound else { throw Input.corrupt("an entry runs past its container") }
                if input.keyMatches(entry.key, key) {
                    next = entry.bytes.upperBound == body.upperBound ? body.lowerBound : entry.bytes.upperBound
                    return entry
                }
                offset = entry.bytes.upperBound
            }
        }
        return nil
    }

    private func value(_ key: Key) throws -> Int {
        guard let entry = try find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no value for the key"))
        }
        return entry.value
    }

    func contains(_ key: Key) -> Bool { (try? find(key)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try input.tag(at: try value(key)) == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try input.decodeBool(at: try value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try input.decodeString(at: try value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try input.decodeDouble(at: try value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try input.decodeDouble(at: try value(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try input.decodeInteger(type, at: try value(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try input.decodeInteger(type, at: try value(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try input.decodeInteger(type, at: try value(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try input.decodeInteger(type, at: try value(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try input.decodeInteger(type, at: try value(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try input.decodeInteger(type, at: try value(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try input.decodeInteger(type, at: try value(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try input.decodeInteger(type, at: try value(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try input.decodeInteger(type, at: try value(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try input.decodeInteger(type, at: try value(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try input.decode(type, at: try value(key)) }

    // One look-up each, where the default makes three (contains, decodeNil, decode).
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try present(key) { try input.decodeString(at: $0) }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try present(key) { try input.decodeBool(at: $0) }
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try present(key) { try input.decodeInteger(type, at: $0) }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key) { try input.decode(type, at: $0) }
    }

    private func present<T>(_ key: Key, _ decode: (Int) throws -> T) throws -> T? {
        guard let entry = try find(key), try input.tag(at: entry.value) != .null else { return nil }
        return try decode(entry.value)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try ValueDecoder(input: input, offset: try value(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(input: input, offset: try value(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { try superDecoder(forKey: Key(stringValue: "super")!) }

    func superDecoder(forKey key: Key) throws -> any Decoder { ValueDecoder(input: input, offset: try value(key)) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let input: Input
    let end: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var count: Int?
    private(set) var currentIndex = 0
    private var offset: Int

    init(input: Input, body: Range<Int>) throws {
        self.input = input
        end = body.upperBound
        offset = body.lowerBound
        // Counted at once, so that an array is made at its size.
        var count = 0
        var next = offset
        while next < end {
            next = try input.end(of: next)
            count += 1
        }
        guard next == end else { throw Input.corrupt("an element runs past its container") }
        self.count = count
    }

    var isAtEnd: Bool { offset >= end }

    private mutating func next() throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "no more elements"))
        }
        let current = offset
        offset = try input.end(of: current)
        currentIndex += 1
        return current
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try input.tag(at: offset) == .null else { return false }
        _ = try next()
        return true
    }

    mutating func decode(_ type: String.Type) throws -> String { try input.decodeString(at: try next()) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try input.decodeBool(at: try next()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try input.decodeInteger(type, at: try next()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try input.decodeInteger(type, at: try next()) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try input.decode(type, at: try next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(input: input, offset: try next()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(input: input, offset: try next()).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { ValueDecoder(input: input, offset: try next()) }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let input: Input
    let offset: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? input.tag(at: offset)) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try input.decodeBool(at: offset) }
    func decode(_ type: String.Type) throws -> String { try input.decodeString(at: offset) }
    func decode(_ type: Double.Type) throws -> Double { try input.decodeDouble(at: offset) }
    func decode(_ type: Float.Type) throws -> Float { Float(try input.decodeDouble(at: offset)) }
    func decode(_ type: Int.Type) throws -> Int { try input.decodeInteger(type, at: offset) }
    func decode(_ type: Int8.Type) throws -> Int8 { try input.decodeInteger(type, at: offset) }
    func decode(_ type: Int16.Type) throws -> Int16 { try input.decodeInteger(type, at: offset) }
    func decode(_ type: Int32.Type) throws -> Int32 { try input.decodeInteger(type, at: offset) }
    func decode(_ type: Int64.Type) throws -> Int64 { try input.decodeInteger(type, at: offset) }
    func decode(_ type: UInt.Type) throws -> UInt { try input.decodeInteger(type, at: offset) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try input.decodeInteger(type, at: offset) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try input.decodeInteger(type, at: offset) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try input.decodeInteger(type, at: offset) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try input.decodeInteger(type, at: offset) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try input.decode(type, at: offset) }
}
