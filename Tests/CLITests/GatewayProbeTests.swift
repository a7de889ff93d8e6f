import BedrockCore
import Foundation
import TestSupport
import Testing

/// doctor with an LLM gateway (ANTHROPIC_BEDROCK_BASE_URL): the gateway's address is probed over
/// HTTP or HTTPS on 127.0.0.1, bounded by --timeout; with CLAUDE_CODE_SKIP_BEDROCK_AUTH, AWS is not called.
/// A HOME whose user settings hold `settingsEnv`, with keys in the environment. Were AWS called, it would be at
/// 127.0.0.1:9, where nothing listens: its failure would show.
func doctorHome(settingsEnv env: [String: String]) -> TestHome {
    let home = TestHome()
    let data = try! JSONSerialization.data(withJSONObject: ["env": env])
    home.write(".claude/settings.json", String(decoding: data, as: UTF8.self))
    home.extraEnvironment = [
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
    ]
    return home
}

@Suite("doctor: LLM gateway", .serialized, .timeLimit(.minutes(2)))
struct GatewayProbeTests {
    func home(gateway: String, signs: Bool = true) -> TestHome {
        var env = ["CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "ANTHROPIC_BEDROCK_BASE_URL": gateway]
        if signs { env["CLAUDE_CODE_SKIP_BEDROCK_AUTH"] = "1" }
        return doctorHome(settingsEnv: env)
    }

    func checks(_ result: CLIResult) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(json["checks"] as? [[String: Any]])
    }

    func gatewayLine(_ checks: [[String: Any]]) -> [String: Any]? {
        checks.first { $0["check"] as? String == "Gateway" }
    }

    @Test func aGatewayThatSignsIsProbedOverHTTPAndAWSIsNotCalled() async throws {
        let fake = try BedrockFake()
        // A password in the address never reaches the output.
        let gateway = "http://gw:topsecret1234@127.0.0.1:\(fake.port)/bedrock"
        let home = home(gateway: gateway)
        let result = try home.cli(["doctor", "--json", "--timeout", "5"])
        #expect(!result.stdout.contains("topsecret1234") && !result.stderr.contains("topsecret1234"))
        let checks = try checks(result)
        let line = try #require(gatewayLine(checks))
        #expect(line["status"] as? String == "ok", "\(line)")
        #expect((line["cause"] as? String)?.contains("answered HTTP") == true, "\(line)")
        #expect(!checks.contains { ["Identity", "ListInferenceProfiles"].contains($0["check"] as? String ?? "") })
        #expect(result.status == 0, "\(result.stdout)")
        let requests = try await fake.requests()
        #expect(
            requests.contains {
                ($0["path"] as? String ?? "").hasPrefix("/bedrock") && $0["method"] as? String == "GET"
            },
            "\(requests)")
    }

    /// Offline nothing is called, so the gateway is not shown as checked: the line names it, its password masked.
    @Test func offlineSaysTheGatewayWasNotChecked() throws {
        let result = try home(gateway: "http://gw:topsecret1234@127.0.0.1:9/bedrock").cli(["doctor", "--offline"])
        let line = result.stdout.split(separator: "\n").first { $0.contains("Gateway:") }.map(String.init) ?? ""
        #expect(
            line.contains("was not checked (--offline)") && line.contains("127.0.0.1:9/bedrock"), "\(result.stdout)")
        #expect(!result.stdout.contains("topsecret1234"), "\(result.stdout)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func anHTTPSGatewayIsCheckedWithItsCertificate() throws {
        let peer = try PythonPeer(script: "tls_peer.py")
        let info = try JSONSerialization.jsonObject(with: Data(peer.firstLine.utf8)) as? [String: Any] ?? [:]
        let certificate = try #require(info["certificate"] as? String)
        defer { try? FileManager.default.removeItem(atPath: (certificate as NSString).deletingLastPathComponent) }
        let home = home(gateway: "https://127.0.0.1:\(info["port"] as? Int ?? 0)")
        let untrusted = try home.cli(["doctor", "--json", "--timeout", "5"])
        let refused = try #require(gatewayLine(try checks(untrusted)))
        #expect(refused["status"] as? String == "failure" && refused["code"] as? String == "tlsFailure", "\(refused)")
        #expect((refused["fix"] as? String)?.contains("NODE_EXTRA_CA_CERTS") == true)
        #expect(untrusted.status != 0)

        let trusted = try home.cli(["doctor", "--json", "--timeout", "5"], environment: ["AWS_CA_BUNDLE": certificate])
        #expect(gatewayLine(try checks(trusted))?["status"] as? String == "ok", "\(trusted.stdout)")
    }

    @Test func aGatewayNobodyListensAtFailsNamingTheAddress() throws {
        let home = home(gateway: "http://127.0.0.1:9/bedrock")
        let result = try home.cli(["doctor", "--timeout", "3"])
        #expect(result.status != 0)
        #expect(result.stdout.contains("✗ Gateway: Claude Code could not reach the gateway"), "\(result.stdout)")
        #expect(result.stdout.contains("Check ANTHROPIC_BEDROCK_BASE_URL"))
    }
}

