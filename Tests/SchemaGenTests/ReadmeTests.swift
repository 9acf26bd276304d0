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
