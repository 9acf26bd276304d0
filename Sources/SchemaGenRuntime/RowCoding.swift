/// A value that could not be read from or written to a column: names the column and the value.
public struct RowCodingError: Error, CustomStringConvertible, Sendable {
    public var column: String
    public var value: String?
    public var problem: String

    public init(column: String, value: String?, problem: String) {
        self.column = column
        self.value = value
        self.problem = problem
    }

    public var description: String {
        "column \"\(column)\"" + (value.map { ": value '\($0)'" } ?? "") + ": \(problem)"
    }
}

/// Decodes one result row into a `Decodable` struct whose coding keys are column names.
struct RowDecoder: Decoder {
    let columns: [String: Int]
    let values: [String?]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "a row decodes into a struct"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "a row decodes into a struct"))
    }

    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: RowDecoder
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { decoder.columns.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { decoder.columns[key.stringValue] != nil }

        func text(_ key: Key) throws -> String? {
            guard let index = decoder.columns[key.stringValue] else {
                throw RowCodingError(column: key.stringValue, value: nil, problem: "the result has no such column")
            }
            return decoder.values[index]
        }

        func decodeNil(forKey key: Key) throws -> Bool { try text(key) == nil }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let valueType = T.self as? any PostgresValue.Type else {
                throw RowCodingError(column: key.stringValue, value: nil, problem: "\(T.self) is not a PostgreSQL value type")
            }
            guard let text = try text(key) else {
                throw RowCodingError(column: key.stringValue, value: nil, problem: "is NULL, but \(T.self) is not optional")
            }
            guard let value = valueType.init(postgresText: text) else {
                throw RowCodingError(column: key.stringValue, value: text, problem: "is not a valid \(T.self)")
            }
            return value as! T
        }

        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            throw RowCodingError(column: key.stringValue, value: nil, problem: "nested values are not columns")
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw RowCodingError(column: key.stringValue, value: nil, problem: "nested values are not columns")
        }

        func superDecoder() throws -> any Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
    }
}

/// Encodes a struct into (column, text) pairs, checking each value against its column's type
/// first, so that nothing is sent when a value does not fit.
final class RowEncoder: Encoder {
    let columns: [String: ColumnInfo]
    /// Column → value (nil for NULL), in the order the struct encoded them.
    private(set) var values: [(column: String, value: (any PostgresValue)?)] = []
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(columns: [ColumnInfo]) {
        self.columns = Dictionary(columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Container(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("a row encodes as a struct") }
    func singleValueContainer() -> any SingleValueEncodingContainer { preconditionFailure("a row encodes as a struct") }

    func record(_ column: String, _ value: (any PostgresValue)?) throws {
        guard let info = columns[column] else {
            throw RowCodingError(column: column, value: nil, problem: "the table has no such column")
        }
        if let value { try check(value, fits: info) }
        values.removeAll { $0.column == column }
        values.append((column, value))
    }

    /// A decimal or integer that would be rounded, or overflow the column's precision, is
    /// refused here: PostgreSQL itself would silently round extra fractional digits.
    private func check(_ value: any PostgresValue, fits column: ColumnInfo) throws {
        guard let (precision, scale) = column.numericPrecisionAndScale else { return }
        let decimal: ExactDecimal
        switch value {
        case let d as ExactDecimal: decimal = d
        case let i as ExactInteger: decimal = ExactDecimal(i)
        default: return
        }
        guard decimal.fits(precision: precision, scale: scale) else {
            let reason = decimal.rescaled(to: scale) == nil
                ? "has more than \(scale) digits after the point and would be rounded"
                : "has more than \(precision - scale) digits before the point"
            throw RowCodingError(column: column.name, value: decimal.description, problem: "does not fit \(column.type): it \(reason)")
        }
    }

    struct Container<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: RowEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { try encoder.record(key.stringValue, nil) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            guard let value = value as? any PostgresValue else {
                throw RowCodingError(column: key.stringValue, value: nil, problem: "\(T.self) is not a PostgreSQL value type")
            }
            try encoder.record(key.stringValue, value)
        }

        mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            preconditionFailure("column \(key.stringValue): nested values are not columns")
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            preconditionFailure("column \(key.stringValue): nested values are not columns")
        }

        mutating func superEncoder() -> any Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
    }
}

/// The column values of `row`, each checked against its column's type before any SQL is sent
/// (a value with more digits than the column keeps is refused), computed columns left out. A
/// column the struct did not write (a nil optional) is NULL.
public func columnBindings<R: Row>(of row: R) throws -> [(column: ColumnInfo, value: (any PostgresValue)?)] {
    let written = try writtenColumns(of: row, in: R.columns)
    return R.columns.filter { !$0.isComputed }.map { ($0, written[$0.name] ?? nil) }
}

/// The columns `values` writes, in the table's column order, checked as `columnBindings` checks
/// them; what it leaves out is not there.
public func columnBindings<I: TableInsert>(ofInsert values: I) throws -> [(column: ColumnInfo, value: (any PostgresValue)?)] {
    let written = try writtenColumns(of: values, in: I.Stored.columns)
    return I.Stored.columns.compactMap { column in written.index(forKey: column.name).map { (column, written[$0].value) } }
}

/// `columnBindings(of:)` in PostgreSQL's text format.
public func columnValues<R: Row>(of row: R) throws -> [(column: String, text: String?)] {
    try columnBindings(of: row).map { ($0.column.name, $0.value?.postgresText) }
}

/// `columnBindings(ofInsert:)` in PostgreSQL's text format.
public func columnValues<I: TableInsert>(ofInsert values: I) throws -> [(column: String, text: String?)] {
    try columnBindings(ofInsert: values).map { ($0.column.name, $0.value?.postgresText) }
}

/// The columns `value` encodes, each checked against `columns`, by name.
private func writtenColumns(of value: some Encodable, in columns: [ColumnInfo]) throws -> [String: (any PostgresValue)?] {
    let encoder = RowEncoder(columns: columns)
    try value.encode(to: encoder)
    return Dictionary(encoder.values.map { ($0.column, $0.value) }, uniquingKeysWith: { _, last in last })
}

/// A row of text values (nil for NULL), its columns named by position, decoded by column name.
public func decodeRow<R: Decodable>(_ type: R.Type, columns: [String: Int], values: [String?]) throws -> R {
    try R(from: RowDecoder(columns: columns, values: values))
}
