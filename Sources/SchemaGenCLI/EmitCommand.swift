import ArgumentParser
import Catalog
import Migrator
import Differ
import PostgresClient
import SchemaModel

struct EmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit",
        abstract: "Write the next up and down migration files for a declared schema.",
        discussion: """
            Compares the declaration (--schema), or a database whose schema is wanted (--to-url), \
            with --database-url (or $DATABASE_URL); without one, with the migrations already in the \
            directory, replayed into a throwaway database. Writes \
            <version>_<name>.up.sql and .down.sql, updates schemagen.sum and generates the Swift \
            models as `generate` does. Destructive changes are \
            refused unless --allow-destructive is given.
            """
    )

    @Option(help: "The declared schema to migrate to (see `schemagen list`).")
    var schema: String?
    @Option(help: "Instead of --schema: a live database whose schema to migrate to (needs --migrations-dir).")
    var toURL: String?
    @Option(help: "What the migration does, in snake_case (e.g. add_usefulness).")
    var name: String
    @Option(help: "The database to compare with (default: $DATABASE_URL, else the migrations replayed).")
    var databaseURL: String?
    @OptionGroup var dev: DevOptions
    @OptionGroup var history: HistoryOptions
    @Option(help: "Where the migrations live (default: Generated/Migrations/<schema>).")
    var migrationsDir: String?
    @Flag(help: "Write the migration even when it drops or narrows something.")
    var allowDestructive = false
    @Option(help: "Where the Swift models go, as `generate` writes them (default: Generated/Models).")
    var modelsDir = "Generated/Models"

    func run() throws {
        try reportingErrors {
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !name.isEmpty else {
                throw CLIError("--name must be letters, digits and underscores, like add_usefulness")
            }
            let declared: DatabaseModel
            switch (schema, toURL) {
            case (let schema?, nil): declared = try SchemaOptions(schema: schema).database().validated()
            case (nil, let url?):
                guard migrationsDir != nil else { throw CLIError("--to-url needs --migrations-dir") }
                declared = try readCatalog(url: url, history: history.historySchema)
            default: throw CLIError("name what to migrate to with --schema NAME or --to-url URL")
            }
            let directory = MigrationDirectory(path: migrationsDir ?? "Generated/Migrations/\(declared.name)")
            let server = try dev.server()
            defer { server.cluster?.stop() }

            let current: DatabaseModel
            if let url = databaseURL ?? environment("DATABASE_URL") {
                current = try liveModel(url: url, history: history.historySchema, dev: server.dev)
            } else {
                current = try server.dev.withScratchDatabase { connection in
                    try directory.replay(on: connection)
                    let read = try CatalogReader.read(connection)
                    return read == DatabaseModel() ? read : try server.dev.realise(read)
                }
            }
            let comparison = try Comparison(declared: declared, current: current, dev: server.dev)
            let up = comparison.up
            let destructive = up.changes(with: .destructive)
            if !destructive.isEmpty && !allowDestructive {
                throw CLIError("the migration is destructive; pass --allow-destructive to write it anyway:\n"
                               + destructive.map { "  - \($0.summary)" }.joined(separator: "\n"))
            }
            if schema != nil {
                let models = try writeModels(generatedModels(declared, dev: server.dev), to: modelsDir)
                for path in models { print(path.hasPrefix("removed") ? path : "wrote \(path)") }
            }
            if up.isEmpty {
                print("no changes: \(declared.name) matches; no migration written")
                return
            }
            let paths = try writeMigration(named: name, comparison: comparison, in: directory, dev: server.dev)
            print(summary(of: up))
            for path in paths { print("wrote \(path)") }
        }
    }
}

/// Writes the migration files for a comparison's up plan: one up/down pair per stage (new enum
/// values, the main transaction, indexes built concurrently), at consecutive versions, and
/// `schemagen.sum`. Returns the paths written.
public func writeMigration(named name: String, comparison: Comparison, in directory: MigrationDirectory,
                           dev: DevDatabase) throws -> [String] {
    var version = directory.nextVersion()
    var paths: [String] = []
    let title = comparison.name
    for stage in Differ.stages(from: comparison.current, to: comparison.desired, renames: comparison.hints) {
        let stageName = name + (stage.suffix.map { "_" + $0 } ?? "")
        let base = "\(version)_\(stageName)"
        paths += try directory.write(
            version: version, name: stageName,
            up: stage.upPlan.file(title: "\(base) up: \(title)", statements: stage.up, transactional: stage.upIsTransactional),
            down: stage.down.sql(title: "\(base) down: \(title)"))
        version += 1
    }
    try directory.writeChecksums(using: Connection(url: dev.url))
    return paths
}
