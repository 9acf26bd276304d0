import SchemaModel

/// A table-level constraint. Each has PostgreSQL's default name unless one is given.
public struct PrimaryKey: TableContent, Modifiable {
    var columns: [String]
    var name: String?
    var options = ConstraintOptions()
    let location: SourceLocation

    public init(_ columns: String..., name: String? = nil, file: String = #filePath, line: Int = #line) {
        self.columns = columns
        self.name = name
        location = SourceLocation(file: file, line: line)
    }

    /// `INCLUDE (…)`: columns the key's index carries without keying on them.
    public func include(_ columns: String...) -> PrimaryKey { with { $0.options.include = columns } }
    /// Storage parameters of the key's index, as `name=value`.
    public func with(_ parameters: String...) -> PrimaryKey { with { $0.options.storageParameters = parameters } }
    public func deferrable(_ mode: Deferrable) -> PrimaryKey { with { $0.options.deferrable = mode } }
    public func comment(_ text: String) -> PrimaryKey { with { $0.options.comment = text } }

    public func contribute(to table: inout SchemaModel.Table) {
        table.constraints.append(options.applied(to: .init(
            name: name ?? defaultObjectName(table: table.name.name, columns: [], label: "pkey"),
            kind: .primaryKey(columns: columns), location: location)))
        // PostgreSQL makes primary key columns NOT NULL.
        for i in table.columns.indices where columns.contains(table.columns[i].name) {
            table.columns[i].isNullable = false
        }
    }
}

public struct Unique: TableContent, Modifiable {
    var columns: [String]
    var name: String?
    var nullsNotDistinct = false
    var deferrable = Deferrable.notDeferrable
    var options = ConstraintOptions()
    var renamedFrom: String?
    let location: SourceLocation

    public init(_ columns: String..., name: String? = nil, file: String = #filePath, line: Int = #line) {
        self.columns = columns
        self.name = name
        location = SourceLocation(file: file, line: line)
    }

    public func nullsNotDistinct(_ on: Bool = true) -> Unique { with { $0.nullsNotDistinct = on } }
    public func deferrable(_ mode: Deferrable) -> Unique { with { $0.deferrable = mode } }
    /// `INCLUDE (…)`: columns the constraint's index carries without keying on them.
    public func include(_ columns: String...) -> Unique { with { $0.options.include = columns } }
    /// Storage parameters of the constraint's index, as `name=value`.
    public func with(_ parameters: String...) -> Unique { with { $0.options.storageParameters = parameters } }
    public func comment(_ text: String) -> Unique { with { $0.options.comment = text } }
    /// A rename hint: the constraint was called `old` before.
    public func renamed(from old: String) -> Unique { with { $0.renamedFrom = old } }

    public func contribute(to table: inout SchemaModel.Table) {
        var c = SchemaModel.Constraint(
            name: name ?? defaultObjectName(table: table.name.name, columns: columns, label: "key"),
            kind: .unique(columns: columns, nullsNotDistinct: nullsNotDistinct), deferrable: deferrable,
            location: location)
        c.renamedFrom = renamedFrom
        table.constraints.append(options.applied(to: c))
    }
}

/// A named table-level CHECK.
public struct Check: TableContent, Modifiable {
    let name: String
    let expression: String
    var renamedFrom: String?
    var isNoInherit = false
    var isValid = true
    var commentText: String?
    let location: SourceLocation

    public init(_ name: String, _ expression: String, file: String = #filePath, line: Int = #line) {
        self.name = name
        self.expression = expression
        location = SourceLocation(file: file, line: line)
    }

    /// A rename hint: the constraint was called `old` before.
    public func renamed(from old: String) -> Check { with { $0.renamedFrom = old } }
    /// `NO INHERIT`: not passed on to child tables.
    public func noInherit() -> Check { with { $0.isNoInherit = true } }
    /// `NOT VALID`: rows already there are not checked.
    public func notValid() -> Check { with { $0.isValid = false } }
    public func comment(_ text: String) -> Check { with { $0.commentText = text } }

    public func contribute(to table: inout SchemaModel.Table) {
        var c = SchemaModel.Constraint(name: name, kind: .check(expression: expression), isValid: isValid,
                                       noInherit: isNoInherit, comment: commentText, location: location)
        c.renamedFrom = renamedFrom
        table.constraints.append(c)
    }
}

