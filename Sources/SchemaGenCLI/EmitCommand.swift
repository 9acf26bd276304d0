import ArgumentParser
import Migrator
import LibPQClient
import SchemaGenWorkflow
import SchemaModel

struct EmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit",
        abstract: "Write the next up and down migration files for a declared schema.",
        discussion: """
            Compares the declaration (--schema), or a database whose schema is wanted (--to-url), \
            with --database-url (or $DATABASE_URL); without one, with the migrations already in the \
            directory, replayed into a throwaway database. Before writing anything, the files are tried \
            on a throwaway copy of the current schema: the up files must give the target and the down \
            files must give back the current schema. Writes <version>_<name>.up.sql and .down.sql, \
            updates schemagen.sum and generates the Swift models as `generate` does. Destructive changes \
            are refused unless --allow-destructive is given.
            """
    )

    @Option(help: "The declared schema to migrate to (see `schemagen list`).")
    var schema: String?
    @Option(help: "Instead of --schema: a live database whose schema to migrate to (needs --migrations-dir).")
    var toURL: String?
    @Option(help: "What the migration does, in snake_case (e.g. add_usefulness).")
    var name: String?
    @Flag(help: "Write nothing; exit 1 when a migration or the models would be written, that is when the committed ones are stale (for CI). Compares with the migrations replayed unless --database-url is given.")
    var check = false
    @Option(help: "The database to compare with (default: $DATABASE_URL, else the migrations replayed).")
    var databaseURL: String?
    @OptionGroup var dev: DevOptions
    @OptionGroup var history: HistoryOptions
    @Option(help: "Where the migrations live (default: Generated/Migrations/<schema> at the package root).")
    var migrationsDir: String?
    @Flag(help: "Write the migration even when it drops or narrows something (hazard deletes-data).")
    var allowDestructive = false
    @OptionGroup var hazards: HazardOptions
    @OptionGroup var planOptions: PlanOptions
    @OptionGroup var limits: LimitOptions
    @Option(help: "Where the Swift models go, as `generate` writes them (default: Generated/Models at the package root).")
    var modelsDir: String?
    @Option(help: "text or json: what is printed about the migration written.")
    var format: OutputFormat = .text

    func run() throws {
        try reportingErrors {
            let name = self.name ?? ""
            let modelsDir = self.modelsDir ?? defaultModelsDirectory()
            if !check { try checkMigrationName(name, like: "add_usefulness") }
            let target: SchemaSource
            let directory: MigrationDirectory
            switch (schema, toURL) {
            case (let schema?, nil):
                let declared = try SchemaOptions(schema: schema).database().validated()
                target = .declaration(declared)
                directory = MigrationDirectory(path: migrationsDir ?? defaultMigrationsDirectory(declared.name))
            case (nil, let url?):
                guard let migrationsDir else { throw CLIError("--to-url needs --migrations-dir") }
                target = .database(url: url)
                directory = MigrationDirectory(path: migrationsDir)
            default: throw CLIError("name what to migrate to with --schema NAME or --to-url URL")
            }
            let server = dev.server()
            defer { server.stop() }
            // --check asks whether the committed migrations reach the target: $DATABASE_URL, often
            // set in CI for other steps, does not stand in for them.
            let current: SchemaSource = (databaseURL ?? (check ? nil : environment("DATABASE_URL"))).map { .database(url: $0) }
                ?? .migrations(directory, upTo: nil)
            let comparison = try keptUntilExit(compare(
                from: current, to: target, server: server,
                options: planOptions.comparisonOptions(historySchema: history.historySchema)))
            warnUnmanaged(comparison.unmanaged)
            printNotes(comparison.plan.notes)
            if check {
                if case .declaration(let declared) = target {
                    try checkModels(generatedModels(declared, server: server), in: modelsDir)
                }
                guard comparison.plan.isEmpty else {
                    printError("the migrations in \(directory.path) are stale; schemagen emit --name NAME would write:\n"
                               + summary(of: comparison.plan))
                    throw ExitCode(1)
                }
                print("\(directory.path): the migrations reach the target; nothing to write")
                return
            }
            try hazards.check(comparison.plan)
            let destructive = comparison.plan.changes(with: .deletesData)
            if !destructive.isEmpty && !allowDestructive {
                throw CLIError("the migration deletes data; pass --allow-destructive to write it anyway:\n"
                               + destructive.map { "  - \($0.summary)" }.joined(separator: "\n"))
            }
            if case .declaration(let declared) = target {
                let models = try writeModels(generatedModels(declared, server: server), to: modelsDir)
                if format == .text { for path in models { print(path.hasPrefix("removed") ? path : "wrote \(path)") } }
            }
            if comparison.plan.isEmpty {
                if format == .json { print(PlanDocument(comparison.plan).json) } else {
                    print("no changes: the target matches; no migration written")
                }
                return
            }
            let unconvertible = comparison.plan.rollbackUnconvertible
            if !unconvertible.isEmpty {
                throw CLIError("the down file would change these columns back to a type PostgreSQL has no cast to; "
                    + "give the conversion back with `.using(\"…\", rollback: \"…\")` (or --using for --to-url):\n"
                    + unconvertible.map { "  \($0)" }.joined(separator: "\n"))
            }
            let migration = EmittedMigration(named: name, comparison: comparison, firstVersion: directory.nextVersion(),
                                             limits: try limits.limits())
            try migration.prove(comparison, server: server)
            let paths = try migration.write(to: directory, using: Connection(url: server.dev().url))
            if format == .json {
                print(PlanDocument(comparison.plan, unmanaged: comparison.unmanaged).json)
            } else {
                print(summary(of: comparison.plan))
                for path in paths { print("wrote \(path)") }
            }
        }
    }
}
