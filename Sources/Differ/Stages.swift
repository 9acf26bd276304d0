import SchemaModel

/// One migration file pair of a staged plan. A change that must not hold locks for long, or
/// cannot run in a transaction, gets a stage of its own:
/// 1. new enum values (`ADD VALUE` must be committed before anything uses the value);
/// 2. everything else, in one transaction;
/// 3. what can be done online on tables that already exist (see `onlineRecipe`): indexes built
///    and dropped `CONCURRENTLY`, keys made from such indexes, `SET NOT NULL` proved by a
///    validated check, and the validation of constraints added `NOT VALID` in stage 2, outside
///    any transaction.
/// Stages 1 and 3 are made only of statements that can run again after an interruption.
public struct MigrationStage: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case enumValues = "enum_values", main, concurrent = "concurrent_indexes"
    }
    public var kind: Kind
    public var up: MigrationPlan
    /// The changes that undo `up`, applied to what `up` left.
    public var down: MigrationPlan

    /// Appended to the migration's name: nil for the main stage.
    public var suffix: String? { kind == .main ? nil : kind.rawValue }
    /// Whether `up` runs in one transaction.
    public var isTransactional: Bool { kind == .main }
}

/// The one plan from `current` to `desired`, split into stages (see `MigrationStage`), each with
/// the plan that undoes it. The up stages are the one plan's changes, so a summary of it is a
/// summary of the files.
public struct StagedPlan: Hashable, Sendable {
    public var stages: [MigrationStage]
    /// What the plan leaves as it is, said for the reviewer (see `MigrationPlan.notes`).
    public var notes: [String]

    public init(stages: [MigrationStage], notes: [String] = []) {
        self.stages = stages
        self.notes = notes
    }

    /// Columns the rollback retypes without a cast or a conversion: down files that would fail.
    public var rollbackUnconvertible: [String] { stages.flatMap(\.down.unconvertible) }

    /// Every change of every up stage, in the order they run.
    public var changes: [Change] { stages.flatMap(\.up.changes) }
    public var isEmpty: Bool { stages.allSatisfy(\.up.isEmpty) }
    public func changes(with hazard: Change.Hazard) -> [Change] { changes.filter { $0.hazards.contains(hazard) } }
}

