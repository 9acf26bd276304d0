import ArgumentParser
import SchemaGenWorkflow
import SwiftGenerator

/// `--name` and `--output` of `pull` and `import`: the declaration written.
struct DeclarationOutputOptions: ParsableArguments {
    @Option(help: "The declaration's name, in snake_case: `Database(\"NAME\")`, and the enum `<Name>Schema` holding it.")
    var name: String
    @Option(help: "Where the Swift files go (default: Sources/<Name>Schema at the package root).")
    var output: String?

    func validate() throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !name.first!.isNumber else {
            throw ValidationError("--name \(name): use letters, digits and _, not starting with a digit")
        }
    }

    /// Writes the files, says what was written and what the DSL could not say.
    func write(_ source: DeclarationSource) throws {
        let directory = output ?? underPackageRoot("Sources/\(source.enumName)")
        for path in try source.write(to: directory) { print(path.hasPrefix("removed") ? path : "wrote \(path)") }
        if !source.notDeclared.isEmpty {
            printError("note: written as `// not declared:` comments, for you to manage by hand:")
            for item in source.notDeclared { printError("  \(item)") }
        }
        print("declared \(source.enumName).database; list it in your schemagen executable: "
              + "SchemaGenCommand.main(schemas: [\(source.enumName).database])")
    }
}

struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Write the Swift declaration of a live database.",
        discussion: """
            Reads the database's catalog and writes one file per table (with its partitions), one each for \
            types and sequences, functions, views and privileges, and one with the Database value that lists \
            them, as members of an enum named after the declaration. What the DSL cannot declare is written as \
            a `// not declared:` comment and listed on stderr. Pulling the same database again writes the same \
            bytes; files of tables that are gone are removed.
            """
    )

    @Option(help: "The database to read (default: $DATABASE_URL).")
    var databaseURL: String?
    @OptionGroup var declaration: DeclarationOutputOptions
    @OptionGroup var history: HistoryOptions

    func run() throws {
        try reportingErrors {
            guard let url = databaseURL ?? environment("DATABASE_URL") else {
                throw CLIError("name the database to pull with --database-url or $DATABASE_URL")
            }
            try declaration.write(Adoption.pull(url: url, name: declaration.name,
                                                command: "schemagen pull --name \(declaration.name)",
                                                historySchema: history.historySchema))
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write the Swift declaration of what a directory of SQL migrations makes.",
        discussion: """
            Loads the SQL files into a throwaway database on the dev server, in order and statement by \
            statement as `psql -f` runs them (each committed unless a file opens a transaction), and \
            writes the declaration as `pull` does. A directory's files are taken by the version their \
            name starts with (sqlx `<timestamp>_name.sql` and `.up.sql`, golang-migrate \
            `<version>_name.up.sql`, numbered files); down files and rollbacks are skipped. Files named \
            one by one load in the order given. A file that fails is named with its line and \
            PostgreSQL's message, and nothing is written.
            """
    )

    @Argument(help: "SQL files, or directories of migrations.")
    var paths: [String]
    @OptionGroup var declaration: DeclarationOutputOptions
    @OptionGroup var dev: DevOptions

    func run() throws {
        try reportingErrors {
            let files = try Adoption.orderedFiles(paths)
            let server = dev.server()
            defer { server.stop() }
            let source = try Adoption.importing(files, name: declaration.name,
                                                command: "schemagen import --name \(declaration.name)", dev: server.dev())
            for file in files { printError("loaded \(file)") }
            try declaration.write(source)
        }
    }
}
