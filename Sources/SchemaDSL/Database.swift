@_exported import struct SchemaModel.QualifiedName
@_exported import enum SchemaModel.DataType
@_exported import struct SchemaModel.DatabaseModel
@_exported import struct SchemaModel.SourceLocation
import SchemaModel

/// Something that can be written inside `Database { … }` or `Namespace { … }`.
public protocol DatabaseContent: Sendable {
    func contribute(to model: inout DatabaseModel, schema: String)
}

@resultBuilder
public enum DatabaseBuilder {
    public static func buildExpression(_ content: some DatabaseContent) -> [any DatabaseContent] { [content] }
    public static func buildExpression(_ contents: [any DatabaseContent]) -> [any DatabaseContent] { contents }
    public static func buildBlock(_ parts: [any DatabaseContent]...) -> [any DatabaseContent] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any DatabaseContent]?) -> [any DatabaseContent] { part ?? [] }
    public static func buildEither(first: [any DatabaseContent]) -> [any DatabaseContent] { first }
    public static func buildEither(second: [any DatabaseContent]) -> [any DatabaseContent] { second }
    public static func buildArray(_ parts: [[any DatabaseContent]]) -> [any DatabaseContent] { parts.flatMap { $0 } }
}

/// A declared database: the root of a schema declaration.
///
///     let shop = Database("shop") {
///         Table("users") {
///             Column("id", .uuid).primaryKey().default("gen_random_uuid()")
///             Column("email", .text).notNull().unique()
///         }
///     }
public struct Database: Sendable {
    public let model: DatabaseModel

    public init(
        _ name: String, file: String = #filePath, line: Int = #line,
        @DatabaseBuilder _ content: () -> [any DatabaseContent]
    ) {
        var model = DatabaseModel(name: name, location: SourceLocation(file: file, line: line))
        for part in content() { part.contribute(to: &model, schema: "public") }
        model.resolveTypeReferences()
        model.resolveInheritance()
        model.resolveForeignKeyTargets()
        model.resolveGrantTargets()
        self.model = model
    }

    /// The model, or every mistake in it with the file and line it was written at.
    public func validated() throws(ValidationErrors) -> DatabaseModel { try model.validated() }
}

/// `CREATE SCHEMA name`, with the objects declared inside it.
public struct Namespace: DatabaseContent {
    let namespace: SchemaModel.Namespace
    let content: [any DatabaseContent]

    public init(
        _ name: String, comment: String? = nil, file: String = #filePath, line: Int = #line,
        @DatabaseBuilder _ content: () -> [any DatabaseContent] = { [] }
    ) {
        namespace = .init(name: name, comment: comment, location: SourceLocation(file: file, line: line))
        self.content = content()
    }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        if namespace.name != "public" { model.namespaces.append(namespace) }
        for part in content { part.contribute(to: &model, schema: namespace.name) }
    }
}

/// `CREATE EXTENSION name [WITH SCHEMA schema] [VERSION version]`. Without a version, the one
/// the server installs by default, and an installed one is left as it is; with one, an older
/// installed version is updated to it (`ALTER EXTENSION … UPDATE TO`).
public struct Extension: DatabaseContent {
    let value: SchemaModel.Extension

    public init(_ name: String, schema: String? = nil, version: String? = nil, file: String = #filePath,
                line: Int = #line) {
        value = .init(name: name, schema: schema, version: version, location: SourceLocation(file: file, line: line))
    }

    public func contribute(to model: inout DatabaseModel, schema: String) { model.extensions.append(value) }
}

/// `CREATE TYPE name AS ENUM (…)`; labels in their sort order.
public struct Enum: DatabaseContent {
    var name: String
    var labels: [String]
    var comment: String?
    var renamedFrom: String?
    let location: SourceLocation

    public init(_ name: String, _ labels: [String], file: String = #filePath, line: Int = #line) {
        self.name = name
        self.labels = labels
        location = SourceLocation(file: file, line: line)
    }

    public init(_ name: String, _ labels: String..., file: String = #filePath, line: Int = #line) {
        self.init(name, labels, file: file, line: line)
    }

    public func comment(_ text: String) -> Enum { with { $0.comment = text } }
    /// A rename hint: the enum was called `old` before.
    public func renamed(from old: String) -> Enum { with { $0.renamedFrom = old } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        var e = SchemaModel.EnumType(
            name: QualifiedName(parsing: name, defaultSchema: schema), labels: labels, comment: comment,
            location: location)
        e.renamedFrom = renamedFrom.map { QualifiedName(parsing: $0, defaultSchema: e.name.schema) }
        model.enums.append(e)
    }
}

