/// A binary form of any `Codable` value, for files a program writes and reads back itself (a
/// cache): it takes about half the time JSON does to write and read a schema model, as nothing
/// is printed, escaped or parsed as text. Every value starts with a tag (see `Tag`); a container gives the length of
/// its body, so a reader skips any value without decoding it, and a struct's fields are found by
/// name in any order. The same value encodes to the same bytes, dictionaries included (their
/// entries are sorted), so an encoding may serve as a key. Coding paths are not kept (they
/// would cost an array per value): an error names what was wrong, not where.
public struct CompactEncoder {
    public init() {}

    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let output = Output()
        try output.encode(value)
        output.finishAll()
        return output.bytes
    }
}

enum Tag: UInt8 {
    case null = 0, `false`, `true`
    /// A signed integer, zigzag-encoded, then as `unsigned`.
    case signed
    /// An unsigned integer, seven bits a byte, low first, the high bit saying more follow.
    case unsigned
    /// IEEE 754 bits, little-endian.
    case double, float
    /// Length (as `unsigned`'s body) and UTF-8 bytes.
    case string
    /// Body length (4 bytes, little-endian), then entries: key (as `string`'s body), value.
    case keyed
    /// Body length (4 bytes, little-endian), then the values.
    case unkeyed
    /// A dictionary's container: as `keyed`, its entries sorted by key once written.
    case dictionary
}

/// The bytes written so far, and the containers still open, innermost last: a container is
/// complete once anything outside it is written, and its length is set then.
final class Output {
    var bytes: [UInt8] = []
    private var open: [Int] = []
    /// Whether a key type is a dictionary's, by type: see `isDictionaryKey`.
    private var dictionaryKeys: [ObjectIdentifier: Bool] = [:]

    func encode<T: Encodable>(_ value: T) throws {
        if T.self == String.self { return write(value as! String) }
        let before = bytes.count
        try value.encode(to: ValueEncoder(output: self))
        // A value that wrote nothing reads back from an empty container.
        if bytes.count == before { bytes += [Tag.keyed.rawValue, 0, 0, 0, 0] }
    }

    func isDictionary(_ type: any CodingKey.Type) -> Bool {
        if let known = dictionaryKeys[ObjectIdentifier(type)] { return known }
        let answer = isDictionaryKey(type)
        dictionaryKeys[ObjectIdentifier(type)] = answer
        return answer
    }

    /// Called before a container at `start` writes: closes the containers opened inside it.
    func writing(in start: Int) {
        while let last = open.last, last > start { finish(open.removeLast()) }
    }

    func openContainer(_ tag: Tag) -> Int {
        let start = bytes.count
        bytes += [tag.rawValue, 0, 0, 0, 0]
        open.append(start)
        return start
    }

    func finishAll() {
        while let last = open.popLast() { finish(last) }
    }

    private func finish(_ start: Int) {
        let length = bytes.count - start - 5
        precondition(length <= Int(UInt32.max), "a container of over 4 GiB")
        if bytes[start] == Tag.dictionary.rawValue { sortEntries(start) }
        bytes.replaceSubrange((start + 1)..<(start + 5), with: littleEndian(UInt64(length), count: 4))
    }

    /// A dictionary's entries in the order of their keys' bytes, whatever order it gave them in.
    private func sortEntries(_ start: Int) {
        let body = (start + 5)..<bytes.count
        let sorted = bytes.withUnsafeBytes { buffer -> [UInt8]? in
            let input = Input(buffer)
            guard let entries = try? input.entries(in: body) else { return nil }
            let ordered = entries.sorted { buffer[$0.key].lexicographicallyPrecedes(buffer[$1.key]) }
            return ordered.flatMap { buffer[$0.bytes] }
        }
        if let sorted { bytes.replaceSubrange(body, with: sorted) }
    }

