import BedrockCore
import Foundation
import TestSupport
import Testing

/// doctor on application-inference-profile ARN pins: online it asks GetInferenceProfile (the Bedrock
/// fake on 127.0.0.1, signatures checked against moto's keys) and says which model is behind each pin and
/// whether `_NAME` / `_SUPPORTED_CAPABILITIES` are missing or disagree; offline it reports the labels
/// present and says the backing model was not looked up; `--json` carries the same as `arnPins`.
@Suite("CLI: doctor names ARN pins", .serialized, .timeLimit(.minutes(3)))
struct DoctorARNPinTests {
    static let opusARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/0p4s6t7e8a9m"
    static let sonnetARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6"
    static let missingARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/zzzzzzzzzzzz"
    static let opusCapabilities = "effort,max_effort,thinking,adaptive_thinking,interleaved_thinking"

    /// A healthy setup whose settings add `env` (the pins and their labels).
    func home(_ env: [String: String]) async throws -> (TestHome, BedrockFake) {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = TestHome.bedrockSetup(
            moto: moto, bedrock: fake.url, model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        var all: [String: String] = [
            "CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev",
            "ANTHROPIC_MODEL": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        ]
        all.merge(env) { $1 }
        let data = try JSONSerialization.data(withJSONObject: ["env": all], options: [.sortedKeys])
        home.write(".claude/settings.json", String(decoding: data, as: UTF8.self))
        return (home, fake)
    }

    @Test func onlineNamesTheBackingModelAndWhatIsMissingOrDisagrees() async throws {
        let (home, fake) = try await home([
            "ANTHROPIC_DEFAULT_OPUS_MODEL": Self.opusARN,
            "ANTHROPIC_DEFAULT_SONNET_MODEL": Self.sonnetARN,
            "ANTHROPIC_DEFAULT_SONNET_MODEL_NAME": "Claude Sonnet 4.5",
            "ANTHROPIC_DEFAULT_SONNET_MODEL_SUPPORTED_CAPABILITIES": "effort,thinking",
            "ANTHROPIC_DEFAULT_HAIKU_MODEL": Self.missingARN,
        ])
        defer { withExtendedLifetime(fake) {} }
        let result = try home.cli(["doctor"])
        let out = result.stdout
        #expect(
            out.contains(
                "⚠ ANTHROPIC_DEFAULT_OPUS_MODEL: …/0p4s6t7e8a9m → Claude Opus 4.6 (its backing model, anthropic.claude-opus-4-6-v1); ANTHROPIC_DEFAULT_OPUS_MODEL_NAME is missing; ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES is missing (\(Self.opusCapabilities))"
            ), "\(out)")
        #expect(out.contains("bedrock-setup apply --verify"), "\(out)")
        // A value that disagrees is named, with the backing model's value to give instead.
        #expect(
            out.contains(
                "ANTHROPIC_DEFAULT_SONNET_MODEL_SUPPORTED_CAPABILITIES is \"effort,thinking\", not thinking,interleaved_thinking"
            ), "\(out)")
        #expect(
            out.contains("--pin-capabilities ANTHROPIC_DEFAULT_SONNET_MODEL=thinking,interleaved_thinking"), "\(out)")
        // A lookup that fails is named with its diagnosis.
        #expect(
            out.contains("ANTHROPIC_DEFAULT_HAIKU_MODEL: …/zzzzzzzzzzzz: its backing model could not be looked up"),
            "\(out)")
        let asked = try await fake.requests().filter {
            ($0["path"] as? String)?.contains("inference-profiles/arn") == true
        }
        #expect(asked.count == 3, "\(asked)")

        // Labels that match: an ok line.
        let (matching, fake2) = try await self.home([
            "ANTHROPIC_DEFAULT_OPUS_MODEL": Self.opusARN, "ANTHROPIC_DEFAULT_OPUS_MODEL_NAME": "Claude Opus 4.6",
            "ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES": Self.opusCapabilities,
        ])
        defer { withExtendedLifetime(fake2) {} }
        let ok = try matching.cli(["doctor"])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(
            ok.stdout.contains(
                "✓ ANTHROPIC_DEFAULT_OPUS_MODEL: …/0p4s6t7e8a9m → Claude Opus 4.6 (its backing model, anthropic.claude-opus-4-6-v1); _NAME and _SUPPORTED_CAPABILITIES match it"
            ), "\(ok.stdout)")
    }

    @Test func offlineReportsTheLabelsPresentAndLooksNothingUp() async throws {
        let (home, fake) = try await home([
            "ANTHROPIC_DEFAULT_OPUS_MODEL": Self.opusARN, "ANTHROPIC_DEFAULT_OPUS_MODEL_NAME": "Claude Opus 4.6",
            "ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES": Self.opusCapabilities,
            "ANTHROPIC_DEFAULT_SONNET_MODEL": Self.sonnetARN,
        ])
        defer { withExtendedLifetime(fake) {} }
        let result = try home.cli(["doctor", "--offline"])
        #expect(
            result.stdout.contains(
                "✓ ANTHROPIC_DEFAULT_OPUS_MODEL: …/0p4s6t7e8a9m: ANTHROPIC_DEFAULT_OPUS_MODEL_NAME \"Claude Opus 4.6\", ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES \(Self.opusCapabilities); its backing model was not looked up (--offline)."
            ), "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "⚠ ANTHROPIC_DEFAULT_SONNET_MODEL: …/a1b2c3d4e5f6 has no ANTHROPIC_DEFAULT_SONNET_MODEL_NAME or _SUPPORTED_CAPABILITIES"
            ), "\(result.stdout)")
        let asked = try await fake.requests().filter { ($0["path"] as? String)?.contains("inference-profiles") == true }
        #expect(asked.isEmpty, "\(asked)")
    }

    @Test func jsonCarriesEachPinOnlineAndOffline() async throws {
        let (home, fake) = try await home([
            "ANTHROPIC_DEFAULT_OPUS_MODEL": Self.opusARN, "ANTHROPIC_DEFAULT_OPUS_MODEL_NAME": "Team Opus",
        ])
        defer { withExtendedLifetime(fake) {} }
        func pins(_ arguments: [String]) throws -> [[String: Any]] {
            let result = try home.cli(arguments)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try #require(json["arnPins"] as? [[String: Any]])
        }
        let online = try pins(["doctor", "--json"])
        #expect(online.count == 1)
        let pin = try #require(online.first)
        #expect(pin["variable"] as? String == "ANTHROPIC_DEFAULT_OPUS_MODEL")
        #expect(pin["arn"] as? String == Self.opusARN)
        #expect(pin["name"] as? String == "Team Opus")
        #expect(pin["capabilities"] is NSNull)
        #expect(pin["lookedUp"] as? Bool == true)
        let backing = try #require(pin["backingModel"] as? [String: Any])
        #expect(backing["id"] as? String == "anthropic.claude-opus-4-6-v1")
        #expect(backing["name"] as? String == "Claude Opus 4.6")
        #expect(backing["capabilities"] as? String == Self.opusCapabilities)
        #expect(
            pin["disagreements"] as? [String] == [
                "ANTHROPIC_DEFAULT_OPUS_MODEL_NAME is \"Team Opus\", not Claude Opus 4.6",
                "ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES is missing (\(Self.opusCapabilities))",
            ])

        let offline = try #require(try pins(["doctor", "--offline", "--json"]).first)
        #expect(offline["lookedUp"] as? Bool == false)
        #expect(offline["backingModel"] is NSNull)
        #expect(offline["name"] as? String == "Team Opus")
    }
}
