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
}