/// A (multi-column) foreign key; without target columns it references the target's primary key.
public struct ForeignKey: TableContent, Modifiable {
    var value: SchemaModel.ForeignKey
    var name: String?
    var deferrable: Deferrable
    var renamedFrom: String?
    var isValid = true
    var commentText: String?
    let location: SourceLocation

    public init(
        _ columns: [String], references table: String, _ referencedColumns: [String] = [],
        onDelete: ReferentialAction = .noAction, onUpdate: ReferentialAction = .noAction,
        deferrable: Deferrable = .notDeferrable, name: String? = nil, file: String = #filePath, line: Int = #line
    ) {
        value = .init(columns: columns, referencedTable: QualifiedName(parsing: table),
                      referencedColumns: referencedColumns, onDelete: onDelete, onUpdate: onUpdate)
        self.name = name
        self.deferrable = deferrable
        location = SourceLocation(file: file, line: line)
        tableText = table
    }
    let tableText: String

    public func matchFull() -> ForeignKey { with { $0.value.match = .full } }
    /// `ON DELETE SET NULL (columns)` / `SET DEFAULT (columns)`: only these columns are set.
    public func onDeleteSetting(_ columns: String...) -> ForeignKey { with { $0.value.onDeleteColumns = columns } }
    public func comment(_ text: String) -> ForeignKey { with { $0.commentText = text } }
    /// `NOT VALID`: rows already there are not checked.
    public func notValid() -> ForeignKey { with { $0.isValid = false } }
    /// A rename hint: the constraint was called `old` before.
    public func renamed(from old: String) -> ForeignKey { with { $0.renamedFrom = old } }

    public func contribute(to table: inout SchemaModel.Table) {
        var fk = value
        fk.referencedTable = QualifiedName(parsing: tableText, defaultSchema: table.name.schema)
        var c = SchemaModel.Constraint(
            name: name ?? defaultObjectName(table: table.name.name, columns: fk.columns, label: "fkey"),
            kind: .foreignKey(fk), deferrable: deferrable, isValid: isValid, comment: commentText, location: location)
        c.renamedFrom = renamedFrom
        table.constraints.append(c)
    }
}

/// `EXCLUDE USING method (element WITH operator, …) [WHERE (…)]`.
public struct Exclude: TableContent, Modifiable {
    var value: Exclusion
    var name: String?
    var options = ConstraintOptions()
    let location: SourceLocation

    /// Elements are `(column, operator)` pairs; a column written in parentheses is an expression.
    public init(
        using method: IndexMethod = .gist, _ elements: (String, String)..., name: String? = nil,
        file: String = #filePath, line: Int = #line
    ) {
        value = Exclusion(method: method, elements: elements.map { target, op in
            target.hasPrefix("(") ? .init(expression: target, operator: op) : .init(column: target, operator: op)
        })
        self.name = name
        location = SourceLocation(file: file, line: line)
    }

    public func `where`(_ predicate: String) -> Exclude { with { $0.value.predicate = predicate } }
    /// `INCLUDE (…)`: columns the constraint's index carries without keying on them.
    public func include(_ columns: String...) -> Exclude { with { $0.options.include = columns } }
    /// Storage parameters of the constraint's index, as `name=value`.
    public func with(_ parameters: String...) -> Exclude { with { $0.options.storageParameters = parameters } }
    public func deferrable(_ mode: Deferrable) -> Exclude { with { $0.options.deferrable = mode } }
    public func comment(_ text: String) -> Exclude { with { $0.options.comment = text } }

    public func contribute(to table: inout SchemaModel.Table) {
        table.constraints.append(options.applied(to: .init(
            name: name ?? defaultObjectName(table: table.name.name, columns: value.elements.compactMap(\.column),
                                            label: "excl"),
            kind: .exclusion(value), location: location)))
    }
}

/// `ENABLE ROW LEVEL SECURITY`, and `FORCE` when asked.
public struct RowLevelSecurity: TableContent {
    let force: Bool
    public init(force: Bool = false) { self.force = force }

