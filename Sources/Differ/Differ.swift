import SchemaModel

/// The changes that turn `current` into `desired`, ordered by the dependencies both models
/// carry (read from `pg_depend` when the models were read from a catalog, plus what the
/// models' own structure says). Both models must be in the same printed form, so that equal
/// objects compare equal. The rollback is the same function run the other way, with the rename
/// hints reversed.
public func plan(from current: DatabaseModel, to desired: DatabaseModel, hints: MigrationHints = MigrationHints())
    throws(PlanError) -> MigrationPlan
{
    let (from, to) = PlanningModel.pair(current, desired)
    return try plan(from: from, to: to, hints: hints)
}

/// A model with what planning works out from it, once however many plans use it (a staged
/// plan makes up to four over the same models): its graph (dependencies as read, plus what its
/// structure states), the graph reversed, and where its tables are. Made whole at once, so that
/// plans made at the same time share it.
final class PlanningModel: Sendable {
    let model: DatabaseModel
    let graph: Dependencies
    let dependents: Dependents
    /// Table name → its position in `model.tables`.
    let tablePositions: [QualifiedName: Int]
    /// The IDs of the objects not on a table (views with theirs included), of tables' indexes
    /// and identity sequences: what `has` cannot find through a table.
    private let otherIDs: Set<ObjectID>

    private init(_ model: DatabaseModel, graph: Dependencies, dependents: Dependents,
                 tablePositions: [QualifiedName: Int], otherIDs: Set<ObjectID>) {
        self.model = model
        self.graph = graph
        self.dependents = dependents
        self.tablePositions = tablePositions
        self.otherIDs = otherIDs
    }

    convenience init(_ model: DatabaseModel) {
        // A graph read from a catalog has the structure's edges already: nothing is added, and
        // the graph is shared with the model, not copied.
        var graph = model.dependencies
        model.addStructuralDependencies(to: &graph)
        self.init(model, graph: graph, dependents: graph.dependents(), tablePositions: model.tablePositions,
                  otherIDs: Self.otherIDs(of: model))
    }

    /// `model`, which has the objects and dependencies of `other` (it differs in enum labels, say).
    convenience init(_ model: DatabaseModel, withObjectsOf other: PlanningModel) {
        self.init(model, graph: other.graph, dependents: other.dependents, tablePositions: other.tablePositions,
                  otherIDs: other.otherIDs)
    }

    /// `model`, whose objects are some of `other`'s, with what they depend on there: `other`'s
    /// graph serves, its edges of objects `model` lacks never being asked about (no change
    /// provides or removes those objects).
    convenience init(_ model: DatabaseModel, withObjectsFrom other: PlanningModel) {
        self.init(model, graph: other.graph, dependents: other.dependents, tablePositions: model.tablePositions,
                  otherIDs: Self.otherIDs(of: model))
    }

    /// The planning models of `a` and `b`, made at the same time.
    static func pair(_ a: DatabaseModel, _ b: DatabaseModel) -> (PlanningModel, PlanningModel) {
        // Nothing in it throws.
        let made = try! concurrently(2) { i in PlanningModel(i == 0 ? a : b) }
        return (made[0], made[1])
    }

    private static func otherIDs(of model: DatabaseModel) -> Set<ObjectID> {
        var ids = Set(model.objectIDs(tables: []))
        for t in model.tables {
            for i in t.indexes { ids.insert(t.indexID(i)) }
            for c in t.columns { if let s = t.identitySequence(of: c) { ids.insert(.sequence(s)) } }
        }
        return ids
    }

    func table(_ name: QualifiedName) -> Table? { tablePositions[name].map { model.tables[$0] } }

    /// Whether `name` is a plain table of the model (not partitioned, not a partition): only
    /// those take `CREATE INDEX CONCURRENTLY`.
    func isPlainTable(_ name: QualifiedName) -> Bool {
        guard let t = table(name) else { return false }
        return t.partitioning == nil && t.partitionOf == nil
    }

