import SchemaModel

/// What one change of a plan does, as a value. Only `SQLRenderer` turns an operation into SQL;
/// staging and every other decision look at operations, never at SQL text.
public enum SchemaOperation: Hashable, Sendable {
    /// `SET check_function_bodies = false`: function bodies may name objects created later.
    case deferFunctionBodyChecks

    case createSchema(String)
    case dropSchema(String)
    case createExtension(Extension)
    case alterExtension(String, ExtensionAlteration)
    case dropExtension(String)

    case createEnum(EnumType)
    case addEnumValue(QualifiedName, label: String, position: EnumValuePosition)
    /// Renames an enum or domain (a rename hint, or setting a type aside to replace it).
    case renameType(QualifiedName, to: String, isDomain: Bool)
    case dropType(QualifiedName)

    case createCompositeType(CompositeType)
    case alterCompositeType(QualifiedName, CompositeAlteration)
    case createRangeType(RangeType)
    case createCollation(Collation)
    /// Sets a collation aside, to be replaced.
    case renameCollation(QualifiedName, to: String)
    case dropCollation(QualifiedName)

    case createDomain(Domain)
    case alterDomain(QualifiedName, DomainAlteration)
    case dropDomain(QualifiedName)

    /// Without `OWNED BY`, which `setSequenceOwner` sets once the column exists.
    case createSequence(Sequence)
    case alterSequence(QualifiedName, SequenceOptions)
    case setSequenceOwner(QualifiedName, ColumnName?)
    /// Moves a sequence's current value into `range` when it lies outside, keeping whether it was
    /// called: before a change of bounds that the current value would break.
    case clampSequence(QualifiedName, ClosedRange<Int64>)
    case dropSequence(QualifiedName)
    /// Sets a table's identity sequence aside with the table, while the table is made again.
    case renameSequence(QualifiedName, to: String)
    /// `SELECT setval(to, last_value, is_called) FROM from`: a sequence made again continues
    /// where the one it replaces stopped.
    case copySequenceValue(from: QualifiedName, to: QualifiedName)

    /// `ALTER FUNCTION name(types) RENAME TO …`: for the constructors of a range type set aside.
    case renameFunction(QualifiedName, argumentTypes: [DataType], to: String)
    case createFunction(Function, orReplace: Bool)
    case dropFunction(Function)

    /// Columns, defaults and every constraint but foreign keys.
    case createTable(Table)
    case dropTable(QualifiedName)
    case renameTable(QualifiedName, to: String)
    case alterTable(QualifiedName, TableAlteration)

    /// `INSERT INTO to (…) SELECT … FROM from`: the rows of a table set aside, copied into the
    /// table made again in its place.
    case copyRows(RowCopy)
    case createIndex(Index, on: QualifiedName, concurrently: Bool)
    /// A primary key or unique constraint made from the index of its name, built beforehand
    /// `CONCURRENTLY`; only if the table has no constraint of that name yet, so it can run again.
    case addConstraintUsingIndex(Constraint, on: QualifiedName)
    /// Gives the index of `partition` attached to the parent's index `parentIndex` the name
    /// `name`, whatever PostgreSQL named it when it made it.
    case nameAttachedIndex(partition: QualifiedName, parentIndex: QualifiedName, name: String)
    /// The same for the key or foreign key made from the parent table's constraint.
    case nameAttachedConstraint(partition: QualifiedName, parent: QualifiedName, constraint: String, name: String)
    case dropIndex(QualifiedName, concurrently: Bool)
    case renameIndex(QualifiedName, to: String)

    case createView(View)
    case alterView(QualifiedName, materialized: Bool, ViewAlteration)
    case dropView(QualifiedName, materialized: Bool)

    case createTrigger(Trigger, on: QualifiedName)
    case dropTrigger(String, on: QualifiedName)
    case createPolicy(Policy, on: QualifiedName)
    case dropPolicy(String, on: QualifiedName)

