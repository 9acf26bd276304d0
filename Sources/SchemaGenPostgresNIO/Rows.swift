import NIOCore
import PostgresNIO
import SchemaGenRuntime

extension PostgresRow {
    /// The row as a `Decodable` struct whose coding keys are column names (a generated row
    /// struct, or any such struct): each column found by name, whatever the order of the
    /// result's columns. A column that is missing, NULL for a non-optional property, or of
    /// another type is an error that names it.
    public func decodeByName<R: Decodable>(_ type: R.Type = R.self) throws -> R {
        try R(from: ColumnDecoder(row: makeRandomAccess()))
    }
}

extension PostgresRowSequence {
    /// Every row, decoded by column name (see `PostgresRow.decodeByName`).
    public func collectByName<R: Decodable>(_ type: R.Type = R.self) async throws -> [R] {
        var rows: [R] = []
        for try await row in self { rows.append(try row.decodeByName(R.self)) }
        return rows
    }
}

/// Decodes one cell into `T`, for a column named `column`; errors name it.
func decodeCell<T>(_ cell: PostgresCell, as type: T.Type) throws -> T {
    guard var bytes = cell.bytes else {
        throw RowCodingError(column: cell.columnName, value: nil, problem: "is NULL, but \(T.self) is not optional")
    }
    do {
        if let decodable = T.self as? any TextDecodable.Type {
            return try decodable.decode(&bytes, type: cell.dataType, format: cell.format) as! T
        }
        if let readable = T.self as? any WireReadable.Type {
            return try readable.read(&bytes, type: cell.dataType, format: cell.format) as! T
        }
        if let label = T.self as? any PostgresEnum.Type {
            return try label.decodeLabel(&bytes, type: cell.dataType, format: cell.format) as! T
        }
        if let labels = T.self as? any EnumArrayDecodable.Type {
            return try labels.decodeLabels(&bytes, type: cell.dataType, format: cell.format) as! T
        }
        if let decodable = T.self as? any PostgresDecodable.Type {
            return try decodeOpened(decodable, &bytes, cell) as! T
        }
    } catch let error as PostgresValueError {
        throw RowCodingError(column: cell.columnName, value: nil, problem: error.problem)
    } catch let error as RowCodingError {
        throw error
    } catch {
        throw RowCodingError(column: cell.columnName, value: nil, problem: "is \(cell.dataType), which \(T.self) does not read, "
            + "or holds a value it cannot hold exactly (NaN, ±Infinity, a fraction for an integer, a NULL element)")
    }
    throw RowCodingError(column: cell.columnName, value: nil, problem: "\(T.self) is not a PostgreSQL value type")
}

private func decodeOpened<D: PostgresDecodable>(_ type: D.Type, _ bytes: inout ByteBuffer, _ cell: PostgresCell) throws -> D {
    try D(from: &bytes, type: cell.dataType, format: cell.format, context: .default)
}

/// Types whose cells are read as text: strings (text-like types only, or the error says how to
/// select the column), and arrays of them.
protocol TextDecodable {
    static func decode(_ bytes: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> Self
}

/// Types whose binary form is their text: the text types, `"char"`, `unknown`, and user-defined
/// types (a generated enum's type), which are only read into generated enums.
private let textTypes: Set<PostgresDataType> = [.text, .varchar, .bpchar, .name, .char, .unknown]
private let firstUserObjectID: UInt32 = 16384

extension String: TextDecodable {
    static func decode(_ bytes: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> String {
        guard format == .text || textTypes.contains(type) else {
            throw PostgresValueError("is \(type), which a String reads only as text: select it as \"column\"::text")
        }
        return bytes.readString(length: bytes.readableBytes) ?? ""
    }
}

extension PostgresEnum {
    /// A generated enum's cell: its binary form is the label, as is text's.
    static func decodeLabel(_ bytes: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> Self {
        guard format == .text || textTypes.contains(type) || type.rawValue >= firstUserObjectID else {
            throw PostgresValueError("is \(type), not an enum or text")
        }
        let label = bytes.readString(length: bytes.readableBytes) ?? ""
        guard let value = Self(rawValue: label) else {
            throw PostgresValueError("'\(label)' is not one of \(Self.self)'s values")
        }
        return value
    }
}

extension Array: TextDecodable where Element: TextDecodable {
    static func decode(_ bytes: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> [Element] {
        try readArray(&bytes, format: format) { try Element.decode(&$0, type: $1, format: .binary) }
    }
}

/// Arrays of a generated enum.
protocol EnumArrayDecodable {
    static func decodeLabels(_ bytes: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> Self
}

extension Array: EnumArrayDecodable where Element: PostgresEnum {
    static func decodeLabels(_ bytes: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat) throws -> [Element] {
        try readArray(&bytes, format: format) { try Element.decodeLabel(&$0, type: $1, format: .binary) }
    }
}

/// A one-dimensional binary array without NULLs, each element read by `element` (given its
/// bytes and type): a NULL element is an error, as in the libpq session.
private func readArray<E>(_ bytes: inout ByteBuffer, format: PostgresFormat,
                          element: (inout ByteBuffer, PostgresDataType) throws -> E) throws -> [E] {
    guard format == .binary else { throw PostgresValueError("is an array in text format, which is not read here") }
    guard let (dimensions, hasNulls, elementType) = bytes.readMultipleIntegers(as: (Int32, Int32, UInt32).self) else {
        throw PostgresValueError("is not an array in PostgreSQL's binary format")
    }
    guard dimensions != 0 else { return [] }
    guard dimensions == 1, let (count, _) = bytes.readMultipleIntegers(as: (Int32, Int32).self) else {
        throw PostgresValueError("is an array of \(dimensions) dimensions; one is read here")
    }
    guard hasNulls == 0 else { throw PostgresValueError("is an array with a NULL element") }
    var values: [E] = []
    values.reserveCapacity(Int(count))
    for _ in 0..<count {
        guard let length = bytes.readInteger(as: Int32.self), length >= 0, var item = bytes.readSlice(length: Int(length)) else {
            throw PostgresValueError("is not an array in PostgreSQL's binary format")
        }
        values.append(try element(&item, PostgresDataType(elementType)))
    }
    return values
}

/// A `Decoder` over one row, by column name.
struct ColumnDecoder: Decoder {
    let row: PostgresRandomAccessRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "a row decodes into a struct"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "a row decodes into a struct"))
    }

    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: PostgresRandomAccessRow
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { (0..<row.count).compactMap { Key(stringValue: row[$0].columnName) } }

        func contains(_ key: Key) -> Bool { row.contains(key.stringValue) }

        func cell(_ key: Key) throws -> PostgresCell {
            guard row.contains(key.stringValue) else {
                throw RowCodingError(column: key.stringValue, value: nil, problem: "the result has no such column")
            }
            return row[key.stringValue]
        }

        func decodeNil(forKey key: Key) throws -> Bool { try cell(key).bytes == nil }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decodeCell(cell(key), as: T.self)
        }

        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            throw RowCodingError(column: key.stringValue, value: nil, problem: "nested values are not columns")
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw RowCodingError(column: key.stringValue, value: nil, problem: "nested values are not columns")
        }

        func superDecoder() throws -> any Decoder { ColumnDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { ColumnDecoder(row: row) }
    }
}