/// `CREATE TYPE name AS (attribute type, …)`: a composite type, for columns that hold a
/// record of several fields.
///
///     CompositeType("money_amount", ("currency", .char(3)), ("amount", .numeric(20, 8)))
public struct CompositeType: DatabaseContent, Modifiable {
    var name: String
    var value: SchemaModel.CompositeType

    public init(_ name: String, _ attributes: (String, DataType)..., file: String = #filePath, line: Int = #line) {
        self.name = name
        value = .init(name: QualifiedName(name), attributes: attributes.map { .init(name: $0.0, type: $0.1) },
                      location: SourceLocation(file: file, line: line))
    }

    public func comment(_ text: String) -> CompositeType { with { $0.value.comment = text } }
    /// `COLLATE collation` on an attribute.
    public func collate(_ attribute: String, _ collation: String) -> CompositeType {
        with { for a in $0.value.attributes.indices where $0.value.attributes[a].name == attribute {
            $0.value.attributes[a].collation = collation
        } }
    }
    /// `COMMENT ON COLUMN type.attribute`.
    public func comment(_ attribute: String, _ text: String) -> CompositeType {
        with { for a in $0.value.attributes.indices where $0.value.attributes[a].name == attribute {
            $0.value.attributes[a].comment = text
        } }
    }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        var type = value
        type.name = QualifiedName(parsing: name, defaultSchema: schema)
        model.compositeTypes.append(type)
    }
}

/// `CREATE TYPE name AS RANGE (subtype = …)`: ranges of a subtype, and the multirange type
/// PostgreSQL makes with it (`floatrange` → `floatmultirange`).
public struct RangeType: DatabaseContent, Modifiable {
    var name: String
    var value: SchemaModel.RangeType

    public init(
        _ name: String, subtype: DataType, subtypeDiff: String? = nil, collation: String? = nil,
        subtypeOpclass: String? = nil, multirangeName: String? = nil, file: String = #filePath, line: Int = #line
    ) {
        self.name = name
        value = .init(name: QualifiedName(name), subtype: subtype, subtypeOpclass: subtypeOpclass, collation: collation,
                      subtypeDiff: subtypeDiff, multirangeName: multirangeName,
                      location: SourceLocation(file: file, line: line))
    }

    public func comment(_ text: String) -> RangeType { with { $0.value.comment = text } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        var type = value
        type.name = QualifiedName(parsing: name, defaultSchema: schema)
        if type.multirangeName == RangeType.defaultName(type.name.name) { type.multirangeName = nil }
        model.rangeTypes.append(type)
    }

    private static func defaultName(_ range: String) -> String { SchemaModel.RangeType.defaultMultirangeName(for: range) }
}

public typealias CollationProvider = SchemaModel.Collation.Provider

/// `CREATE COLLATION name (provider = …, locale = …)`: how text sorts and compares. An ICU
/// collation with `deterministic: false` compares strings equal that differ only in case or
/// accents, as its locale says (`und-u-ks-level2`: case-insensitive).
public struct Collation: DatabaseContent, Modifiable {
    var name: String
    var value: SchemaModel.Collation

    public init(
        _ name: String, provider: CollationProvider = .libc, locale: String, ctype: String? = nil,
        deterministic: Bool = true, file: String = #filePath, line: Int = #line
    ) {
        self.name = name
        value = .init(name: QualifiedName(name), provider: provider, locale: locale,
                      ctype: ctype == locale ? nil : ctype, deterministic: deterministic,
                      location: SourceLocation(file: file, line: line))
    }

    public func comment(_ text: String) -> Collation { with { $0.value.comment = text } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        var collation = value
        collation.name = QualifiedName(parsing: name, defaultSchema: schema)
        model.collations.append(collation)
    }
}

/// `CREATE DOMAIN name AS type … CHECK (…)`.
public struct Domain: DatabaseContent {
    var name: String
    var value: SchemaModel.Domain

    public init(_ name: String, _ baseType: DataType, file: String = #filePath, line: Int = #line) {
        self.name = name
        value = .init(name: QualifiedName(name), baseType: baseType, location: SourceLocation(file: file, line: line))
    }

