// swift-tools-version:6.0
import PackageDescription

/// Slotscope: a terminal inspector for Redis Cluster and Redis Sentinel.
/// Layout and import rules: see `../shared/design/architecture.md` and README.md.
let package = Package(
    name: "Slotscope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "slotscope", targets: ["slotscope"]),
        .executable(name: "slotscope-bench", targets: ["slotscope-bench"]),
        .library(name: "RESP", targets: ["RESP"]),
        .library(name: "Wire", targets: ["Wire"]),
        .library(name: "Sandbox", targets: ["Sandbox"]),
        .library(name: "ClusterModel", targets: ["ClusterModel"]),
        .library(name: "UI", targets: ["UI"]),
        .library(name: "Terminal", targets: ["Terminal"]),
        .library(name: "Screens", targets: ["Screens"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries named by the user's design card.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw",
                       providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),
        // hiredis is linked only into the benchmark, as the peer to measure against.
        .systemLibrary(name: "CHiredis", path: "Sources/CHiredis",
                       providers: [.apt(["libhiredis-dev"])]),

        .target(name: "RESP"),
        .target(name: "Wire", dependencies: ["RESP", "COpenSSL"]),
        // Pure typed model of a cluster: parsers, snapshot, diff, health rules. No I/O.
        .target(name: "ClusterModel", dependencies: ["RESP"]),
        .target(name: "Sandbox", dependencies: ["Wire", "RESP"],
                resources: [.copy("Configs")]),
        // Commands, flags and their wiring; a library so tests can reach it. The interactive
        // app loop (CLI/TUI) is the only code here that imports Terminal.
        .target(name: "CLI", dependencies: [
            "RESP", "Wire", "Sandbox", "ClusterModel", "Operations", "UI", "Screens", "Terminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "Operations", dependencies: ["ClusterModel", "Wire", "RESP"]),
        .executableTarget(name: "slotscope", dependencies: ["CLI"]),
        // Views, layout and key bindings drawn into a cell grid: pure, no curses, no I/O.
        .target(name: "UI"),
        // The inspector's screens, state and key map over cluster snapshots: pure, like UI.
        .target(name: "Screens", dependencies: ["UI", "ClusterModel"]),
        // The ncursesw driver: the only code that imports CNcursesw.
        .target(name: "Terminal", dependencies: ["UI", "CNcursesw"]),
        // A tiny full-screen program that TerminalTests drive in tmux to prove the driver.
        .executableTarget(name: "slotscope-tui-check", dependencies: ["UI", "Terminal"]),
        .executableTarget(name: "slotscope-bench", dependencies: [
            "RESP", "Wire", "Sandbox", "CHiredis", "ClusterModel", "Operations", "UI", "Screens", "Terminal",
        ]),

        // Test helpers shared by the test targets: text snapshots, tmux sessions, clean spawns.
        .target(name: "TestSupport", dependencies: ["Sandbox", "Wire", "RESP", "ClusterModel"], path: "Tests/TestSupport"),

        .testTarget(name: "RESPTests", dependencies: ["RESP"],
                    resources: [.copy("Fixtures"), .copy("FuzzRegressions")]),
        .testTarget(name: "WireTests", dependencies: ["Wire", "RESP", "COpenSSL"]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "Wire", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "ClusterModel", "TestSupport"], resources: [.copy("SentinelReplies")]),
        .testTarget(name: "OperationsTests", dependencies: ["Operations", "ClusterModel", "Wire", "Sandbox", "RESP", "TestSupport"]),
        .testTarget(name: "ClusterModelTests", dependencies: ["ClusterModel", "RESP"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SentinelModelTests", dependencies: ["ClusterModel", "RESP"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "UITests", dependencies: ["UI", "TestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "ScreensTests", dependencies: ["Screens", "UI", "ClusterModel", "RESP", "TestSupport"],
                    exclude: ["__Snapshots__"], resources: [.copy("SentinelReplies")]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "slotscope-tui-check", "TestSupport"]),
        // The real slotscope binary in tmux against real loopback clusters.
        .testTarget(name: "AppEndToEndTests", dependencies: ["Sandbox", "TestSupport", "slotscope", "Wire", "RESP"]),
        .testTarget(name: "IntegrationTests", dependencies: ["Wire", "Sandbox", "RESP", "ClusterModel", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
