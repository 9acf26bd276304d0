import ArgumentParser
import LibPQClient
@testable import SchemaGenCLI
import Testing

@Suite("Command-line errors")
struct CLIErrorTests {
    func exitsWith2(_ arguments: [String]) throws -> Bool {
        var command = try CLI.parse(arguments)
        do { try command.run() } catch let code as ExitCode { return code.rawValue == 2 }
        return false
    }

    @Test("an unknown schema names the declared ones")
    func unknownSchema() throws {
        #expect(try exitsWith2(["diff", "--schema", "nope", "--dev-url", TestDatabase.shared().url()]))
        #expect { try SchemaOptions(schema: "nope").database() } throws: {
            message(for: $0) == "error: unknown schema 'nope'; declared schemas are: compute_pools, erc8004, memory_assets, ainp, minegnk"
        }
    }

    @Test("an unreachable server or a bad URL: one line, no password, exit status 2", arguments: [
        "postgresql://deploy:hunter2@127.0.0.1:1/app?connect_timeout=2",
        "postgresql://deploy:hunter2@nonexistent.invalid/app?connect_timeout=2",
        "postgresql://deploy:hunter2@[::1",
    ])
    func badTargets(url: String) throws {
        #expect(try exitsWith2(["diff", "--schema", "minegnk", "--database-url", url,
                                "--dev-url", TestDatabase.shared().url()]))
        #expect { try Connection(url: url) } throws: { error in
            let text = message(for: error)
            return text.hasPrefix("error: could not connect to") && !text.contains("hunter2") && !text.contains("\n")
        }
    }

    @Test("a URL without a scheme is named as such, password hidden")
    func urlWithoutScheme() throws {
        #expect(try exitsWith2(["diff", "--schema", "minegnk", "--database-url", "deploy:hunter2@localhost:5432/app",
                                "--dev-url", TestDatabase.shared().url()]))
        #expect { try Connection(url: "deploy:hunter2@localhost:5432/app") } throws: { error in
            message(for: error) == "error: the database URL deploy:***@localhost:5432/app has no scheme: "
                + "write postgresql://deploy:***@localhost:5432/app (postgresql://user@host:5432/dbname), or libpq's key=value form"
        }
    }

    @Test("a missing migrations directory is named, with what to do")
    func missingMigrationsDirectory() throws {
        let (url, _) = try TestDatabase.fresh()
        #expect(try exitsWith2(["status", "--database-url", url, "--migrations-dir", "/nonexistent/migrations"]))
        #expect {
            try MigrationTarget.parse(["--database-url", url, "--migrations-dir", "/nonexistent/migrations"]).migrator()
        } throws: {
            message(for: $0) == "error: no migrations directory at /nonexistent/migrations: run schemagen emit from the "
                + "package that declares the schema, or name the directory with --migrations-dir"
        }
        // By --schema, the directory is the package root's.
        let found = try MigrationTarget.parse(["--database-url", url, "--schema", "ainp"]).directory()
        #expect(found.path == "Generated/Migrations/ainp")
    }

    @Test("diff needs a schema or two databases")
    func nothingToCompare() throws {
        #expect(try exitsWith2(["diff", "--dev-url", TestDatabase.shared().url()]))
    }
}
