import Differ
import Foundation
import MigrationFiles
import Migrator
import Synchronization
import Testing

/// squawk, the PostgreSQL migration linter teams run in CI, on the files schemagen writes. Every
/// warning it leaves must be accounted for by a hazard the file's header names: a reviewer
/// reading the header has then been told what squawk would tell them.
enum Squawk {
    /// Rules about the schema's own choices (column types, key style), not about running a
    /// migration: those are the declaration's business, and the same with or without schemagen.
    static let schemaChoices = [
        "prefer-bigint-over-int", "prefer-bigint-over-smallint", "prefer-identity", "prefer-text-field",
        "prefer-timestamptz", "ban-char-field", "ban-create-domain-with-constraint",
    ]

    /// The hazards that account for each rule's warning.
    static let accountedFor: [String: Set<Change.Hazard>] = [
        "adding-field-with-default": [.volatileDefault, .rewritesTable],
        "adding-foreign-key-constraint": [.validationScan, .blocksWrites],
        "adding-not-nullable-field": [.validationScan, .blocksReads],
        "adding-required-field": [.failsIfRows],
        "adding-serial-primary-key-field": [.indexBuild, .blocksReads],
        "ban-drop-column": [.deletesData],
        "ban-drop-table": [.deletesData],
        "ban-drop-database": [.deletesData],
        "ban-drop-not-null": [.dropsGuarantee],
        "ban-drop-constraint": [.dropsGuarantee],
        "ban-drop-schema": [.breaksClients, .deletesData],
        "ban-drop-view": [.breaksClients, .deletesData],
        "ban-drop-function": [.breaksClients],
        "ban-drop-type": [.breaksClients],
        "ban-drop-domain": [.breaksClients],
        "ban-drop-sequence": [.breaksClients],
        "ban-drop-extension": [.breaksClients],
        "ban-drop-default": [.breaksClients],
        "ban-drop-generated-expression": [.breaksClients],
        "ban-alter-identity": [.breaksClients],
        "renaming-object": [.breaksClients],
        "ban-set-schema": [.breaksClients],
        "ban-alter-domain-with-add-constraint": [.validationScan],
        "require-concurrent-partition-detach": [.blocksReads],
        "ban-truncate-cascade": [.deletesData],
        "changing-column-type": [.rewritesTable, .deletesData, .blocksReads],
        "constraint-missing-not-valid": [.indexBuild, .validationScan, .blocksWrites],
        "disallowed-unique-constraint": [.indexBuild, .blocksReads],
        "renaming-column": [.breaksClients],
        "renaming-table": [.breaksClients],
        "require-concurrent-index-creation": [.indexBuild, .blocksWrites],
        "require-concurrent-index-deletion": [.blocksReads],
    ]

    /// Statements that can run again as they are, which `prefer-robust-stmts` cannot tell: a
    /// validation of a valid constraint, and `SET NOT NULL` on a column that is, do nothing.
    static func runsAgainAsItIs(_ statement: String) -> Bool {
        statement.contains(" VALIDATE CONSTRAINT ") || statement.hasSuffix(" SET NOT NULL")
            || statement.hasSuffix(" DROP NOT NULL")
    }

    /// The check an online `SET NOT NULL` adds `NOT VALID`, validates and drops again, named
    /// `<table>_<column>_not_null` and always dropped `IF EXISTS`: no guarantee of the schema.
    static func isOnlineNotNullCheck(_ statement: String) -> Bool {
        statement.contains(" DROP CONSTRAINT IF EXISTS ") && statement.hasSuffix("_not_null")
    }

