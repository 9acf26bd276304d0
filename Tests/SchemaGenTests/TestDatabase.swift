import ArgumentParser
import Catalog
import EmbeddedPostgres
import LibPQClient
import SQLRenderer
import SchemaGenWorkflow
import SchemaModel
@testable import SchemaGenCLI
import Schemas

/// One embedded cluster for the whole test process; each test gets its own database.
enum TestDatabase {
    private static let cluster: Result<EmbeddedPostgres, any Error> = Result {
        let cluster = try EmbeddedPostgres.start()
        // The roles the seed declarations grant to belong to the cluster, as a deployment has them.
        try DevDatabase(url: cluster.url(), createsMissingRoles: true)
            .provideRoles(Set(declaredSchemas.flatMap { $0.model.referencedRoles }))
        return cluster
    }

    static func shared() throws -> EmbeddedPostgres { try cluster.get() }

    /// The dev database (a pool of scratch databases) on the shared cluster.
    static func dev() throws -> DevDatabase { try devDatabase.get() }
    private static let devDatabase = Result { DevDatabase(url: try shared().url(), createsMissingRoles: true) }

    /// The shared cluster as the workflow's dev server.
    static func server() throws -> DevServer { try devServer.get() }
    private static let devServer = Result { DevServer(dev: try dev()) }

    /// A new empty database and a connection to it.
    static func fresh() throws -> (url: String, connection: Connection) {
        let url = try shared().createDatabase(prefix: "test")
        return (url, try Connection(url: url))
    }

    /// A new database holding `sql`.
    static func loaded(_ sql: String) throws -> (url: String, connection: Connection) {
        let database = try fresh()
        try database.connection.execute(sql)
        return database
    }

    /// The script `schemagen create --sql` prints for a declaration.
    static func createScript(_ declared: DatabaseModel) throws -> String {
        try SQL.createStatements(for: dev().normalise(declared: declared)).script
    }

    /// The comparison every command makes, on the shared server.
    static func compare(_ from: SchemaSource, _ to: SchemaSource, options: ComparisonOptions = ComparisonOptions())
        throws -> Comparison
    {
        try SchemaGenWorkflow.compare(from: from, to: to, server: server(), options: options)
    }

    /// The changes that would still turn the database into the declaration.
    static func remaining(_ url: String, _ declared: SchemaSource, options: ComparisonOptions = ComparisonOptions())
        throws -> [String]
    {
        try compare(.database(url: url), declared, options: options).plan.changes.map(\.summary)
    }
}

/// The command line of this repository's own schemagen: the seed schemas declared.
enum CLI {
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        Registry.set(declaredSchemas)
        return try SchemaGenCommand.parseAsRoot(arguments)
    }
}
