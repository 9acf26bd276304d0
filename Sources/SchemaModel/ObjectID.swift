/// Names one object of a model, as dependencies and plans refer to it. Objects that live on a
/// table name the table; indexes are named by their own schema-qualified name.
public enum ObjectID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    case schema(String)
    case `extension`(String)
    /// An enum, a domain, a composite or a range type.
    case type(QualifiedName)
    case collation(QualifiedName)
    case sequence(QualifiedName)
    /// A sequence's `OWNED BY` link to a column, which has an order of its own: after the
    /// sequence and the column exist, and removed before the column is dropped.
    case sequenceOwner(QualifiedName)
    /// A function or procedure and its input argument types, as `Function.argumentTypes` spells them.
    case function(QualifiedName, arguments: String)
    case table(QualifiedName)
    /// A table's `INHERITS` link to a parent: child, parent. Boxed, as the widest and rarest
    /// case: every other ID is then 56 bytes, not 72.
    indirect case inheritance(QualifiedName, QualifiedName)
    case column(QualifiedName, String)
    /// A column's default or generation expression.
    case columnDefault(QualifiedName, String)
    case constraint(QualifiedName, String)
    case index(QualifiedName)
    case view(QualifiedName)
    case trigger(QualifiedName, String)
    case policy(QualifiedName, String)
    /// An object of a kind schemagen does not manage, as `UnmanagedObject` describes it.
    case unmanaged(String)

    public var description: String {
        switch self {
        case .schema(let name): return "schema \(name)"
        case .extension(let name): return "extension \(name)"
        case .type(let name): return "type \(name)"
        case .collation(let name): return "collation \(name)"
        case .sequence(let name): return "sequence \(name)"
        case .sequenceOwner(let name): return "owner of sequence \(name)"
        case .function(let name, let arguments): return "function \(name)(\(arguments))"
        case .table(let name): return "table \(name)"
        case .inheritance(let child, let parent): return "inheritance of \(child) from \(parent)"
        case .column(let table, let column): return "column \(table).\(column)"
        case .columnDefault(let table, let column): return "default of \(table).\(column)"
        case .constraint(let table, let name): return "constraint \(name) on \(table)"
        case .index(let name): return "index \(name)"
        case .view(let name): return "view \(name)"
        case .trigger(let table, let name): return "trigger \(name) on \(table)"
        case .policy(let table, let name): return "policy \(name) on \(table)"
        case .unmanaged(let description): return description
        }
    }

    /// The table an object belongs to, for objects that live on a table.
    public var table: QualifiedName? {
        switch self {
        case .table(let t), .column(let t, _), .columnDefault(let t, _), .constraint(let t, _), .trigger(let t, _),
             .policy(let t, _), .inheritance(let t, _):
            return t
        default:
            return nil
        }
    }

    /// The schema the object is in.
    public var schema: String {
        switch self {
        case .schema(let name): return name
        case .extension, .unmanaged: return ""
        case .type(let n), .collation(let n), .sequence(let n), .sequenceOwner(let n), .function(let n, _), .table(let n),
             .column(let n, _), .columnDefault(let n, _), .constraint(let n, _), .index(let n), .view(let n),
             .trigger(let n, _), .policy(let n, _), .inheritance(let n, _):
            return n.schema
        }
    }
}

/// An object as a number for its kind and the names that make it up, for `Dependencies`' coding.
extension ObjectID {
    var kind: Int32 {
        switch self {
        case .schema: 0
        case .extension: 1
        case .type: 2
        case .collation: 3
        case .sequence: 4
        case .sequenceOwner: 5
        case .function: 6
        case .table: 7
        case .inheritance: 8
        case .column: 9
        case .columnDefault: 10
        case .constraint: 11
        case .index: 12
        case .view: 13
        case .trigger: 14
        case .policy: 15
        case .unmanaged: 16
        }
    }

    /// Calls `body` with each name, in the order `init(kind:names:)` takes them.
    func forEachName(_ body: (String) -> Void) {
        func qualified(_ n: QualifiedName) {
            body(n.schema)
            body(n.name)
        }
        switch self {
        case .schema(let name), .extension(let name), .unmanaged(let name): body(name)
        case .type(let n), .collation(let n), .sequence(let n), .sequenceOwner(let n), .table(let n), .index(let n),
             .view(let n):
            qualified(n)
        case .function(let n, let other), .column(let n, let other), .columnDefault(let n, let other),
             .constraint(let n, let other), .trigger(let n, let other), .policy(let n, let other):
            qualified(n)
            body(other)
        case .inheritance(let child, let parent):
            qualified(child)
            qualified(parent)
        }
    }

