// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pools-api",
    platforms: [.macOS(.v14)],
    dependencies: [
        // In your package: .package(url: "https://github.com/schemagen/schemagen", from: "0.1.0"),
        .package(name: "schemagen", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // What `schemagen generate --schema compute_pools` writes: row structs and enums.
        .target(
            name: "PoolModels",
            dependencies: [.product(name: "SchemaGenRuntime", package: "schemagen")],
            path: "Generated/Models"
        ),
        // The HTTP API over the generated structs, and the migrations it applies at start.
        .target(
            name: "PoolsAPI",
            dependencies: [
                "PoolModels",
                .product(name: "SchemaGenPostgresNIO", package: "schemagen"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(name: "pools-api", dependencies: ["PoolsAPI"]),
        .testTarget(
            name: "PoolsAPITests",
            dependencies: ["PoolsAPI", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
    ]
)