    /// Whether the model has the object `id` (whether `model.objectIDs` contains it), found on its
    /// table where it is on one: no set of every column of every table is made.
    func has(_ id: ObjectID) -> Bool {
        switch id {
        case .table(let t): return tablePositions[t] != nil
        case .inheritance(let t, let parent): return tablePositions[t].map { model.tables[$0].inherits.contains(parent) } ?? false
        case .column(let t, let c):
            return tablePositions[t].map { model.tables[$0].columns.contains { $0.name == c } } ?? false
        case .columnDefault(let t, let c):
            return tablePositions[t].map { i in
                model.tables[i].columns.contains { $0.name == c && ($0.defaultExpression != nil || $0.generatedExpression != nil) }
            } ?? false
        case .constraint(let t, let c):
            return tablePositions[t].map { model.tables[$0].constraints.contains { $0.name == c } } ?? false
        case .policy(let t, let p): return tablePositions[t].map { model.tables[$0].policies.contains { $0.name == p } } ?? false
        case .trigger(let t, let g) where tablePositions[t] != nil:
            return model.tables[tablePositions[t]!].triggers.contains { $0.name == g }
        default: return otherIDs.contains(id)
        }
    }
}

func plan(from current: PlanningModel, to desired: PlanningModel, hints: MigrationHints) throws(PlanError) -> MigrationPlan {
    var differ = Differ(current: current, desired: desired, hints: hints)
    differ.applyRenames(hints)
    differ.setAsideReplacedTypes()
    differ.setAsideRebuiltTables()
    differ.propagateInheritance()
    differ.findRebuilds()
    differ.diffSchemasAndExtensions()
    differ.diffCollations()
    differ.diffEnums()
    differ.diffCompositeTypes()
    differ.diffRangeTypes()
    differ.diffDomains()
    differ.diffSequences()
    differ.diffFunctions()
    differ.diffTables()
    differ.orderChildrenAfterParents()
    differ.diffViews()
    differ.diffPrivileges()
    if differ.changes.contains(where: { if case .createFunction = $0.operation { true } else { false } }) {
        differ.add(.deferFunctionBodyChecks, .session)
    }
    if !differ.unconvertible.isEmpty && !hints.listsUnconvertible {
        throw PlanError(reason: .conversionNeeded, objects: differ.unconvertible)
    }
    try differ.checkUnmanagedDependencies()
    differ.markClientHazards()
    var result = try ordered(differ.changes, follows: differ.follows, currentDependents: differ.currentDependents,
                             desired: differ.desiredGraph)
    result.notes = differ.notes
    result.unconvertible = differ.unconvertible
    return result
}

struct Differ {
    var current: DatabaseModel { didSet { tablesChanged = nil } }
    /// `changedTables()` for `current` as it is, until it changes.
    private var tablesChanged: [(old: Table, new: Table)]? = nil
    let desired: DatabaseModel
    var currentGraph: Dependencies { didSet { renamedCurrent = true } }
    /// Whether renames or set-asides changed `current` and its graph from `asRead`.
    private var renamedCurrent = false
    /// `current` as read, with what planning works out from it.
    let asRead: PlanningModel
    /// `currentGraph` reversed, once renames and set-asides are done with it (`findRebuilds`).
    var currentDependents = Dependents()
    let desiredGraph: Dependencies
    var changes: [Change] = []
    /// Differences left as they are, for the reviewer (see `MigrationPlan.notes`).
    var notes: [String] = []
    let hints: MigrationHints
    /// Change position → positions that must run before it, beyond what the graph says.
    var follows: [Int: Set<Int>] = [:]

