import EmbeddedPostgres
import Foundation
import LibPQClient
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("The embedded cluster")
struct EmbeddedPostgresTests {
    @Test("starts, keeps databases apart, and on stop shuts down and removes its directory")
    func lifecycle() throws {
        let cluster = try EmbeddedPostgres.start()
        #expect(cluster.directory.hasPrefix("/dev/shm/sgpg-") || cluster.directory.hasPrefix("/tmp/sgpg-"))
        #expect(cluster.directory.utf8.count < 40)  // Unix socket paths must stay short
        let a = try Connection(url: cluster.createDatabase())
        let b = try Connection(url: cluster.createDatabase())
        try a.execute("CREATE TABLE only_in_a (id int)")
        #expect(try b.query("SELECT to_regclass('only_in_a') IS NULL").scalar == "t")
        #expect(try a.query("SHOW server_encoding").scalar == "UTF8")
        let url = cluster.url()
        cluster.stop()
        #expect(!serverAccepts(url: url))
        #expect(access(cluster.directory, F_OK) != 0)
        cluster.stop()  // a second stop does nothing
    }

    @Test("a start removes a cluster directory that never got an owner a minute after it was made, and keeps a new one")
    func ownerlessDirectories() throws {
        let old = "/tmp/sgpg-ownerless-old-\(getpid())", new = "/tmp/sgpg-ownerless-new-\(getpid())"
        defer { for d in [old, new] { try? FileManager.default.removeItem(atPath: d) } }
        for d in [old, new] { try FileManager.default.createDirectory(atPath: d + "/data/base", withIntermediateDirectories: true) }
        var times = [timeval(tv_sec: time(nil) - 120, tv_usec: 0), timeval(tv_sec: time(nil) - 120, tv_usec: 0)]
        #expect(utimes(old, &times) == 0)
        let cluster = try EmbeddedPostgres.start()
        cluster.stop()
        #expect(!FileManager.default.fileExists(atPath: old))
        #expect(FileManager.default.fileExists(atPath: new))
    }

    @Test("starts from a cached data directory: made once, even by two starts at once; abandoned staging removed")
    func templateCache() throws {
        let cache = NSTemporaryDirectory() + "schemagen-templates-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        defer { _ = try? FileManager.default.removeItem(atPath: cache) }
        // What a start killed while copying the template in would leave.
        try FileManager.default.createDirectory(atPath: cache + "/staging-abandoned", withIntermediateDirectories: true)
        try "999999999\n".write(toFile: cache + "/staging-abandoned/owner.pid", atomically: true, encoding: .utf8)
        // A template this install's server left in an earlier layout, and one of another install.
        let identity = try #require(EmbeddedPostgres.installationIdentity())
        let install = String(identity.dropFirst().prefix { $0 != "-" })
        for old in [install + "-1-1-1", "_opt_other_bin-1-1-2"] {
            try FileManager.default.createDirectory(atPath: cache + "/" + old + "/data", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: cache + "/" + old + "/complete", contents: nil)
        }

        // Two starts at once on an empty cache, then one that finds the template.
        let starts = try DispatchQueue.concurrentPerformResults(2) { try EmbeddedPostgres.start(templateCache: cache) }
            + [try EmbeddedPostgres.start(templateCache: cache)]
        for cluster in starts {
            #expect(try Connection(url: cluster.url()).query("SELECT 1").scalar == "1")
            // The copy is the server user's (who runs the server), its data directory private.
            var data = stat(), version = stat()
            #expect(stat(cluster.directory + "/data", &data) == 0 && stat(cluster.directory + "/data/PG_VERSION", &version) == 0)
            #expect(data.st_mode & 0o777 == 0o700 && data.st_uid == version.st_uid)
            #expect(data.st_uid == (geteuid() == 0 ? getpwnam("postgres")!.pointee.pw_uid : geteuid()))
            cluster.stop()
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0 != "_opt_other_bin-1-1-2" }
        #expect(entries == [(identity as NSString).lastPathComponent], "\(entries)")
        #expect(FileManager.default.fileExists(atPath: cache + "/" + entries[0] + "/complete"))
        #expect(FileManager.default.fileExists(atPath: cache + "/_opt_other_bin-1-1-2/complete"))
        // No template directory under /tmp outlives its start.
        for base in ["/dev/shm", "/tmp"] {
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).filter { $0.hasPrefix("sgpg-template-") }
                .allSatisfy { dir in (try? String(contentsOfFile: "\(base)/\(dir)/owner.pid", encoding: .utf8)) != "\(getpid())\n" })
        }
    }

    @Test("a missing server install is a clear error that says what to install")
    func missingBinaries() {
        #expect {
            try EmbeddedPostgres.start(binDirectories: ["/nonexistent/bin"])
        } throws: { error in
            "\(error)".contains("apt-get install -y postgresql")
        }
    }

    @Test("a bad URL or an unreachable server is an error that never shows the password")
    func connectionErrors() {
        #expect {
            try Connection(url: "postgresql://alice:s3cret@127.0.0.1:1/db?connect_timeout=2")
        } throws: { error in
            let text = "\(error)"
            return !text.contains("s3cret") && text.contains("alice:***@127.0.0.1:1")
        }
        #expect(redactedURL("postgresql://u:pw@h/db?password=pw2&sslmode=off") == "postgresql://u:***@h/db?password=***&sslmode=off")
    }
}

extension DispatchQueue {
    /// `body` run `count` times at once; the results, or the first error.
    static func concurrentPerformResults<T: Sendable>(_ count: Int, _ body: @Sendable () throws -> T) throws -> [T] {
        let results = Mutex<[Result<T, any Error>]>([])
        concurrentPerform(iterations: count) { _ in
            let result = Result { try body() }
            results.withLock { $0.append(result) }
        }
        return try results.withLock { $0 }.map { try $0.get() }
    }
}
