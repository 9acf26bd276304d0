/// What a generated struct knows about one of its columns.
public struct ColumnInfo: Sendable, Hashable {
    public var name: String
    /// The type as PostgreSQL's `format_type` spells it, e.g. `numeric(20,8)`.
    public var type: String
    /// Identity `ALWAYS` or stored generated: PostgreSQL computes it, so it is never written.
    public var isComputed: Bool

    public init(_ name: String, type: String, isComputed: Bool = false) {
        self.name = name
        self.type = type
        self.isComputed = isComputed
    }

    /// Precision and scale of a `numeric(p,s)` column, nil for any other type (and bare `numeric`).
    public var numericPrecisionAndScale: (precision: Int, scale: Int)? {
        guard type.hasPrefix("numeric("), type.hasSuffix(")") else { return nil }
        let parts = type.dropFirst(8).dropLast().split(separator: ",")
        guard let precision = parts.first.flatMap({ Int($0) }) else { return nil }
        return (precision, parts.count > 1 ? Int(parts[1]) ?? 0 : 0)
    }
}

/// A row of a table or view: a generated struct whose coding keys are its column names.
public protocol Row: Codable, Sendable {
    static var schemaName: String { get }
    /// The table's or view's name.
    static var relationName: String { get }
    static var columns: [ColumnInfo] { get }
}

/// A row of a table: it can be inserted, and updated or deleted by its primary key.
public protocol TableRow: Row {
    /// The primary key's columns; empty when the table has none.
    static var primaryKey: [String] { get }
}

/// The values of a new row of `Stored`'s table: what it encodes is inserted, what it leaves
/// out the database fills in (a default, an identity, NULL).
public protocol TableInsert: Encodable, Sendable {
    associatedtype Stored: TableRow
}

extension Row {
    /// The relation's name, schema-qualified and quoted.
    public static var qualifiedName: String { quoted(schemaName) + "." + quoted(relationName) }
    /// A column name of the relation, quoted.
    public static func quotedColumn(_ name: String) -> String { quoted(name) }
}

/// `name` in double quotes, inner quotes doubled: always a valid identifier, whatever it holds.
func quoted(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// An UPDATE or DELETE by primary key that found no row.
public struct RowNotFound: Error, CustomStringConvertible, Sendable {
    public var relation: String
    public var statement: String

    public init(relation: String, statement: String) {
        self.relation = relation
        self.statement = statement
    }

    public var description: String { "\(statement) found no row in \(relation) with that primary key" }
}
