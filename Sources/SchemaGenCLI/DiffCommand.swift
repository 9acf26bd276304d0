import ArgumentParser
import Catalog
import Differ
import Foundation
import Migrator
import SchemaGenWorkflow

enum OutputFormat: String, ExpressibleByArgument { case text, json }

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how a database differs from a declared schema, or from another database.",
        discussion: """
            With --schema: the changes that turn the database (--database-url, else $DATABASE_URL, else an \
            empty embedded database) into the declaration. With --from and --to: the changes that turn the \
            first live database into the second. Nothing is printed when there is no difference (with \
            --format json, an empty list of changes). --sql prints a script for psql: the main changes between \
            BEGIN and COMMIT with SET LOCAL limits; when some changes must run outside a transaction (new \
            enum values, indexes built and dropped concurrently, keys made from them, validations), it \
            comes in parts, each committed before the next, the others opened with session SETs. \
            --forbid-hazards makes the command fail (after printing) when a change has one of the hazards.
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
    @OptionGroup var limits: LimitOptions
    @OptionGroup var hazards: HazardOptions
    @OptionGroup var planOptions: PlanOptions
    @Option(help: "text or json.")
    var format: OutputFormat = .text
    @Flag(help: "Exit with 1 when there are differences, 0 when none (2 on error).")
    var exitCode = false
    @Flag(help: "Compare live catalogs as read, without printing expressions again in the dev database: faster, but an expression written two ways shows as a change.")
    var noNormalise = false
    @Flag(help: "Print how long the comparison took, and the number of catalog queries, on stderr.")
    var timings = false

    func run() throws {
        var drift = false
        try reportingErrors {
            let server = dev.server()
            defer { server.stop() }
            let started = Date()
            let (from, to): (SchemaSource, SchemaSource)
            if let fromURL = self.from, let toURL = self.to {
                (from, to) = (.database(url: fromURL), .database(url: toURL))
            } else if let schema {
                let declared = try SchemaOptions(schema: schema).database().validated()
                let target: String
                if let url = databaseURL ?? environment("DATABASE_URL") {
                    target = url
                } else {
                    // A throwaway target on the embedded cluster has the roles the declaration names.
                    target = try emptyDatabase(on: server)
                    try server.dev().provideRoles(declared.referencedRoles)
                }
                (from, to) = (.database(url: target), .declaration(declared))
            } else {
                throw CLIError("name a declared schema with --schema, or two databases with --from and --to")
            }
            let comparison = try keptUntilExit(compare(
                from: from, to: to, server: server,
                options: planOptions.comparisonOptions(historySchema: history.historySchema, normalise: !noNormalise)))
            warnUnmanaged(comparison.unmanaged)
            printNotes(comparison.plan.notes)
            printNotes(comparison.plan.rollbackUnconvertible.map {
                "the way back changes \($0) without a cast: emit needs a rollback conversion for it"
            })
            let plan = comparison.plan
            let limits = try limits.limits()
            _ = try hazards.forbidden()
            drift = !plan.isEmpty
            if format == .json {
                print(PlanDocument(plan, unmanaged: comparison.unmanaged).json)
            } else if drift {
                print(sql ? plan.script(limits: limits) : summary(of: plan) + "\n", terminator: "")
            }
            try hazards.check(plan)
            if timings {
                let dev = server.startupSeconds.map { String(format: "embedded, started in %.3f s", $0) }
                    ?? (server.started ? "given" : "not needed")
                printError(String(format: "timing: comparison %.3f s (dev server %@)", Date().timeIntervalSince(started), dev))
                func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
                printError(String(format: "timing: sides read %.3f s, normalised %.3f s, planned %.3f s%@", seconds(comparison.readTime),
                                  seconds(comparison.normaliseTime), seconds(comparison.planTime),
                                  comparison.plannedWhileNormalising ? " (while normalising)" : ""))
                printError("timing: catalog queries per database read: \(CatalogReader.queryCount); changes: \(plan.changes.count)")
                if let realised = comparison.realised {
                    printError("timing: declaration realised: \(realised.tables) table(s), \(realised.views) view(s)")
                }
            }
        }
        if exitCode && drift { throw ExitCode(1) }
    }
}

/// An empty database on the embedded cluster, standing in for a target that was not named.
func emptyDatabase(on server: DevServer) throws -> String {
    guard let cluster = try server.embeddedCluster() else {
        throw CLIError("no database to compare with: pass --database-url or set DATABASE_URL")
    }
    return try cluster.createDatabase(prefix: "target")
}
