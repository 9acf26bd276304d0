import SchemaModel

/// What the declaration says was renamed, keyed by the new name: the differ renames instead
/// of dropping and creating, so no data is lost. Reversed for the rollback.
public struct RenameHints: Hashable, Sendable {
    public var tables: [QualifiedName: QualifiedName] = [:]
    /// Table (new name) → column new name → old name.
    public var columns: [QualifiedName: [String: String]] = [:]
    public var enums: [QualifiedName: QualifiedName] = [:]
    /// Table (new name) → index new name → old name.
    public var indexes: [QualifiedName: [String: String]] = [:]
    /// Table (new name) → constraint new name → old name.
    public var constraints: [QualifiedName: [String: String]] = [:]

    public init() {}

    /// The hints written in a declaration (`.renamed(from:)`).
    public init(declaredIn model: DatabaseModel) {
        for e in model.enums { if let old = e.renamedFrom { enums[e.name] = old } }
        for t in model.tables {
            if let old = t.renamedFrom { tables[t.name] = old }
            for c in t.columns { if let old = c.renamedFrom { columns[t.name, default: [:]][c.name] = old } }
            for i in t.indexes { if let old = i.renamedFrom { indexes[t.name, default: [:]][i.name] = old } }
            for c in t.constraints { if let old = c.renamedFrom { constraints[t.name, default: [:]][c.name] = old } }
        }
    }

    public var isEmpty: Bool {
        tables.isEmpty && columns.isEmpty && enums.isEmpty && indexes.isEmpty && constraints.isEmpty
    }

    /// The same renames seen from the other side: for the rollback.
    public var reversed: RenameHints {
        var r = RenameHints()
        r.tables = Dictionary(uniqueKeysWithValues: tables.map { ($1, $0) })
        r.enums = Dictionary(uniqueKeysWithValues: enums.map { ($1, $0) })
        func flip(_ nested: [QualifiedName: [String: String]]) -> [QualifiedName: [String: String]] {
            var out: [QualifiedName: [String: String]] = [:]
            for (table, names) in nested {
                out[tables[table] ?? table] = Dictionary(uniqueKeysWithValues: names.map { ($1, $0) })
            }
            return out
        }
        r.columns = flip(columns)
        r.indexes = flip(indexes)
        r.constraints = flip(constraints)
        return r
    }
}
