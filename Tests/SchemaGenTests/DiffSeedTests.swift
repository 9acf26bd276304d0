import ArgumentParser
import Catalog
import Differ
@testable import SchemaGenCLI
import SchemaModel
import Schemas
import Testing

@Suite("Diffing the seed schemas")
struct DiffSeedTests {
    @Test("zero false drift: the emitted up migration applied to an empty database diffs to nothing",
          arguments: declaredSchemas.map(\.model.name))
    func zeroFalseDrift(name: String) throws {
        let declared = try #require(declaredSchemas.first { $0.model.name == name }).validated()
        let (url, _) = try TestDatabase.fresh()
        let directory = Migrations.temporaryDirectory()
        let files = try Migrations.emit(declared, name: "initial", into: directory, from: url)
        #expect(try String(contentsOfFile: files.first { $0.hasSuffix(".up.sql") }!, encoding: .utf8)
            .components(separatedBy: ";\n").count > 10)
        try Migrations.migrator(url, directory).migrate()
        #expect(try TestDatabase.remaining(url, .declaration(declared)) == [])

        // The CLI says the same: no output, exit status 0.
        var command = try CLI.parse(
            ["diff", "--schema", name, "--database-url", url, "--dev-url", try TestDatabase.shared().url(), "--exit-code"])
        try command.run()
    }

    @Test("from empty and back to empty", arguments: declaredSchemas.map(\.model.name))
    func createAndDropEverything(name: String) throws {
        let declared = try #require(declaredSchemas.first { $0.model.name == name }).validated()
        try RoundTrip.check(from: DatabaseModel(), to: declared)
    }

    @Test("diff --exit-code exits with 1 when the database differs")
    func exitCodeOnDrift() throws {
        let (url, _) = try TestDatabase.fresh()
        var command = try CLI.parse(
            ["diff", "--schema", "minegnk", "--database-url", url, "--dev-url", try TestDatabase.shared().url(),
             "--exit-code", "--format", "json"])
        #expect { try command.run() } throws: { ($0 as? ExitCode)?.rawValue == 1 }
    }
}