    public func contribute(to table: inout SchemaModel.Table) {
        table.rowLevelSecurity = true
        table.forceRowLevelSecurity = force
    }
}

public typealias PolicyCommand = SchemaModel.Policy.Command

/// `CREATE POLICY name ON table [AS RESTRICTIVE] FOR command TO roles USING (…) WITH CHECK (…)`.
public struct Policy: TableContent, Modifiable {
    var value: SchemaModel.Policy

    public init(
        _ name: String, for command: PolicyCommand = .all, to roles: [String] = [], using: String? = nil,
        withCheck: String? = nil, restrictive: Bool = false, file: String = #filePath, line: Int = #line
    ) {
        value = .init(name: name, command: command, isPermissive: !restrictive, roles: roles, using: using,
                      withCheck: withCheck, location: SourceLocation(file: file, line: line))
    }

    public func comment(_ text: String) -> Policy { with { $0.value.comment = text } }
    public func contribute(to table: inout SchemaModel.Table) { table.policies.append(value) }
}

public typealias TriggerTiming = SchemaModel.Trigger.Timing
public typealias TriggerEvent = SchemaModel.Trigger.Event
public typealias TriggerLevel = SchemaModel.Trigger.Level

/// `CREATE TRIGGER name timing events ON table FOR EACH level [WHEN (…)] EXECUTE FUNCTION f(args)`.
public struct Trigger: TableContent, Modifiable {
    var value: SchemaModel.Trigger
    let functionText: String
    var referencedTableText: String?

    public init(
        _ name: String, _ timing: TriggerTiming, _ events: TriggerEvent..., forEach level: TriggerLevel = .row,
        when condition: String? = nil, execute function: String, arguments: [String] = [],
        file: String = #filePath, line: Int = #line
    ) {
        value = .init(name: name, timing: timing, events: events, level: level, condition: condition,
                      function: QualifiedName(parsing: function), arguments: arguments,
                      location: SourceLocation(file: file, line: line))
        functionText = function
    }

    public func comment(_ text: String) -> Trigger { with { $0.value.comment = text } }
    /// `DISABLE TRIGGER`, `ENABLE REPLICA` or `ENABLE ALWAYS`: when the trigger fires.
    public func firing(_ firing: SchemaModel.Trigger.Firing) -> Trigger { with { $0.value.firing = firing } }
    /// `CREATE CONSTRAINT TRIGGER … [FROM table] [DEFERRABLE …]`: an `AFTER … FOR EACH ROW`
    /// trigger that can fire at the end of the transaction instead of after each statement.
    public func constraint(_ deferrable: Deferrable = .notDeferrable, from table: String? = nil) -> Trigger {
        with {
            $0.value.constraint = .init(deferrable: deferrable)
            $0.referencedTableText = table
        }
    }
    /// `REFERENCING OLD TABLE AS old NEW TABLE AS new`: the rows the statement changed, as
    /// relations the function can query (AFTER triggers).
    public func referencing(old: String? = nil, new: String? = nil) -> Trigger {
        with {
            $0.value.oldTable = old
            $0.value.newTable = new
        }
    }

    public func contribute(to table: inout SchemaModel.Table) {
        table.triggers.append(resolved(inSchema: table.name.schema))
    }

    /// The trigger with its function's name resolved in the schema of the relation it is on.
    func resolved(inSchema schema: String) -> SchemaModel.Trigger {
        var trigger = value
        trigger.function = QualifiedName(parsing: functionText, defaultSchema: schema)
        if let table = referencedTableText {
            trigger.constraint?.referencedTable = QualifiedName(parsing: table, defaultSchema: schema)
        }
        return trigger
    }
}

/// What keys and exclusion constraints may say beyond their columns.
struct ConstraintOptions: Sendable {
    var include: [String] = []
    var storageParameters: [String] = []
    var deferrable: Deferrable?
    var comment: String?

    func applied(to constraint: SchemaModel.Constraint) -> SchemaModel.Constraint {
        var c = constraint
        if !include.isEmpty { c.include = include }
        if !storageParameters.isEmpty { c.storageParameters = storageParameters }
        if let deferrable { c.deferrable = deferrable }
        if let comment { c.comment = comment }
        return c
    }
}
