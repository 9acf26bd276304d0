#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import CSpawn
import Foundation
import LibPQClient
import Synchronization

/// A throwaway PostgreSQL cluster in a temporary directory (`/dev/shm/sgpg-…`, else
/// `/tmp/sgpg-…`), reached through a private Unix
/// socket (no TCP port, so it cannot clash with a server already running).
///
/// The server runs under a small shell whose standard input is a pipe only this process holds:
/// when this process ends, however it ends, the pipe closes and the shell stops the server and
/// removes the directory. `stop()` does the same at once.
public final class EmbeddedPostgres: Sendable {
    /// The cluster's directory; also its socket directory.
    public let directory: String
    public let port = 5432
    public let superuser = "postgres"
    /// How long making the data directory and starting the server took, in seconds.
    public let startupSeconds: Double
    /// Where the server's programs are (`pg_dump` among them).
    public let binDirectory: String

    private let watchdog: pid_t
    private let control: Mutex<Int32>
    private let databaseCounter = Mutex(0)

    /// Where clusters live: shared memory (`/dev/shm`) when it has room, so that copying the
    /// data directory in and the server's writes cost no disk journaling, else `/tmp`.
    static let directoryBase: String = {
        var info = statvfs()
        let roomy = statvfs("/dev/shm", &info) == 0 && UInt64(info.f_bavail) * UInt64(info.f_frsize) >= 1 << 30
        return roomy && access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    }()
    /// Both places a cluster may have been left, by this or another start.
    static let directoryBases = ["/dev/shm", "/tmp"]
    static var directoryPrefix: String { directoryBase + "/sgpg-" }

    /// Creates and starts a cluster; cleans up clusters left by processes that died first.
    /// `binDirectories` replaces the usual search (PATH, /usr/lib/postgresql/*/bin, pg_config).
    /// The data directory is copied from an initialised one kept in `templateCache` (the user's
    /// cache directory by default; `.none` to run `initdb` every time).
    public static func start(binDirectories: [String]? = nil, templateCache: String?? = .some(nil))
        throws(EmbeddedPostgresError) -> EmbeddedPostgres
    {
        let started = monotonicSeconds()
        removeStaleClusters()
        let bin = try findBinaries(in: binDirectories)
        let runAs = try serverUser()

        let directory = try ownedDirectory(directoryPrefix + "XXXXXX", user: runAs)
        let prefix = runAs == nil ? [] : ["/usr/bin/setpriv", "--reuid=\(runAs!.uid)", "--regid=\(runAs!.gid)",
                                          "--init-groups", "--"]
        let data = directory + "/data"
        let cache: TemplateCache? = switch templateCache {
        case .none: nil
        case .some(nil): TemplateCache.default()
        case .some(let root?): TemplateCache(root: root)
        }
        if cache?.copy(for: bin, to: data) != true {
            let initdb = try spawn(initdbCommand(bin, data: data, as: prefix), stdin: nil, log: directory + "/initdb.log")
            guard waitForExit(initdb) == 0 else {
                let log = tail(of: directory + "/initdb.log")
                removeTree(directory)
                throw .initdbFailed(log)
            }
            cache?.keep(data, for: bin)
        }

        // The shell: start postgres, wait for our pipe to close, then stop it and clean up. The
        // data is thrown away: an immediate shutdown, without the checkpoint a clean one writes.
        let script = """
            dir=$1; shift
            "$@" &
            pid=$!
            read _
            kill -QUIT $pid 2>/dev/null
            wait $pid
            rm -rf "$dir"
            """
        var fds: [Int32] = [0, 0]
        // Only the shell may hold the read end, and only we the write end: close-on-exec from
        // the start, so a cluster starting on another thread cannot inherit either.
        guard cspawn_pipe_cloexec(&fds) == 0 else { throw .system("pipe: \(errnoText())") }
        let server = [bin + "/postgres", "-D", data, "-k", directory, "-p", "5432", "-c", "listen_addresses=",
                      "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                      "-c", "max_connections=100", "-c", "log_min_messages=warning",
                      // New WAL segments need not be zero-filled in memory (`/dev/shm`) or without fsync.
                      "-c", "wal_init_zero=off",
                      // A large schema is realised in one transaction: one lock per table and index.
                      "-c", "max_locks_per_transaction=1024"]
        let watchdog = try spawn(prefix + ["/bin/sh", "-c", script, "sh", directory] + server,
                                 stdin: fds[0], log: directory + "/postgres.log")
        close(fds[0])

        let cluster = EmbeddedPostgres(directory: directory, watchdog: watchdog, control: fds[1],
                                       startupSeconds: 0, binDirectory: installDirectory(of: bin + "/postgres"))
        let url = cluster.url()
        let deadline = monotonicSeconds() + 60
        while !serverAccepts(url: url) {
            var status: Int32 = 0
            if waitpid(watchdog, &status, WNOHANG) == watchdog || monotonicSeconds() > deadline {
                let log = tail(of: directory + "/postgres.log")
                cluster.stop()
                throw .serverFailed(log)
            }
            usleep(5_000)
        }
        return EmbeddedPostgres(adopting: cluster, startupSeconds: monotonicSeconds() - started)
    }