    public func notNull() -> Domain { with { $0.value.isNullable = false } }
    public func `default`(_ expression: String) -> Domain { with { $0.value.defaultExpression = expression } }
    /// A CHECK on `VALUE`; unnamed checks get PostgreSQL's name `<domain>_check`. A check
    /// `notValid` was added without checking the values already stored.
    public func check(_ expression: String, name: String? = nil, notValid: Bool = false, comment: String? = nil) -> Domain {
        with {
            let bare = QualifiedName(parsing: $0.name).name
            $0.value.checks.append(.init(name: name ?? defaultObjectName(table: bare, columns: [], label: "check"),
                                         expression: expression, isValid: !notValid, comment: comment))
        }
    }
    /// `COLLATE collation`: how text values of the domain compare.
    public func collate(_ collation: String) -> Domain { with { $0.value.collation = collation } }
    public func comment(_ text: String) -> Domain { with { $0.value.comment = text } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        var domain = value
        domain.name = QualifiedName(parsing: name, defaultSchema: schema)
        model.domains.append(domain)
    }
}

/// `CREATE SEQUENCE` (named so as not to hide Swift's `Sequence`). Bounds and start left nil
/// are PostgreSQL's defaults for the type and direction.
public struct DatabaseSequence: DatabaseContent {
    var name: String
    var ownerText: String?
    var value: SchemaModel.Sequence

    public init(
        _ name: String, type: DataType = .bigint, start: Int64? = nil, increment: Int64 = 1, minValue: Int64? = nil,
        maxValue: Int64? = nil, cache: Int64 = 1, cycle: Bool = false, file: String = #filePath, line: Int = #line
    ) {
        self.name = name
        value = .init(
            name: QualifiedName(name),
            options: SequenceOptions(type: type, start: start, increment: increment, minValue: minValue,
                                     maxValue: maxValue, cache: cache, cycle: cycle).normalised,
            location: SourceLocation(file: file, line: line))
    }

    public func comment(_ text: String) -> DatabaseSequence { with { $0.value.comment = text } }
    /// `OWNED BY table.column` (`schema.table.column` allowed; a bare table is in the
    /// sequence's schema): dropped with the column.
    public func ownedBy(_ column: String) -> DatabaseSequence { with { $0.ownerText = column } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        var sequence = value
        sequence.name = QualifiedName(parsing: name, defaultSchema: schema)
        if let owner = ownerText, let dot = owner.lastIndex(of: ".") {
            sequence.ownedBy = ColumnName(table: QualifiedName(parsing: String(owner[..<dot]), defaultSchema: sequence.name.schema),
                                          column: String(owner[owner.index(after: dot)...]))
        }
        model.sequences.append(sequence)
    }
}

/// A view; `.materialized()` makes it a materialized view.
public struct View: DatabaseContent {
    var name: String
    var value: SchemaModel.View
    var triggers: [Trigger] = []

    public init(_ name: String, _ query: String, file: String = #filePath, line: Int = #line) {
        self.name = name
        value = .init(name: QualifiedName(name), query: query, location: SourceLocation(file: file, line: line))
    }

    public func materialized() -> View { with { $0.value.isMaterialized = true } }
    /// `WITH (security_invoker = true)`: the view reads its tables with the caller's rights, so
    /// their row-level security policies apply to whoever queries the view.
    public func securityInvoker(_ on: Bool = true) -> View {
        with { $0.value.options = $0.value.setting("security_invoker", on ? "true" : nil) }
    }
    /// `WITH (security_barrier = true)`: conditions of the caller's query run after the view's own.
    public func securityBarrier(_ on: Bool = true) -> View {
        with { $0.value.options = $0.value.setting("security_barrier", on ? "true" : nil) }
    }
    /// `WITH [LOCAL | CASCADED] CHECK OPTION`: rows written through the view must satisfy it.
    public func checkOption(_ option: SchemaModel.View.CheckOption = .cascaded) -> View {
        with { $0.value.checkOption = option }
    }
    /// A materialized view created `WITH NO DATA`: empty until refreshed.
    public func withNoData() -> View { with { $0.value.withData = false } }
    /// Storage parameters of a materialized view, as `name=value`.
    public func with(_ parameters: String...) -> View { with { $0.value.options += parameters } }
    /// An index on a materialized view.
    public func index(_ index: Index) -> View { with { $0.value.indexes.append(index.value) } }
    /// A trigger on the view: `INSTEAD OF INSERT`, `UPDATE` or `DELETE` `FOR EACH ROW` makes a
    /// view over several tables writable; `BEFORE` or `AFTER` statement triggers run per statement.
    public func trigger(_ trigger: Trigger) -> View { with { $0.triggers.append(trigger) } }
    public func comment(_ text: String) -> View { with { $0.value.comment = text } }
    /// `COMMENT ON COLUMN view.column`.
    public func comment(column: String, _ text: String) -> View { with { $0.value.columnComments[column] = text } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        var view = value
        view.name = QualifiedName(parsing: name, defaultSchema: schema)
        view.triggers = triggers.map { $0.resolved(inSchema: view.name.schema) }
        model.views.append(view)
    }
}