    /// `COMMENT ON … IS …`; nil removes the comment.
    case comment(CommentTarget, String?)

    /// `GRANT` or `REVOKE` on an object, or `ALTER DEFAULT PRIVILEGES … GRANT/REVOKE`.
    case privileges(PrivilegeTarget, PrivilegeChange)
}

/// What a `GRANT` or `REVOKE` is on.
public enum PrivilegeTarget: Hashable, Sendable {
    /// A table, view, sequence, function, schema or type; with a column, that column of a table.
    case object(ObjectID, column: String?)
    /// The privileges objects of a kind get when `role` (nil: the role running the migration)
    /// creates them, in `schema` or anywhere.
    case defaults(role: String?, schema: String?, objects: DefaultPrivilege.Objects)
}

public struct PrivilegeChange: Hashable, Sendable {
    public var isGrant: Bool
    public var privileges: [String]
    public var grantee: String
    /// `WITH GRANT OPTION` on a grant; on a revoke, `GRANT OPTION FOR`: only the option goes.
    public var grantOption: Bool

    public init(isGrant: Bool, privileges: [String], grantee: String, grantOption: Bool) {
        self.isGrant = isGrant
        self.privileges = privileges
        self.grantee = grantee
        self.grantOption = grantOption
    }
}

/// The rows of one table copied into another, column by column.
public struct RowCopy: Hashable, Sendable {
    public struct Column: Hashable, Sendable {
        public var name: String
        /// How the old value becomes the new one where the type changes; nil copies it as it is.
        public var conversion: ValueConversion?
        public var type: DataType
        public init(name: String, type: DataType, conversion: ValueConversion? = nil) {
            self.name = name
            self.type = type
            self.conversion = conversion
        }
    }
    public var from: QualifiedName
    public var to: QualifiedName
    public var columns: [Column]
    /// `OVERRIDING SYSTEM VALUE`: identity columns `GENERATED ALWAYS` keep their values.
    public var overridingSystemValue: Bool
    /// `FROM ONLY`: the rows of the table itself, not those of tables that inherit from it.
    public var only: Bool

    public init(from: QualifiedName, to: QualifiedName, columns: [Column], overridingSystemValue: Bool, only: Bool) {
        self.from = from
        self.to = to
        self.columns = columns
        self.overridingSystemValue = overridingSystemValue
        self.only = only
    }
}

public enum ExtensionAlteration: Hashable, Sendable {
    /// `SET SCHEMA`: the extension's objects move to another schema.
    case setSchema(String)
    /// `UPDATE TO 'version'`: runs the extension's update scripts.
    case updateTo(String)
}

public enum EnumValuePosition: Hashable, Sendable {
    case before(String)
    case after(String)
}

public enum CompositeAlteration: Hashable, Sendable {
    case addAttribute(CompositeType.Attribute)
    case dropAttribute(String)
}

public enum DomainAlteration: Hashable, Sendable {
    case setDefault(String?)
    case setNotNull(Bool)
    case addCheck(Domain.Check)
    case validateCheck(String)
    case dropCheck(String)
}

public enum TableAlteration: Hashable, Sendable {
    case addColumn(Column)
    case dropColumn(String)
    case renameColumn(String, to: String)
    case alterColumn(String, ColumnAlteration)
    case addConstraint(Constraint, notValid: Bool)
    /// With `ifExists`, skipped when the constraint is gone: for the check an online recipe adds
    /// and drops, so the recipe can run again.
    case validateConstraint(String, ifExists: Bool = false)
    /// `IF EXISTS` where the statement must be able to run again.
    case dropConstraint(String, ifExists: Bool = false)
    case renameConstraint(String, to: String)
    case setRowLevelSecurity(Bool)
    case setForceRowLevelSecurity(Bool)
    /// `INHERIT parent` / `NO INHERIT parent`.
    case inherit(QualifiedName)
    case noInherit(QualifiedName)
    case attachPartition(QualifiedName, bound: String)
    case detachPartition(QualifiedName)
    case setLogged(Bool)
    case setReplicaIdentity(Table.ReplicaIdentity)
    /// `CLUSTER ON index`, or `SET WITHOUT CLUSTER` for nil.
    case setCluster(String?)
    case setTriggerFiring(String, Trigger.Firing)
    /// `SET (…)` the parameters given, `RESET (…)` the names given.
    case setStorageParameters(set: [String], reset: [String])
}

