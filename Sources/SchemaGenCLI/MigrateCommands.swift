import ArgumentParser
import Catalog
import Differ
import Foundation
import MigrationFiles
import Migrator
import LibPQClient
import SchemaGenWorkflow
import SchemaModel

/// What `migrate`, `status` and `rollback` share: the database, the directory, the history
/// table and the timeouts.
struct MigrationTarget: ParsableArguments {
    @Option(help: "libpq URL of the database (default: $DATABASE_URL).")
    var databaseURL: String?
    @OptionGroup var files: MigrationFilesOptions
    @OptionGroup var history: HistoryOptions
    @OptionGroup var limits: LimitOptions
    @Option(help: "Seconds to wait for another migrate or rollback on the same database.")
    var lockWait = 60.0

    func url() throws -> String {
        guard let url = databaseURL ?? environment("DATABASE_URL"), !url.isEmpty else {
            throw CLIError("no database: pass --database-url or set DATABASE_URL")
        }
        return url
    }

    func directory() throws -> MigrationDirectory { try files.directory() }

    func migrator(quiet: Bool = false) throws -> Migrator {
        var options = MigrationOptions()
        options.history = History(schema: history.historySchema)
        let limits = try limits.limits()
        options.lockTimeout = limits.lockTimeout
        options.statementTimeout = limits.statementTimeout
        options.lockWaitSeconds = lockWait
        let directory = try directory()
        guard FileManager.default.fileExists(atPath: directory.path) else {
            let looked = files.migrationsDir == nil ? " (the package root is \(packageRoot()))" : ""
            throw CLIError("no migrations directory at \(directory.path)\(looked): run schemagen emit from the package "
                           + "that declares the schema, or name the directory with --migrations-dir")
        }
        return try Migrator(url: url(), directory: directory, options: options, log: { if !quiet { print($0) } })
    }
}

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations, each in a transaction with the row that records it.",
        discussion: """
            Takes an advisory lock, so concurrent runs wait; refuses to start when an applied file was \
            edited or is missing, or a pending file is older than an applied one. A file marked \
            `-- schemagen:no-transaction` runs statement by statement; if a run dies inside one, the \
            next run drops the invalid index it left and runs the file again.
            """
    )

    @OptionGroup var target: MigrationTarget
    @OptionGroup var dev: DevOptions
    @Option(help: "Apply migrations up to and including this version.")
    var to: Int64?
    @Flag(help: "Print what would be applied, and apply nothing.")
    var dryRun = false
    @Option(help: "text or json; with --dry-run, json prints the changes the pending migrations make.")
    var format: OutputFormat = .text
    @Option(help: "On a database that already holds the schema: record the migrations up to this version as applied without running them, once the database is found to be what they make (any difference is an error that lists it).")
    var baseline: Int64?

    func validate() throws {
        if baseline != nil && (to != nil || dryRun) { throw ValidationError("--baseline takes neither --to nor --dry-run") }
    }

    func run() throws {
        try reportingErrors {
            let migrator = try target.migrator(quiet: format == .json)
            if let baseline {
                let server = dev.server()
                defer { server.stop() }
                guard migrator.directory.migrations.contains(where: { $0.version == baseline }) else {
                    throw CLIError("no migration \(baseline) in \(migrator.directory.path)")
                }
                // What the migrations up to the baseline make, against what the database holds.
                let drift = try compare(
                    from: .migrations(migrator.directory, upTo: baseline), to: .database(url: target.url()), server: server,
                    options: ComparisonOptions(historySchema: target.history.historySchema)).plan
                guard drift.isEmpty else {
                    throw CLIError("the database is not what the migrations up to \(baseline) make, so they cannot be "
                        + "recorded as applied; \(drift.changes.count) difference(s), as changes from them to it:\n"
                        + drift.changes.map { "  \($0.summary)" }.joined(separator: "\n"))
                }
                let recorded = try migrator.baseline(upTo: baseline)
                if recorded.isEmpty { print("nothing to record") }
                return
            }
            if dryRun && format == .json {
                // What the pending files change: the applied ones replayed, against those and the pending ones.
                let applied = try migrator.history().last?.version ?? 0
                let server = dev.server()
                defer { server.stop() }
                let comparison = try compare(
                    from: .migrations(migrator.directory, upTo: applied), to: .migrations(migrator.directory, upTo: to),
                    server: server, options: ComparisonOptions(historySchema: target.history.historySchema))
                print(PlanDocument(comparison.plan, unmanaged: comparison.unmanaged).json)
                return
            }
            let applied = try migrator.migrate(to: to, dryRun: dryRun)
            if applied.isEmpty { print("nothing to apply") }
        }
    }
}

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Run the down files of the last applied migrations, newest first.",
        discussion: "Each down file runs in a transaction with the removal of its history row."
    )

    @OptionGroup var target: MigrationTarget
    @Option(help: "How many steps to roll back, the files one emit wrote counting as one (default 1).")
    var steps: Int?
    @Option(name: .customLong("to"), help: "Roll back every migration after this version (0: all).")
    var toVersion: Int64?
    @Flag(help: "Run down files that drop tables, columns or enum values.")
    var allowDataLoss = false
    @Flag(help: "Print what would be rolled back, and change nothing.")
    var dryRun = false

    func run() throws {
        try reportingErrors {
            if steps != nil && toVersion != nil { throw CLIError("pass --steps or --to, not both") }
            let done = try target.migrator().rollback(steps: steps, to: toVersion, allowDataLoss: allowDataLoss, dryRun: dryRun)
            if done.isEmpty { print("nothing to roll back") }
        }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List applied and pending migrations, and whether the schema drifted from them.",
        discussion: """
            Drift: the applied up files are replayed into a throwaway database and its catalog is \
            compared with the live one, so a change made by hand shows. Exit status with --exit-code: \
            1 when something is pending, a file has a problem or the schema drifted.
            """
    )

    @OptionGroup var target: MigrationTarget
    @OptionGroup var dev: DevOptions
    @Option(help: "text or json.")
    var format: OutputFormat = .text
    @Flag(help: "Exit with 1 when migrations are pending, files have problems or the schema drifted.")
    var exitCode = false

    struct Report: Codable {
        struct Item: Codable {
            var version: Int64
            var name: String
            var applied: Bool
            var appliedAt: String?
            var appliedBy: String?
            var durationMilliseconds: Int64?
            /// Recorded by `migrate --baseline`, not run.
            var baselined: Bool?
            /// Checksums recorded again with `schemagen repair`, with their reasons.
            var repairs: [History.Repair]?
        }
        var migrations: [Item]
        var problems: [String]
        /// The changes that would turn the applied migrations' schema into the live one.
        var drift: [String]
        /// The same changes, as `diff --format json` prints them.
        var driftPlan: PlanDocument?

        var isClean: Bool { problems.isEmpty && drift.isEmpty && migrations.allSatisfy(\.applied) }
    }

    func run() throws {
        var clean = true
        try reportingErrors {
            let report = try report()
            clean = report.isClean
            if format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(text(report))
            }
        }
        if exitCode && !clean { throw ExitCode(1) }
    }

    func report() throws -> Report {
        let migrator = try target.migrator(quiet: true)
        let entries = try migrator.history()
        var items = entries.map {
            Report.Item(version: $0.version, name: $0.name, applied: true, appliedAt: $0.appliedAt,
                        appliedBy: $0.appliedBy, durationMilliseconds: $0.durationMilliseconds,
                        baselined: $0.baselined ? true : nil, repairs: $0.repairs.isEmpty ? nil : $0.repairs)
        }
        items += migrator.pending(history: entries).map { Report.Item(version: $0.version, name: $0.name, applied: false) }
        items.sort { $0.version < $1.version }
        let problems = try migrator.problems(history: entries)
        // Replaying needs every applied file as it was applied.
        let replayable = !problems.contains(where: \.concernsAppliedFiles)
        let drift = replayable ? try self.drift(migrator: migrator, applied: entries.last?.version ?? 0) : StagedPlan(stages: [])
        return Report(migrations: items, problems: problems.map(\.description), drift: drift.changes.map(\.summary),
                      driftPlan: replayable ? PlanDocument(drift) : nil)
    }

    /// What a manual change did: the applied up files replayed in a scratch database, compared
    /// with the live catalog by the same comparison `diff` makes.
    func drift(migrator: Migrator, applied: Int64) throws -> StagedPlan {
        let server = dev.server()
        defer { server.stop() }
        return try compare(from: .migrations(migrator.directory, upTo: applied), to: .database(url: target.url()),
                           server: server, options: ComparisonOptions(historySchema: target.history.historySchema)).plan
    }

    func text(_ report: Report) -> String {
        var lines = report.migrations.flatMap { item in
            (item.applied && item.baselined == true
                ? ["[X] \(item.version) \(item.name)  baselined \(item.appliedAt ?? "") UTC by \(item.appliedBy ?? ""): recorded, not run"]
                : item.applied
                ? ["[X] \(item.version) \(item.name)  applied \(item.appliedAt ?? "") UTC by \(item.appliedBy ?? "") in \(item.durationMilliseconds ?? 0) ms"]
                : ["[ ] \(item.version) \(item.name)  pending"])
                + (item.repairs ?? []).map { "      repaired \($0.at) UTC by \($0.by): \($0.reason)" }
        }
        if report.migrations.isEmpty { lines.append("no migrations") }
        lines += report.problems.map { "problem: \($0)" }
        if report.drift.isEmpty {
            if report.problems.isEmpty { lines.append("schema: matches the applied migrations") }
        } else {
            lines.append("schema: drifted from the applied migrations (\(report.drift.count) change(s) made outside them):")
            lines += report.drift.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
