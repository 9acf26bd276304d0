import ArgumentParser
import Differ

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
    @Option(help: "A server for throwaway normalisation databases (default: an embedded cluster).")
    var devURL: String?
    @Flag(help: "Print only the migration SQL, ready for psql.")
    var sql = false
    @Option(help: "text or json.")
    var format: OutputFormat = .text
    @Flag(help: "Exit with 1 when there are differences, 0 when none (2 on error).")
    var exitCode = false

    func run() throws {
        var drift = false
        try reportingErrors {
            let server = try DevServer.start(devURL: devURL)
            defer { server.cluster?.stop() }
            let plan: MigrationPlan
            if let from, let to {
                plan = Differ.plan(from: try liveModel(url: from, dev: server.dev), to: try liveModel(url: to, dev: server.dev))
            } else if let schema {
                let declared = try SchemaOptions(schema: schema).database().validated()
                let target = try databaseURL ?? environment("DATABASE_URL") ?? server.emptyDatabase()
                plan = try Comparison(declared: declared, current: liveModel(url: target, dev: server.dev), dev: server.dev).up
            } else {
                throw CLIError("name a declared schema with --schema, or two databases with --from and --to")
            }
            drift = !plan.isEmpty
            guard drift else { return }
            if sql {
                print(plan.sql(), terminator: "")
            } else if format == .json {
                print(try json(plan))
            } else {
                print(summary(of: plan))
            }
        }
        if exitCode && drift { throw ExitCode(1) }
    }
}
