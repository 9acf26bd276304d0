// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "shop",
    platforms: [.macOS(.v13)],
    dependencies: [
        // In your package: .package(url: "https://github.com/schemagen/schemagen", from: "0.1.0"),
        .package(name: "schemagen", path: "../.."),
    ],
    targets: [
        // The declarations: tables, enums, views.
        .target(name: "ShopSchema", dependencies: [.product(name: "SchemaDSL", package: "schemagen")]),
        // Your schemagen command: `swift run shop-schemagen diff --schema shop` and so on.
        .executableTarget(
            name: "shop-schemagen",
            dependencies: ["ShopSchema", .product(name: "SchemaGenCLI", package: "schemagen")]
        ),
        // What `shop-schemagen generate --schema shop` writes: row structs and enums.
        .target(
            name: "ShopModels",
            dependencies: [.product(name: "SchemaGenRuntime", package: "schemagen")],
            path: "Generated/Models"
        ),
        // The application, using the generated structs.
        .executableTarget(
            name: "shop-app",
            dependencies: ["ShopModels", .product(name: "SchemaGenLibPQ", package: "schemagen")]
        ),
    ]
)
