// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "schemagen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "schemagen", targets: ["schemagen"]),
        .library(name: "SchemaDSL", targets: ["SchemaDSL"]),
        // For an application's own `schemagen` executable: `SchemaGenCommand.main(schemas:)`.
        .library(name: "SchemaGenCLI", targets: ["SchemaGenCLI"]),
        .library(name: "SchemaGenRuntime", targets: ["SchemaGenRuntime"]),
        .library(name: "GeneratedModels", targets: ["GeneratedModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        // What application code imports: exact value types and rows read into generated structs.
        .target(name: "SchemaGenRuntime", dependencies: ["PostgresClient", .product(name: "BigInt", package: "BigInt")]),
        // Swift row structs from a model.
        .target(name: "SwiftGenerator", dependencies: ["SchemaModel"]),
        // What `schemagen generate` wrote for the seed schemas, compiled by every build.
        .target(name: "GeneratedModels", dependencies: ["SchemaGenRuntime"], path: "Generated/Models"),
        .target(name: "SchemaModel"),
        .target(name: "SchemaDSL", dependencies: ["SchemaModel"]),
        .target(name: "SQLRenderer", dependencies: ["Differ", "SchemaModel"]),
        .target(name: "CSpawn"),
        .target(name: "Differ", dependencies: ["SchemaModel", .product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "EmbeddedPostgres", dependencies: ["CSpawn", "PostgresClient"]),
        .target(name: "Catalog", dependencies: ["PostgresClient", "SchemaModel", "SQLRenderer"]),
        // Applying and rolling back migration files, with their history.
        .target(name: "Migrator", dependencies: ["Differ", "PostgresClient", "SQLRenderer", "SchemaModel"]),
        // The one comparison pipeline, migration files and generated models: what the commands do.
        .target(
            name: "SchemaGenWorkflow",
            dependencies: ["Catalog", "Differ", "EmbeddedPostgres", "Migrator", "PostgresClient", "SQLRenderer",
                           "SchemaModel", "SwiftGenerator"]
        ),
        // The declared schemas of the seed systems.
        .target(name: "Schemas", dependencies: ["SchemaDSL"], path: "Schema"),
        .target(
            name: "SchemaGenCLI",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "Catalog", "Differ", "EmbeddedPostgres", "Migrator", "PostgresClient", "SQLRenderer", "SchemaDSL",
                "SchemaGenWorkflow", "SchemaModel",
            ]
        ),
        .executableTarget(name: "schemagen", dependencies: ["SchemaGenCLI", "Schemas"]),
        .testTarget(
            name: "SchemaGenTests",
            dependencies: [
                "Catalog", "Differ", "EmbeddedPostgres", "PostgresClient", "SQLRenderer", "SchemaDSL", "SchemaModel",
                "Schemas", "SchemaGenCLI", "SchemaGenRuntime", "SchemaGenWorkflow", "Migrator", "SwiftGenerator",
                "GeneratedModels",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "BigInt", package: "BigInt"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
