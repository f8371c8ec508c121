// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "BanditKit",
    platforms: [.macOS(.v15)],
    products: [
        // Public API: what a service or a research script depends on.
        .library(name: "Bandits", targets: ["Bandits"]),
        .library(name: "BanditCore", targets: ["BanditCore"]),
        .library(name: "BanditPolicies", targets: ["BanditPolicies"]),
        .library(name: "BanditSimulation", targets: ["BanditSimulation"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        // Embedding in a service: thread-safe decisions, snapshots, merging (no HTTP stack).
        .library(name: "BanditRuntime", targets: ["BanditRuntime"]),
        // Executables.
        .executable(name: "bandit", targets: ["bandit"]),
        .executable(name: "bandit-bench", targets: ["BanditBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: Implementation details
        .systemLibrary(
            name: "COpenBLAS",
            path: "Sources/COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // Fused AVX2/FMA kernels chosen at run time (no build flags: see TriangularScores.c).
        .target(name: "CLinearKernels"),
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS", "CLinearKernels"]),
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        .target(name: "LinearProgramming", dependencies: ["CGLPK"]),

        // MARK: Public API
        .target(
            name: "BanditCore",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(name: "BanditPolicies", dependencies: ["BanditCore", "LinearAlgebra", "LinearProgramming"]),
        .target(
            name: "BanditSimulation",
            dependencies: ["BanditCore", "BanditPolicies", "LinearAlgebra", "LinearProgramming", "Yams"]
        ),
        .target(name: "BanditRuntime", dependencies: ["BanditCore", "BanditPolicies"]),
        .target(
            name: "Bandits",
            dependencies: ["BanditCore", "BanditPolicies", "BanditSimulation", "LinearAlgebra", "LinearProgramming", "BanditRuntime"]
        ),

        // MARK: Executables
        .executableTarget(
            name: "bandit",
            dependencies: [
                "Bandits",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "BanditBenchmarks",
            dependencies: ["Bandits"],
            path: "Benchmarks/BanditBenchmarks"
        ),
        .executableTarget(
            name: "embedded-service-example",
            dependencies: ["BanditCore", "BanditPolicies", "BanditRuntime"],
            path: "Examples/EmbeddedService"
        ),

        // MARK: Tests (one per module, mirroring Sources/)
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "BanditCoreTests", dependencies: ["BanditCore"]),
        .testTarget(name: "BanditPoliciesTests", dependencies: ["BanditPolicies"]),
        .testTarget(name: "BanditSimulationTests", dependencies: ["BanditSimulation", "BanditPolicies"]),
        .testTarget(name: "banditTests", dependencies: ["bandit"]),
        .testTarget(
            name: "BanditRuntimeTests",
            dependencies: ["BanditRuntime", "BanditPolicies", "LinearAlgebra"],
            exclude: ["Fixtures"]
        ),
    ]
)
