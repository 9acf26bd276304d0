import SchemaModel

/// What the planner is told beyond the two schemas: what the declaration says was renamed
/// (keyed by the new name), so the differ renames instead of dropping and creating and no data
/// is lost; how a column's values are converted where PostgreSQL has no cast; and whether a
/// table whose columns are in another order is rebuilt to match. Reversed for the rollback.
public struct MigrationHints: Hashable, Sendable {
    public var tables: [QualifiedName: QualifiedName] = [:]
    /// Table (new name) → column new name → old name.
    public var columns: [QualifiedName: [String: String]] = [:]
    public var enums: [QualifiedName: QualifiedName] = [:]
    /// Table (new name) → index new name → old name.
    public var indexes: [QualifiedName: [String: String]] = [:]
    /// Table (new name) → constraint new name → old name.
    public var constraints: [QualifiedName: [String: String]] = [:]
    /// Column → the expression that computes its new value from the old row (`ALTER COLUMN …
    /// TYPE … USING`), for a type change PostgreSQL has no cast for.
    public var conversions: [ColumnName: String] = [:]
    /// The same for the rollback: from the new type back to the old.
    public var rollbackConversions: [ColumnName: String] = [:]
    /// A table whose columns are in another order than the target's is rebuilt, with its rows,
    /// to match; otherwise the order is only reported.
    public var exactColumnOrder = false
    /// For a rollback: a column without a conversion is planned with PostgreSQL's cast and
    /// listed in the plan's `unconvertible`, instead of refusing the plan.
    var listsUnconvertible = false

    public init() {}

    /// The hints written in a declaration (`.renamed(from:)`, `.using(_:rollback:)`).
    public init(declaredIn model: DatabaseModel) {
        for e in model.enums { if let old = e.renamedFrom { enums[e.name] = old } }
        for t in model.tables {
            if let old = t.renamedFrom { tables[t.name] = old }
            for c in t.columns {
                if let old = c.renamedFrom { columns[t.name, default: [:]][c.name] = old }
                if let using = c.conversion {
                    conversions[ColumnName(table: t.name, column: c.name)] = using.expression
                    if let back = using.rollback { rollbackConversions[ColumnName(table: t.name, column: c.name)] = back }
                }
            }
            for i in t.indexes { if let old = i.renamedFrom { indexes[t.name, default: [:]][i.name] = old } }
            for c in t.constraints { if let old = c.renamedFrom { constraints[t.name, default: [:]][c.name] = old } }
        }
    }

    public var isEmpty: Bool {
        tables.isEmpty && columns.isEmpty && enums.isEmpty && indexes.isEmpty && constraints.isEmpty
    }

    /// The same hints seen from the other side: for the rollback.
    public var reversed: MigrationHints {
        var r = MigrationHints()
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
        // A converted column keeps its name on the way back, unless it was renamed too.
        func back(_ c: ColumnName) -> ColumnName {
            let table = tables[c.table] ?? c.table
            return ColumnName(table: table, column: columns[c.table]?[c.column] ?? c.column)
        }
        r.conversions = Dictionary(rollbackConversions.map { (back($0), $1) }, uniquingKeysWith: { a, _ in a })
        r.rollbackConversions = Dictionary(conversions.map { (back($0), $1) }, uniquingKeysWith: { a, _ in a })
        r.exactColumnOrder = exactColumnOrder
        r.listsUnconvertible = true
        return r
    }

    /// Only what holds whatever was renamed: for plans between stages of one migration.
    public var withoutRenames: MigrationHints {
        var r = MigrationHints()
        r.exactColumnOrder = exactColumnOrder
        r.listsUnconvertible = true
        return r
    }
}