    /// Objects of `current` (named as after the renames) to drop and create again, because
    /// something they depend on is removed, or because they cannot be altered in place.
    var rebuild: Set<ObjectID> = []
    /// Tables made again with their rows (see `setAsideRebuiltTables`): name → the name the old
    /// table is set aside under.
    var rowsKeptFrom: [QualifiedName: QualifiedName] = [:]
    /// Old tables set aside → the position of their drop, which waits for their rows to be copied.
    var asideDrops: [QualifiedName: Int] = [:]
    /// New tables whose constraints, indexes, triggers and policies wait for the change at the
    /// position given: the old table's drop.
    var tableFinishedAfter: [QualifiedName: Int] = [:]
    /// Columns of children retyped by their parent's change (see `propagateInheritance`):
    /// rebuilt around like any retyped column, but not altered themselves.
    var retypedByParent: Set<ObjectID> = []
    /// Positions of the changes to each column, so that a child's follow its parent's.
    var columnChanges: [ColumnName: [Int]] = [:]
    /// Columns whose type changes: what PostgreSQL cannot carry over (views, policies,
    /// triggers, generated columns that read them) is rebuilt.
    var retyped: Set<ObjectID> = []
    /// Types set aside to be replaced (old name → name while set aside).
    var setAside: [QualifiedName: QualifiedName] = [:]
    /// Replaced enums that lose labels, composite types that lose attributes: converting their
    /// columns can fail or lose values.
    var lossyTypes: Set<QualifiedName> = []
    /// The sequences of `current` owned by a column, by the column's table, and the names of
    /// `desired`'s sequences, once `current` is final (`diffTables`), for `droppedWith`.
    var sequencesOwnedBy: [QualifiedName: [Sequence]] = [:]
    var wantedSequences: Set<QualifiedName> = []
    /// Columns retyped without a cast or a conversion to use: the plan is refused, naming them.
    var unconvertible: [String] = []

    /// `desired`, with what planning works out from it.
    let wanted: PlanningModel

    init(current: PlanningModel, desired: PlanningModel, hints: MigrationHints) {
        self.hints = hints
        self.current = current.model
        self.desired = desired.model
        asRead = current
        currentGraph = current.graph
        desiredGraph = desired.graph
        wanted = desired
    }

    func desiredTable(_ name: QualifiedName) -> Table? { wanted.tablePositions[name].map { desired.tables[$0] } }

    /// The tables of `current`, as it is at this point, whose desired table of the same name
    /// differs from them: only these can need anything of their own.
    mutating func changedTables() -> [(old: Table, new: Table)] {
        if let tablesChanged { return tablesChanged }
        let found = current.tables.compactMap { old in desiredTable(old.name).flatMap { $0 == old ? nil : (old, $0) } }
        tablesChanged = found
        return found
    }

    @discardableResult
    mutating func add(_ operation: SchemaOperation, _ phase: Phase, hazards: Set<Change.Hazard> = [],
                      removes: [ObjectID] = [], provides: [ObjectID] = [], requires: [ObjectID] = [],
                      after earlier: [Int] = []) -> Int {
        changes.append(Change(operation, phase: phase, hazards: hazards, removes: removes, provides: provides,
                              requires: requires))
        let position = changes.count - 1
        if !earlier.isEmpty { follows[position, default: []].formUnion(earlier) }
        return position
    }

    /// `comment` when it is set: for an object just created, so it follows its creation in the
    /// plan (it takes the creation's phase).
    mutating func commentIfAny(_ target: CommentTarget, _ text: String?) {
        guard let text else { return }
        let phase = changes.last(where: { $0.provides.contains(target.object) })?.phase ?? .comments
        add(.comment(target, text), phase, requires: [target.object])
    }

    /// A comment change when the comment differs.
    mutating func commentIfChanged(_ target: CommentTarget, from old: String?, to new: String?) {
        guard old != new else { return }
        add(.comment(target, new), .comments, requires: [target.object])
    }

