import Foundation
import TestSupport
import Testing

/// The formatter configuration (.swift-format: 120 columns, the house rules) holds for the whole tree: every source,
/// test and plugin file and the package manifest. `swift format format -i -r Sources Tests Plugins` fixes what it finds.
@Suite("Formatting")
struct FormatTests {
    @Test func theWholeTreeFollowsTheFormatterConfiguration() throws {
        let root = TestPaths.repository
        do {
            let output = try run([
                "swift", "format", "lint", "--strict", "--configuration", root + "/.swift-format", "--recursive",
                root + "/Sources", root + "/Tests", root + "/Plugins", root + "/Package.swift",
            ])
            #expect(output.isEmpty, "\(output)")
        } catch let failure as RunFailure {
            Issue.record(
                "swift format lint found lines to fix (run `swift format format -i -r` on them):\n\(failure.stderr)")
        }
    }

    /// No force unwrap and no `try!` outside the tests: the same configuration with swift-format's two rules on.
    @Test func theProductHasNoForceUnwrapOrForceTry() throws {
        let root = TestPaths.repository
        let configuration = try String(contentsOfFile: root + "/.swift-format", encoding: .utf8)
            .replacingOccurrences(of: "\"NeverForceUnwrap\": false", with: "\"NeverForceUnwrap\": true")
            .replacingOccurrences(of: "\"NeverUseForceTry\": false", with: "\"NeverUseForceTry\": true")
        #expect(
            configuration.contains("\"NeverForceUnwrap\": true") && configuration.contains("\"NeverUseForceTry\": true")
        )
        let path = NSTemporaryDirectory() + "bedrock-setup-strict-\(getpid()).swift-format"
        try configuration.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        do {
            let output = try run([
                "swift", "format", "lint", "--strict", "--configuration", path, "--recursive", root + "/Sources",
            ])
            #expect(output.isEmpty, "\(output)")
        } catch let failure as RunFailure {
            Issue.record("force unwraps or force tries in Sources:\n\(failure.stderr)")
        }
    }
}
