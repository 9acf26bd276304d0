import ArgumentParser
import Catalog
import Differ
import Foundation
import PostgresClient

enum OutputFormat: String, ExpressibleByArgument { case text, json }

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how a database differs from a declared schema, or from another database.",
        discussion: """
            With --schema: the changes that turn the database (--database-url, else $DATABASE_URL, else an \
            empty embedded database) into the declaration. With --from and --to: the changes that turn the \
            first live database into the second. Nothing is printed when there is no difference.
            """
    )

    @Option(help: "The declared schema to compare with (see `schemagen list`).")
    var schema: String?
    @Option(help: "The database to compare (default: $DATABASE_URL, else an empty embedded database).")
    var databaseURL: String?
    @Option(help: "A live database to migrate from (with --to).")
    var from: String?
    @Option(help: "A live database to migrate to (with --from).")
    var to: String?
    @OptionGroup var dev: DevOptions
    @OptionGroup var history: HistoryOptions
    @Flag(help: "Print only the migration SQL, ready for psql.")
    var sql = false
    @Option(help: "text or json.")
    var format: OutputFormat = .text
    @Flag(help: "Exit with 1 when there are differences, 0 when none (2 on error).")
    var exitCode = false
    @Flag(help: "Compare live catalogs as read, without recreating them in the dev database: faster, but an expression written two ways shows as a change.")
    var noNormalise = false
    @Flag(help: "Print how long each step took, and the number of catalog queries, on stderr.")
    var timings = false

    func run() throws {
        var drift = false
        try reportingErrors {
            var clock = StepClock(enabled: timings)
            let plan: MigrationPlan
            // Only objects whose expressions read differently on the two sides are printed again
            // in the dev database, so that an expression written two ways is not a change; when
            // there are none, no dev server is started.
            if let from, let to {
                var models = try clock.measure("catalog read") {
                    try readCatalogs(urls: [from, to], history: history.historySchema)
                }
                if !noNormalise && DevDatabase.writtenDifferently(models[0], models[1]) {
                    let server = try clock.measure("start dev server") { try dev.server() }
                    defer { server.cluster?.stop() }
                    models = try clock.measure("normalise") {
                        let pair = try server.dev.normaliseDifferences(models[0], models[1])
                        return [pair.0, pair.1]
                    }
                }
                plan = clock.measure("diff") { Differ.plan(from: models[0], to: models[1]) }
            } else if let schema {
                let server = try clock.measure("start dev server") { try dev.server() }
                defer { server.cluster?.stop() }
                let declared = try SchemaOptions(schema: schema).database().validated()
                let target = try databaseURL ?? environment("DATABASE_URL") ?? server.emptyDatabase()
                let read = try clock.measure("catalog read") { try readCatalog(url: target, history: history.historySchema) }
                var comparison = try clock.measure("normalise declaration") {
                    try Comparison(declared: declared, current: read, dev: server.dev)
                }
                if !noNormalise {
                    comparison.current = try clock.measure("normalise") {
                        try server.dev.normaliseDifferences(read, comparison.desired, bIsNormal: true).0
                    }
                }
                plan = clock.measure("diff") { comparison.up }
            } else {
                throw CLIError("name a declared schema with --schema, or two databases with --from and --to")
            }
            drift = !plan.isEmpty
            let output: String? = try clock.measure("render") {
                guard drift else { return nil }
                if sql { return plan.sql() }
                return format == .json ? try json(plan) + "\n" : summary(of: plan) + "\n"
            }
            if let output { print(output, terminator: "") }
            clock.report(extra: "catalog queries per database read: \(CatalogReader.queryCount); changes: \(plan.changes.count)")
        }
        if exitCode && drift { throw ExitCode(1) }
    }
}

/// Wall-clock time per named step, printed on stderr when asked.
struct StepClock {
    let enabled: Bool
    var steps: [(String, Double)] = []

    mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        defer { steps.append((name, Date().timeIntervalSince(start))) }
        return try body()
    }

    func report(extra: String) {
        guard enabled else { return }
        var totals: [(String, Double)] = []
        for (name, seconds) in steps {
            if let i = totals.firstIndex(where: { $0.0 == name }) { totals[i].1 += seconds } else { totals.append((name, seconds)) }
        }
        for (name, seconds) in totals { printError(String(format: "timing: %-22@ %8.3f s", name as NSString, seconds)) }
        printError("timing: \(extra)")
    }
}