public func stagedPlan(from current: DatabaseModel, to desired: DatabaseModel, hints: MigrationHints = MigrationHints())
    throws(PlanError) -> StagedPlan
{
    let (from, to) = PlanningModel.pair(current, desired)
    // The plan undoing stage 1 is made beside the up plan, from the model with every value the
    // target adds to an enum: what stage 1 makes unless a value waits for another change. It is
    // used only when stage 1 makes exactly that.
    let guessedEnums = enumsWithAddedValues(current, desired)
    let earlyUndo = guessedEnums.map { enums in
        Started { () -> Result<MigrationPlan, PlanError> in
            var model = current
            model.enums = enums
            return Result { () throws(PlanError) in
                try plan(from: PlanningModel(model, withObjectsOf: from), to: from, hints: hints.withoutRenames)
            }
        }
    }
    defer { _ = earlyUndo?.value }
    let up = try plan(from: from, to: to, hints: hints)
    if up.isEmpty { return StagedPlan(stages: [], notes: up.notes) }
    let n = up.changes.count

    // Stage 1: enum values that nothing in the plan has to precede.
    let enumValues = Set((0..<n).filter { i in
        if case .addEnumValue = up.changes[i].operation { return up.predecessors[i].isEmpty }
        return false
    })
    // Stage 3: what can be done online on tables that exist, and that nothing else waits for.
    let context = RecipeContext(plan: up, current: from)
    let recipes = Dictionary(uniqueKeysWithValues: (0..<n).compactMap { i in
        onlineRecipe(for: up.changes[i], in: context).map { (i, $0) }
    })
    // A comment on an index or constraint built online follows it there: kept in the main
    // transaction, it would hold the build back in that transaction.
    let comments = Set((0..<n).filter { i in
        switch up.changes[i].operation {
        case .comment(.index, _), .comment(.constraint, _):
            return !up.predecessors[i].isEmpty && up.predecessors[i].allSatisfy { recipes[$0] != nil }
        default: return false
        }
    })
    // Only what nothing but late changes waits for, directly or not: in plan order every
    // successor comes later, so one pass from the end decides.
    let candidates = Set(recipes.keys).union(comments)
    var successors: [[Int]] = Array(repeating: [], count: n)
    for (i, before) in up.predecessors.enumerated() { for p in before { successors[p].append(i) } }
    var goesLate = Array(repeating: false, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) where candidates.contains(i) {
        goesLate[i] = successors[i].allSatisfy { goesLate[$0] }
    }
    let late = Set((0..<n).filter { goesLate[$0] })

    // Each late change becomes its online recipe; a recipe's first step may stay in stage 2.
    var changes: [Change] = []
    var predecessors: [[Int]] = []
    var isLate: [Bool] = []
    var last: [Int] = []
    var afterMain = desired
    var restored: [(QualifiedName, Index)] = []
    var undoingMain: [Change] = []
    for i in 0..<n {
        let before = up.predecessors[i].map { last[$0] }
        var steps = [(up.changes[i], late.contains(i))]
        if late.contains(i), let recipe = recipes[i] {
            // The desired model's tables are where they are in the target's planning model.
            if let (table, undo) = recipe.undo, let t = to.tablePositions[table] { undo(&afterMain.tables[t]) }
            // A first step that cannot run before what precedes it: the change is made as it is,
            // but outside the transaction.
            if !recipe.firstInMain || up.predecessors[i].allSatisfy({ !late.contains($0) }) {
                steps = recipe.steps.enumerated().map { k, step in (step, !(k == 0 && recipe.firstInMain)) }
                if let index = recipe.restores { restored.append(index) }
                undoingMain += recipe.undoingMain
            }
        }
        for (k, (change, stepIsLate)) in steps.enumerated() {
            changes.append(change)
            predecessors.append(k == 0 ? before : [changes.count - 2])
            isLate.append(stepIsLate)
        }
        last.append(changes.count - 1)
    }
    for (table, index) in restored {
        if let t = to.tablePositions[table], !afterMain.tables[t].indexes.contains(where: { $0.name == index.name }) {
            afterMain.tables[t].indexes.append(index)
        }
    }
    let staged = MigrationPlan(changes: changes, predecessors: predecessors)
    let enumPositions = Set(enumValues.map { last[$0] })
    let latePositions = Set(changes.indices.filter { isLate[$0] })
    let main = Set(changes.indices).subtracting(enumPositions).subtracting(latePositions)

    // The model after stage 1, for the plans that undo each stage.
    var afterEnumValues = current
    for i in enumValues.sorted() {
        guard case .addEnumValue(let name, let label, let position) = up.changes[i].operation,
              let e = afterEnumValues.enums.firstIndex(where: { $0.name == name }) else { continue }
        var labels = afterEnumValues.enums[e].labels
        switch position {
        case .before(let other): labels.insert(label, at: labels.firstIndex(of: other) ?? 0)
        case .after(let other): labels.insert(label, at: (labels.firstIndex(of: other) ?? labels.count - 1) + 1)
        }
        afterEnumValues.enums[e].labels = labels
    }

    // Enum labels added change no object's ID or dependencies.
    let afterStage1 = enumValues.isEmpty ? from : PlanningModel(afterEnumValues, withObjectsOf: from)
    // Without restored indexes the model after the main stage is the target less what the
    // online stage makes: the target's graph serves.
    let afterStage2 = main.isEmpty && latePositions.isEmpty ? to
        : restored.isEmpty ? PlanningModel(afterMain, withObjectsFrom: to) : PlanningModel(afterMain)
    let undoStage1 = try earlyUndo.flatMap { afterEnumValues.enums == guessedEnums ? $0.value : nil }?.get()
    // The plans that undo each stage, made at the same time.
    var downs = try plans([
        enumPositions.isEmpty || undoStage1 != nil ? nil : (afterStage1, from, hints.withoutRenames),
        main.isEmpty ? nil : (afterStage2, afterStage1, hints.reversed),
        latePositions.isEmpty ? nil : (to, afterStage2, hints.withoutRenames),
    ])
    if let undoStage1 { downs[0] = undoStage1 }
    var stages: [MigrationStage] = []
    if let down = downs[0] {
        stages.append(MigrationStage(kind: .enumValues, up: staged.subset(enumPositions), down: down))
    }
    if let down = downs[1] {
        let first = undoingMain.count
        var undo = MigrationPlan(
            changes: undoingMain + down.changes,
            predecessors: undoingMain.map { _ in [] } + down.predecessors.map { $0.map { $0 + first } })
        undo.unconvertible = down.unconvertible
        stages.append(MigrationStage(kind: .main, up: staged.subset(main), down: undo))
    }
    if var down = downs[2] {
        for i in down.changes.indices {
            switch down.changes[i].operation {
            case .dropIndex(let name, _):
                down.changes[i].operation = .dropIndex(name, concurrently: true)
                down.changes[i].hazards.remove(.blocksReads)
            case .createIndex(let index, let relation, _) where to.isPlainTable(relation):
                down.changes[i].operation = .createIndex(index, on: relation, concurrently: true)
                down.changes[i].hazards.remove(.blocksWrites)
            case .alterTable(let table, .dropConstraint(let name, _)):
                down.changes[i].operation = .alterTable(table, .dropConstraint(name, ifExists: true))
            default: break
            }
        }
        stages.append(MigrationStage(kind: .concurrent, up: staged.subset(latePositions), down: down))
    }
    return StagedPlan(stages: stages, notes: up.notes)
}

