import Foundation
@_exported import struct SchemaModel.ValidationError
@_exported import struct SchemaModel.ValidationErrors
@_exported import enum SchemaModel.IndexMethod
@_exported import enum SchemaModel.Deferrable
import SchemaModel

public typealias ReferentialAction = SchemaModel.ForeignKey.Action
public typealias PartitionStrategy = Partitioning.Strategy
public typealias Identity = SchemaModel.Column.Identity

/// Something that can be written inside `Table { … }`.
public protocol TableContent: Sendable {
    func contribute(to table: inout SchemaModel.Table)
}

@resultBuilder
public enum TableBuilder {
    public static func buildExpression(_ content: some TableContent) -> [any TableContent] { [content] }
    public static func buildExpression(_ contents: [any TableContent]) -> [any TableContent] { contents }
    public static func buildBlock(_ parts: [any TableContent]...) -> [any TableContent] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any TableContent]?) -> [any TableContent] { part ?? [] }
    public static func buildEither(first: [any TableContent]) -> [any TableContent] { first }
    public static func buildEither(second: [any TableContent]) -> [any TableContent] { second }
    public static func buildArray(_ parts: [[any TableContent]]) -> [any TableContent] { parts.flatMap { $0 } }
}

/// `CREATE TABLE name (…)`.
public struct Table: DatabaseContent, Modifiable {
    var name: String
    var content: [any TableContent]
    var partitioning: Partitioning?
    var comment: String?
    var renamedFrom: String?
    let location: SourceLocation

    public init(
        _ name: String, fileID: String = #fileID, line: Int = #line,
        @TableBuilder _ content: () -> [any TableContent]
    ) {
        self.name = name
        self.content = content()
        location = SourceLocation(fileID: fileID, line: line)
    }

    /// `PARTITION BY strategy (key, …)`; each key is a column name or a parenthesised expression.
    public func partitioned(by strategy: PartitionStrategy, _ key: String...) -> Table {
        with { $0.partitioning = Partitioning(strategy: strategy, key: key) }
    }

    public func comment(_ text: String) -> Table { with { $0.comment = text } }
    /// A rename hint: the table was called `old` before; the migration renames it, keeping its rows.
    public func renamed(from old: String) -> Table { with { $0.renamedFrom = old } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        var table = SchemaModel.Table(
            name: QualifiedName(parsing: name, defaultSchema: schema), partitioning: partitioning, comment: comment,
            location: location)
        table.renamedFrom = renamedFrom.map { QualifiedName(parsing: $0, defaultSchema: table.name.schema) }
        for part in content { part.contribute(to: &table) }
        model.tables.append(table)
    }
}

/// `CREATE TABLE name PARTITION OF parent FOR VALUES …`; `bound` is what follows `FOR VALUES`
/// (`FROM ('2025-01-01') TO ('2025-02-01')`, `IN ('a')`, `WITH (MODULUS 4, REMAINDER 0)`), or
/// `DEFAULT` for the default partition.
public struct Partition: DatabaseContent, Modifiable {
    var name: String
    var parent: String
    var bound: String
    var content: [any TableContent]
    var comment: String?
    let location: SourceLocation

    public init(
        _ name: String, of parent: String, values bound: String, fileID: String = #fileID, line: Int = #line,
        @TableBuilder _ content: () -> [any TableContent] = { [] }
    ) {
        self.name = name
        self.parent = parent
        self.bound = bound
        self.content = content()
        location = SourceLocation(fileID: fileID, line: line)
    }

    public func comment(_ text: String) -> Partition { with { $0.comment = text } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        let spelled = bound.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() == "DEFAULT" ? "DEFAULT" : "FOR VALUES " + bound
        var table = SchemaModel.Table(
            name: QualifiedName(parsing: name, defaultSchema: schema),
            partitionOf: PartitionOf(parent: QualifiedName(parsing: parent, defaultSchema: schema), bound: spelled),
            comment: comment, location: location)
        for part in content { part.contribute(to: &table) }
        model.tables.append(table)
    }
}

/// A column, with the constraints that can be written on it.
public struct Column: TableContent, Modifiable {
    var value: SchemaModel.Column
    var isPrimaryKey = false
    var isUnique = false
    var checks: [(name: String?, expression: String)] = []
    var reference: (table: String, columns: [String], onDelete: ReferentialAction, onUpdate: ReferentialAction,
                    deferrable: Deferrable)?

    public init(_ name: String, _ type: DataType, fileID: String = #fileID, line: Int = #line) {
        value = .init(name: name, type: type, location: SourceLocation(fileID: fileID, line: line))
    }

    public func notNull() -> Column { with { $0.value.isNullable = false } }
    /// A SQL expression: `"now()"`, `"0"`, `"'USD'"`, `"gen_random_uuid()"`.
    public func `default`(_ expression: String) -> Column { with { $0.value.defaultExpression = expression } }
    /// Primary key columns are NOT NULL, as PostgreSQL makes them.
    public func primaryKey() -> Column { with { $0.isPrimaryKey = true; $0.value.isNullable = false } }
    public func unique() -> Column { with { $0.isUnique = true } }
    public func check(_ expression: String, name: String? = nil) -> Column {
        with { $0.checks.append((name, expression)) }
    }
    /// A foreign key to `table` (`schema.table` allowed); without columns, to its primary key.
    public func references(
        _ table: String, _ columns: String..., onDelete: ReferentialAction = .noAction,
        onUpdate: ReferentialAction = .noAction, deferrable: Deferrable = .notDeferrable
    ) -> Column {
        with { $0.reference = (table, columns, onDelete, onUpdate, deferrable) }
    }
    /// `GENERATED ALWAYS|BY DEFAULT AS IDENTITY`; identity columns are NOT NULL.
    public func identity(_ kind: Identity = .always) -> Column {
        with { $0.value.identity = kind; $0.value.isNullable = false }
    }
    /// `GENERATED ALWAYS AS (expression) STORED`.
    public func generated(_ expression: String) -> Column { with { $0.value.generatedExpression = expression } }
    public func collate(_ collation: String) -> Column { with { $0.value.collation = collation } }
    public func comment(_ text: String) -> Column { with { $0.value.comment = text } }
    /// A rename hint: the column was called `old` before; the migration renames it, keeping its values.
    public func renamed(from old: String) -> Column { with { $0.value.renamedFrom = old } }

    public func contribute(to table: inout SchemaModel.Table) {
        let name = value.name
        let location = value.location
        table.columns.append(value)
        if isPrimaryKey {
            table.constraints.append(.init(
                name: defaultObjectName(table: table.name.name, columns: [], label: "pkey"),
                kind: .primaryKey(columns: [name]), location: location))
        }
        if isUnique {
            table.constraints.append(.init(
                name: defaultObjectName(table: table.name.name, columns: [name], label: "key"),
                kind: .unique(columns: [name], nullsNotDistinct: false), location: location))
        }
        for check in checks {
            table.constraints.append(.init(
                name: check.name ?? defaultObjectName(table: table.name.name, columns: [name], label: "check"),
                kind: .check(expression: check.expression), location: location))
        }
        if let reference {
            let fk = SchemaModel.ForeignKey(
                columns: [name], referencedTable: QualifiedName(parsing: reference.table, defaultSchema: table.name.schema),
                referencedColumns: reference.columns, onDelete: reference.onDelete, onUpdate: reference.onUpdate)
            table.constraints.append(.init(
                name: defaultObjectName(table: table.name.name, columns: [name], label: "fkey"),
                kind: .foreignKey(fk), deferrable: reference.deferrable, location: location))
        }
    }
}

