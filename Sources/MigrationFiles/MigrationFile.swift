import Differ
import Foundation
import SQLRenderer
import SchemaModel

/// One migration file as schemagen writes it, and as `migrate` and `rollback` read it back: a
/// header of `--` lines, then the statements.
///
///     -- 20260101000000_add_usefulness up: ainp
///     -- deletes-data: drop column public.agents.score
///     --   Data is lost for good; back it up or copy it elsewhere first if it may be needed.
///     -- schemagen:no-transaction
///     -- schemagen:index public.idx_agents_name
///
/// The header names every hazard of the file's changes, each kind explained once (for a down file,
/// what it cannot give back), whether the file runs outside a transaction, and the indexes it
/// builds concurrently, which an interrupted run may have left INVALID.
///
/// The file sets its own limits, so that it is as safe run by `psql -f`, sqlx or golang-migrate
/// as by `migrate`: a transactional file is `BEGIN; SET LOCAL lock_timeout …; …; COMMIT;`, a
/// file that runs outside a transaction starts with session `SET`s.
public struct MigrationFile: Hashable, Sendable {
    public struct HazardNote: Hashable, Sendable {
        public var hazard: Change.Hazard
        public var summary: String
    }

    /// How long a statement may wait for a lock (`lock_timeout`) and run (`statement_timeout`),
    /// in PostgreSQL's units (`5s`, `30min`, `0` for no limit).
    public struct Limits: Hashable, Sendable {
        public var lockTimeout: String
        public var statementTimeout: String

        public init(lockTimeout: String = "5s", statementTimeout: String = "30min") {
            self.lockTimeout = lockTimeout
            self.statementTimeout = statementTimeout
        }

        /// The `SET` statements: `SET LOCAL` inside a transaction, session `SET` outside one.
        public func statements(local: Bool) -> String {
            let set = local ? "SET LOCAL" : "SET"
            return "\(set) lock_timeout = \(quoteLiteral(lockTimeout));\n\(set) statement_timeout = \(quoteLiteral(statementTimeout));\n"
        }

        /// A value PostgreSQL reads as a duration: digits and an optional unit.
        public static func isValid(_ value: String) -> Bool {
            let digits = value.prefix { $0.isASCII && $0.isNumber }
            return !digits.isEmpty && ["", "us", "ms", "s", "min", "h", "d"].contains(String(value.dropFirst(digits.count)))
        }
    }

    public var title: String?
    public var hazards: [HazardNote]
    public var isTransactional: Bool
    /// Indexes the file builds with `CREATE INDEX CONCURRENTLY`.
    public var concurrentIndexes: [QualifiedName]
    /// The first version of the `emit` that wrote the file with others (enum values, online
    /// changes): `rollback --steps` counts such files as one step.
    public var emit: Int64?
    /// Extensions the up file creates `IF NOT EXISTS` and its down file drops: `migrate` records
    /// which were there before, and `rollback` leaves those in place.
    public var extensionsIfAbsent: [String]
    /// The statements, as SQL text.
    public var body: String

    public static let noTransactionMarker = "-- schemagen:no-transaction"
    static let indexMarker = "-- schemagen:index "
    static let emitMarker = "-- schemagen:emit "
    static let ifAbsentMarker = "-- schemagen:if-absent extension "
    /// In a script of several stages (`diff --sql`), the line after which statements run in a
    /// new transaction.
    public static let commitMarker = "-- schemagen:commit"

    /// The file for one side of a stage.
    public init(title: String?, plan: MigrationPlan, isTransactional: Bool, limits: Limits = Limits()) {
        self.title = title
        hazards = Self.hazardNotes(plan.changes)
        self.isTransactional = isTransactional
        concurrentIndexes = plan.changes.compactMap { change in
            if case .createIndex(let index, let table, true) = change.operation {
                return QualifiedName(schema: table.schema, index.name)
            }
            return nil
        }
        body = plan.isEmpty ? "" : Self.body(plan, isTransactional: isTransactional, limits: limits)
        emit = nil
        extensionsIfAbsent = plan.changes.compactMap { change in
            if case .createExtension(let e) = change.operation { e.name } else { nil }
        }
    }

    /// The statements with their limits; in a transactional file, new enum values (and what they
    /// need) first, committed before the transaction that may use them.
    static func body(_ plan: MigrationPlan, isTransactional: Bool, limits: Limits) -> String {
        guard isTransactional else { return limits.statements(local: false) + "\n" + SQL.statements(plan).script }
        let early = plan.committedFirst
        let rest = Set(plan.changes.indices).subtracting(early)
        let transaction = "BEGIN;\n" + limits.statements(local: true) + "\n" + SQL.statements(plan.subset(rest)).script
            + "\nCOMMIT;\n"
        guard !early.isEmpty else { return transaction }
        return "-- New enum values, committed before the statements that may use them:\n" + limits.statements(local: false)
            + "\n" + SQL.statements(plan.subset(early)).script + "\n" + commitMarker + "\n\n" + transaction
    }