/// Modifiers return modified copies.
protocol Modifiable {}
extension Modifiable {
    func with(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }
}
extension Enum: Modifiable {}
extension Domain: Modifiable {}
extension DatabaseSequence: Modifiable {}
extension View: Modifiable {}

extension DatabaseModel {
    /// `.table(name)` in a grant names a view when the declaration has a view of that name;
    /// `.allTables(in:)` and `.allSequences(in:)` grant on each of them.
    mutating func resolveGrantTargets() {
        let viewNames = Set(views.map(\.name))
        grants = grants.flatMap { g -> [SchemaModel.Grant] in
            func each(_ objects: [ObjectID]) -> [SchemaModel.Grant] {
                objects.map { var one = g; one.object = $0; return one }
            }
            switch g.object {
            case .table(let n) where n.name.isEmpty:
                return each(tables.filter { $0.name.schema == n.schema }.map(\.id)
                            + views.filter { $0.name.schema == n.schema }.map(\.id))
            case .sequence(let n) where n.name.isEmpty:
                let identities = tables.flatMap { t in t.columns.compactMap(t.identitySequence) }
                return each((sequences.map(\.name) + identities).filter { $0.schema == n.schema }.map { .sequence($0) })
            case .table(let n) where viewNames.contains(n):
                return each([.view(n)])
            default:
                return [g]
            }
        }
    }

    /// A foreign key written without target columns references the target's primary key.
    mutating func resolveForeignKeyTargets() {
        let primaryKeys = Dictionary(
            tables.compactMap { t in t.primaryKey.map { (t.name, $0.columns) } }, uniquingKeysWith: { a, _ in a })
        for t in tables.indices {
            for c in tables[t].constraints.indices {
                guard case .foreignKey(var fk) = tables[t].constraints[c].kind, fk.referencedColumns.isEmpty else {
                    continue
                }
                fk.referencedColumns = primaryKeys[fk.referencedTable] ?? []
                tables[t].constraints[c].kind = .foreignKey(fk)
            }
        }
    }
}

extension DataType {
    /// A declared enum, domain, composite or range type, by name (`schema.name` allowed). A
    /// bare name is looked up in the schema of what uses it, then in `public`.
    public static func type(_ name: String) -> DataType {
        .named(QualifiedName(parsing: name, defaultSchema: unresolvedSchema))
    }
}

/// The schema of a type named without one, until the declaration is complete.
let unresolvedSchema = ""

extension DatabaseModel {
    /// Types named without a schema (`.type("status")`), resolved where they are used: the
    /// schema of the table, type or function that uses them if it declares that type, else
    /// `public`.
    mutating func resolveTypeReferences() {
        let declared = typeNames
        func resolve(_ type: DataType, in schema: String) -> DataType {
            switch type {
            case .named(let n) where n.schema == unresolvedSchema:
                let own = QualifiedName(schema: schema, n.name)
                return .named(declared.contains(own) ? own : QualifiedName(schema: "public", n.name))
            case .array(let element): return .array(resolve(element, in: schema))
            default: return type
            }
        }
        for t in tables.indices {
            for c in tables[t].columns.indices {
                tables[t].columns[c].type = resolve(tables[t].columns[c].type, in: tables[t].name.schema)
            }
        }
        for d in domains.indices { domains[d].baseType = resolve(domains[d].baseType, in: domains[d].name.schema) }
        for c in compositeTypes.indices {
            for a in compositeTypes[c].attributes.indices {
                compositeTypes[c].attributes[a].type = resolve(compositeTypes[c].attributes[a].type, in: compositeTypes[c].name.schema)
            }
        }
        for r in rangeTypes.indices { rangeTypes[r].subtype = resolve(rangeTypes[r].subtype, in: rangeTypes[r].name.schema) }
        for f in functions.indices {
            let schema = functions[f].name.schema
            for a in functions[f].arguments.indices {
                functions[f].arguments[a].type = resolve(functions[f].arguments[a].type, in: schema)
            }
            switch functions[f].returns {
            case .type(let t)?: functions[f].returns = .type(resolve(t, in: schema))
            case .setOf(let t)?: functions[f].returns = .setOf(resolve(t, in: schema))
            case .table(var columns)?:
                for c in columns.indices { columns[c].type = resolve(columns[c].type, in: schema) }
                functions[f].returns = .table(columns)
            default: break
            }
        }
    }
}
