import Differ
import SQLRenderer
import SchemaModel

/// One migration file as schemagen writes it, and as `migrate` and `rollback` read it back: a
/// header of `--` lines, then the statements.
///
///     -- 20260101000000_add_usefulness up: ainp
///     -- destructive: drop column public.agents.score
///     -- schemagen:no-transaction
///     -- schemagen:index public.idx_agents_name
///
/// The header names every hazard of the file's changes (for a down file, what it cannot give
/// back), whether the file runs outside a transaction, and the indexes it builds concurrently,
/// which an interrupted run may have left INVALID.
public struct MigrationFile: Hashable, Sendable {
    public struct HazardNote: Hashable, Sendable {
        public var hazard: Change.Hazard
        public var summary: String
    }

    public var title: String?
    public var hazards: [HazardNote]
    public var isTransactional: Bool
    /// Indexes the file builds with `CREATE INDEX CONCURRENTLY`.
    public var concurrentIndexes: [QualifiedName]
    /// The statements, as SQL text.
    public var body: String

    public static let noTransactionMarker = "-- schemagen:no-transaction"
    static let indexMarker = "-- schemagen:index "
    /// In a script of several stages (`diff --sql`), the line after which statements run in a
    /// new transaction.
    public static let commitMarker = "-- schemagen:commit"

    /// The file for one side of a stage.
    public init(title: String?, plan: MigrationPlan, isTransactional: Bool) {
        self.title = title
        hazards = Change.Hazard.allCases.flatMap { hazard in
            plan.changes(with: hazard).map { HazardNote(hazard: hazard, summary: $0.summary) }
        }
        self.isTransactional = isTransactional
        concurrentIndexes = plan.changes.compactMap { change in
            if case .createIndex(let index, let table, true) = change.operation {
                return QualifiedName(schema: table.schema, index.name)
            }
            return nil
        }
        body = Self.body(plan, isTransactional: isTransactional)
    }

    /// The statements; in a transactional file, new enum values (and what they need) first,
    /// committed before the transaction that may use them.
    static func body(_ plan: MigrationPlan, isTransactional: Bool) -> String {
        let early = isTransactional ? plan.committedFirst : []
        guard !early.isEmpty else { return SQL.statements(plan).script }
        let rest = Set(plan.changes.indices).subtracting(early)
        return "-- New enum values, committed before the statements that may use them:\n"
            + SQL.statements(plan.subset(early)).script + "\n" + commitMarker + "\n\n" + SQL.statements(plan.subset(rest)).script
    }

    /// A file read back; text without a header is one transactional migration.
    public init(parsing text: String) {
        title = nil
        hazards = []
        isTransactional = true
        concurrentIndexes = []
        var bodyLines: [Substring] = []
        var inHeader = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if inHeader && trimmed.hasPrefix("--") {
                if trimmed == Self.noTransactionMarker {
                    isTransactional = false
                } else if trimmed.hasPrefix(Self.indexMarker) {
                    concurrentIndexes.append(QualifiedName(parsing: String(trimmed.dropFirst(Self.indexMarker.count))))
                } else if let note = Self.hazardNote(trimmed) {
                    hazards.append(note)
                }
                continue
            }
            if inHeader && trimmed.isEmpty { continue }
            inHeader = false
            bodyLines.append(line)
        }
        body = bodyLines.joined(separator: "\n")
    }

    private static func hazardNote(_ line: String) -> HazardNote? {
        let text = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
        guard let colon = text.firstIndex(of: ":"), let hazard = Change.Hazard(rawValue: String(text[..<colon])) else {
            return nil
        }
        return HazardNote(hazard: hazard, summary: text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    public var text: String {
        var lines: [String] = []
        if let title { lines.append("-- \(title)") }
        for note in hazards { lines.append("-- \(note.hazard.rawValue): \(note.summary)") }
        if !isTransactional {
            lines.append(Self.noTransactionMarker)
            lines.append("-- Runs outside a transaction, one statement at a time; every statement can run again.")
        }
        for index in concurrentIndexes { lines.append(Self.indexMarker + index.description) }
        if body.isEmpty { lines.append("-- Nothing to do.") }
        return lines.joined(separator: "\n") + "\n\n" + body
    }

    public func notes(_ hazard: Change.Hazard) -> [HazardNote] { hazards.filter { $0.hazard == hazard } }
}

extension StagedPlan {
    /// The whole plan as one script, for `psql`: the stages in order, each stage that must run
    /// outside a transaction announced, and `MigrationFile.commitMarker` between stages.
    public func script(title: String? = nil) -> String {
        var header: [String] = []
        if let title { header.append("-- \(title)") }
        for hazard in Change.Hazard.allCases {
            for change in changes(with: hazard) { header.append("-- \(hazard.rawValue): \(change.summary)") }
        }
        if stages.count > 1 {
            header.append("-- In \(stages.count) parts, each committed before the next: "
                + stages.map { $0.isTransactional ? "the main changes" : stageDescription($0.kind) }.joined(separator: ", then ")
                + ".")
        }
        // With several parts, the main one is a transaction of its own.
        let parts = stages.map { stage in
            if !stage.isTransactional {
                return "-- \(stageDescription(stage.kind)), outside a transaction\n" + SQL.statements(stage.up).script
            }
            let early = stage.up.committedFirst
            if stages.count == 1 && early.isEmpty { return SQL.statements(stage.up).script }
            let rest = "BEGIN;\n\n" + SQL.statements(stage.up.subset(Set(stage.up.changes.indices).subtracting(early))).script
                + "\nCOMMIT;\n"
            if early.isEmpty { return rest }
            return "-- \(stageDescription(.enumValues)), outside a transaction\n" + SQL.statements(stage.up.subset(early)).script
                + "\n" + MigrationFile.commitMarker + "\n\n" + rest
        }
        let text = parts.joined(separator: "\n" + MigrationFile.commitMarker + "\n\n")
        return header.isEmpty ? text : header.joined(separator: "\n") + "\n\n" + text
    }

    private func stageDescription(_ kind: MigrationStage.Kind) -> String {
        switch kind {
        case .enumValues: return "new enum values"
        case .main: return "the main changes"
        case .concurrent: return "indexes built concurrently and constraint validations"
        }
    }
}
