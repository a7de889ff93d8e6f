import TestSupport
import Testing

@testable import BedrockCore

/// The JS SDK's `[prefix name]` header rule is matched by hand on every start (a `Regex` cost an offline doctor
/// 3.5 M instructions); smithy's pattern, as the port wrote it, stays here as the oracle.
@Suite("Shared files: the JS SDK's prefixed header, against its pattern")
struct INIHeaderShapeTests {
    nonisolated(unsafe) static let pattern = #/([A-Za-z0-9_\-]+)\s(["']?)([A-Za-z0-9_\-@+.%:\/]+)\2/#

    @Test func prefixedHeadersAgreeWithThePattern() {
        var generator = SeededGenerator(seed: 20_261_128)
        let parts = [
            "profile", "sso-session", "services", "dev", " ", "  ", "\t", "\"", "'", "a.b", "x@y", "%", ":", "/", "é",
            "=", "", "-", "_1",
        ]
        var matched = 0
        for _ in 0..<30_000 {
            let header = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                parts.randomElement(using: &generator)!
            }.joined()
            let expected = header.wholeMatch(of: Self.pattern).map { "\($0.1) \($0.3)" }
            let found = JSIni.prefixedName(header).map { "\($0.prefix) \($0.name)" }
            if expected != nil { matched += 1 }
            #expect(found == expected, "\(header.debugDescription)")
        }
        #expect(matched > 200, "the generator made too few headers that match")
    }
}
