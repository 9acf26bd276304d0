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
        // What generated models import: exact values, rows; no I/O.
        .library(name: "SchemaGenRuntime", targets: ["SchemaGenRuntime"]),
        // A synchronous session over libpq for the generated structs.
        .library(name: "SchemaGenLibPQ", targets: ["SchemaGenLibPQ"]),
        // Exact codecs, rows by column name, async queries and migrations at start over PostgresNIO.
        .library(name: "SchemaGenPostgresNIO", targets: ["SchemaGenPostgresNIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // `swift package generate-documentation`: the DSL and runtime reference.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Connections, parameterised queries and errors over libpq.
        .target(name: "LibPQClient", dependencies: ["CLibPQ"]),
        // PostgreSQL's text form of values that the runtime and the tools both read and write.
        .target(name: "PostgresTextFormat"),
        // What generated code imports: exact value types, date-time and JSON values, rows in and out.
        .target(name: "SchemaGenRuntime", dependencies: ["PostgresTextFormat", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "SchemaGenLibPQ", dependencies: ["SchemaGenRuntime", "LibPQClient"]),
        .target(
            name: "SchemaGenPostgresNIO",
            dependencies: ["SchemaGenRuntime", "MigrationFiles", "PostgresTextFormat", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // Swift row structs from a model.
        .target(name: "SwiftGenerator", dependencies: ["MigrationFiles", "SchemaModel"]),
        // What `schemagen generate` wrote for the seed schemas, compiled by every build.
        .target(name: "GeneratedModels", dependencies: ["SchemaGenRuntime"], path: "Generated/Models"),
        .target(name: "SchemaModel"),
        // A binary form of any Codable value, for the files schemagen reads back itself.
        .target(name: "CompactCoding"),
        .target(name: "SchemaDSL", dependencies: ["SchemaModel"]),
        .target(name: "SQLRenderer", dependencies: ["Differ", "SchemaModel"]),
        .target(name: "CSpawn"),
        .target(name: "Differ", dependencies: ["SchemaModel", .product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "EmbeddedPostgres", dependencies: ["CSpawn", "LibPQClient"]),
        .target(name: "Catalog", dependencies: ["LibPQClient", "PostgresTextFormat", "SchemaModel", "SQLRenderer"]),
        // Migration files as written and read back, their statements, the history table's SQL: no I/O.
        .target(name: "MigrationFiles", dependencies: ["Differ", "SQLRenderer", "SchemaModel"]),
        // Applying and rolling back migration files, with their history.
        .target(name: "Migrator", dependencies: ["Differ", "LibPQClient", "MigrationFiles", "PostgresTextFormat", "SQLRenderer", "SchemaModel"]),
        // The one comparison pipeline, migration files and generated models: what the commands do.
        .target(
            name: "SchemaGenWorkflow",
            dependencies: ["Catalog", "CompactCoding", "Differ", "EmbeddedPostgres", "MigrationFiles", "Migrator", "LibPQClient",
                           "SQLRenderer", "SchemaModel", "SwiftGenerator"]
        ),
        // The declared schemas of the seed systems.
        .target(name: "Schemas", dependencies: ["SchemaDSL"], path: "Schema"),
        .target(
            name: "SchemaGenCLI",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "Catalog", "CSpawn", "Differ", "EmbeddedPostgres", "MigrationFiles", "Migrator", "LibPQClient", "SQLRenderer",
                "SchemaDSL", "SchemaGenWorkflow", "SchemaModel", "SwiftGenerator",
            ]
        ),
        .executableTarget(name: "schemagen", dependencies: ["SchemaGenCLI", "Schemas"]),
        .testTarget(
            name: "SchemaGenTests",
            dependencies: [
                "Catalog", "CompactCoding", "Differ", "EmbeddedPostgres", "LibPQClient", "SQLRenderer", "SchemaDSL", "SchemaModel",
                "Schemas", "SchemaGenCLI", "SchemaGenRuntime", "SchemaGenLibPQ", "SchemaGenWorkflow", "MigrationFiles", "Migrator",
                "SwiftGenerator",
                "GeneratedModels",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "BigInt", package: "BigInt"),
            ],
            exclude: ["Fixtures", "Cases", "Golden"]
        ),
        .testTarget(
            name: "SchemaGenPostgresNIOTests",
            dependencies: [
                "SchemaGenPostgresNIO", "SchemaGenRuntime", "EmbeddedPostgres", "LibPQClient", "GeneratedModels",
                "MigrationFiles", "Migrator", "SwiftGenerator",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),
    ]
)
