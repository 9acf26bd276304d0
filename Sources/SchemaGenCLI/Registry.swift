import CSpawn
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
        // One malloc arena: the catalog's threads would each keep an arena of their own, whose
        // freed memory the planning on the main thread cannot reuse (a quarter of the peak at
        // 5,000 tables).
        _ = cspawn_single_malloc_arena()
        Registry.set(schemas)
        keepComparisonsUntilExit()
        main()
    }
}
