// swift-tools-version: 6.2
// `bandit serve`: the HTTP service hosting named bandits, in its own package so that a
// service depending only on BanditKit's library products never resolves or builds
// Hummingbird, SwiftNIO or GRDB. See the README, section "Embedding in a service".
import PackageDescription

let package = Package(
    name: "BanditServer",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bandit-server", targets: ["bandit-server"]),
        .library(name: "BanditServer", targets: ["BanditServer"]),
    ],
    dependencies: [
        .package(name: "BanditKit", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "BanditServer",
            dependencies: [
                .product(name: "BanditRuntime", package: "BanditKit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "bandit-server",
            dependencies: ["BanditServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "BanditServerTests",
            dependencies: [
                "BanditServer",
                .product(name: "BanditPolicies", package: "BanditKit"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