public enum ColumnAlteration: Hashable, Sendable {
    /// `TYPE … USING …`, each value converted as `conversion` says.
    case setType(DataType, collation: String?, conversion: ValueConversion)
    case setDefault(String)
    case dropDefault
    case setNotNull
    case dropNotNull
    case addIdentity(Column.Identity)
    case setIdentity(Column.Identity)
    case dropIdentity
    case dropExpression
    case setStorage(String)
    case setCompression(String?)
    case setStatistics(Int?)
}

/// How `ALTER COLUMN … TYPE … USING` turns a column's value into the new type.
public enum ValueConversion: Hashable, Sendable {
    /// `column::type`: PostgreSQL's own cast.
    case cast
    /// `column::through::type`: through an intermediate type (`text`), where PostgreSQL has no
    /// cast between the two, as from one enum to another.
    case through(DataType)
    /// An expression of the row's columns, as the declaration wrote it.
    case expression(String)
    /// A composite value made again field by field: each new field takes the old field of the
    /// name given, or NULL; a NULL value stays NULL.
    case fields([String?])
}

public enum ViewAlteration: Hashable, Sendable {
    /// `SET (…)` / `RESET (…)` of view options and materialized views' storage parameters.
    case setOptions(set: [String], reset: [String])
    /// `REFRESH MATERIALIZED VIEW [WITH NO DATA]`.
    case refresh(withData: Bool)
}

/// What a comment is on.
public enum CommentTarget: Hashable, Sendable {
    case schema(String)
    case type(QualifiedName)
    case domain(QualifiedName)
    case sequence(QualifiedName)
    case function(Function)
    case table(QualifiedName)
    case column(QualifiedName, String)
    case constraint(QualifiedName, String)
    case domainConstraint(QualifiedName, String)
    case collation(QualifiedName)
    case index(QualifiedName)
    case view(QualifiedName, materialized: Bool)
    case trigger(QualifiedName, String)
    case policy(QualifiedName, String)

    public var object: ObjectID {
        switch self {
        case .schema(let n): return .schema(n)
        case .type(let n), .domain(let n), .domainConstraint(let n, _): return .type(n)
        case .collation(let n): return .collation(n)
        case .sequence(let n): return .sequence(n)
        case .function(let f): return f.id
        case .table(let n): return .table(n)
        case .column(let t, let c): return .column(t, c)
        case .constraint(let t, let c): return .constraint(t, c)
        case .index(let n): return .index(n)
        case .view(let n, _): return .view(n)
        case .trigger(let t, let n): return .trigger(t, n)
        case .policy(let t, let n): return .policy(t, n)
        }
    }
}