    /// Whether `sql` is the `BEGIN` or `COMMIT` a transactional file wraps itself in: `migrate`
    /// runs the file in its own transaction, with the history row, instead.
    public static func isOwnTransactionControl(_ sql: String) -> Bool {
        let word = sql.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";"))).uppercased()
        return word == "BEGIN" || word == "COMMIT"
    }

    /// A file read back; text without a header is one transactional migration.
    public init(parsing text: String) {
        title = nil
        hazards = []
        isTransactional = true
        concurrentIndexes = []
        emit = nil
        extensionsIfAbsent = []
        var bodyLines: [Substring] = []
        var inHeader = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if inHeader && trimmed.hasPrefix("--") {
                if trimmed == Self.noTransactionMarker {
                    isTransactional = false
                } else if trimmed.hasPrefix(Self.ifAbsentMarker) {
                    extensionsIfAbsent.append(String(trimmed.dropFirst(Self.ifAbsentMarker.count)))
                } else if trimmed.hasPrefix(Self.emitMarker) {
                    emit = Int64(trimmed.dropFirst(Self.emitMarker.count))
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
        guard let colon = text.firstIndex(of: ":"), let hazard = Change.Hazard(named: String(text[..<colon])) else {
            return nil
        }
        return HazardNote(hazard: hazard, summary: text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    public var text: String {
        var lines: [String] = []
        if let title { lines.append("-- \(title)") }
        lines += Self.headerLines(hazards)
        if !isTransactional {
            lines.append(Self.noTransactionMarker)
            lines.append("-- Runs outside a transaction, one statement at a time; every statement can run again.")
        }
        for index in concurrentIndexes { lines.append(Self.indexMarker + index.description) }
        if let emit { lines.append(Self.emitMarker + String(emit)) }
        for name in extensionsIfAbsent { lines.append(Self.ifAbsentMarker + name) }
        if !extensionsIfAbsent.isEmpty {
            lines.append("--   Created only if absent: schemagen rollback drops it again only if this file created it.")
        }
        if body.isEmpty { lines.append("-- Nothing to do.") }
        return lines.joined(separator: "\n") + "\n\n" + body
    }

    /// Each hazard of `changes`, hazard by hazard, with the change it comes from.
    static func hazardNotes(_ changes: [Change]) -> [HazardNote] {
        Change.Hazard.allCases.flatMap { hazard in
            changes.filter { $0.hazards.contains(hazard) }.map { HazardNote(hazard: hazard, summary: $0.summary) }
        }
    }

    /// `-- hazard: change` lines, grouped by hazard, each group followed by what it means.
    static func headerLines(_ notes: [HazardNote]) -> [String] {
        notes.indices.flatMap { i in
            let note = notes[i]
            let lastOfGroup = i == notes.count - 1 || notes[i + 1].hazard != note.hazard
            return ["-- \(note.hazard.rawValue): \(note.summary)"] + (lastOfGroup ? ["--   " + note.hazard.explanation] : [])
        }
    }

    public func notes(_ hazard: Change.Hazard) -> [HazardNote] { hazards.filter { $0.hazard == hazard } }
}

extension StagedPlan {
    /// The whole plan as one script, for `psql`: the main stage between `BEGIN` and `COMMIT`
    /// with its `SET LOCAL` limits, each stage that must run outside a transaction announced and
    /// opened with session limits, and `MigrationFile.commitMarker` between stages.
    public func script(title: String? = nil, limits: MigrationFile.Limits = MigrationFile.Limits()) -> String {
        var header: [String] = []
        if let title { header.append("-- \(title)") }
        header += MigrationFile.headerLines(MigrationFile.hazardNotes(changes))
        if stages.count > 1 {
            header.append("-- In \(stages.count) parts, each committed before the next: "
                + stages.map { $0.isTransactional ? "the main changes" : stageDescription($0.kind) }.joined(separator: ", then ")
                + ".")
        }
        let parts = stages.map { stage in
            if !stage.isTransactional {
                return "-- \(stageDescription(stage.kind)), outside a transaction\n"
                    + MigrationFile.body(stage.up, isTransactional: false, limits: limits)
            }
            return MigrationFile.body(stage.up, isTransactional: true, limits: limits)
        }
        let text = parts.joined(separator: "\n" + MigrationFile.commitMarker + "\n\n")
        return header.isEmpty ? text : header.joined(separator: "\n") + "\n\n" + text
    }

    private func stageDescription(_ kind: MigrationStage.Kind) -> String {
        switch kind {
        case .enumValues: return "new enum values"
        case .main: return "the main changes"
        case .concurrent: return "changes made online: indexes built and dropped concurrently, keys made from them, validations"
        }
    }
}
