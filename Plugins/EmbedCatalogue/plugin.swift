import Foundation
import PackagePlugin

/// Compiles Sources/BedrockCore/Resources/catalogue.json into BedrockCore as a Swift string, rebuilt whenever the file
/// changes. SwiftPM's own resources (even `.embedInCode`) generate a `Bundle.module` accessor, and
/// Foundation's Bundle alone links ICU and Foundation's internationalisation into the binary:
/// 50 MB of its 80 MB (docs/benchmarks.md).
@main
struct EmbedCatalogue: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "Sources/BedrockCore/Resources/catalogue.json")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCatalogue.swift")
        return [
            .buildCommand(
                displayName: "Embedding catalogue.json", executable: try context.tool(named: "EmbedFile").url,
                arguments: [input.path, output.path, "EmbeddedCatalogue"], inputFiles: [input], outputFiles: [output])
        ]
    }
}