extension SchemaOperation {
    /// What the operation does, in a line of review text: `add column public.users.email`.
    public var summary: String {
        switch self {
        case .deferFunctionBodyChecks: return "defer function body checks while objects are created"
        case .createSchema(let n): return "create schema \(n)"
        case .dropSchema(let n): return "drop schema \(n)"
        case .createExtension(let e): return "create extension \(e.name)"
        case .alterExtension(let n, .setSchema(let s)): return "move extension \(n) to schema \(s)"
        case .alterExtension(let n, .updateTo(let v)): return "update extension \(n) to version \(v)"
        case .dropExtension(let n): return "drop extension \(n)"
        case .createEnum(let e): return "create enum \(e.name)"
        case .addEnumValue(let n, let label, _): return "add value \(label) to enum \(n)"
        case .renameType(let n, let to, let isDomain): return "rename \(isDomain ? "domain" : "type") \(n) to \(to)"
        case .dropType(let n): return "drop type \(n)"
        case .createCompositeType(let c): return "create composite type \(c.name)"
        case .alterCompositeType(let n, .addAttribute(let a)): return "add attribute \(a.name) to type \(n)"
        case .alterCompositeType(let n, .dropAttribute(let a)): return "drop attribute \(a) of type \(n)"
        case .createRangeType(let r): return "create range type \(r.name)"
        case .createCollation(let c): return "create collation \(c.name)"
        case .renameCollation(let n, let to): return "rename collation \(n) to \(to)"
        case .dropCollation(let n): return "drop collation \(n)"
        case .createDomain(let d): return "create domain \(d.name)"
        case .alterDomain(let n, let a):
            switch a {
            case .setDefault(let d): return d == nil ? "drop default of domain \(n)" : "set default of domain \(n)"
            case .setNotNull(let on): return "\(on ? "set" : "drop") NOT NULL of domain \(n)"
            case .addCheck(let c): return "add check \(c.name) to domain \(n)"
            case .validateCheck(let c): return "validate check \(c) of domain \(n)"
            case .dropCheck(let c): return "drop check \(c) of domain \(n)"
            }
        case .dropDomain(let n): return "drop domain \(n)"
        case .createSequence(let s): return "create sequence \(s.name)"
        case .alterSequence(let n, _): return "alter sequence \(n)"
        case .setSequenceOwner(let n, let owner): return "set owner of sequence \(n) to \(owner.map(\.description) ?? "none")"
        case .clampSequence(let n, let range): return "keep sequence \(n) within \(range.lowerBound)...\(range.upperBound)"
        case .renameSequence(let n, let to): return "rename sequence \(n) to \(to)"
        case .copySequenceValue(let from, let to): return "continue sequence \(to) where \(from) stopped"
        case .copyRows(let copy): return "copy the rows of \(copy.from) into \(copy.to)"
        case .dropSequence(let n): return "drop sequence \(n)"
        case .renameFunction(let n, _, let to): return "rename function \(n) to \(to)"
        case .createFunction(let f, let replace):
            return "\(replace ? "replace" : "create") \(f.isProcedure ? "procedure" : "function") \(f.name)"
        case .dropFunction(let f): return "drop \(f.isProcedure ? "procedure" : "function") \(f.name)"
        case .createTable(let t): return "create table \(t.name)"
        case .dropTable(let n): return "drop table \(n)"
        case .renameTable(let n, let to): return "rename table \(n) to \(to)"
        case .alterTable(let t, let a): return a.summary(on: t)
        case .createIndex(let i, let t, _): return "create index \(QualifiedName(schema: t.schema, i.name)) on \(t)"
        case .addConstraintUsingIndex(let c, let t): return "add constraint \(c.name) on \(t) using its index"
        case .nameAttachedIndex(let p, let parent, let name): return "name the index of \(p) attached to \(parent) \(name)"
        case .nameAttachedConstraint(let p, let parent, let c, let name):
            return "name the constraint of \(p) made from \(c) on \(parent) \(name)"
        case .dropIndex(let n, _): return "drop index \(n)"
        case .renameIndex(let n, let to): return "rename index \(n) to \(to)"
        case .createView(let v): return "create \(v.isMaterialized ? "materialized view" : "view") \(v.name)"
        case .alterView(let n, _, .setOptions): return "set options of view \(n)"
        case .alterView(let n, _, .refresh(let withData)):
            return withData ? "refresh materialized view \(n)" : "empty materialized view \(n)"
        case .dropView(let n, let m): return "drop \(m ? "materialized view" : "view") \(n)"
        case .createTrigger(let t, let on): return "create trigger \(t.name) on \(on)"
        case .dropTrigger(let n, let on): return "drop trigger \(n) on \(on)"
        case .createPolicy(let p, let on): return "create policy \(p.name) on \(on)"
        case .dropPolicy(let n, let on): return "drop policy \(n) on \(on)"
        case .comment(let target, _): return "comment on \(target.object)"
        case .privileges(let target, let change):
            let verb = change.isGrant ? "grant" : "revoke"
            let what = (change.grantOption && !change.isGrant ? "grant option for " : "")
                + change.privileges.joined(separator: ", ")
            let on: String = switch target {
            case .object(let object, nil): "\(object)"
            case .object(let object, let column?): "\(object) column \(column)"
            case .defaults(let role, let schema, let objects):
                "future \(objects.rawValue.lowercased())" + (schema.map { " in schema \($0)" } ?? "")
                    + (role.map { " of \($0)" } ?? "")
            }
            return "\(verb) \(what) on \(on) \(change.isGrant ? "to" : "from") \(change.grantee)"
        }
    }

