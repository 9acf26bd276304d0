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
    var isUnlogged = false
    var storageParameters: [String] = []
    var replicaIdentity = SchemaModel.Table.ReplicaIdentity.default
    var clusterIndex: String?
    var comment: String?
    var renamedFrom: String?
    var parents: [String] = []
    let location: SourceLocation

    public init(
        _ name: String, file: String = #filePath, line: Int = #line,
        @TableBuilder _ content: () -> [any TableContent]
    ) {
        self.name = name
        self.content = content()
        location = SourceLocation(file: file, line: line)
    }

    /// `PARTITION BY strategy (key, …)`; each key is a column name or a parenthesised expression.
    public func partitioned(by strategy: PartitionStrategy, _ key: String...) -> Table {
        with { $0.partitioning = Partitioning(strategy: strategy, key: key) }
    }

    public func comment(_ text: String) -> Table { with { $0.comment = text } }
    /// `CREATE UNLOGGED TABLE`: faster writes, emptied after a crash.
    public func unlogged() -> Table { with { $0.isUnlogged = true } }
    /// Storage parameters as `name=value` (`"fillfactor=70"`).
    public func with(_ parameters: String...) -> Table { with { $0.storageParameters = parameters } }
    /// `REPLICA IDENTITY FULL | NOTHING | USING INDEX …`: what logical replication records.
    public func replicaIdentity(_ identity: SchemaModel.Table.ReplicaIdentity) -> Table {
        with { $0.replicaIdentity = identity }
    }
    /// `CLUSTER ON index`.
    public func clusterOn(_ index: String) -> Table { with { $0.clusterIndex = index } }
    /// A rename hint: the table was called `old` before; the migration renames it, keeping its rows.
    public func renamed(from old: String) -> Table { with { $0.renamedFrom = old } }
    /// `INHERITS (parent, …)`: the table has the parents' columns first, then its own, and their
    /// CHECK constraints. A column declared here with a parent's name is merged into it; give an
    /// inherited column a default or NOT NULL of its own with `Inherited(name)`.
    public func inherits(_ parents: String...) -> Table { with { $0.parents = parents } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        var table = SchemaModel.Table(
            name: QualifiedName(parsing: name, defaultSchema: schema), isUnlogged: isUnlogged,
            storageParameters: storageParameters, partitioning: partitioning, comment: comment, location: location)
        table.renamedFrom = renamedFrom.map { QualifiedName(parsing: $0, defaultSchema: table.name.schema) }
        table.replicaIdentity = replicaIdentity
        table.clusterIndex = clusterIndex
        table.inherits = parents.map { QualifiedName(parsing: $0, defaultSchema: table.name.schema) }
        for part in content { part.contribute(to: &table) }
        // A serial column's sequence, owned by the column, as PostgreSQL makes it.
        for case let column as Column in content {
            if let type = column.serialType {
                model.sequences.append(serialSequence(for: column.value, of: table.name, type: type))
            }
        }
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
    var partitioning: Partitioning?
    var attachedIndexNames: [String: String] = [:]
    var attachedConstraintNames: [String: String] = [:]
    let location: SourceLocation

    public init(
        _ name: String, of parent: String, values bound: String, file: String = #filePath, line: Int = #line,
        @TableBuilder _ content: () -> [any TableContent] = { [] }
    ) {
        self.name = name
        self.parent = parent
        self.bound = bound
        self.content = content()
        location = SourceLocation(file: file, line: line)
    }

    public func comment(_ text: String) -> Partition { with { $0.comment = text } }
    /// A partition partitioned in turn: `PARTITION BY strategy (key, …)`.
    public func partitioned(by strategy: PartitionStrategy, _ key: String...) -> Partition {
        with { $0.partitioning = Partitioning(strategy: strategy, key: key) }
    }
    /// The name of this partition's index made from the parent's index `parentIndex`, where it
    /// is not the one PostgreSQL gives (`<partition>_<columns>_idx`).
    public func index(_ name: String, attachedTo parentIndex: String) -> Partition {
        with { $0.attachedIndexNames[parentIndex] = name }
    }
    /// The name of this partition's key or foreign key made from the parent's `parentConstraint`.
    public func constraint(_ name: String, attachedTo parentConstraint: String) -> Partition {
        with { $0.attachedConstraintNames[parentConstraint] = name }
    }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        let spelled = bound.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() == "DEFAULT" ? "DEFAULT" : "FOR VALUES " + bound
        let qualified = QualifiedName(parsing: name, defaultSchema: schema)
        var table = SchemaModel.Table(
            name: qualified, partitioning: partitioning,
            partitionOf: PartitionOf(parent: QualifiedName(parsing: parent, defaultSchema: qualified.schema), bound: spelled),
            comment: comment, location: location)
        table.attachedIndexNames = attachedIndexNames
        table.attachedConstraintNames = attachedConstraintNames
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

    /// Set by `.serial()`: the type of the sequence the column takes its default from.
    var serialType: DataType?

    public init(_ name: String, _ type: DataType, file: String = #filePath, line: Int = #line) {
        value = .init(name: name, type: type, location: SourceLocation(file: file, line: line))
    }

    /// `serial`: an integer column, NOT NULL, whose default is the next value of a sequence
    /// `<table>_<column>_seq` that the column owns. `.bigserial()` and `.smallserial()` likewise.
    public func serial() -> Column { serial(.integer) }
    public func bigserial() -> Column { serial(.bigint) }
    public func smallserial() -> Column { serial(.smallint) }
    private func serial(_ type: DataType) -> Column {
        with {
            $0.value.type = type
            $0.value.isNullable = false
            $0.serialType = type
        }
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
    /// An identity with sequence options; bounds and start left nil are PostgreSQL's defaults.
    public func identity(
        _ generation: Identity.Generation, start: Int64? = nil, increment: Int64 = 1, minValue: Int64? = nil,
        maxValue: Int64? = nil, cache: Int64 = 1, cycle: Bool = false, sequenceName: String? = nil
    ) -> Column {
        with {
            var options = SequenceOptions(type: $0.value.type, start: start, increment: increment, minValue: minValue,
                                          maxValue: maxValue, cache: cache, cycle: cycle).normalised
            options.type = .bigint
            $0.value.identity = Identity(generation, options: options, sequenceName: sequenceName)
            $0.value.isNullable = false
        }
    }
    /// `SET STORAGE` (`"external"`, `"main"`, `"extended"`, `"plain"`).
    public func storage(_ storage: String) -> Column { with { $0.value.storage = storage } }
    /// `COMPRESSION` (`"pglz"`, `"lz4"`).
    public func compression(_ method: String) -> Column { with { $0.value.compression = method } }
    /// `SET STATISTICS n`.
    public func statistics(_ target: Int) -> Column { with { $0.value.statisticsTarget = target } }
    /// `GENERATED ALWAYS AS (expression) STORED`.
    public func generated(_ expression: String) -> Column { with { $0.value.generatedExpression = expression } }
    public func collate(_ collation: String) -> Column { with { $0.value.collation = collation } }
    public func comment(_ text: String) -> Column { with { $0.value.comment = text } }
    /// A rename hint: the column was called `old` before; the migration renames it, keeping its values.
    public func renamed(from old: String) -> Column { with { $0.value.renamedFrom = old } }
    /// A migration hint for a type change PostgreSQL has no cast for: the expression that
    /// computes the new value from the old row (`"to_timestamp(created)"`), and the one that
    /// turns it back for the rollback (`"extract(epoch FROM created)::bigint"`).
    public func using(_ expression: String, rollback: String? = nil) -> Column {
        with { $0.value.conversion = .init(expression: expression, rollback: rollback) }
    }

    public func contribute(to table: inout SchemaModel.Table) {
        let name = value.name
        let location = value.location
        var column = value
        if serialType != nil {
            let sequence = QualifiedName(schema: table.name.schema,
                                         defaultObjectName(table: table.name.name, columns: [name], label: "seq"))
            column.defaultExpression = "nextval(\(quoteLiteral(quoteName(sequence)))::regclass)"
        }
        table.columns.append(column)
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


/// A column a table inherits (`Table(…).inherits(…)`), with what it has of its own: a default,
/// NOT NULL, a comment. Its type is the parent's.
public struct Inherited: TableContent, Modifiable {
    var value: SchemaModel.Column

    public init(_ name: String, file: String = #filePath, line: Int = #line) {
        value = .init(name: name, type: .other(""), location: SourceLocation(file: file, line: line))
        value.isInherited = true
    }

    public func `default`(_ expression: String) -> Inherited { with { $0.value.defaultExpression = expression } }
    public func notNull() -> Inherited { with { $0.value.isNullable = false } }
    public func comment(_ text: String) -> Inherited { with { $0.value.comment = text } }
    public func storage(_ storage: String) -> Inherited { with { $0.value.storage = storage } }
    public func statistics(_ target: Int) -> Inherited { with { $0.value.statisticsTarget = target } }

    public func contribute(to table: inout SchemaModel.Table) { table.columns.append(value) }
}

extension DatabaseModel {
    /// Each table that inherits gets its parents' columns first, in PostgreSQL's order (the
    /// parents' in turn, then its own): a column it declares too is merged, keeping its place
    /// among the parent's; an `Inherited` column takes the parent's and changes what it says.
    mutating func resolveInheritance() {
        var done: [QualifiedName: [SchemaModel.Column]] = [:]
        var visiting = Set<QualifiedName>()
        let byName = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func columns(of name: QualifiedName) -> [SchemaModel.Column] {
            if let known = done[name] { return known }
            guard let table = byName[name], visiting.insert(name).inserted else { return byName[name]?.columns ?? [] }
            defer { visiting.remove(name) }
            var result: [SchemaModel.Column] = []
            for parent in table.inherits where byName[parent] != nil {
                for p in columns(of: parent) {
                    if let i = result.firstIndex(where: { $0.name == p.name }) {
                        if !p.isNullable { result[i].isNullable = false }
                        continue
                    }
                    result.append(p.inherited)
                }
            }
            let inherited = Set(result.map(\.name))
            for own in table.columns {
                guard let i = result.firstIndex(where: { $0.name == own.name }) else {
                    // An `Inherited` column no parent has stays, for validation to name.
                    result.append(own)
                    continue
                }
                if own.isInherited {
                    result[i].location = own.location
                    if let d = own.defaultExpression { result[i].defaultExpression = d }
                    if !own.isNullable { result[i].isNullable = false }
                    if let c = own.comment { result[i].comment = c }
                    if let s = own.storage { result[i].storage = s }
                    if let n = own.statisticsTarget { result[i].statisticsTarget = n }
                } else if inherited.contains(own.name) {
                    var merged = own
                    if !result[i].isNullable { merged.isNullable = false }
                    if merged.defaultExpression == nil { merged.defaultExpression = result[i].defaultExpression }
                    result[i] = merged
                }
            }
            done[name] = result
            return result
        }
        for t in tables.indices where !tables[t].inherits.isEmpty { tables[t].columns = columns(of: tables[t].name) }
    }
}

/// The sequence behind a serial column, and the column's default that takes from it.
private func serialSequence(for column: SchemaModel.Column, of table: QualifiedName, type: DataType) -> SchemaModel.Sequence {
    let name = QualifiedName(schema: table.schema,
                             defaultObjectName(table: table.name, columns: [column.name], label: "seq"))
    return SchemaModel.Sequence(
        name: name, options: SequenceOptions(type: type).normalised,
        ownedBy: ColumnName(table: table, column: column.name), location: column.location)
}
