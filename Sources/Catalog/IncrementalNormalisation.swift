import SchemaModel

/// A declaration normalised before on a server: what was declared and the form it printed in.
public struct NormalisedDeclaration: Sendable {
    public var declared: DatabaseModel
    public var normalised: DatabaseModel

    public init(declared: DatabaseModel, normalised: DatabaseModel) {
        self.declared = declared
        self.normalised = normalised
    }
}

/// A declaration normalised after an earlier one, and how much of it was printed again.
public struct IncrementalNormalisation: Sendable {
    public var model: DatabaseModel
    /// The tables and views created and read back for it: all of them when the change reached
    /// beyond tables and views (a type, a function, a grant), none when nothing changed.
    public var realisedTables: Int
    public var realisedViews: Int
}

extension DevDatabase {
    /// `normalise(declared:)` of `model`, printing again only what changed since `previous`:
    /// the tables and views whose declaration differs, and those that depend on them (a view
    /// over a changed table, a partition or child of one, a table whose foreign key references
    /// one), created in a scratch database with what they need. The rest keeps the form it was
    /// printed in before: the same declaration on the same server prints the same.
    /// A change to anything else, or a subset that does not create on its own, realises the
    /// whole declaration, as `normalise(declared:)` does. When nothing needs printing again
    /// (source lines moved, a table or view removed), `dev` is not called: no server starts.
    public static func normalise(declared model: DatabaseModel, after previous: NormalisedDeclaration,
                                 on dev: () throws -> DevDatabase) throws -> IncrementalNormalisation
    {
        func whole() throws -> IncrementalNormalisation {
            IncrementalNormalisation(model: try dev().normalise(declared: model), realisedTables: model.tables.count,
                                     realisedViews: model.views.count)
        }
        guard let touched = touched(from: previous, to: model) else { return try whole() }
        var printed: DatabaseModel?
        if !touched.tables.isEmpty || !touched.views.isEmpty {
            // The tables the changed ones' foreign keys reference, so that the keys are made too.
            let referenced = model.tables.filter { touched.tables.contains($0.name) }.flatMap { t in
                t.constraints.compactMap { c -> QualifiedName? in
                    if case .foreignKey(let fk) = c.kind { return fk.referencedTable }
                    return nil
                }
            }
            let dev = try dev()
            do {
                printed = try dev.normalise(declared: model.subset(tables: touched.tables.union(referenced), views: touched.views))
            } catch {
                // Something the subset lacks, or an error in the declaration: the whole says which.
                return try whole()
            }
        }
        return IncrementalNormalisation(model: spliced(model, after: previous, touched: touched, printed: printed),
                                        realisedTables: touched.tables.count, realisedViews: touched.views.count)
    }

    /// The same, on this dev database.
    public func normalise(declared model: DatabaseModel, after previous: NormalisedDeclaration) throws
        -> IncrementalNormalisation
    {
        try Self.normalise(declared: model, after: previous) { self }
    }

    /// The printed form of `previous` without what `model` no longer declares, with the touched
    /// tables and views as `printed` holds them, and the dependency graph to match.
    private static func spliced(_ model: DatabaseModel, after previous: NormalisedDeclaration,
                                touched: (tables: Set<QualifiedName>, views: Set<QualifiedName>),
                                printed: DatabaseModel?) -> DatabaseModel
    {
        let tables = Set(model.tables.map(\.name)), views = Set(model.views.map(\.name))
        var result = previous.normalised
        result.tables.removeAll { !tables.contains($0.name) || touched.tables.contains($0.name) }
        result.views.removeAll { !views.contains($0.name) || touched.views.contains($0.name) }
        let owners = Owners(previous.normalised, model)
        let removed = { (id: ObjectID) -> Bool in
            switch owners.of(id) {
            case .table(let t): return !tables.contains(t)
            case .view(let v): return !views.contains(v)
            default: return false
            }
        }
        let replaced = { (id: ObjectID) -> Bool in
            switch owners.of(id) {
            case .table(let t): return touched.tables.contains(t) || !tables.contains(t)
            case .view(let v): return touched.views.contains(v) || !views.contains(v)
            default: return false
            }
        }
        // What the objects kept depend on stays (what they depend on in a changed table is
        // still there: otherwise they would have changed with it), the removed aside.
        result.dependencies = Dependencies()
        for (object, targets) in previous.normalised.dependencies.edges where !replaced(object) {
            for target in targets where !removed(target) { result.dependencies.add(object, dependsOn: target) }
        }
        if let printed {
            result.tables += printed.tables.filter { touched.tables.contains($0.name) }
            result.views += printed.views.filter { touched.views.contains($0.name) }
            for (object, targets) in printed.dependencies.edges {
                for target in targets where replaced(object) || replaced(target) {
                    result.dependencies.add(object, dependsOn: target)
                }
            }
        }
        return result.ordered(like: model)
    }