    /// The kind of operation, for JSON: `createTable`, `addColumn`, `alterColumn.setType`, ….
    public var kindName: String {
        switch self {
        case .deferFunctionBodyChecks: return "deferFunctionBodyChecks"
        case .createSchema: return "createSchema"
        case .dropSchema: return "dropSchema"
        case .createExtension: return "createExtension"
        case .alterExtension: return "alterExtension"
        case .dropExtension: return "dropExtension"
        case .createEnum: return "createEnum"
        case .addEnumValue: return "addEnumValue"
        case .renameType: return "renameType"
        case .dropType: return "dropType"
        case .createCompositeType: return "createCompositeType"
        case .alterCompositeType: return "alterCompositeType"
        case .createRangeType: return "createRangeType"
        case .createCollation: return "createCollation"
        case .renameCollation: return "renameCollation"
        case .dropCollation: return "dropCollation"
        case .createDomain: return "createDomain"
        case .alterDomain: return "alterDomain"
        case .dropDomain: return "dropDomain"
        case .createSequence: return "createSequence"
        case .alterSequence: return "alterSequence"
        case .setSequenceOwner: return "setSequenceOwner"
        case .clampSequence: return "clampSequence"
        case .renameSequence: return "renameSequence"
        case .copySequenceValue: return "copySequenceValue"
        case .copyRows: return "copyRows"
        case .dropSequence: return "dropSequence"
        case .renameFunction: return "renameFunction"
        case .createFunction(_, let replace): return replace ? "replaceFunction" : "createFunction"
        case .dropFunction: return "dropFunction"
        case .createTable: return "createTable"
        case .dropTable: return "dropTable"
        case .renameTable: return "renameTable"
        case .alterTable(_, let a): return a.kindName
        case .createIndex(_, _, let concurrently): return concurrently ? "createIndexConcurrently" : "createIndex"
        case .addConstraintUsingIndex: return "addConstraintUsingIndex"
        case .nameAttachedIndex: return "nameAttachedIndex"
        case .nameAttachedConstraint: return "nameAttachedConstraint"
        case .dropIndex(_, let concurrently): return concurrently ? "dropIndexConcurrently" : "dropIndex"
        case .renameIndex: return "renameIndex"
        case .createView: return "createView"
        case .alterView: return "alterView"
        case .dropView: return "dropView"
        case .createTrigger: return "createTrigger"
        case .dropTrigger: return "dropTrigger"
        case .createPolicy: return "createPolicy"
        case .dropPolicy: return "dropPolicy"
        case .comment: return "comment"
        case .privileges(.object, let change): return change.isGrant ? "grant" : "revoke"
        case .privileges(.defaults, let change): return change.isGrant ? "grantDefault" : "revokeDefault"
        }
    }
}

