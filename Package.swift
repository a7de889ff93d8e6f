// swift-tools-version:6.0
import PackageDescription

// Dependencies point inward: the executable wires adapters (AWSClient, NcursesTerminal) around
// a pure core (BedrockCore) and a pure wizard (WizardFlow, WizardUI). Only adapters import C.
let package = Package(
    name: "bedrock-setup",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bedrock-setup", targets: ["bedrock-setup"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries, each with only the shims Swift cannot express itself.
        .systemLibrary(
            name: "CNcurses", path: "Sources/CNcurses", pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]),
        // libcurl is loaded with dlopen on the first request (docs/benchmarks.md): only its headers
        // are needed to build (libcurl4-openssl-dev, from scripts/bootstrap).
        // One dlopen-and-bind routine for the three libraries loaded on first use.
        .target(name: "CLibraryLoader", path: "Sources/CLibraryLoader", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CCurl", dependencies: ["CLibraryLoader"], path: "Sources/CCurl"),
        // libcrypto likewise, on the first digest (libssl-dev for its headers, from scripts/bootstrap).
        .target(name: "COpenSSL", dependencies: ["CLibraryLoader"], path: "Sources/COpenSSL"),
        // libc calls Swift cannot make (variadic prctl): turning core dumps off.
        .systemLibrary(name: "CProcess", path: "Sources/CProcess"),
        // libqrencode is loaded with dlopen too, on the first QR code (only the wizard's sign-in
        // screen draws one); its header comes from libqrencode-dev.
        .target(name: "CQRencode", dependencies: ["CLibraryLoader"], path: "Sources/CQRencode"),

        // The config core: FoundationEssentials only. The EmbedCatalogue plugin compiles its bundled
        // catalogue (Resources/catalogue.json) in: SwiftPM resources would link Foundation's Bundle,
        // and with it ICU (docs/benchmarks.md).
        .target(name: "BedrockCore", path: "Sources/BedrockCore", exclude: ["Resources"], plugins: ["EmbedCatalogue"]),
        .executableTarget(name: "EmbedFile", path: "Sources/EmbedFile"),
        .plugin(
            name: "EmbedCatalogue", capability: .buildTool(), dependencies: ["EmbedFile"],
            path: "Plugins/EmbedCatalogue"),

        .target(
            name: "AWSClient",
            dependencies: ["BedrockCore", "CCurl", "COpenSSL", .product(name: "Logging", package: "swift-log")],
            path: "Sources/AWSClient"),
        .target(name: "QRCode", dependencies: ["CQRencode"], path: "Sources/QRCode"),
        .target(name: "WizardFlow", dependencies: ["BedrockCore"], path: "Sources/WizardFlow"),
        .target(name: "WizardUI", dependencies: ["WizardFlow", "BedrockCore"], path: "Sources/WizardUI"),
        .target(
            name: "NcursesTerminal", dependencies: ["WizardUI", "CNcurses"],
            path: "Sources/NcursesTerminal"),
        .executableTarget(
            name: "bedrock-setup",
            dependencies: [
                "BedrockCore", "AWSClient", "WizardFlow", "WizardUI", "NcursesTerminal", "CProcess", "QRCode",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/bedrock-setup"),

        // Test-only helpers: throw-away HOMEs, subprocess runs, the Python peers on loopback.
        .target(name: "TestSupport", dependencies: ["AWSClient", "BedrockCore"], path: "Tests/TestSupport"),
        .testTarget(
            name: "BedrockCoreTests", dependencies: ["BedrockCore", "TestSupport"], path: "Tests/BedrockCoreTests"),
        .testTarget(
            name: "AWSClientTests", dependencies: ["AWSClient", "BedrockCore", "TestSupport"],
            path: "Tests/AWSClientTests"),
        .testTarget(
            name: "WizardTests",
            dependencies: ["WizardFlow", "WizardUI", "BedrockCore", "AWSClient", "QRCode", "TestSupport"],
            path: "Tests/WizardTests",
            exclude: ["Snapshots"]),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "bedrock-setup", "BedrockCore", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tests/CLITests"),
        // Evidence of reliability and security: faults, kills, hostile input, secrets (docs/reliability.md).
        .testTarget(
            name: "ReliabilityTests", dependencies: ["bedrock-setup", "AWSClient", "BedrockCore", "TestSupport"],
            path: "Tests/ReliabilityTests", exclude: ["print-credentials.sh"]),
        .testTarget(
            name: "BindingsTests",
            dependencies: ["AWSClient", "NcursesTerminal", "QRCode", "CCurl", "COpenSSL", "CNcurses"],
            path: "Tests/BindingsTests"),
    ]
)
