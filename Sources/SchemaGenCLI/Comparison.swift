import Catalog
import Differ
import EmbeddedPostgres
import Migrator
import Foundation
import PostgresClient
import SchemaModel

/// The dev server for normalisation: `--dev-url`, else an embedded cluster started on demand.
struct DevServer {
    let dev: DevDatabase
    let cluster: EmbeddedPostgres?

    static func start(devURL: String?) throws -> DevServer {
        if let devURL { return DevServer(dev: DevDatabase(url: devURL), cluster: nil) }
        let cluster = try EmbeddedPostgres.start()
        return DevServer(dev: DevDatabase(url: cluster.url()), cluster: cluster)
    }

    /// An empty database on the embedded cluster, standing in for a target that was not named.
    func emptyDatabase() throws -> String {
        guard let cluster else { throw CLIError("no database to compare with: pass --database-url or set DATABASE_URL") }
        return try cluster.createDatabase(prefix: "target")
    }
}

/// A live database's model in the form the differ compares: read, then realised once in the
/// dev database (see `DevDatabase.normalise`). If it cannot be realised there, the model as read.
func liveModel(url: String, history: String = History.defaultSchema, dev: DevDatabase) throws -> DatabaseModel {
    try normalised(readCatalog(url: url, history: history), dev: dev)
}

/// A live database's model as read, without the migration history's schema.
func readCatalog(url: String, history: String) throws -> DatabaseModel {
    try CatalogReader.read(url: url).without(schema: history)
}

/// Several databases read at the same time, each on its own connections: the server does the
/// work, backends of its own for each database.
func readCatalogs(urls: [String], history: String) throws -> [DatabaseModel] {
    try concurrently(urls.count) { i in try readCatalog(url: urls[i], history: history) }
}

func normalised(_ read: DatabaseModel, dev: DevDatabase) throws -> DatabaseModel {
    if read == DatabaseModel() { return read }
    do {
        return try dev.realise(read)
    } catch {
        printError("warning: comparing the catalog as read; it could not be recreated in the dev database: \(error)")
        return read
    }
}

/// Up and down plans between a live database and a declaration.
public struct Comparison {
    public var current: DatabaseModel
    public var desired: DatabaseModel
    public var hints: RenameHints
    /// The declared schema's name.
    public var name: String

    public init(declared: DatabaseModel, current: DatabaseModel, dev: DevDatabase) throws {
        self.current = current
        desired = try dev.normalise(declared: declared)
        hints = RenameHints(declaredIn: declared)
        name = declared.name
    }

    public var up: MigrationPlan { plan(from: current, to: desired, renames: hints) }
    public var down: MigrationPlan { plan(from: desired, to: current, renames: hints.reversed) }
}

/// Applies a plan: the statements that must be committed on their own first, then the rest in
/// one transaction.
func execute(_ plan: MigrationPlan, on connection: Connection) throws {
    for statement in plan.preamble {
        do { try connection.execute(statement.sql) } catch { throw StatementError(statement: statement, underlying: error) }
    }
    try apply(plan.body, on: connection)
}

/// The plan as people read it in review: one line per change, hazards marked.
func summary(of plan: MigrationPlan) -> String {
    let marks: [Change.Kind: String] = [.create: "+", .alter: "~", .drop: "-", .rename: ">"]
    var lines = plan.changes.map { change in
        let hazards = change.hazards.sorted().map(\.rawValue)
        return "\(marks[change.kind]!) \(change.summary)" + (hazards.isEmpty ? "" : "  [\(hazards.joined(separator: ", "))]")
    }
    let destructive = plan.changes(with: .destructive).count
    lines.append("\(plan.changes.count) change(s)" + (destructive > 0 ? ", \(destructive) destructive" : ""))
    return lines.joined(separator: "\n")
}

func json(_ plan: MigrationPlan) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(plan.changes), as: UTF8.self)
}
