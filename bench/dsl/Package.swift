// swift-tools-version:6.0
// A schemagen of its own with the synthetic schema declared, as an application would build
// one: `SchemaGenCommand.main(schemas:)`. Its declaration is written by bench/synthetic_dsl.py.
import PackageDescription

let package = Package(
    name: "synthetic-schemagen",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "schemagen", path: "../..")],
    targets: [
        .executableTarget(
            name: "SyntheticSchemagen",
            dependencies: [
                .product(name: "SchemaDSL", package: "schemagen"),
                .product(name: "SchemaGenCLI", package: "schemagen"),
            ]
        ),
    ]
)