    /// The server installation a start would use, as the name of its cached data directory:
    /// the binaries' directory, size and modification time. Nil when there is none.
    public static func installationIdentity(binDirectories: [String]? = nil) -> String? {
        guard let bin = try? findBinaries(in: binDirectories) else { return nil }
        return TemplateCache(root: "").template(for: bin)
    }

    private init(directory: String, watchdog: pid_t, control: Int32, startupSeconds: Double, binDirectory: String) {
        self.directory = directory
        self.watchdog = watchdog
        self.control = Mutex(control)
        self.startupSeconds = startupSeconds
        self.binDirectory = binDirectory
    }

    /// Takes over the running server of `other` (which then owns nothing) with the measured time.
    private convenience init(adopting other: EmbeddedPostgres, startupSeconds: Double) {
        let fd = other.control.withLock { fd in
            let taken = fd
            fd = -1
            return taken
        }
        self.init(directory: other.directory, watchdog: other.watchdog, control: fd, startupSeconds: startupSeconds,
                  binDirectory: other.binDirectory)
    }

    deinit { stop() }

    /// The directory of the installation a program belongs to, through any symbolic link to it
    /// (`/usr/local/bin/postgres` → `/usr/lib/postgresql/15/bin`), where its sibling programs are.
    private static func installDirectory(of program: String) -> String {
        guard let resolved = realpath(program, nil) else { return (program as NSString).deletingLastPathComponent }
        defer { free(resolved) }
        return (String(cString: resolved) as NSString).deletingLastPathComponent
    }

    /// A libpq URL for a database of this cluster.
    public func url(database: String = "postgres") -> String {
        "postgresql:///\(database)?host=\(directory)&port=\(port)&user=\(superuser)"
    }

    /// Creates an empty database with a fresh name and returns its URL.
    public func createDatabase(prefix: String = "db") throws(LibPQError) -> String {
        let n = databaseCounter.withLock { n in
            n += 1
            return n
        }
        let name = "\(prefix)_\(getpid())_\(n)"
        let admin = try Connection(url: url())
        try admin.execute("CREATE DATABASE \"\(name)\"")
        return url(database: name)
    }

    /// Stops the server and removes its directory; waits until both are done unless `waiting`
    /// is false (for a process about to exit: the watchdog shell finishes on its own).
    public func stop(waiting: Bool = true) {
        let fd = control.withLock { fd in
            let taken = fd
            fd = -1
            return taken
        }
        guard fd >= 0 else { return }
        close(fd)
        if waiting { _ = waitForExit(watchdog) }
    }
}

public enum EmbeddedPostgresError: Error, CustomStringConvertible {
    case binariesNotFound
    case noPostgresUser
    case initdbFailed(String)
    case serverFailed(String)
    case system(String)

    public var description: String {
        switch self {
        case .binariesNotFound:
            return "PostgreSQL server binaries (initdb, postgres) not found on PATH, in /usr/lib/postgresql/*/bin "
                + "or at `pg_config --bindir`; install them with: apt-get install -y postgresql"
        case .noPostgresUser:
            return "running as root, the embedded PostgreSQL needs a 'postgres' user to run the server; "
                + "installing the server creates it: apt-get install -y postgresql"
        case .initdbFailed(let log): return "initdb failed:\n\(log)"
        case .serverFailed(let log): return "the embedded PostgreSQL server did not start:\n\(log)"
        case .system(let message): return message
        }
    }
}
