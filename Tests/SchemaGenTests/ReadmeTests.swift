import Foundation
import Testing

/// The README's own-package example is the package CI builds and runs.
@Suite("README")
struct ReadmeTests {
    @Test("the Package.swift and main.swift the README shows are Examples/shop's, byte for byte")
    func ownPackageExample() throws {
        let root = GeneratedFilesTests.root
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for file in ["Examples/shop/Package.swift", "Examples/shop/Sources/shop-schemagen/main.swift"] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(readme.contains("```swift\n" + text + "```\n"), "README.md does not show \(file) as it is")
        }
    }
}

/// The DSL reference's examples are valid declarations that PostgreSQL creates.
@Suite("DSL reference examples")
struct ReferenceExampleTests {
    @Test("each example validates and is created in a scratch database", arguments: referenceExamples.map(\.model.name))
    func created(name: String) throws {
        let example = try #require(referenceExamples.first { $0.model.name == name })
        let realised = try TestDatabase.dev().realise(try example.validated())
        #expect(realised.tables.count == example.model.tables.count)
        #expect(realised.views.flatMap(\.triggers).map(\.name).sorted()
            == example.model.views.flatMap(\.triggers).map(\.name).sorted())
    }

    @Test("the runtime examples give what the reference says")
    func runtimeExamples() throws {
        let exact = try exactValuesExample()
        #expect(exact == ["115792089237316195423570985008687907853269984665640564039457584007913129639935",
                          "1000000000000000000", "21000.00300000", "true"])
        let times = dateTimeExample()
        #expect(times[1] == "2026-12-01 08:30:00.123456+00" && times[2] == "2026-12-01" && times[3] == "infinity")
        #expect(jsonExample().contains(#""price":0.10"#))
    }

    @Test("every Swift block of the reference articles is in ReferenceExamples.swift, which the suite compiles")
    func blocksAreCompiled() throws {
        let root = GeneratedFilesTests.root
        let examples = try String(contentsOf: root.appendingPathComponent("Tests/SchemaGenTests/ReferenceExamples.swift"), encoding: .utf8)
        var blocks = 0
        for catalog in ["Sources/SchemaDSL/SchemaDSL.docc", "Sources/SchemaGenRuntime/SchemaGenRuntime.docc"]
            .map(root.appendingPathComponent)
        {
            for file in try FileManager.default.contentsOfDirectory(atPath: catalog.path) where file.hasSuffix(".md") {
                let text = try String(contentsOf: catalog.appendingPathComponent(file), encoding: .utf8)
                for block in text.components(separatedBy: "```swift\n").dropFirst() {
                    let code = block.components(separatedBy: "```")[0]
                    #expect(examples.contains(code), "\(file): a block is not in ReferenceExamples.swift:\n\(code)")
                    blocks += 1
                }
            }
        }
        #expect(blocks >= referenceExamples.count + 3)
    }
}