extension TableAlteration {
    func summary(on t: QualifiedName) -> String {
        switch self {
        case .addColumn(let c): return "add column \(t).\(c.name)"
        case .dropColumn(let c): return "drop column \(t).\(c)"
        case .renameColumn(let c, let to): return "rename column \(t).\(c) to \(to)"
        case .alterColumn(let c, let a):
            switch a {
            case .setType(let type, _, _): return "change type of \(t).\(c) to \(type.formatted)"
            case .setDefault: return "set default of \(t).\(c)"
            case .dropDefault: return "drop default of \(t).\(c)"
            case .setNotNull: return "set NOT NULL on \(t).\(c)"
            case .dropNotNull: return "drop NOT NULL on \(t).\(c)"
            case .addIdentity: return "add identity to \(t).\(c)"
            case .setIdentity: return "change identity of \(t).\(c)"
            case .dropIdentity: return "drop identity of \(t).\(c)"
            case .dropExpression: return "drop generation expression of \(t).\(c)"
            case .setStorage: return "set storage of \(t).\(c)"
            case .setCompression: return "set compression of \(t).\(c)"
            case .setStatistics: return "set statistics of \(t).\(c)"
            }
        case .addConstraint(let c, let notValid): return "add constraint \(c.name) on \(t)\(notValid ? " (not valid)" : "")"
        case .validateConstraint(let c, _): return "validate constraint \(c) on \(t)"
        case .dropConstraint(let c, _): return "drop constraint \(c) on \(t)"
        case .renameConstraint(let c, let to): return "rename constraint \(c) on \(t) to \(to)"
        case .setRowLevelSecurity(let on): return "\(on ? "enable" : "disable") row level security on \(t)"
        case .setForceRowLevelSecurity(let on): return "\(on ? "force" : "unforce") row level security on \(t)"
        case .inherit(let p): return "make \(t) inherit from \(p)"
        case .noInherit(let p): return "make \(t) stop inheriting from \(p)"
        case .attachPartition(let p, _): return "attach partition \(p) to \(t)"
        case .detachPartition(let p): return "detach partition \(p) from \(t)"
        case .setLogged(let on): return "set \(t) \(on ? "logged" : "unlogged")"
        case .setReplicaIdentity: return "set replica identity of \(t)"
        case .setCluster(let index): return index.map { "cluster \(t) on \($0)" } ?? "set \(t) without cluster"
        case .setTriggerFiring(let name, let firing): return "set trigger \(name) on \(t) to fire \(firing)"
        case .setStorageParameters: return "set storage parameters of \(t)"
        }
    }

    var kindName: String {
        switch self {
        case .addColumn: return "addColumn"
        case .dropColumn: return "dropColumn"
        case .renameColumn: return "renameColumn"
        case .alterColumn(_, let a):
            switch a {
            case .setType: return "alterColumn.setType"
            case .setDefault: return "alterColumn.setDefault"
            case .dropDefault: return "alterColumn.dropDefault"
            case .setNotNull: return "alterColumn.setNotNull"
            case .dropNotNull: return "alterColumn.dropNotNull"
            case .addIdentity: return "alterColumn.addIdentity"
            case .setIdentity: return "alterColumn.setIdentity"
            case .dropIdentity: return "alterColumn.dropIdentity"
            case .dropExpression: return "alterColumn.dropExpression"
            case .setStorage: return "alterColumn.setStorage"
            case .setCompression: return "alterColumn.setCompression"
            case .setStatistics: return "alterColumn.setStatistics"
            }
        case .addConstraint: return "addConstraint"
        case .validateConstraint: return "validateConstraint"
        case .dropConstraint: return "dropConstraint"
        case .renameConstraint: return "renameConstraint"
        case .setRowLevelSecurity: return "setRowLevelSecurity"
        case .setForceRowLevelSecurity: return "setForceRowLevelSecurity"
        case .inherit: return "inherit"
        case .noInherit: return "noInherit"
        case .attachPartition: return "attachPartition"
        case .detachPartition: return "detachPartition"
        case .setLogged: return "setLogged"
        case .setReplicaIdentity: return "setReplicaIdentity"
        case .setCluster: return "setCluster"
        case .setTriggerFiring: return "setTriggerFiring"
        case .setStorageParameters: return "setStorageParameters"
        }
    }
}
