import Catalog
import EmbeddedPostgres
import PostgresClient

/// One embedded cluster for the whole test process; each test gets its own database.
enum TestDatabase {
    private static let cluster: Result<EmbeddedPostgres, EmbeddedPostgresError> = Result {
        () throws(EmbeddedPostgresError) in try EmbeddedPostgres.start()
    }

    static func shared() throws -> EmbeddedPostgres { try cluster.get() }

    /// The dev database (a pool of scratch databases) on the shared cluster.
    static func dev() throws -> DevDatabase { try devDatabase.get() }
    private static let devDatabase = Result { DevDatabase(url: try shared().url()) }

    /// A new empty database and a connection to it.
    static func fresh() throws -> (url: String, connection: Connection) {
        let url = try shared().createDatabase(prefix: "test")
        return (url, try Connection(url: url))
    }
}