/// doctor with the Mantle endpoint on (CLAUDE_CODE_USE_MANTLE): the address Claude Code calls, the variable or the
/// Region's default, is probed like a gateway on 127.0.0.1, bounded by --timeout; --offline says it was not checked.
@Suite("doctor: Mantle endpoint", .serialized, .timeLimit(.minutes(2)))
struct MantleProbeTests {
    func home(mantleURL: String?) -> TestHome {
        var env = ["CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1", "CLAUDE_CODE_USE_MANTLE": "1"]
        if let mantleURL { env["ANTHROPIC_BEDROCK_MANTLE_BASE_URL"] = mantleURL }
        return doctorHome(settingsEnv: env)
    }

    func mantleLine(_ result: CLIResult) throws -> [String: Any]? {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let checks = try #require(json["checks"] as? [[String: Any]])
        return checks.first { $0["check"] as? String == "Mantle" }
    }

    @Test func aListeningMantleAddressIsProbed() async throws {
        let fake = try BedrockFake()
        let home = home(mantleURL: "http://127.0.0.1:\(fake.port)/anthropic")
        let result = try home.cli(["doctor", "--json", "--timeout", "5"])
        let line = try #require(try mantleLine(result), "\(result.stdout)")
        #expect(line["status"] as? String == "ok", "\(line)")
        #expect((line["cause"] as? String)?.contains("answered HTTP") == true, "\(line)")
        let requests = try await fake.requests()
        #expect(
            requests.contains {
                ($0["path"] as? String ?? "").hasPrefix("/anthropic") && $0["method"] as? String == "GET"
            }, "\(requests)")
    }

    @Test func aClosedPortFailsNamingTheAddressAndTheCause() throws {
        let home = home(mantleURL: "http://127.0.0.1:9/anthropic")
        let result = try home.cli(["doctor", "--timeout", "3"])
        #expect(result.status != 0)
        #expect(
            result.stdout.contains(
                "✗ Mantle: Claude Code could not reach the Mantle endpoint http://127.0.0.1:9/anthropic"),
            "\(result.stdout)")
        #expect(result.stdout.contains("Check ANTHROPIC_BEDROCK_MANTLE_BASE_URL"))
    }

    /// A listener that takes the connection and never answers: the probe gives up at --timeout and says so.
    @Test func aSilentMantleAddressTimesOutAtTheTimeLimit() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && listen(fd, 8) == 0
                    && getsockname(fd, socketAddress, &length) == 0
            }
        }
        #expect(bound)
        let port = UInt16(bigEndian: address.sin_port)
        let result = try home(mantleURL: "http://127.0.0.1:\(port)/anthropic").cli([
            "doctor", "--json", "--timeout", "2",
        ])
        let line = try #require(try mantleLine(result), "\(result.stdout)")
        #expect(line["status"] as? String == "failure" && line["code"] as? String == "timeout", "\(line)")
    }

    /// Offline nothing is called: the line names the address, the Region's default when the variable is unset.
    @Test func offlineSaysTheAddressWasNotChecked() throws {
        let result = try home(mantleURL: nil).cli(["doctor", "--offline"])
        #expect(
            result.stdout.contains(
                "Mantle: https://bedrock-mantle.eu-west-1.api.aws/anthropic was not checked (--offline)"),
            "\(result.stdout)")
        let off = TestHome()
        off.write(".claude/settings.json", #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1"}}"#)
        #expect(!(try off.cli(["doctor", "--offline"]).stdout.contains("Mantle:")))
    }
}
