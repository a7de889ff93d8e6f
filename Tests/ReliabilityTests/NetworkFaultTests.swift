import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// `doctor`, the whole binary, against every fault the local Bedrock fake can stage (STS is
/// moto, healthy): each run ends within its timeout with the specific diagnosis, never a
/// crash or a hang.
@Suite("Reliability: network faults", .serialized, .timeLimit(.minutes(5)))
struct NetworkFaultTests {
    static let model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    static let timeout = 3.0

    struct Outcome {
        let status: Int32
        let codes: [String]
        let seconds: Double
        let output: String
    }

    func home(moto: MotoPeer, bedrock: String) -> TestHome {
        TestHome.bedrockSetup(moto: moto, bedrock: bedrock, model: Self.model)
    }

    func doctor(_ home: TestHome, prefix: [String] = []) throws -> Outcome {
        let started = Date()
        let result: CLIResult
        if prefix.isEmpty {
            result = try home.cli(["doctor", "--json", "--timeout", String(Self.timeout)])
        } else {
            let output = home.root + "/doctor-output"
            let child = try Child(
                Array(prefix.dropFirst()) + [TestPaths.binary, "doctor", "--json", "--timeout", String(Self.timeout)],
                environment: home.processEnvironment,
                directory: home.work, outputPath: output, executable: prefix[0])
            let status = child.wait()
            result = CLIResult(
                status: status, stdout: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "", stderr: "")
        }
        let seconds = Date().timeIntervalSince(started)
        let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
        let codes = (json?["checks"] as? [[String: Any]] ?? []).filter { ($0["status"] as? String) != "ok" }.compactMap
        { $0["code"] as? String }
        return Outcome(status: result.status, codes: codes, seconds: seconds, output: result.stdout + result.stderr)
    }

    @Test func everyStagedFaultEndsInTimeWithItsDiagnosis() async throws {
        let moto = try MotoPeer.shared.get()
        let faults: [(mode: String, expected: DiagnosisCode, status: Int32)] = [
            ("iam-deny", .iamDenied, 1), ("scp-deny", .scpDenied, 1), ("model-not-enabled", .modelNotEnabled, 1),
            ("use-case-form", .useCaseFormMissing, 1), ("invalid-model", .invalidModelIdentifier, 1),
            ("legacy", .legacyModel, 1),
            ("throttle", .throttled, 0), ("server-error", .serviceError, 1), ("truncated", .malformedResponse, 1),
            ("wrong-content-type", .malformedResponse, 1), ("expired-token", .expiredToken, 1),
            ("invalid-key", .invalidKey, 1),
            ("stall", .timeout, 1), ("close", .connectFailed, 1),
        ]
        var table: [String] = []
        for fault in faults {
            let fake = try await BedrockFake.trusting(moto)
            try await fake.configure(["fail": ["*": fault.mode]])
            let outcome = try doctor(home(moto: moto, bedrock: fake.url))
            #expect(outcome.status == fault.status, "\(fault.mode): exit \(outcome.status)\n\(outcome.output)")
            #expect(
                outcome.codes.contains(fault.expected.rawValue), "\(fault.mode): \(outcome.codes)\n\(outcome.output)")
            // Bounded: a few timeouts at most (the stalled calls run at once), never a hang.
            #expect(outcome.seconds < Self.timeout * 3 + 5, "\(fault.mode) took \(outcome.seconds) s")
            #expect(!outcome.output.contains("Fatal error"))
            table.append("\(fault.mode) → \(fault.expected.rawValue) in \(Int(outcome.seconds * 1000)) ms")
        }
        print("network faults:\n  " + table.joined(separator: "\n  "))
    }

    @Test func refusedSkewedAndPaginated() async throws {
        let moto = try MotoPeer.shared.get()
        // Nobody listens on port 9.
        let refused = try doctor(home(moto: moto, bedrock: "http://127.0.0.1:9"))
        #expect(
            refused.status == 1 && refused.codes.contains(DiagnosisCode.connectFailed.rawValue), "\(refused.output)")

        // The fake's clock 16 minutes behind ours: said as clock skew, with the minutes.
        let fake = try await BedrockFake.trusting(moto)
        try await fake.configure(["server_skew_seconds": -16 * 60])
        let skewed = try doctor(home(moto: moto, bedrock: fake.url))
        #expect(skewed.status == 1 && skewed.codes.contains(DiagnosisCode.clockSkew.rawValue), "\(skewed.output)")
        #expect(skewed.output.contains("16 minutes ahead"))

        // Pages of two: the listing follows every page and the model is still found.
        let paged = try await BedrockFake.trusting(moto)
        try await paged.configure(["page_size": 2])
        let healthy = try doctor(home(moto: moto, bedrock: paged.url))
        #expect(healthy.status == 0 && healthy.codes.isEmpty, "\(healthy.output)")
        let pages = try await paged.requests().filter { ($0["path"] as? String) == "/inference-profiles" }.count
        #expect(pages >= 3, "only \(pages) pages were asked for")
    }

    /// DNS failure without sending a single query anywhere: the run is put in a network
    /// namespace of its own (unshare -rn), where no name resolves.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") && Self.canUnshare()))
    func anUnresolvableHostIsADNSFailure() throws {
        let home = TestHome()
        home.write(
            ".aws/credentials",
            "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n",
            mode: 0o600)
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev"}}"#)
        home.extraEnvironment = ["AWS_ENDPOINT_URL": "https://bedrock.bedrock-setup-test.invalid"]
        let outcome = try doctor(home, prefix: ["/usr/bin/unshare", "-rn"])
        #expect(outcome.status == 1 && outcome.codes.contains(DiagnosisCode.dnsFailure.rawValue), "\(outcome.output)")
        #expect(outcome.seconds < Self.timeout * 3 + 5)
    }

    static func canUnshare() -> Bool {
        (try? run(["unshare", "-rn", "true"])) != nil
    }
}

/// Certificate verification is always on: a local HTTPS peer with a self-made certificate is
/// refused as a TLS failure, and accepted once AWS_CA_BUNDLE names its certificate.
@Suite(
    "Reliability: TLS", .timeLimit(.minutes(3)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct TLSTests {
    @Test func anUntrustedCertificateIsATLSFailureUntilTheBundleTrustsIt() async throws {
        let peer = try PythonPeer(script: "tls_peer.py")
        let info = try JSONSerialization.jsonObject(with: Data(peer.firstLine.utf8)) as? [String: Any] ?? [:]
        let url = "https://127.0.0.1:\(info["port"] as? Int ?? 0)"
        let certificate = try #require(info["certificate"] as? String)
        defer { try? FileManager.default.removeItem(atPath: (certificate as NSString).deletingLastPathComponent) }
        let authorization = CallAuthorization.sigV4(BedrockFake.credentials)
        do {
            _ = try await makeAPI(["AWS_ENDPOINT_URL": url]).listInferenceProfiles(
                region: "us-east-1", type: "SYSTEM_DEFINED", authorization: authorization)
            Issue.record("an untrusted certificate was accepted")
        } catch {
            let diagnosis = Classifier.diagnose(error, context: DiagnosisContext(check: .identity, region: "us-east-1"))
            #expect(diagnosis.code == .tlsFailure, "\(diagnosis)")
        }
        let trusted = try await makeAPI(["AWS_ENDPOINT_URL": url, "AWS_CA_BUNDLE": certificate])
            .listInferenceProfiles(region: "us-east-1", type: "SYSTEM_DEFINED", authorization: authorization)
        #expect(trusted.isEmpty)
    }
}
