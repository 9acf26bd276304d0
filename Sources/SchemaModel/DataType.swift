/// A column, argument or return type.
public indirect enum DataType: Codable, Hashable, Sendable {
    case smallint, integer, bigint
    /// `numeric(p,s)`; both nil for bare `numeric`.
    case numeric(precision: Int?, scale: Int?)
    case real, doublePrecision
    case boolean
    case text
    case varchar(Int?)
    case char(Int?)
    case uuid, jsonb, json, bytea
    case date, timestamp, timestamptz, interval
    case inet
    case array(DataType)
    /// A user-defined type of the model: an enum or a domain.
    case named(QualifiedName)
    /// Any other type, spelled as PostgreSQL's `format_type` spells it (e.g. `tsvector`).
    case other(String)

    public static func numeric(_ precision: Int, _ scale: Int = 0) -> DataType {
        .numeric(precision: precision, scale: scale)
    }
    public static let decimal = DataType.numeric(precision: nil, scale: nil)
    public static func varchar(_ length: Int) -> DataType { .varchar(Optional(length)) }

    /// The spelling `format_type()` gives for a built-in type; named types render schema-qualified.
    public var formatted: String {
        switch self {
        case .smallint: return "smallint"
        case .integer: return "integer"
        case .bigint: return "bigint"
        case .numeric(let p?, let s?): return "numeric(\(p),\(s))"
        case .numeric(let p?, nil): return "numeric(\(p),0)"
        case .numeric: return "numeric"
        case .real: return "real"
        case .doublePrecision: return "double precision"
        case .boolean: return "boolean"
        case .text: return "text"
        case .varchar(let n?): return "character varying(\(n))"
        case .varchar(nil): return "character varying"
        case .char(let n?): return "character(\(n))"
        case .char(nil): return "character(1)"
        case .uuid: return "uuid"
        case .jsonb: return "jsonb"
        case .json: return "json"
        case .bytea: return "bytea"
        case .date: return "date"
        case .timestamp: return "timestamp without time zone"
        case .timestamptz: return "timestamp with time zone"
        case .interval: return "interval"
        case .inet: return "inet"
        case .array(let element): return element.formatted + "[]"
        case .named(let name): return name.description
        case .other(let spelling): return spelling
        }
    }

    /// The type without length, precision or scale: what decides if two columns can be joined by a key.
    public var family: DataType {
        switch self {
        case .smallint, .integer, .bigint: return .bigint
        case .numeric: return .numeric(precision: nil, scale: nil)
        case .varchar, .text: return .text
        case .char: return .char(nil)
        case .array(let element): return .array(element.family)
        default: return self
        }
    }

    /// Named types this type refers to (itself, or the element of an array).
    public var referencedTypeName: QualifiedName? {
        switch self {
        case .named(let name): return name
        case .array(let element): return element.referencedTypeName
        default: return nil
        }
    }
}
