/// A schema-qualified object name, e.g. `public.users`.
public struct QualifiedName: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var schema: String
    public var name: String

    public init(schema: String = "public", _ name: String) {
        self.schema = schema
        self.name = name
    }

    /// Parses `name` or `schema.name` (unquoted dotted form, as written in the DSL).
    public init(parsing text: String, defaultSchema: String = "public") {
        if let dot = text.firstIndex(of: ".") {
            schema = String(text[..<dot])
            name = String(text[text.index(after: dot)...])
        } else {
            schema = defaultSchema
            name = text
        }
    }

    public var description: String { "\(schema).\(name)" }

    public static func < (lhs: QualifiedName, rhs: QualifiedName) -> Bool {
        (lhs.schema, lhs.name) < (rhs.schema, rhs.name)
    }
}
