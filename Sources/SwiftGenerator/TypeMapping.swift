import SchemaModel

/// The Swift type a column of a PostgreSQL type is read into (README, "Type mapping").
/// Exact numerics never map to a binary floating-point type.
struct TypeMapping {
    /// Swift type names of the model's enums.
    let enumNames: [QualifiedName: String]
    let domains: [QualifiedName: Domain]

    func swiftType(_ type: DataType) -> String {
        switch resolved(type) {
        case .smallint: return "Int16"
        case .integer: return "Int32"
        case .bigint: return "Int64"
        case .numeric(_, let scale?) where scale == 0: return "ExactInteger"
        case .numeric: return "ExactDecimal"
        case .real: return "Float"
        case .doublePrecision: return "Double"
        case .boolean: return "Bool"
        case .text, .varchar, .char, .inet, .interval, .other: return "String"
        case .uuid: return "UUID"
        case .jsonb, .json: return "JSONValue"
        case .bytea: return "Data"
        case .date: return "CalendarDate"
        case .timestamp: return "LocalTimestamp"
        case .timestamptz: return "Timestamp"
        case .array(let element): return "[\(swiftType(element))]"
        case .named(let name): return enumNames[name] ?? "String"
        }
    }

    /// The type with domains replaced by their base types (enums stay named).
    func resolved(_ type: DataType) -> DataType {
        switch type {
        case .named(let name): return domains[name].map { resolved($0.baseType) } ?? type
        case .array(let element): return .array(resolved(element))
        default: return type
        }
    }
}