    /// The tables and views of `model` to print again after `previous`; nil when something
    /// else changed, or something else depends on what did.
    static func touched(from previous: NormalisedDeclaration, to model: DatabaseModel)
        -> (tables: Set<QualifiedName>, views: Set<QualifiedName>)?
    {
        func outside(_ m: DatabaseModel) -> DatabaseModel {
            var m = m
            m.tables = []
            m.views = []
            return m.canonical()
        }
        guard previous.declared.dependencies == model.dependencies, outside(previous.declared) == outside(model) else {
            return nil
        }
        let oldTables = Dictionary(previous.declared.tables.map { ($0.name, $0.canonical()) }, uniquingKeysWith: { a, _ in a })
        let oldViews = Dictionary(previous.declared.views.map { ($0.name, $0.canonical) }, uniquingKeysWith: { a, _ in a })
        let tables = Set(model.tables.map(\.name)), views = Set(model.views.map(\.name))
        let foreignKeys = Set((previous.declared.tables + model.tables).flatMap { t in
            t.constraints.compactMap { c -> ObjectID? in
                if case .foreignKey = c.kind { return .constraint(t.name, c.name) }
                return nil
            }
        })
        let newTables = Dictionary(model.tables.map { ($0.name, $0.canonical()) }, uniquingKeysWith: { a, _ in a })
        var touchedTables = Set(newTables.filter { oldTables[$0.key] != $0.value }.keys)
        var touchedViews = Set(model.views.filter { oldViews[$0.name] != $0.canonical }.map(\.name))
        // What depends on a changed or removed table or view, by what the server recorded
        // before and what the declaration states now.
        let owners = Owners(previous.normalised, model)
        // Owner → (the dependent's owner, whether it depends through a foreign key only).
        var dependents: [ObjectID: [ObjectID: Bool]] = [:]
        for deps in [previous.normalised.dependencies, model.structuralDependencies] {
            for (object, targets) in deps.edges {
                let isKey = foreignKeys.contains(object)
                for target in targets {
                    let owner = owners.of(target), dependent = owners.of(object)
                    dependents[owner, default: [:]][dependent] = (dependents[owner]?[dependent] ?? true) && isKey
                }
            }
        }
        // A foreign key is printed the same whatever its table references holds, as long as the
        // key it references is there as before.
        func keysChanged(_ id: ObjectID) -> Bool {
            guard case .table(let t) = id else { return true }
            return Self.keys(of: oldTables[t]) != Self.keys(of: newTables[t])
        }
        var work = touchedTables.map(ObjectID.table) + touchedViews.map(ObjectID.view)
            + Set(oldTables.keys).subtracting(tables).map(ObjectID.table) + Set(oldViews.keys).subtracting(views).map(ObjectID.view)
        while let id = work.popLast() {
            for (dependent, onlyByForeignKey) in dependents[id] ?? [:] {
                if onlyByForeignKey && !keysChanged(id) { continue }
                switch dependent {
                case .table(let t) where tables.contains(t):
                    if touchedTables.insert(t).inserted { work.append(dependent) }
                case .view(let v) where views.contains(v):
                    if touchedViews.insert(v).inserted { work.append(dependent) }
                case .table, .view, .sequence, .sequenceOwner, .schema, .extension:
                    continue  // gone with the change, or printed the same whatever the table holds
                default:
                    return nil  // a function or type over a table: the whole declaration
                }
            }
        }
        return (touchedTables, touchedViews)
    }

    /// What a foreign key referencing `table` relies on: its primary key, unique constraints
    /// and unique indexes, and the columns they name.
    private static func keys(of table: Table?) -> [String] {
        guard let table else { return [] }
        var columns = Set<String>()
        var keys: [String] = []
        for c in table.constraints {
            switch c.kind {
            case .primaryKey(let names), .unique(let names, _):
                columns.formUnion(names)
                keys.append("\(c)")
            default: continue
            }
        }
        for i in table.indexes where i.isUnique {
            columns.formUnion(i.keys.compactMap(\.column))
            keys.append("\(i)")
        }
        return keys + table.columns.filter { columns.contains($0.name) }.map { "\($0)" }
    }
}

/// The table or view each object of two models lives on (indexes and a view's triggers do not
/// say so in their IDs); an object on neither is its own owner.
private struct Owners {
    private var owner: [ObjectID: ObjectID] = [:]

    init(_ models: DatabaseModel...) {
        for model in models {
            for t in model.tables {
                for i in t.indexes { owner[t.indexID(i)] = t.id }
                for c in t.columns { if let s = t.identitySequence(of: c) { owner[.sequence(s)] = t.id } }
            }
            for v in model.views {
                for i in v.indexes { owner[.index(QualifiedName(schema: v.name.schema, i.name))] = v.id }
                for g in v.triggers { owner[.trigger(v.name, g.name)] = v.id }
                owner[.table(v.name)] = v.id
            }
        }
    }

    func of(_ id: ObjectID) -> ObjectID {
        if let known = owner[id] { return known }
        if let table = id.table { return owner[.table(table)] ?? .table(table) }
        return id
    }
}
