import Foundation
import Migrator
import SQLRenderer
import SchemaGenWorkflow
import Schemas
import SwiftGenerator
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
        let rendered = try TestDatabase.createScript(model)
        let file = Self.root.appendingPathComponent("Generated/SQL/\(name).sql")
        if ProcessInfo.processInfo.environment["SCHEMAGEN_RECORD"] == "1" {
            try rendered.write(to: file, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(committed == rendered, "Generated/SQL/\(name).sql is stale: run SCHEMAGEN_RECORD=1 swift test")
    }

    @Test("Generated/Migrations holds each seed schema's migrations, and they give the declaration",
          arguments: declaredSchemas.map(\.model.name))
    func migrations(name: String) throws {
        let model = try #require(declaredSchemas.first { $0.model.name == name }).validated()
        let directory = MigrationDirectory(path: Self.root.appendingPathComponent("Generated/Migrations/\(name)").path)
        #expect(!directory.migrations.isEmpty)
        let left = try TestDatabase.compare(.migrations(directory, upTo: nil), .declaration(model)).plan.changes.map(\.summary)
        #expect(left == [], "Generated/Migrations/\(name) is stale: run schemagen emit --schema \(name) --name <what changed>")
        let sums = try String(contentsOfFile: directory.path + "/" + MigrationDirectory.checksumFile, encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        #expect(Set(sums.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }) == Set(files))
    }

    @Test("Generated/Models holds each seed schema's current Swift models", arguments: declaredSchemas.map(\.model.name))
    func models(name: String) throws {
        let model = try #require(declaredSchemas.first { $0.model.name == name }).validated()
        try Self.expectCurrent(generatedModels(model, server: TestDatabase.server()), in: "Generated/Models")
    }

    @Test("The type-coverage models the runtime tests compile are current")
    func typeCoverageModels() throws {
        let model = try typeCoverage.validated()
        try Self.expectCurrent(generatedModels(model, server: TestDatabase.server()), in: "Tests/SchemaGenTests/Generated")
    }

    @Test("Generating twice gives byte-identical files")
    func deterministic() throws {
        let model = try computePools.validated()
        #expect(try generatedModels(model, server: TestDatabase.server()) == generatedModels(model, server: TestDatabase.server()))
    }

    /// Every generated file is on disk with the same bytes, and the namespace folder holds no other.
    static func expectCurrent(_ files: [GeneratedFile], in directory: String) throws {
        let base = root.appendingPathComponent(directory).path
        if ProcessInfo.processInfo.environment["SCHEMAGEN_RECORD"] == "1" { _ = try writeModels(files, to: base) }
        for file in files {
            let committed = try? String(contentsOfFile: base + "/" + file.path, encoding: .utf8)
            #expect(committed == file.contents, "\(directory)/\(file.path) is stale: run SCHEMAGEN_RECORD=1 swift test")
        }
        let folder = (files[0].path as NSString).deletingLastPathComponent
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: base + "/" + folder).map { folder + "/" + $0 })
        #expect(onDisk == Set(files.map(\.path)), "\(directory)/\(folder) holds files that are no longer generated")
    }
}
