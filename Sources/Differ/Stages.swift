import SchemaModel

/// One migration file pair of a staged plan. A change that must not hold locks for long, or
/// cannot run in a transaction, gets a stage of its own:
/// 1. new enum values (`ADD VALUE` must be committed before anything uses the value);
/// 2. everything else, in one transaction;
/// 3. indexes on tables that already exist, built `CONCURRENTLY` so writes go on, and the
///    validation of constraints added `NOT VALID` in stage 2, outside any transaction.
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

    public init(stages: [MigrationStage]) { self.stages = stages }

    /// Every change of every up stage, in the order they run.
    public var changes: [Change] { stages.flatMap(\.up.changes) }
    public var isEmpty: Bool { stages.allSatisfy(\.up.isEmpty) }
    public func changes(with hazard: Change.Hazard) -> [Change] { changes.filter { $0.hazards.contains(hazard) } }
}

public func stagedPlan(from current: DatabaseModel, to desired: DatabaseModel, renames: RenameHints = RenameHints())
    throws(PlanError) -> StagedPlan
{
    let up = try plan(from: current, to: desired, renames: renames)
    if up.isEmpty { return StagedPlan(stages: []) }
    let n = up.changes.count

    // Stage 1: enum values that nothing in the plan has to precede.
    let enumValues = Set((0..<n).filter { i in
        if case .addEnumValue = up.changes[i].operation { return up.predecessors[i].isEmpty }
        return false
    })
    // Stage 3: indexes on tables that exist, and validations, that nothing else waits for.
    var late = Set((0..<n).filter { i in
        switch up.changes[i].operation {
        case .createIndex(let index, let relation, _):
            return !index.isUnique && up.changes[i].hazards.contains(.longLock) && isPlainTable(relation, in: current)
        case .alterTable(_, .validateConstraint): return true
        default: return false
        }
    })
    while true {
        let blocked = late.filter { !up.successors(of: [$0]).isSubset(of: late) }
        if blocked.isEmpty { break }
        late.subtract(blocked)
    }
    let main = Set(0..<n).subtracting(enumValues).subtracting(late)

    // The models between the stages, for the plans that undo each.
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
    var afterMain = desired
    for i in late {
        switch up.changes[i].operation {
        case .createIndex(let index, let relation, _):
            if let t = afterMain.tables.firstIndex(where: { $0.name == relation }) {
                afterMain.tables[t].indexes.removeAll { $0.name == index.name }
            }
        case .alterTable(let table, .validateConstraint(let name)):
            if let t = afterMain.tables.firstIndex(where: { $0.name == table }),
               let c = afterMain.tables[t].constraints.firstIndex(where: { $0.name == name }) {
                afterMain.tables[t].constraints[c].isValid = false
            }
        default: break
        }
    }

    var stages: [MigrationStage] = []
    if !enumValues.isEmpty {
        stages.append(MigrationStage(kind: .enumValues, up: up.subset(enumValues),
                                     down: try plan(from: afterEnumValues, to: current)))
    }
    if !main.isEmpty {
        stages.append(MigrationStage(kind: .main, up: up.subset(main),
                                     down: try plan(from: afterMain, to: afterEnumValues, renames: renames.reversed)))
    }
    if !late.isEmpty {
        var concurrent = up.subset(late)
        for i in concurrent.changes.indices {
            if case .createIndex(let index, let relation, _) = concurrent.changes[i].operation {
                concurrent.changes[i].operation = .createIndex(index, on: relation, concurrently: true)
                concurrent.changes[i].hazards.remove(.longLock)
            }
        }
        var down = try plan(from: desired, to: afterMain)
        for i in down.changes.indices {
            if case .dropIndex(let name, _) = down.changes[i].operation {
                down.changes[i].operation = .dropIndex(name, concurrently: true)
            }
        }
        stages.append(MigrationStage(kind: .concurrent, up: concurrent, down: down))
    }
    return StagedPlan(stages: stages)
}

/// Whether `name` is a plain table of `model` (not partitioned, not a partition): only those
/// take `CREATE INDEX CONCURRENTLY`.
private func isPlainTable(_ name: QualifiedName, in model: DatabaseModel) -> Bool {
    guard let t = model.table(name) else { return false }
    return t.partitioning == nil && t.partitionOf == nil
}
