import Testing
import TestSupport

/// The formatter configuration (.swift-format: 120 columns) holds for the wizard's targets. The
/// rest of the tree follows when it is reformatted as a whole.
@Suite("Formatting")
struct FormatTests {
    @Test func theWizardTargetsFollowTheFormatterConfiguration() throws {
        let root = TestPaths.repository
        do {
            let output = try run(["swift", "format", "lint", "--strict", "--configuration", root + "/.swift-format", "--recursive",
                                  root + "/Sources/WizardFlow", root + "/Sources/WizardUI", root + "/Sources/NcursesTerminal"])
            #expect(output.isEmpty, "\(output)")
        } catch let failure as RunFailure {
            Issue.record("swift format lint found lines to fix (run `swift format format -i -r` on them):\n\(failure.stderr)")
        }
    }
}