    /// An object created or changed that needs an object schemagen does not manage (a view over
    /// an aggregate), where the database lacks it, would fail to create; one removed or changed
    /// while an unmanaged object depends on it (a rule reading a table) would fail to drop. Both
    /// are refused here, naming the objects, rather than planned half.
    func checkUnmanagedDependencies() throws(PlanError) {
        let present = Set(current.unmanaged.map(\.description))
        var problems = Set<String>()
        for change in changes {
            for x in change.provides {
                for case .unmanaged(let u) in desiredGraph.of(x) where !present.contains(u) {
                    problems.insert("\(x) needs \(u), which the database lacks")
                }
            }
            for x in change.removes {
                for case .unmanaged(let u) in currentDependents.of(x) {
                    problems.insert("\(u) depends on \(x), which the migration \(change.kind == .drop ? "drops" : "changes")")
                }
            }
        }
        if !problems.isEmpty { throw PlanError(reason: .unmanaged, objects: problems.sorted()) }
    }

    /// Renames break the clients that use the old name; a table or column that is renamed or
    /// dropped may still be named in a function body PostgreSQL does not track (every body but
    /// SQL-standard `BEGIN ATOMIC` ones), which would fail when next called.
    mutating func markClientHazards() {
        // Each body with the words it is made of, so that a name is looked up, not searched for.
        let untracked = current.functions.filter { !$0.isSQLStandardBody }.map { f in
            let body = f.body.lowercased()
            return (body: body, words: Set(body.split { !$0.isIdentifierCharacter }.map(String.init)))
        }
        let anyWord = untracked.reduce(into: Set<String>()) { $0.formUnion($1.words) }
        func mentioned(_ words: [String]) -> Bool {
            let lowered = words.map { $0.lowercased() }
            let plain = lowered.allSatisfy { $0.allSatisfy(\.isIdentifierCharacter) }
            if plain && !lowered.allSatisfy(anyWord.contains) { return false }
            return untracked.contains { f in
                lowered.allSatisfy { plain ? f.words.contains($0) : f.body.containsWord($0) }
            }
        }
        let views = Set(desired.views.map(\.name)), functions = Set(desired.functions.map(\.id))
        let sequences = Set(desired.sequences.map(\.name))
        let replacedTypes = Set(desired.enums.map(\.name) + desired.domains.map(\.name)).union(setAside.values)
        for i in changes.indices {
            var names: [String] = []
            switch changes[i].operation {
            case .renameTable(let t, _):
                changes[i].hazards.insert(.breaksClients)
                names = [t.name]
            case .renameType(let type, let newName, _):
                // Not a type set aside to be replaced: its name comes back with the new type.
                if setAside[type]?.name != newName { changes[i].hazards.insert(.breaksClients) }
            case .alterTable(let t, .renameColumn(let c, _)):
                changes[i].hazards.insert(.breaksClients)
                names = [t.name, c]
            case .dropTable(let t): names = [t.name]
            case .alterTable(let t, .dropColumn(let c)): names = [t.name, c]
            // Objects that go for good (not dropped to be made again) and behaviour inserts rely on.
            case .dropView(let v, _) where !views.contains(v): changes[i].hazards.insert(.breaksClients)
            case .dropFunction(let f) where !functions.contains(f.id):
                changes[i].hazards.insert(.breaksClients)
            case .dropType(let n), .dropDomain(let n):
                if !replacedTypes.contains(n) { changes[i].hazards.insert(.breaksClients) }
            case .dropSequence(let n) where !sequences.contains(n):
                changes[i].hazards.insert(.breaksClients)
            case .dropExtension, .alterTable(_, .alterColumn(_, .addIdentity)), .alterTable(_, .alterColumn(_, .dropIdentity)),
                 .alterTable(_, .alterColumn(_, .setIdentity)),
                 .alterTable(_, .alterColumn(_, .dropExpression)), .alterTable(_, .detachPartition):
                changes[i].hazards.insert(.breaksClients)
            case .alterTable(let t, .alterColumn(let c, .dropDefault))
                where desiredTable(t)?.column(named: c).map({ $0.defaultExpression == nil }) ?? false:
                changes[i].hazards.insert(.breaksClients)
            case .alterDomain(_, .setNotNull(false)): changes[i].hazards.insert(.dropsGuarantee)
            case .alterDomain(let d, .dropCheck(let c))
                where !(desired.domains.first { $0.name == d }?.checks.contains { $0.name == c } ?? false):
                changes[i].hazards.insert(.dropsGuarantee)
            default: break
            }
            if case .alterTable(_, .detachPartition) = changes[i].operation { changes[i].hazards.insert(.blocksReads) }
            if !names.isEmpty && mentioned(names) {
                changes[i].hazards.insert(.untrackedDependencies)
            }
        }
    }