    /// The object of `kind` whose names `next` gives one at a time; nil for an unknown kind or a
    /// missing name.
    init?(kind: Int32, names next: () -> String?) {
        func qualified() -> QualifiedName? {
            guard let schema = next(), let name = next() else { return nil }
            return QualifiedName(schema: schema, name)
        }
        func named(_ make: (QualifiedName, String) -> ObjectID) -> ObjectID? {
            guard let n = qualified(), let other = next() else { return nil }
            return make(n, other)
        }
        let object: ObjectID?
        switch kind {
        case 0: object = next().map(ObjectID.schema)
        case 1: object = next().map(ObjectID.extension)
        case 2: object = qualified().map(ObjectID.type)
        case 3: object = qualified().map(ObjectID.collation)
        case 4: object = qualified().map(ObjectID.sequence)
        case 5: object = qualified().map(ObjectID.sequenceOwner)
        case 6: object = named { .function($0, arguments: $1) }
        case 7: object = qualified().map(ObjectID.table)
        case 8:
            guard let child = qualified(), let parent = qualified() else { return nil }
            object = .inheritance(child, parent)
        case 9: object = named(ObjectID.column)
        case 10: object = named(ObjectID.columnDefault)
        case 11: object = named(ObjectID.constraint)
        case 12: object = qualified().map(ObjectID.index)
        case 13: object = qualified().map(ObjectID.view)
        case 14: object = named(ObjectID.trigger)
        case 15: object = named(ObjectID.policy)
        case 16: object = next().map(ObjectID.unmanaged)
        default: object = nil
        }
        guard let object else { return nil }
        self = object
    }
}

extension Table {
    public var id: ObjectID { .table(name) }
    /// The name of the primary key or unique constraint on exactly `columns`, the first there is.
    func key(on columns: Set<String>) -> String? {
        constraints.first { c in
            switch c.kind {
            case .primaryKey(let keys), .unique(let keys, _): return Set(keys) == columns
            default: return false
            }
        }?.name
    }
    /// The sequence behind an identity column: `<table>_<column>_seq` unless it was named.
    public func identitySequence(of c: Column) -> QualifiedName? {
        guard let identity = c.identity else { return nil }
        return QualifiedName(schema: name.schema,
                             identity.sequenceName ?? defaultObjectName(table: name.name, columns: [c.name], label: "seq"))
    }
    public func indexID(_ index: Index) -> ObjectID { .index(QualifiedName(schema: name.schema, index.name)) }
}

extension View {
    public var id: ObjectID { .view(name) }
}

extension DatabaseModel {
    /// Every object of the model, sub-objects included.
    public var objectIDs: Set<ObjectID> {
        var ids = Set<ObjectID>()
        ids.reserveCapacity(tables.reduce(0) { $0 + 2 + 2 * $1.columns.count + $1.constraints.count + $1.indexes.count }
                            + views.count + functions.count + sequences.count + 16)
        forEachObjectID(tables: tables) { ids.insert($0) }
        return ids
    }

    /// The objects of `tables` (the model's, or some of them), and every object of the model
    /// that is not on a table.
    public func objectIDs(tables: [Table]) -> [ObjectID] {
        var ids: [ObjectID] = []
        forEachObjectID(tables: tables) { ids.append($0) }
        return ids
    }

    private func forEachObjectID(tables: [Table], _ body: (ObjectID) -> Void) {
        for n in namespaces { body(.schema(n.name)) }
        for e in extensions { body(.extension(e.name)) }
        for e in enums { body(.type(e.name)) }
        for d in domains { body(.type(d.name)) }
        for c in compositeTypes { body(.type(c.name)) }
        for r in rangeTypes { body(.type(r.name)) }
        for c in collations { body(.collation(c.name)) }
        for s in sequences {
            body(.sequence(s.name))
            if s.ownedBy != nil { body(.sequenceOwner(s.name)) }
        }
        for f in functions { body(f.id) }
        for t in tables {
            body(t.id)
            for parent in t.inherits { body(.inheritance(t.name, parent)) }
            for c in t.columns {
                body(.column(t.name, c.name))
                if c.defaultExpression != nil || c.generatedExpression != nil { body(.columnDefault(t.name, c.name)) }
                if let sequence = t.identitySequence(of: c) { body(.sequence(sequence)) }
            }
            for c in t.constraints { body(.constraint(t.name, c.name)) }
            for i in t.indexes { body(t.indexID(i)) }
            for g in t.triggers { body(.trigger(t.name, g.name)) }
            for p in t.policies { body(.policy(t.name, p.name)) }
        }
        for v in views {
            body(v.id)
            for i in v.indexes { body(.index(QualifiedName(schema: v.name.schema, i.name))) }
            for g in v.triggers { body(.trigger(v.name, g.name)) }
        }
    }

