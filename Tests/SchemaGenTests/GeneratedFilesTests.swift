import Foundation
import SQLRenderer
import Schemas
import Testing

/// `Generated/` holds what schemagen writes from the declared schemas; it must never be stale.
/// Run with SCHEMAGEN_RECORD=1 to rewrite it.
@Suite("Generated files")
struct GeneratedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("Generated/SQL holds each seed schema's current CREATE script", arguments: declaredSchemas.map(\.model.name))
    func createScripts(name: String) throws {
        let model = try #require(declaredSchemas.first { $0.model.name == name }).validated()
        let rendered = createStatements(for: model).script
        let file = Self.root.appendingPathComponent("Generated/SQL/\(name).sql")
        if ProcessInfo.processInfo.environment["SCHEMAGEN_RECORD"] == "1" {
            try rendered.write(to: file, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(committed == rendered, "Generated/SQL/\(name).sql is stale: run SCHEMAGEN_RECORD=1 swift test")
    }
}
