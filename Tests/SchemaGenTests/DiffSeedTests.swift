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
        let dev = try RoundTrip.dev()
        let (url, connection) = try TestDatabase.fresh()
        let up = try Comparison(declared: declared, current: DatabaseModel(), dev: dev).up
        #expect(up.changes.count > 10)
        try execute(up, on: connection)
        let after = try Comparison(declared: declared, current: liveModel(url: url, dev: dev), dev: dev).up
        #expect(after.changes.map(\.summary) == [])

        // The CLI says the same: no output, exit status 0.
        var command = try SchemaGenCommand.parseAsRoot(
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
        var command = try SchemaGenCommand.parseAsRoot(
            ["diff", "--schema", "minegnk", "--database-url", url, "--dev-url", try TestDatabase.shared().url(),
             "--exit-code", "--format", "json"])
        #expect { try command.run() } throws: { ($0 as? ExitCode)?.rawValue == 1 }
    }
}