    // MARK: Types replaced whole

    /// An enum whose labels are removed or reordered, or a domain whose base type changes,
    /// cannot be altered in place: the current type is renamed out of the way, the new one is
    /// created, every column is converted to it, and the old one is dropped. From here on the
    /// differ sees the old type under its new name, dropped, and the new one created.
    mutating func setAsideReplacedTypes() {
        let desiredEnums = Dictionary(desired.enums.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let desiredDomains = Dictionary(desired.domains.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var taken = current.typeNames.union(desired.typeNames).union(current.tables.map(\.name) + desired.tables.map(\.name))
        for e in current.enums {
            guard let new = desiredEnums[e.name], !isOrderedSubsequence(e.labels, of: new.labels) else { continue }
            if e.labels.contains(where: { !new.labels.contains($0) }) { lossyTypes.insert(e.name) }
            setAside(e.name, isDomain: false, taken: &taken)
        }
        for d in current.domains {
            guard let new = desiredDomains[d.name], new.baseType != d.baseType || new.collation != d.collation else { continue }
            setAside(d.name, isDomain: true, taken: &taken)
        }
        let desiredComposites = Dictionary(desired.compositeTypes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for c in current.compositeTypes {
            guard let new = desiredComposites[c.name], attributeChanges(from: c, to: new) == nil else { continue }
            if c.attributes.contains(where: { a in !new.attributes.contains { $0.name == a.name } }) { lossyTypes.insert(c.name) }
            setAside(c.name, isDomain: false, taken: &taken)
        }
        let desiredRanges = Dictionary(desired.rangeTypes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for r in current.rangeTypes {
            guard let new = desiredRanges[r.name], !sameRange(r, new) else { continue }
            let multirange = QualifiedName(schema: r.name.schema, r.effectiveMultirangeName)
            let range = setAside(r.name, isDomain: false, taken: &taken)
            // PostgreSQL leaves the multirange's name, and the constructor functions' names, as
            // they were: they go aside too, or the new type's would clash with them.
            let multi = setAside(multirange, isDomain: false, taken: &taken)
            let subtype = current.rangeTypes.first { $0.name == range }?.subtype ?? r.subtype
            for arguments in [[subtype, subtype], [subtype, subtype, .text]] {
                add(.renameFunction(r.name, argumentTypes: arguments, to: range.name), .renames)
            }
            for arguments in [[], [DataType.named(range)], [.array(.named(range))]] {
                add(.renameFunction(multirange, argumentTypes: arguments, to: multi.name), .renames)
            }
        }
        let desiredCollations = Dictionary(desired.collations.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var takenCollations = Set(current.collations.map(\.name) + desired.collations.map(\.name))
        for c in current.collations {
            guard let new = desiredCollations[c.name], !new.sameDefinition(as: c) else { continue }
            let aside = uniqueName(for: c.name, suffix: "__old", taken: takenCollations)
            takenCollations.insert(aside)
            add(.renameCollation(c.name, to: aside.name), .renames, removes: [.collation(c.name)])
            renameCollation(c.name, to: aside)
        }
    }

    @discardableResult
    private mutating func setAside(_ name: QualifiedName, isDomain: Bool, taken: inout Set<QualifiedName>) -> QualifiedName {
        let aside = uniqueName(for: name, suffix: "__old", taken: taken)
        taken.insert(aside)
        setAside[name] = aside
        // First of all: from here on, whatever names the old type (a function's signature being
        // dropped, say) names it by its new name.
        add(.renameType(name, to: aside.name, isDomain: isDomain), .renames, removes: [.type(name)])
        renameType(name, to: aside)
        return aside
    }

    // MARK: What must be rebuilt

    /// Everything in `current` that depends on something removed or replaced, and is wanted
    /// still, is rebuilt: found from the dependency graph, transitively.
    mutating func findRebuilds() {
        currentDependents = renamedCurrent ? currentGraph.dependents() : asRead.dependents
        let dependents = currentDependents
        let changed = changedTables()
        // A table as it is on both sides has all its objects there.
        let desiredPositions = wanted.tablePositions
        let maybeRemoved = current.objectIDs(tables: changed.map(\.old) + current.tables.filter { desiredPositions[$0.name] == nil })
        var work: [(ObjectID, retypedOnly: Bool)] = []
        for id in maybeRemoved where !wanted.has(id) { work.append((id, false)) }
        for id in replacedInPlace(changed) {
            rebuild.insert(id)
            work.append((id, false))
        }
        for id in retypedColumns(changed) + retypedByParent.sorted() {
            retyped.insert(id)
            work.append((id, true))
        }
        var positions: [QualifiedName: Int]? = nil
        func currentTable(_ name: QualifiedName) -> Table? {
            if positions == nil {
                positions = current.tablePositions
            }
            return positions![name].map { current.tables[$0] }
        }
        while let (y, retypedOnly) = work.popLast() {
            for x in dependents.of(y) where wanted.has(x) && !rebuild.contains(x) {
                switch x {
                case .column:
                    // A column that uses a type being replaced is converted to the new one.
                    if case .type = y, retyped.insert(x).inserted { work.append((x, true)) }
                case .columnDefault(let t, let c):
                    let isGenerated = currentTable(t)?.column(named: c)?.generatedExpression != nil
                    if retypedOnly && !isGenerated { continue }
                    rebuild.insert(x)
                    if isGenerated {
                        // A generation expression cannot be set again: the column is added again.
                        rebuild.insert(.column(t, c))
                        work.append((.column(t, c), false))
                    }
                case .view, .trigger, .policy:
                    rebuild.insert(x)
                    work.append((x, false))
                case .index, .constraint, .function:
                    if retypedOnly { continue }
                    rebuild.insert(x)
                    work.append((x, false))
                case .table(let t):
                    // A partition goes with a parent that is created again; a table that
                    // inherits from it stays, and is linked to the new one.
                    if retypedOnly || currentTable(t)?.partitionOf == nil { continue }
                    rebuild.insert(x)
                    work.append((x, false))
                default:
                    continue
                }
            }
        }
    }

    /// Objects on both sides that differ in a way no ALTER can change.
    private func replacedInPlace(_ changed: [(old: Table, new: Table)]) -> [ObjectID] {
        var found: [ObjectID] = []
        for (old, new) in changed {
            if tableMustBeRecreated(old, new) {
                found.append(.table(old.name))
                continue
            }
            let newColumns = Dictionary(new.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for c in old.columns {
                guard let n = newColumns[c.name] else { continue }
                if n.generatedExpression != nil && n.generatedExpression != c.generatedExpression {
                    found.append(.column(old.name, c.name))
                }
            }
            let newConstraints = Dictionary(new.constraints.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for c in old.constraints {
                guard let n = newConstraints[c.name] else { continue }
                if !sameConstraint(c, n) { found.append(.constraint(old.name, c.name)) }
            }
            let newIndexes = Dictionary(new.indexes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for i in old.indexes {
                guard let n = newIndexes[i.name] else { continue }
                if !sameIndex(i, n) { found.append(.index(QualifiedName(schema: old.name.schema, i.name))) }
            }
            let newTriggers = Dictionary(new.triggers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for t in old.triggers where newTriggers[t.name].map({ !same($0, t) }) ?? false {
                found.append(.trigger(old.name, t.name))
            }
            let newPolicies = Dictionary(new.policies.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for p in old.policies where newPolicies[p.name].map({ !same($0, p) }) ?? false {
                found.append(.policy(old.name, p.name))
            }
        }
        let desiredViews = Dictionary(desired.views.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for v in current.views {
            guard let n = desiredViews[v.name] else { continue }
            if viewMustBeRecreated(v, n) {
                found.append(.view(v.name))
            } else {
                let newIndexes = Dictionary(n.indexes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
                for i in v.indexes where newIndexes[i.name].map({ !sameIndex(i, $0) }) ?? false {
                    found.append(.index(QualifiedName(schema: v.name.schema, i.name)))
                }
                let newTriggers = Dictionary(n.triggers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
                for t in v.triggers where newTriggers[t.name].map({ !same($0, t) }) ?? false {
                    found.append(.trigger(v.name, t.name))
                }
            }
        }
        let desiredFunctions = Dictionary(desired.functions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for f in current.functions {
            guard let n = desiredFunctions[f.id] else { continue }
            if functionMustBeRecreated(f, n) { found.append(f.id) }
        }
        return found
    }

    /// Columns on both sides whose type or collation differs.
    private func retypedColumns(_ changed: [(old: Table, new: Table)]) -> [ObjectID] {
        var found: [ObjectID] = []
        for (old, new) in changed where !tableMustBeRecreated(old, new) {
            for c in old.columns {
                guard let n = new.column(named: c.name) else { continue }
                if n.type != c.type || n.collation != c.collation { found.append(.column(old.name, c.name)) }
            }
        }
        return found
    }
}

// MARK: What can be altered in place

func tableMustBeRecreated(_ old: Table, _ new: Table) -> Bool {
    old.partitioning != new.partitioning || (old.partitionOf == nil) != (new.partitionOf == nil)
}

func sameConstraint(_ a: Constraint, _ b: Constraint) -> Bool {
    var a = a
    a.comment = b.comment
    a.location = b.location
    a.renamedFrom = b.renamedFrom
    // A constraint that is validated later is the same constraint.
    if !a.isValid && b.isValid { a.isValid = true }
    return a == b
}

func sameIndex(_ a: Index, _ b: Index) -> Bool {
    var a = a
    a.comment = b.comment
    a.location = b.location
    a.renamedFrom = b.renamedFrom
    return a == b
}

func same(_ a: Trigger, _ b: Trigger) -> Bool {
    var a = a
    a.comment = b.comment
    a.location = b.location
    a.firing = b.firing
    return a == b
}

func same(_ a: Policy, _ b: Policy) -> Bool {
    var a = a
    a.comment = b.comment
    a.location = b.location
    return a == b
}

func viewMustBeRecreated(_ old: View, _ new: View) -> Bool {
    old.query != new.query || old.isMaterialized != new.isMaterialized || old.checkOption != new.checkOption
}

/// `CREATE OR REPLACE` cannot change the return type, argument names or defaults, or the kind.
func functionMustBeRecreated(_ old: Function, _ new: Function) -> Bool {
    old.returns != new.returns || old.arguments != new.arguments || old.isProcedure != new.isProcedure
}

func isOrderedSubsequence(_ small: [String], of big: [String]) -> Bool {
    var i = big.startIndex
    for item in small {
        guard let found = big[i...].firstIndex(of: item) else { return false }
        i = big.index(after: found)
    }
    return true
}

/// `name` + `suffix`, shortened to fit PostgreSQL's 63 bytes and numbered until it is free:
/// the set-aside name never truncates back onto the name itself or another type.
func uniqueName(for name: QualifiedName, suffix: String, taken: Set<QualifiedName>) -> QualifiedName {
    var n = 0
    while true {
        let candidate = QualifiedName(schema: name.schema, identifier(name.name, suffix: suffix + (n == 0 ? "" : String(n))))
        if !taken.contains(candidate) { return candidate }
        n += 1
    }
}
