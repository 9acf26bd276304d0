import ArgumentParser
import Foundation
import Catalog
import Differ
import EmbeddedPostgres
import MigrationFiles
import Migrator
import LibPQClient
import SchemaDSL
import SchemaGenWorkflow
import SchemaModel
#if canImport(Glibc)
import Glibc
#endif

/// `--schema NAME`: one of the declared schemas.
struct SchemaOptions: ParsableArguments {
    @Option(name: .long, help: "The declared schema to use (see `schemagen list`).")
    var schema: String

    init() {}
    init(schema: String) { self.schema = schema }

    func database() throws -> Database {
        guard let found = Registry.all.first(where: { $0.model.name == schema }) else {
            let names = Registry.all.map(\.model.name).joined(separator: ", ")
            throw CLIError(names.isEmpty ? "unknown schema '\(schema)': this schemagen declares none"
                : "unknown schema '\(schema)'; declared schemas are: \(names)")
        }
        return found
    }
}

/// `--database-url URL`, else `$DATABASE_URL`, else a throwaway embedded cluster.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "libpq URL of the target database (default: $DATABASE_URL, else an embedded throwaway cluster).")
    var databaseURL: String?

    /// The target to use, and the embedded cluster behind it when one was started.
    func target() throws -> (url: String, cluster: EmbeddedPostgres?) {
        if let url = databaseURL ?? environment("DATABASE_URL"), !url.isEmpty {
            return (url, nil)
        }
        let cluster = try EmbeddedPostgres.start()
        return (try cluster.createDatabase(prefix: "schemagen"), cluster)
    }
}

/// An error the user can act on: printed as one line, exit status 2.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// Runs a command body, turning any error into a message on stderr and exit status 2.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError(message(for: error))
        throw ExitCode(2)
    }
}

/// What the user reads for an error: validation errors as `file:line: error: …` lines, any
/// other error as `error: …`.
func message(for error: any Error) -> String {
    error is ValidationErrors || error is DeclarationFailures ? "\(error)" : "error: \(error)"
}

/// Writes a line to standard error.
func printError(_ text: String) {
    let line = text + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}

/// `--dev-url URL`: where throwaway normalisation databases are made.
struct DevOptions: ParsableArguments {
    @Option(help: "A server for throwaway normalisation databases (default: an embedded cluster).")
    var devURL: String?

    func server() -> DevServer { DevServer(devURL: devURL, waitsForStop: !commandEndsProcess) }
}

/// `--history-schema NAME`: where `migrate` keeps its history table. Other commands leave that
/// schema out of what they compare.
struct HistoryOptions: ParsableArguments {
    @Option(help: "The schema of the migration history table.")
    var historySchema = History.defaultSchema
}

/// `--lock-timeout` and `--statement-timeout`: the limits that emitted files and `diff --sql`
/// scripts set for themselves, and that `migrate` sets for its session.
struct LimitOptions: ParsableArguments {
    @Option(help: "How long a statement may wait for a lock before the migration fails (lock_timeout).")
    var lockTimeout = MigrationFile.Limits().lockTimeout
    @Option(help: "How long one statement may run (statement_timeout; 0 for no limit).")
    var statementTimeout = MigrationFile.Limits().statementTimeout

    func limits() throws -> MigrationFile.Limits {
        for (option, value) in [("--lock-timeout", lockTimeout), ("--statement-timeout", statementTimeout)]
        where !MigrationFile.Limits.isValid(value) {
            throw CLIError("\(option) \(value): give a number and a unit, like 5s, 500ms, 30min or 0")
        }
        return MigrationFile.Limits(lockTimeout: lockTimeout, statementTimeout: statementTimeout)
    }
}

