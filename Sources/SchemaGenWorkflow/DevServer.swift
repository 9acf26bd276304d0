import Catalog
import LibPQClient
import EmbeddedPostgres
import Synchronization

/// The server on which schemagen makes throwaway databases (to print expressions as
/// PostgreSQL does, replay migrations, prove emitted files): `--dev-url`, else an embedded
/// cluster, started the first time one is needed and stopped by `stop()`.
public final class DevServer: Sendable {
    private let devURL: String?
    private let waitsForStop: Bool
    private let state = Mutex<(dev: DevDatabase?, cluster: EmbeddedPostgres?)>((nil, nil))

    /// With `waitsForStop` false, `stop()` leaves the embedded cluster to stop and be removed
    /// after it returns: for a process that exits next, which need not wait for that.
    public init(devURL: String? = nil, waitsForStop: Bool = true) {
        self.devURL = devURL
        self.waitsForStop = waitsForStop
    }

    /// A server already running, e.g. a test's shared cluster.
    public init(dev: DevDatabase) {
        devURL = dev.url
        waitsForStop = true
        state.withLock { $0.dev = dev }
    }

    /// The dev database, starting the embedded cluster if it is the first use.
    public func dev() throws -> DevDatabase {
        try state.withLock { state in
            if let dev = state.dev { return dev }
            if let devURL {
                state.dev = DevDatabase(url: devURL)
            } else {
                let cluster = try EmbeddedPostgres.start()
                state.cluster = cluster
                state.dev = DevDatabase(url: cluster.url(), createsMissingRoles: true)
            }
            return state.dev!
        }
    }

    /// The embedded cluster, when one was started (for a throwaway target database).
    public func embeddedCluster() throws -> EmbeddedPostgres? {
        _ = try dev()
        return state.withLock { $0.cluster }
    }

    public var started: Bool { state.withLock { $0.dev != nil } }

    /// How long starting the embedded cluster took, when one was started.
    public var startupSeconds: Double? { state.withLock { $0.cluster?.startupSeconds } }

    /// What decides how this server prints a declaration, found without starting one: the
    /// embedded installation's binaries, or a dev server's URL and version. Nil when unknown
    /// (then nothing is cached).
    public func identity() throws -> String? {
        if let devURL {
            let version = try Connection(url: devURL).query("SELECT version()").scalar ?? ""
            return devURL + "\n" + version
        }
        return EmbeddedPostgres.installationIdentity()
    }

    public func stop() {
        let cluster = state.withLock { state -> EmbeddedPostgres? in
            let cluster = state.cluster
            state = (nil, nil)
            return cluster
        }
        cluster?.stop(waiting: waitsForStop)
    }
}