    func write(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            bytes.append(Tag.string.rawValue)
            writeLength(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    func writeKey(_ key: some CodingKey) {
        var name = key.stringValue
        name.withUTF8 { utf8 in
            writeLength(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    func writeLength(_ n: Int) { writeVarint(UInt64(n)) }

    func write(signed n: Int64) {
        bytes.append(Tag.signed.rawValue)
        writeVarint(UInt64(bitPattern: (n << 1) ^ (n >> 63)))
    }

    func write(unsigned n: UInt64) {
        bytes.append(Tag.unsigned.rawValue)
        writeVarint(n)
    }

    private func writeVarint(_ n: UInt64) {
        var n = n
        while n >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: n) | 0x80)
            n >>= 7
        }
        bytes.append(UInt8(n))
    }

    func write(double: Double) {
        bytes.append(Tag.double.rawValue)
        bytes += littleEndian(double.bitPattern, count: 8)
    }

    func write(float: Float) {
        bytes.append(Tag.float.rawValue)
        bytes += littleEndian(UInt64(float.bitPattern), count: 4)
    }
}

/// The low `count` bytes of `value`, low first: a container's length, a number's IEEE bits.
func littleEndian(_ value: UInt64, count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
}

/// Encodes one value: into the container it asks for, which it gets once (asked again, the
/// same one).
final class ValueEncoder: Encoder {
    let output: Output
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private var keyedStart: Int?
    private var unkeyedStart: Int?

    init(output: Output) { self.output = output }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let start = keyedStart ?? output.openContainer(output.isDictionary(Key.self) ? .dictionary : .keyed)
        keyedStart = start
        return KeyedEncodingContainer(KeyedContainer<Key>(output: output, start: start))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let start = unkeyedStart ?? output.openContainer(.unkeyed)
        unkeyedStart = start
        return UnkeyedContainer(output: output, start: start)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(output: output)
    }
}

/// Whether a container's keys are a dictionary's: the standard library codes `[String: V]` and
/// `[Int: V]` through keys of a type of its own, and gives them in no fixed order.
private func isDictionaryKey(_ type: any CodingKey.Type) -> Bool {
    String(reflecting: type) == "Swift._DictionaryCodingKey"
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let output: Output
    let start: Int
    var codingPath: [any CodingKey] { [] }

    private func entry(_ key: Key) {
        output.writing(in: start)
        output.writeKey(key)
    }

    mutating func encodeNil(forKey key: Key) throws {
        entry(key)
        output.bytes.append(Tag.null.rawValue)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        entry(key)
        output.bytes.append(value ? Tag.true.rawValue : Tag.false.rawValue)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        entry(key)
        output.write(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        entry(key)
        output.write(double: value)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        entry(key)
        output.write(float: value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { entry(key); output.write(signed: Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { entry(key); output.write(signed: Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { entry(key); output.write(signed: Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { entry(key); output.write(signed: Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { entry(key); output.write(signed: value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { entry(key); output.write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { entry(key); output.write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { entry(key); output.write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { entry(key); output.write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { entry(key); output.write(unsigned: value) }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        entry(key)
        try output.encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        entry(key)
        return ValueEncoder(output: output).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        entry(key)
        return ValueEncoder(output: output).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        entry(key)
        return ValueEncoder(output: output)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let output: Output
    let start: Int
    var codingPath: [any CodingKey] { [] }
    var count = 0

    private mutating func element() {
        output.writing(in: start)
        count += 1
    }

    mutating func encodeNil() throws {
        element()
        output.bytes.append(Tag.null.rawValue)
    }

    mutating func encode(_ value: String) throws {
        element()
        output.write(value)
    }

    mutating func encode(_ value: some Encodable) throws {
        element()
        try output.encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        element()
        return ValueEncoder(output: output).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        element()
        return ValueEncoder(output: output).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        element()
        return ValueEncoder(output: output)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let output: Output
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { output.bytes.append(Tag.null.rawValue) }
    mutating func encode(_ value: Bool) throws { output.bytes.append(value ? Tag.true.rawValue : Tag.false.rawValue) }
    mutating func encode(_ value: String) throws { output.write(value) }
    mutating func encode(_ value: Double) throws { output.write(double: value) }
    mutating func encode(_ value: Float) throws { output.write(float: value) }
    mutating func encode(_ value: Int) throws { output.write(signed: Int64(value)) }
    mutating func encode(_ value: Int8) throws { output.write(signed: Int64(value)) }
    mutating func encode(_ value: Int16) throws { output.write(signed: Int64(value)) }
    mutating func encode(_ value: Int32) throws { output.write(signed: Int64(value)) }
    mutating func encode(_ value: Int64) throws { output.write(signed: value) }
    mutating func encode(_ value: UInt) throws { output.write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { output.write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { output.write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { output.write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { output.write(unsigned: value) }
    mutating func encode(_ value: some Encodable) throws { try output.encode(value) }
}