/// `--forbid-hazards`: hazards a CI refuses in a migration.
struct HazardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Refuse the migration when a change has one of these hazards, comma-separated.",
                               discussion: "Hazards: \(Change.Hazard.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "hazards"))
    var forbidHazards: String?

    func forbidden() throws -> Set<Change.Hazard> {
        guard let forbidHazards else { return [] }
        return try Set(forbidHazards.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let hazard = Change.Hazard(rawValue: trimmed) else {
                throw CLIError("--forbid-hazards: no hazard called \(trimmed); the hazards are "
                               + Change.Hazard.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return hazard
        })
    }

    /// Throws, naming each change, when the plan has a forbidden hazard.
    func check(_ plan: StagedPlan) throws {
        let forbidden = try forbidden()
        let found = plan.changes.filter { !$0.hazards.isDisjoint(with: forbidden) }
        guard !found.isEmpty else { return }
        throw CLIError("the migration has hazards that --forbid-hazards refuses:\n" + found.map { change in
            "  - \(change.summary)  [\(change.hazards.intersection(forbidden).sorted().map(\.rawValue).joined(separator: ", "))]"
        }.joined(separator: "\n"))
    }
}

/// The package whose `Generated/` directory holds the migrations and models: the nearest
/// directory with a Package.swift at or above the current one, else the current directory.
/// Commands run from a subdirectory then find the one history, not a new one beside them.
func packageRoot() -> String {
    let manager = FileManager.default
    var directory = URL(fileURLWithPath: manager.currentDirectoryPath).standardizedFileURL
    while true {
        if manager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) { return directory.path }
        let parent = directory.deletingLastPathComponent()
        if parent.path == directory.path { return manager.currentDirectoryPath }
        directory = parent
    }
}

/// `relative` under the package root, as printed: unchanged when the root is the current directory.
func underPackageRoot(_ relative: String) -> String {
    let root = packageRoot()
    return root == FileManager.default.currentDirectoryPath ? relative : root + "/" + relative
}

/// Where the migrations of the declared schema `name` live by default.
func defaultMigrationsDirectory(_ name: String) -> String { underPackageRoot("Generated/Migrations/\(name)") }

/// Where generated models go by default.
func defaultModelsDirectory() -> String { underPackageRoot("Generated/Models") }

/// How the plan treats what only the user can decide: conversions for type changes
/// PostgreSQL has no cast for, and tables whose columns are in another order.
struct PlanOptions: ParsableArguments {
    @Option(name: .customLong("using"), parsing: .singleValue,
            help: "For a column whose type changes without a cast: [schema.]table.column=expression, the USING expression that computes the new value (repeat for more columns).")
    var conversions: [String] = []
    @Option(name: .customLong("rollback-using"), parsing: .singleValue,
            help: "The same for the down files: [schema.]table.column=expression turning the new value back into the old type.")
    var rollbackConversions: [String] = []
    @Flag(help: "Rebuild a table whose columns are in another order than the target's, keeping its rows (hazards rewrites-table, blocks-reads); without it the order is only reported.")
    var exactColumnOrder = false

    func comparisonOptions(historySchema: String, normalise: Bool = true) throws -> ComparisonOptions {
        func parse(_ list: [String], _ option: String) throws -> [ColumnName: String] {
            var parsed: [ColumnName: String] = [:]
            for conversion in list {
                guard let eq = conversion.firstIndex(of: "="), let dot = conversion[..<eq].lastIndex(of: ".") else {
                    throw CLIError("\(option) \(conversion): write it as [schema.]table.column=expression")
                }
                let table = QualifiedName(parsing: String(conversion[..<dot]))
                let column = String(conversion[conversion.index(after: dot)..<eq])
                parsed[ColumnName(table: table, column: column)] = String(conversion[conversion.index(after: eq)...])
            }
            return parsed
        }
        return ComparisonOptions(historySchema: historySchema, normalise: normalise, exactColumnOrder: exactColumnOrder,
                                 conversions: try parse(conversions, "--using"),
                                 rollbackConversions: try parse(rollbackConversions, "--rollback-using"))
    }
}