    /// How a dropped (or renamed-away) object is made again, `NAME` and `TABLE` standing for what
    /// the drop named.
    static let remade: [(drop: String, again: String)] = [
        (#"^DROP (?:MATERIALIZED )?VIEW (\S+)$"#, #"CREATE (?:OR REPLACE )?(?:MATERIALIZED )?VIEW {n}[ (]"#),
        (#"^DROP (?:FUNCTION|PROCEDURE) ([^(]+)\("#, #"CREATE (?:OR REPLACE )?(?:FUNCTION|PROCEDURE) {n}\("#),
        (#"^DROP (?:TYPE|DOMAIN) (\S+)$"#, #"CREATE (?:TYPE|DOMAIN) {n} "#),
        (#"^ALTER TYPE (\S+) RENAME TO "#, #"CREATE (?:TYPE|DOMAIN) {n} "#),
        (#"^DROP SEQUENCE (\S+)$"#, #"CREATE SEQUENCE {n} "#),
        (#"^DROP INDEX (?:CONCURRENTLY IF EXISTS )?(\S+)$"#, #"CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY IF NOT EXISTS )?{s} "#),
        (#"^ALTER TABLE (\S+) DROP CONSTRAINT (?:IF EXISTS )?(\S+)$"#, #"ALTER TABLE {t} ADD CONSTRAINT {n} "#),
        // Only a generated column: its values come back computed.
        (#"^ALTER TABLE (\S+) DROP COLUMN (\S+)$"#, #"ALTER TABLE {t} ADD COLUMN {n} [^\n]* GENERATED ALWAYS AS "#),
        (#"^ALTER TABLE (\S+) ALTER COLUMN (\S+) DROP DEFAULT$"#, #"ALTER TABLE {t} ALTER COLUMN {n} SET DEFAULT "#),
        (#"^ALTER TABLE (\S+) ALTER COLUMN (\S+) DROP IDENTITY$"#, #"ALTER TABLE {t} ALTER COLUMN {n} ADD GENERATED "#),
        (#"^ALTER DOMAIN (\S+) DROP CONSTRAINT (\S+)$"#, #"ALTER DOMAIN {t} ADD CONSTRAINT {n} "#),
    ]

    /// Whether what `statement` drops is made again, as now declared, later in the same file: a
    /// replacement in one transaction, not a loss (views and functions rebuilt around a column
    /// change, a constraint or default whose definition changed, a type set aside and replaced).
    static func isReplaced(_ statement: String, in text: String) -> Bool {
        guard let at = text.range(of: statement) else { return false }
        // A type set aside (renamed) for its replacement to take its name, dropped once emptied.
        if statement.hasPrefix("DROP TYPE ") || statement.hasPrefix("DROP DOMAIN "),
           let short = statement.split(separator: " ").last?.split(separator: ".").last,
           text[..<at.lowerBound].contains(" RENAME TO \(short);") { return true }
        // A table set aside for one made again with its rows, and what is on it, dropped once
        // its rows are copied out.
        if statement.hasPrefix("DROP TABLE ") || statement.hasPrefix("ALTER TABLE "),
           let name = statement.split(separator: " ")[2...].first.map(String.init),
           let short = name.split(separator: ".").last,
           text[..<at.lowerBound].contains(" RENAME TO \(short);"),
           text.contains(" FROM \(name);") || text.contains(" FROM ONLY \(name);") { return true }
        let after = String(text[at.upperBound...])
        for (drop, again) in remade {
            let regex = try! NSRegularExpression(pattern: drop)
            guard let match = regex.firstMatch(in: statement, range: NSRange(statement.startIndex..., in: statement)) else {
                continue
            }
            let groups = (1..<match.numberOfRanges).map { String(statement[Range(match.range(at: $0), in: statement)!]) }
            let name = groups.last!
            let short = name.split(separator: ".").last.map(String.init) ?? name
            let pattern = again.replacingOccurrences(of: "{t}", with: NSRegularExpression.escapedPattern(for: groups[0]))
                .replacingOccurrences(of: "{s}", with: NSRegularExpression.escapedPattern(for: short))
                .replacingOccurrences(of: "{n}", with: NSRegularExpression.escapedPattern(for: name))
            return after.range(of: pattern, options: .regularExpression) != nil
        }
        return false
    }

    /// Whether the index `statement` builds, or the table it alters, is a relation the same file
    /// creates first (a materialized view made again, a new table): nobody can be writing to it yet.
    static func isOnNewRelation(_ statement: String, in text: String) -> Bool {
        let marker = statement.hasPrefix("ALTER TABLE ") ? "ALTER TABLE " : " ON "
        guard let on = statement.range(of: marker), let at = text.range(of: statement) else { return false }
        let relation = statement[on.upperBound...].prefix { $0 != " " }
        let before = text[..<at.lowerBound]
        return ["CREATE MATERIALIZED VIEW \(relation) ", "CREATE TABLE \(relation) "].contains { before.contains($0) }
    }

    /// A new column's default that is stable, not volatile (`CURRENT_DATE`, `now()`): PostgreSQL
    /// computes it once and stores it without rewriting the table, which squawk does not tell apart.
    static func hasStableDefault(_ statement: String) -> Bool {
        guard let range = statement.range(of: " DEFAULT ") else { return false }
        let value = statement[range.upperBound...].uppercased()
        return ["CURRENT_DATE", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "NOW()", "CURRENT_TIME", "LOCALTIME"]
            .contains { value.hasPrefix($0) }
    }

    struct Report: Sendable {
        var files = 0
        var warnings = 0
        var problems: [String] = []
    }

    /// Lints the migration files under `directory` (any depth); a warning not accounted for is a
    /// problem that names the file, the line, the rule and the statement.
    static func lint(_ directory: String) throws -> Report {
        let files = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".sql") }.map { directory + "/" + $0 } ?? []
        var report = Report(files: files.count)
        guard !files.isEmpty else { return report }
        // On PATH, or where `pip install --user` puts it.
        let local = NSHomeDirectory() + "/.local/bin/squawk"
        let run = try Subprocess.run("/usr/bin/env", [
            FileManager.default.isExecutableFile(atPath: local) ? local : "squawk", "--reporter", "json", "--pg-version", "15",
            "--exclude", schemaChoices.joined(separator: ","), directory + "/**/*.sql",
        ])
        let (data, message) = (run.output, run.errors)
        struct Warning: Decodable {
            var file: String
            var line: Int
            var rule_name: String
            var message: String
        }
        guard let warnings = try? JSONDecoder().decode([Warning].self, from: data) else {
            report.problems.append("squawk did not run (pip install squawk-cli): \(message)"
                                   + String(decoding: data, as: UTF8.self))
            return report
        }
        report.warnings = warnings.count
        var texts: [String: String] = [:]
        for warning in warnings {
            let text = try texts[warning.file] ?? String(contentsOfFile: warning.file, encoding: .utf8)
            texts[warning.file] = text
            let file = MigrationFile(parsing: text)
            let statement = self.statement(at: warning.line, in: text)
            let named = Set(file.hazards.map(\.hazard))
            if warning.rule_name == "prefer-robust-stmts" && !file.isTransactional && runsAgainAsItIs(statement) { continue }
            if warning.rule_name.hasPrefix("ban-") || warning.rule_name == "renaming-object" {
                if isReplaced(statement, in: text) || isOnlineNotNullCheck(statement) { continue }
            }
            if warning.rule_name == "require-concurrent-index-creation" && isOnNewRelation(statement, in: text) { continue }
            if warning.rule_name == "adding-not-nullable-field" && isOnNewRelation(statement, in: text) { continue }
            if warning.rule_name == "adding-field-with-default" && hasStableDefault(statement) { continue }
            if let hazards = accountedFor[warning.rule_name], !hazards.isDisjoint(with: named) { continue }
            report.problems.append("\(warning.file):\(warning.line + 1): \(warning.rule_name): \(warning.message)\n  \(statement)"
                                   + "\n  header names: \(named.map(\.rawValue).sorted())")
        }
        return report
    }

    /// The statement that holds the zero-based `line` of `text`.
    static func statement(at line: Int, in text: String) -> String {
        let statements = splitStatements(text)
        let holding = statements.last { $0.line <= line + 1 } ?? statements.first
        return holding?.sql ?? ""
    }

    /// Sums of every lint of the test run, printed as they grow.
    static let totals = Mutex(Report())

    /// Lints `directory` and records the problems as test issues.
    static func check(_ directory: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let report = try lint(directory)
        let (files, warnings) = totals.withLock { totals in
            totals.files += report.files
            totals.warnings += report.warnings
            return (totals.files, totals.warnings)
        }
        print("squawk: \(what): \(report.files) file(s), \(report.warnings) warning(s), "
              + "\(report.problems.count) not named by a hazard; so far \(files) file(s), \(warnings) warning(s)")
        #expect(report.problems.isEmpty, "\(what): squawk warnings no hazard names:\n\(report.problems.joined(separator: "\n"))",
                sourceLocation: sourceLocation)
    }
}