    /// The dependencies the model's own structure states, without a catalog: a column on its
    /// table and type, a constraint on the columns it names, a foreign key on the key it
    /// references, a partition on its parent, a trigger on its function, an object on its schema.
    public var structuralDependencies: Dependencies {
        var deps = Dependencies()
        addStructuralDependencies(to: &deps)
        return deps
    }

    /// Adds `structuralDependencies` to `deps`, a graph read with the model, say. Objects are
    /// numbered once each here (see `Dependencies`): a table's columns once for all it has.
    public func addStructuralDependencies(to deps: inout Dependencies) {
        let userTypes = Set(enums.map(\.name) + domains.map(\.name) + compositeTypes.map(\.name) + rangeTypes.map(\.name))
        let multiranges = Dictionary(rangeTypes.map { (QualifiedName(schema: $0.name.schema, $0.effectiveMultirangeName), $0.name) },
                                     uniquingKeysWith: { a, _ in a })
        let userCollations = Set(collations.map(\.name))
        var schemas = Dictionary(namespaces.map { ($0.name, Int32(-1)) }, uniquingKeysWith: { a, _ in a })
        func inSchema(_ node: Int32, _ schema: String) {
            guard let known = schemas[schema] else { return }
            let number = known >= 0 ? known : deps.number(.schema(schema))
            schemas[schema] = number
            deps.add(node, dependsOn: number)
        }
        func inSchema(_ id: ObjectID, _ schema: String) {
            if schemas[schema] != nil { inSchema(deps.number(id), schema) }
        }
        // A table's or view's row type is spelled as `format_type` prints it: bare in public.
        var rowTypes: [String: ObjectID] = [:]
        for (name, id) in tables.map({ ($0.name, $0.id) }) + views.map({ ($0.name, $0.id) }) {
            rowTypes[name.schema == "public" ? quoteIdentifier(name.name) : quoteName(name)] = id
        }
        func onType(_ node: Int32, _ type: DataType) {
            switch type {
            case .other(let spelling), .array(.other(let spelling)):
                if let relation = rowTypes[spelling] { deps.add(node, dependsOn: deps.number(relation)) }
            default: break
            }
            guard let named = type.referencedTypeName else { return }
            if userTypes.contains(named) { deps.add(node, dependsOn: deps.number(.type(named))) }
            if let range = multiranges[named] { deps.add(node, dependsOn: deps.number(.type(range))) }
        }
        func onType(_ id: ObjectID, _ type: DataType) { onType(deps.number(id), type) }
        func onCollation(_ node: Int32, schema: String, _ collation: String?) {
            guard let collation else { return }
            for schema in ["public", schema] where userCollations.contains(QualifiedName(schema: schema, collation)) {
                deps.add(node, dependsOn: deps.number(.collation(QualifiedName(schema: schema, collation))))
                return
            }
        }
        func onCollation(_ id: ObjectID, _ collation: String?) {
            if collation != nil { onCollation(deps.number(id), schema: id.schema, collation) }
        }
        for c in collations { inSchema(.collation(c.name), c.name.schema) }
        for e in enums { inSchema(.type(e.name), e.name.schema) }
        for d in domains {
            inSchema(.type(d.name), d.name.schema)
            onType(.type(d.name), d.baseType)
            onCollation(.type(d.name), d.collation)
        }
        for c in compositeTypes {
            inSchema(.type(c.name), c.name.schema)
            for a in c.attributes {
                onType(.type(c.name), a.type)
                onCollation(.type(c.name), a.collation)
            }
        }
        for r in rangeTypes {
            inSchema(.type(r.name), r.name.schema)
            onType(.type(r.name), r.subtype)
            onCollation(.type(r.name), r.collation)
        }
        for s in sequences {
            inSchema(.sequence(s.name), s.name.schema)
            if let owner = s.ownedBy {
                deps.add(.sequenceOwner(s.name), dependsOn: .sequence(s.name))
                deps.add(.sequenceOwner(s.name), dependsOn: .column(owner.table, owner.column))
            }
        }
        for f in functions {
            inSchema(f.id, f.name.schema)
            for a in f.arguments { onType(f.id, a.type) }
            switch f.returns {
            case .type(let t)?, .setOf(let t)?: onType(f.id, t)
            case .table(let columns)?: for c in columns { onType(f.id, c.type) }
            default: break
            }
        }
        let tablesByName = tablePositions
        // A table whose structure's edges the graph got with the model as it was, unchanged since
        // with the tables its keys and inheritance look into, has them all (they depend on no more).
        let context = StructureAdded.Context(self)
        let added = deps.structureAdded.flatMap { $0.context == context ? $0.tables : nil }
        func unchanged(_ name: QualifiedName) -> Bool {
            guard let added, let i = tablesByName[name] else { return false }
            return added[i] == tables[i]
        }
        for (position, t) in tables.enumerated() {
            if let added, added[position] == t, t.inherits.allSatisfy(unchanged), t.constraints.allSatisfy({
                if case .foreignKey(let fk) = $0.kind { unchanged(fk.referencedTable) } else { true }
            }) {
                continue
            }
            let table = deps.number(t.id)
            inSchema(table, t.name.schema)
            if let parent = t.partitionOf?.parent { deps.add(table, dependsOn: deps.number(.table(parent))) }
            let columns = t.columns.map { deps.number(.column(t.name, $0.name)) }
            func column(_ name: String) -> Int32 {
                if let i = t.columns.firstIndex(where: { $0.name == name }) { return columns[i] }
                return deps.number(.column(t.name, name))
            }
            // A child's link to a parent: after both tables and the child's columns the parent has,
            // and before any of the parent's columns goes (it would go from the child too).
            for parent in t.inherits {
                let link = deps.number(.inheritance(t.name, parent))
                deps.add(link, dependsOn: table)
                deps.add(link, dependsOn: deps.number(.table(parent)))
                let parentColumns = Set(tablesByName[parent].map { tables[$0].columns.map(\.name) } ?? [])
                for c in parentColumns { deps.add(link, dependsOn: deps.number(.column(parent, c))) }
                for c in t.columns where parentColumns.contains(c.name) { deps.add(link, dependsOn: column(c.name)) }
            }
            // By position: a column is read a field at a time, not copied whole.
            for (i, node) in columns.enumerated() {
                deps.add(node, dependsOn: table)
                onType(node, t.columns[i].type)
                onCollation(node, schema: t.name.schema, t.columns[i].collation)
                if t.columns[i].defaultExpression != nil || t.columns[i].generatedExpression != nil {
                    deps.add(deps.number(.columnDefault(t.name, t.columns[i].name)), dependsOn: node)
                }
            }
            for c in t.constraints {
                let id = deps.number(.constraint(t.name, c.name))
                deps.add(id, dependsOn: table)
                for name in c.columns { deps.add(id, dependsOn: column(name)) }
                if case .foreignKey(let fk) = c.kind {
                    deps.add(id, dependsOn: deps.number(.table(fk.referencedTable)))
                    for column in fk.referencedColumns { deps.add(id, dependsOn: deps.number(.column(fk.referencedTable, column))) }
                    let referenced = Set(fk.referencedColumns)
                    if let key = tablesByName[fk.referencedTable].flatMap({ tables[$0].key(on: referenced) }) {
                        deps.add(id, dependsOn: deps.number(.constraint(fk.referencedTable, key)))
                    }
                }
            }
            for i in t.indexes {
                let id = deps.number(t.indexID(i))
                deps.add(id, dependsOn: table)
                for key in i.keys { if let name = key.column { deps.add(id, dependsOn: column(name)) } }
                for name in i.include { deps.add(id, dependsOn: column(name)) }
            }
            for g in t.triggers {
                let id = deps.number(.trigger(t.name, g.name))
                deps.add(id, dependsOn: table)
                deps.add(id, dependsOn: deps.number(.function(g.function, arguments: "")))
                if let from = g.constraint?.referencedTable { deps.add(id, dependsOn: deps.number(.table(from))) }
            }
            for p in t.policies { deps.add(deps.number(.policy(t.name, p.name)), dependsOn: table) }
        }
        for v in views {
            inSchema(v.id, v.name.schema)
            for i in v.indexes { deps.add(.index(QualifiedName(schema: v.name.schema, i.name)), dependsOn: v.id) }
            for g in v.triggers {
                let id = ObjectID.trigger(v.name, g.name)
                deps.add(id, dependsOn: v.id)
                deps.add(id, dependsOn: .function(g.function, arguments: ""))
            }
        }
        deps.structureAdded = StructureAdded(tables: tables, context: context)
    }
}

/// The tables whose structure's edges a graph got, and what else those edges were worked out
/// from: the names of the types, collations, schemas, tables and views there were, by kind.
struct StructureAdded: Sendable {
    struct Context: Equatable, Sendable {
        var names: [[QualifiedName]]
        var schemas: [String]

        init(_ model: DatabaseModel) {
            names = [
                model.enums.map(\.name), model.domains.map(\.name), model.compositeTypes.map(\.name),
                model.rangeTypes.map(\.name),
                model.rangeTypes.map { QualifiedName(schema: $0.name.schema, $0.effectiveMultirangeName) },
                model.collations.map(\.name), model.tables.map(\.name), model.views.map(\.name),
            ]
            schemas = model.namespaces.map(\.name)
        }
    }

    var tables: [Table]
    var context: Context
}
