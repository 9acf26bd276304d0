import Foundation
import LibPQClient
import MigrationFiles
import Migrator
import SchemaGenWorkflow
import Testing

/// Taking on a database schemagen did not create: `pull`, `import` and `migrate --baseline`, run
/// as users run them. (That every corpus database pulled compiles, diffs empty against its source
/// and creates its pg_dump is `scripts/check-pull`'s, in CI.)
@Suite("Adopting an existing database")
struct AdoptionTests {
    static let schema = """
        CREATE TABLE accounts (id bigserial PRIMARY KEY, owner text NOT NULL, balance numeric(78,0) NOT NULL DEFAULT 0);
        CREATE TABLE deleted_accounts (id bigint);
        CREATE RULE keep_deleted AS ON DELETE TO accounts DO ALSO INSERT INTO deleted_accounts VALUES (OLD.id);
        CREATE VIEW rich AS SELECT id, owner FROM accounts WHERE balance > 1000;
        """

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let run = try Subprocess.run(MigrateProcessTests.binary, arguments)
        return (run.status, String(decoding: run.output, as: UTF8.self), run.errors)
    }

    static func files(in directory: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        }
        return files
    }

    static func temporary() -> String { TemporaryPaths.path("adopt") }

    @Test("pull writes the same bytes twice, names what it cannot declare, and import of the same SQL writes the same")
    func pullAndImport() throws {
        try #require(FileManager.default.isExecutableFile(atPath: MigrateProcessTests.binary), "run `swift build` first")
        let (url, _) = try TestDatabase.loaded(Self.schema)
        let (first, second) = (Self.temporary(), Self.temporary())
        let pulled = try Self.run(["pull", "--database-url", url, "--name", "bank", "--output", first])
        #expect(pulled.status == 0, "\(pulled.errors)")
        #expect(pulled.errors.contains("rule keep_deleted on public.accounts"))
        _ = try Self.run(["pull", "--database-url", url, "--name", "bank", "--output", second])
        let written = try Self.files(in: first)
        #expect(written == (try Self.files(in: second)))
        #expect(Set(written.keys) == ["BankSchema.swift", "BankSchema+Accounts.swift", "BankSchema+DeletedAccounts.swift",
                                      "BankSchema+Views.swift"])
        let database = try #require(written["BankSchema.swift"])
        #expect(database.contains("// not declared: rule keep_deleted on public.accounts, which schemagen does not manage"))
        #expect(database.contains("//     CREATE RULE keep_deleted AS"))
        #expect(written["BankSchema+Accounts.swift"]?.contains(#"Column("id", .bigint).bigserial().primaryKey()"#) == true)

        // A table gone from the database: its file goes at the next pull.
        let connection = try Connection(url: url)
        try connection.execute("DROP TABLE deleted_accounts CASCADE")
        let again = try Self.run(["pull", "--database-url", url, "--name", "bank", "--output", first])
        #expect(again.output.contains("removed \(first)/BankSchema+DeletedAccounts.swift"))

        let file = Self.temporary() + ".sql"
        try Self.schema.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = Self.temporary()
        let result = try Self.run(["import", file, "--name", "bank", "--output", imported])
        #expect(result.status == 0, "\(result.errors)")
        let same = try Self.files(in: imported).mapValues { $0.replacingOccurrences(of: "schemagen import", with: "schemagen pull") }
        #expect(same == written)

        // pg_dump's output (its \restrict guard included) makes what the database holds now.
        let dump = Self.temporary() + ".sql"
        try PgDump.text(url, privileges: true).write(toFile: dump, atomically: true, encoding: .utf8)
        let restored = Self.temporary()
        let fromDump = try Self.run(["import", dump, "--name", "bank", "--output", restored])
        #expect(fromDump.status == 0, "\(fromDump.errors)")
        let restoredFiles = try Self.files(in: restored)
            .mapValues { $0.replacingOccurrences(of: "schemagen import", with: "schemagen pull") }
        #expect(restoredFiles == (try Self.files(in: first)))
    }

    /// A migrations directory in one of the layouts `import` reads.
    static func directory(_ files: [String: String]) throws -> String {
        let path = temporary()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        return path
    }

    @Test("import reads sqlx, golang-migrate and numbered directories in version order, skipping down files and rollbacks")
    func importLayouts() throws {
        let layouts: [(String, [String: String])] = [
            ("sqlx", [
                "20240101120000_create_users.sql": "CREATE TABLE users (id uuid PRIMARY KEY);",
                "20240102120000_add_email.up.sql": "ALTER TABLE users ADD COLUMN email text;",
                "20240102120000_add_email.down.sql": "ALTER TABLE users DROP COLUMN email;",
                "20240201000000_add_name.sql": "ALTER TABLE users ADD COLUMN name text;",
            ]),
            ("golang-migrate", [
                "000001_init.up.sql": "CREATE TABLE users (id uuid PRIMARY KEY);",
                "000001_init.down.sql": "DROP TABLE users;",
                "000002_email.up.sql": "ALTER TABLE users ADD COLUMN email text;",
                "000002_email.down.sql": "ALTER TABLE users DROP COLUMN email;",
                "000010_name.up.sql": "ALTER TABLE users ADD COLUMN name text;",
            ]),
            ("numbered", [
                "001_initial_schema.sql": "BEGIN;\nCREATE TABLE users (id uuid PRIMARY KEY);\nCOMMIT;\n",
                "001_initial_schema_rollback.sql": "DROP TABLE users;",
                "002_email.sql": "ALTER TABLE users ADD COLUMN email text;",
                "010_name.sql": "ALTER TABLE users ADD COLUMN name text;",
                "emergency_rollback.sql": "DROP TABLE users;",
            ]),
            // An index built online sits in a file of its own, outside any transaction.
            ("golang-migrate, an index built concurrently", [
                "000001_init.up.sql": "CREATE TABLE users (id uuid PRIMARY KEY, email text);",
                "000002_email_index.up.sql": "CREATE INDEX CONCURRENTLY users_email ON users (email);",
                "000003_name.up.sql": "ALTER TABLE users ADD COLUMN name text;",
            ]),
        ]
        for (layout, files) in layouts {
            let output = Self.temporary()
            let result = try Self.run(["import", try Self.directory(files), "--name", "app", "--output", output])
            #expect(result.status == 0, "\(layout): \(result.errors)")
            let users = try String(contentsOfFile: output + "/AppSchema+Users.swift", encoding: .utf8)
            #expect(users.contains("""
                        Column("id", .uuid).primaryKey()
                        Column("email", .text)
                        Column("name", .text)
                """), "\(layout):\n\(users)")
            #expect(users.contains(#"Index("users_email", on: "email")"#) == layout.hasSuffix("concurrently"),
                    "\(layout):\n\(users)")
        }
    }

    @Test("a file that fails is named with its line and PostgreSQL's message, and nothing is written")
    func importFailure() throws {
        let directory = try Self.directory([
            "001_init.sql": "CREATE TABLE users (id uuid PRIMARY KEY);\n",
            "002_broken.sql": "ALTER TABLE users ADD COLUMN email text;\n\nALTER TABLE userz ADD COLUMN name text;\n",
        ])
        let output = Self.temporary()
        let result = try Self.run(["import", directory, "--name", "app", "--output", output])
        #expect(result.status == 2)
        #expect(result.errors.contains("002_broken.sql:3"), "\(result.errors)")
        #expect(result.errors.contains(#"relation "userz" does not exist"#), "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: output))

        let psql = try Self.directory(["001_init.sql": "CREATE TABLE users (id int);\n\\connect other\n"])
        let meta = try Self.run(["import", psql, "--name", "app", "--output", output])
        #expect(meta.status == 2 && meta.errors.contains("001_init.sql:2: \\connect is a psql command"), "\(meta.errors)")
    }

    @Test("migrate --baseline records what a matching database holds, refuses a drifted one, and migrate applies the rest")
    func baseline() throws {
        let directory = Migrations.temporaryDirectory()
        try Migrations.write(directory, version: 1, name: "initial",
                             up: "CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL);\n",
                             down: "DROP TABLE users;\n")
        try Migrations.write(directory, version: 2, name: "names", up: "ALTER TABLE users ADD COLUMN name text;\n",
                             down: "ALTER TABLE users DROP COLUMN name;\n")
        let dev = try TestDatabase.shared().url()

        let (drifted, driftedConnection) = try TestDatabase.loaded("CREATE TABLE users (id uuid PRIMARY KEY, email varchar(100));")
        let refused = try Self.run(["migrate", "--baseline", "1", "--database-url", drifted, "--migrations-dir", directory.path,
                                    "--dev-url", dev])
        #expect(refused.status == 2)
        #expect(refused.errors.contains("is not what the migrations up to 1 make"), "\(refused.errors)")
        #expect(refused.errors.contains("change type of public.users.email"), "\(refused.errors)")
        #expect(try driftedConnection.query("SELECT to_regclass('schemagen.schema_migrations') IS NULL").scalar == "t")

        let (url, connection) = try TestDatabase.loaded("CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL);")
        let recorded = try Self.run(["migrate", "--baseline", "1", "--database-url", url, "--migrations-dir", directory.path,
                                     "--dev-url", dev])
        #expect(recorded.status == 0, "\(recorded.errors)")
        #expect(recorded.output.contains("recorded 1_initial.up.sql as applied (baseline)"), "\(recorded.output)")
        let status = try Self.run(["status", "--database-url", url, "--migrations-dir", directory.path, "--dev-url", dev])
        #expect(status.output.contains("[X] 1 initial  baselined"), "\(status.output)")
        #expect(status.output.contains("[ ] 2 names  pending"), "\(status.output)")
        #expect(status.output.contains("schema: matches the applied migrations"), "\(status.output)")

        let migrated = try Self.run(["migrate", "--database-url", url, "--migrations-dir", directory.path])
        #expect(migrated.status == 0 && migrated.output == "applied 2_names.up.sql\n", "\(migrated.output)\(migrated.errors)")
        #expect(try connection.query("""
            SELECT string_agg(version || ':' || baselined, ',' ORDER BY version) FROM schemagen.schema_migrations
            """).scalar == "1:true,2:false")
    }
}