/// `current`'s enums with every value `desired` adds to them, for enums `desired` only adds
/// values to; nil when none gains one.
private func enumsWithAddedValues(_ current: DatabaseModel, _ desired: DatabaseModel) -> [EnumType]? {
    let wanted = Dictionary(desired.enums.map { ($0.name, $0.labels) }, uniquingKeysWith: { a, _ in a })
    var added = false
    let enums = current.enums.map { e in
        guard let labels = wanted[e.name], labels.count > e.labels.count, isOrderedSubsequence(e.labels, of: labels) else {
            return e
        }
        added = true
        var grown = e
        grown.labels = labels
        return grown
    }
    return added ? enums : nil
}

/// The plan of each request (nil for none), each on a thread of its own.
private func plans(_ requests: [(from: PlanningModel, to: PlanningModel, hints: MigrationHints)?])
    throws(PlanError) -> [MigrationPlan?]
{
    do {
        return try concurrently(requests.count) { i in
            try requests[i].map { r throws(PlanError) in try plan(from: r.from, to: r.to, hints: r.hints) }
        }
    } catch let error as PlanError {
        throw error
    } catch {
        preconditionFailure("planning throws only PlanError: \(error)")
    }
}

/// How one change is made without holding a lock that blocks the table's readers or writers
/// for the length of a scan: the steps, outside a transaction (but for a first step that may
/// run in the main one), and how the model after the main stage differs from the desired one.
struct OnlineRecipe {
    var steps: [Change]
    /// The first step runs in the main transaction (a constraint added `NOT VALID`).
    var firstInMain = false
    /// Takes out of a table of the desired model what the main stage has not done yet.
    var undo: (table: QualifiedName, (inout Table) -> Void)? = nil
    /// An index the main stage leaves in place (dropped later, concurrently).
    var restores: (QualifiedName, Index)? = nil
    /// What the plan undoing the main stage does first.
    var undoingMain: [Change] = []
}

