import SQLRenderer
import SchemaModel

/// One migration file pair of what `emit` writes. A change that must not hold locks for long,
/// or cannot run in a transaction, gets a stage of its own:
/// 1. new enum values (`ADD VALUE` must be committed before anything uses the value);
/// 2. everything else, in one transaction;
/// 3. indexes on tables that already exist, built `CONCURRENTLY` so writes go on, and the
///    validation of constraints added `NOT VALID` in stage 2, outside any transaction.
/// Stages 1 and 3 are made only of statements that can run again after an interruption.
public struct MigrationStage: Sendable {
    /// Appended to the migration's name: nil for the main stage.
    public var suffix: String?
    public var up: [Statement]
    public var upIsTransactional: Bool
    /// What the up statements change, for the file header.
    public var upPlan: MigrationPlan
    public var down: MigrationPlan
}

/// The stages that turn `current` into `desired`; one stage when nothing needs its own.
public func stages(from current: DatabaseModel, to desired: DatabaseModel, renames: RenameHints) -> [MigrationStage] {
    let withNewEnumValues = addingEnumValues(of: desired, to: current, renames: renames)
    let (withoutNewIndexes, concurrent) = leavingOutNewIndexes(of: desired, existingIn: current, renames: renames)
    var result: [MigrationStage] = []

    if withNewEnumValues != current {
        let up = plan(from: current, to: withNewEnumValues)
        result.append(MigrationStage(
            suffix: "enum_values", up: up.preamble + up.body, upIsTransactional: false, upPlan: up,
            down: plan(from: withNewEnumValues, to: current)))
    }

    let main = plan(from: withNewEnumValues, to: withoutNewIndexes, renames: renames)
    // VALIDATE CONSTRAINT scans the table; in stage 2's transaction, the lock taken by ADD
    // CONSTRAINT would be held for the whole scan.
    let isValidation = { (s: Statement) in s.summary.hasPrefix("validate constraint") }
    let validations = main.body.filter(isValidation)
    if !main.isEmpty {
        result.append(MigrationStage(
            suffix: nil, up: main.body.filter { !isValidation($0) }, upIsTransactional: true, upPlan: main,
            down: plan(from: withoutNewIndexes, to: withNewEnumValues, renames: renames.reversed)))
    }

    if !concurrent.isEmpty || !validations.isEmpty {
        var indexes = plan(from: withoutNewIndexes, to: desired)
        for i in indexes.changes.indices {
            indexes.changes[i].hazards.remove(.longLock)
            indexes.changes[i].statements = indexes.changes[i].statements.map { statement in
                var s = statement
                if s.sql.hasPrefix("CREATE INDEX ") {
                    s.sql = "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + s.sql.dropFirst("CREATE INDEX ".count)
                }
                return s
            }
        }
        result.append(MigrationStage(
            suffix: concurrent.isEmpty ? "validate" : "concurrent_indexes",
            up: indexes.preamble + indexes.body + validations, upIsTransactional: false, upPlan: indexes,
            down: plan(from: desired, to: withoutNewIndexes)))
    }
    return result
}

/// `current` with the values `desired` adds to an existing enum, where it only adds.
private func addingEnumValues(of desired: DatabaseModel, to current: DatabaseModel, renames: RenameHints) -> DatabaseModel {
    var model = current
    for e in desired.enums where renames.enums[e.name] == nil {
        guard let i = model.enums.firstIndex(where: { $0.name == e.name }) else { continue }
        let existing = model.enums[i].labels
        // Only additions: the existing labels appear in the same order among the new ones.
        var rest = e.labels[...]
        let onlyAdds = existing.allSatisfy { label in
            guard let at = rest.firstIndex(of: label) else { return false }
            rest = rest[(at + 1)...]
            return true
        }
        if onlyAdds { model.enums[i].labels = e.labels }
    }
    return model
}

/// `desired` without the plain (not unique) indexes it adds to plain tables that exist already,
/// and those indexes' names.
private func leavingOutNewIndexes(of desired: DatabaseModel, existingIn current: DatabaseModel, renames: RenameHints)
    -> (DatabaseModel, [String])
{
    var model = desired
    var moved: [String] = []
    for (t, table) in desired.tables.enumerated()
    where table.partitioning == nil && table.partitionOf == nil && renames.tables[table.name] == nil {
        guard let old = current.tables.first(where: { $0.name == table.name }) else { continue }
        let renamedIndexes = renames.indexes[table.name] ?? [:]
        model.tables[t].indexes.removeAll { index in
            let isNew = !index.isUnique && renamedIndexes[index.name] == nil
                && !old.indexes.contains { $0.name == index.name }
            if isNew { moved.append(index.name) }
            return isNew
        }
    }
    return (model, moved)
}
