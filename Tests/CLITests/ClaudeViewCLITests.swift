import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// Every rule of the facts page through the whole binary (`doctor --json --offline`), with
/// botocore run on the same HOMEs (one Python run for the table) as the oracle for `awsCli`.
@Suite("CLI: doctor --json says what Claude Code and the AWS CLI will do", .timeLimit(.minutes(5)))
struct ClaudeViewCLITests {
    @Test func everyRuleThroughTheBinaryAndBotocore() throws {
        let cases = ClaudeViewTable.cases
        let homes = cases.map { $0.home() }
        final class Results: @unchecked Sendable {
            var values: [CLIResult?]
            init(_ n: Int) { values = Array(repeating: nil, count: n) }
        }
        let results = Results(cases.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: cases.count) { index in
            let result = try? homes[index].cli(
                ["doctor", "--json", "--offline"], directory: cases[index].folder(homes[index]))
            lock.withLock { results.values[index] = result }
        }
        let oracle = try botocoreResolutions(homes)
        for (index, rule) in cases.enumerated() {
            let home = homes[index]
            let result = try #require(results.values[index], "\(rule.rule): doctor did not run")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                "\(rule.rule): \(result.stdout)\(result.stderr)")
            let claude = try #require(json["claudeCode"] as? [String: Any])
            #expect(rule.mismatches(claude, home: home) == [], "\(rule.rule)")
            let codes = (json["checks"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            for code in rule.codes { #expect(codes.contains(code), "\(rule.rule): \(code) in \(codes)") }
            for code in rule.absentCodes { #expect(!codes.contains(code), "\(rule.rule): no \(code) in \(codes)") }

            // The second view against botocore itself.
            let cli = try #require(json["awsCli"] as? [String: Any])
            let credentials = try #require(cli["credentials"] as? [String: Any])
            let answer = oracle[index]
            let region = (cli["region"] as? [String: Any])?["value"] as? String
            #expect(region == answer["region"] as? String, "\(rule.rule): region; botocore: \(answer)")
            // botocore supports `aws login` profiles only with an optional dependency this machine may lack.
            if answer["error"] as? String == "MissingDependencyException" { continue }
            #expect(
                credentials["source"] as? String == answer["source"] as? String,
                "\(rule.rule): source; botocore: \(answer)")
            #expect(credentials["ok"] as? Bool == answer["ok"] as? Bool, "\(rule.rule): ok; botocore: \(answer)")
            if answer["ok"] as? Bool == true {
                #expect(
                    credentials["method"] as? String == answer["method"] as? String,
                    "\(rule.rule): method; botocore: \(answer)")
                #expect(
                    credentials["profile"] as? String == answer["profile"] as? String,
                    "\(rule.rule): profile; botocore: \(answer)")
            }
        }
    }
}
