import EmbeddedPostgres
import Foundation
import LibPQClient
import PostgresNIO

/// One embedded cluster for the test process; each test gets its own database and a
/// `PostgresClient` over the cluster's Unix socket.
enum TestServer {
    private static let cluster: Result<EmbeddedPostgres, EmbeddedPostgresError> = Result {
        () throws(EmbeddedPostgresError) in try EmbeddedPostgres.start()
    }

    /// A new database, with `sql` (a script) run in it.
    static func database(_ sql: String = "") throws -> String {
        let url = try cluster.get().createDatabase(prefix: "nio")
        if !sql.isEmpty { try Connection(url: url).execute(sql) }
        return String(url.split(separator: "?")[0].split(separator: "/").last!)
    }

    /// A libpq connection to `database`, to look at what the code under test left.
    static func libpq(_ database: String) throws -> Connection { try Connection(url: url(database)) }

    static func url(_ database: String) throws -> String { try cluster.get().url(database: database) }

    static func configuration(_ database: String) throws -> PostgresClient.Configuration {
        let cluster = try cluster.get()
        return PostgresClient.Configuration(unixSocketPath: "\(cluster.directory)/.s.PGSQL.\(cluster.port)",
                                            username: cluster.superuser, password: nil, database: database)
    }

    /// Runs `body` with a running client of `database`.
    static func withClient<T: Sendable>(_ database: String, connections: Int? = nil,
                                        _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        var configuration = try configuration(database)
        if let connections {
            configuration.options.minimumConnections = 0
            configuration.options.maximumConnections = connections
        }
        let client = PostgresClient(configuration: configuration)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await client.run(); return nil }
            do {
                let result = try await body(client)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// A seed's create script, as `schemagen create --sql` wrote it into Generated/SQL.
    static func seedScript(_ name: String) throws -> String {
        let script = try String(contentsOf: root.appendingPathComponent("Generated/SQL/\(name).sql"), encoding: .utf8)
        // The roles a seed grants to belong to the cluster: made first, as a deployment has them.
        let roles = Set(script.split(separator: "\n").filter { $0.hasPrefix("GRANT ") }.compactMap { line in
            line.split(separator: " ").last.map { String($0.dropLast()) }
        })
        return roles.sorted().map { role in
            "DO $$ BEGIN CREATE ROLE \(role) NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n"
        }.joined() + script
    }

    /// The repository's root directory.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
