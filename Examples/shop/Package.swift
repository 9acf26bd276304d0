// swift-tools-version:6.0
// An application's own package: its declarations, and a schemagen executable that knows them.
import PackageDescription

let package = Package(
    name: "shop",
    platforms: [.macOS(.v13)],
    dependencies: [
        // In an application: .package(url: "https://github.com/<owner>/schemagen", from: "<version>")
        .package(name: "schemagen", path: "../.."),
    ],
    targets: [
        .target(name: "ShopSchema", dependencies: [.product(name: "SchemaDSL", package: "schemagen")]),
        .executableTarget(
            name: "shop-schemagen",
            dependencies: ["ShopSchema", .product(name: "SchemaGenCLI", package: "schemagen")]
        ),
    ]
)
