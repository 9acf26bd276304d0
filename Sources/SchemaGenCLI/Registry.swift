import SchemaDSL
import Synchronization

/// The declarations `--schema` can name: those the executable passed to
/// `SchemaGenCommand.main(schemas:)`.
enum Registry {
    private static let schemas = Mutex<[Database]>([])

    static var all: [Database] { schemas.withLock { $0 } }
    static func set(_ databases: [Database]) { schemas.withLock { $0 = databases } }
}

extension SchemaGenCommand {
    /// Runs the command line with `schemas` as the declarations `--schema` names: what an
    /// application's own `schemagen` executable calls with its schemas.
    public static func main(schemas: [Database]) {
        Registry.set(schemas)
        main()
    }
}