/// The online form of `change`, when there is one:
/// - an index on a table that exists: `CREATE INDEX CONCURRENTLY`, and `DROP INDEX CONCURRENTLY`;
/// - a primary key or unique constraint on a table that exists: its index built `CONCURRENTLY`,
///   then `ADD CONSTRAINT … USING INDEX`, which only takes a brief lock;
/// - `SET NOT NULL` on a column that exists: `CHECK (col IS NOT NULL) NOT VALID` in the main
///   transaction, `VALIDATE` (writes go on), then `SET NOT NULL`, which the valid check spares
///   its scan, then the check dropped;
/// - the validation of a constraint added `NOT VALID`: on its own, outside the transaction.
func onlineRecipe(for change: Change, in context: RecipeContext) -> OnlineRecipe? {
    /// A step of the recipe: `change` doing `operation`, with `hazards`.
    func step(_ operation: SchemaOperation, _ hazards: Set<Change.Hazard>) -> Change {
        var s = change
        s.operation = operation
        s.hazards = hazards
        return s
    }
    switch change.operation {
    case .createIndex(let index, let relation, _):
        guard change.hazards.contains(.blocksWrites), context.isPlainTable(relation) else { return nil }
        // A unique index dropped and built again would enforce nothing in between.
        if index.isUnique, context.droppedIndexes.contains(QualifiedName(schema: relation.schema, index.name)) { return nil }
        return OnlineRecipe(steps: [step(.createIndex(index, on: relation, concurrently: true),
                                         change.hazards.subtracting([.blocksWrites]))],
                            undo: (relation, { $0.indexes.removeAll { $0.name == index.name } }))
    case .dropIndex(let name, _):
        guard change.hazards.contains(.blocksReads), let table = context.tableOfIndex[name],
              context.isPlainTable(table.name),
              let index = table.indexes.first(where: { $0.name == name.name }) else { return nil }
        if index.isUnique { return nil }
        // Undoing it builds the index again after the main stage's undo has run: its table and
        // columns must then have the names the index was defined with.
        if context.renamesColumns || context.renamedTables.contains(table.name) { return nil }
        return OnlineRecipe(steps: [step(.dropIndex(name, concurrently: true), change.hazards.subtracting([.blocksReads]))],
                            restores: (table.name, index))
    case .alterTable(let table, .addConstraint(let c, notValid: false)):
        guard change.hazards.contains(.indexBuild), context.isPlainTable(table) else { return nil }
        // A key dropped and added again would enforce nothing in between.
        if context.droppedConstraints.contains(ConstraintName(table: table, name: c.name)) { return nil }
        let columns: [String]
        var nullsNotDistinct = false
        switch c.kind {
        case .primaryKey(let keys): columns = keys
        case .unique(let keys, let notDistinct): (columns, nullsNotDistinct) = (keys, notDistinct)
        default: return nil
        }
        let index = Index(name: c.name, isUnique: true, keys: columns.map { IndexKey(.column($0)) }, include: c.include,
                          nullsNotDistinct: nullsNotDistinct, storageParameters: c.storageParameters)
        return OnlineRecipe(steps: [step(.createIndex(index, on: table, concurrently: true), [.indexBuild]),
                                    step(.addConstraintUsingIndex(c, on: table), [])],
                            undo: (table, { $0.constraints.removeAll { $0.name == c.name } }))
    case .alterTable(let table, .alterColumn(let column, .setNotNull)):
        guard change.hazards.contains(.validationScan), context.isPlainTable(table),
              let t = context.table(table) else { return nil }
        let taken = Set(t.constraints.map { QualifiedName(schema: table.schema, $0.name) })
        let name = uniqueName(for: QualifiedName(schema: table.schema, "\(table.name)_\(column)"), suffix: "_not_null",
                              taken: taken).name
        let check = Constraint(name: name, kind: .check(expression: "\(quoteIdentifier(column)) IS NOT NULL"),
                               isValid: false)
        // The check is only the recipe's: the models leave it out, and undoing the main stage
        // drops it if it is still there.
        return OnlineRecipe(steps: [
            step(.alterTable(table, .addConstraint(check, notValid: true)), []),
            step(.alterTable(table, .validateConstraint(name, ifExists: true)), [.validationScan]),
            step(.alterTable(table, .alterColumn(column, .setNotNull)), []),
            step(.alterTable(table, .dropConstraint(name, ifExists: true)), []),
        ], firstInMain: true, undo: (table, { t in
            if let c = t.columns.firstIndex(where: { $0.name == column }) { t.columns[c].isNullable = true }
        }), undoingMain: [step(.alterTable(table, .dropConstraint(name, ifExists: true)), [])])
    case .alterTable(_, .validateConstraint):
        // Undoing it leaves the constraint valid: it held, and nothing is gained by forgetting that.
        return OnlineRecipe(steps: [change])
    default:
        return nil
    }
}

/// What the recipes look up in the plan and the current model, found once for all changes.
struct RecipeContext {
    let current: PlanningModel
    /// Indexes the plan drops, constraints it drops (as `DROP CONSTRAINT`, not `IF EXISTS`),
    /// tables it renames, and whether it renames any column.
    let droppedIndexes: Set<QualifiedName>
    let droppedConstraints: Set<ConstraintName>
    let renamedTables: Set<QualifiedName>
    let renamesColumns: Bool
    /// An index of the current model (by its qualified name) → its table.
    let tableOfIndex: [QualifiedName: Table]

    init(plan: MigrationPlan, current: PlanningModel) {
        self.current = current
        var droppedIndexes = Set<QualifiedName>(), droppedConstraints = Set<ConstraintName>()
        var renamedTables = Set<QualifiedName>(), renamesColumns = false
        for change in plan.changes {
            switch change.operation {
            case .dropIndex(let name, _): droppedIndexes.insert(name)
            case .alterTable(let table, .dropConstraint(let name, ifExists: false)):
                droppedConstraints.insert(ConstraintName(table: table, name: name))
            case .renameTable(let table, _): renamedTables.insert(table)
            case .alterTable(_, .renameColumn): renamesColumns = true
            default: break
            }
        }
        (self.droppedIndexes, self.droppedConstraints) = (droppedIndexes, droppedConstraints)
        (self.renamedTables, self.renamesColumns) = (renamedTables, renamesColumns)
        var tableOfIndex: [QualifiedName: Table] = [:]
        for t in current.model.tables {
            for i in t.indexes where tableOfIndex[QualifiedName(schema: t.name.schema, i.name)] == nil {
                tableOfIndex[QualifiedName(schema: t.name.schema, i.name)] = t
            }
        }
        self.tableOfIndex = tableOfIndex
    }

    func table(_ name: QualifiedName) -> Table? { current.table(name) }
    func isPlainTable(_ name: QualifiedName) -> Bool { current.isPlainTable(name) }
}

/// A constraint by its table and name.
struct ConstraintName: Hashable {
    var table: QualifiedName
    var name: String
}
