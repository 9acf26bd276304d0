import EmbeddedPostgres
import LibPQClient
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("The embedded cluster")
struct EmbeddedPostgresTests {
    @Test("starts, keeps databases apart, and on stop shuts down and removes its directory")
    func lifecycle() throws {
        let cluster = try EmbeddedPostgres.start()
        #expect(cluster.directory.hasPrefix("/tmp/sgpg-"))
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
