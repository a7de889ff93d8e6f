import BedrockCore
import FoundationEssentials

/// Whether an address Claude Code calls instead of Bedrock's own answers: the LLM gateway
/// (`ANTHROPIC_BEDROCK_BASE_URL`) or the Mantle endpoint (`ANTHROPIC_BEDROCK_MANTLE_BASE_URL`, or
/// the Region's default). One unauthenticated GET of the address, bounded by the run's time limit.
/// Any HTTP answer proves the address, its TLS certificate and the route to it; what the server
/// then does with Claude Code's calls (credentials, model routes) only a real call shows.
public enum GatewayProbe {
    /// What is probed: the line it reports on, the variable that sets the address, how to name it.
    public struct Target: Sendable {
        public let check: Check
        public let variable: String
        public let name: String
        /// Where to look when it cannot be reached.
        public let fix: String

        public static let gateway = Target(
            check: .gateway, variable: ClaudeEnv.baseURL, name: "the gateway",
            fix: "Check ANTHROPIC_BEDROCK_BASE_URL and that the gateway is running and reachable from here.")
        public static let mantle = Target(
            check: .mantle, variable: ClaudeEnv.mantleBaseURL, name: "the Mantle endpoint",
            fix:
                "Check ANTHROPIC_BEDROCK_MANTLE_BASE_URL (unset: the Region's bedrock-mantle address), that Mantle is"
                + " offered in the Region, and the route from here (HTTPS_PROXY).")
    }

    public static func check(
        _ address: String, target: Target = .gateway, transport: HTTPTransport, timeouts: Timeouts
    ) async -> Diagnosis {
        let shown = ClaudeEnv.shown(target.variable, address)
        guard let url = URL(string: address), let scheme = url.scheme, let host = url.host, !host.isEmpty else {
            return Diagnosis(
                check: target.check, severity: .failure, code: .badValue,
                cause: "\(target.variable) (\(shown)) is not an address Claude Code can call.",
                fix: "Set it to the https:// address of \(target.name).")
        }
        let path = url.path.isEmpty ? "/" : url.path
        let request = HTTPRequest(method: "GET", scheme: scheme, host: host, port: url.port, path: path)
        do {
            let response = try await transport.send(request, timeouts: timeouts)
            let time = "\(Int((response.elapsed * 1000).rounded())) ms"
            if response.status >= 500 {
                return Diagnosis(
                    check: target.check, severity: .warning, code: .serviceError,
                    cause: "\(shown) answered HTTP \(response.status) in \(time): it is reachable but failing.",
                    fix: "Ask the owners of \(target.name); then run `claude -p hello` to check a real call.")
            }
            return .ok(
                target.check,
                "\(shown) answered HTTP \(response.status) in \(time); Claude Code sends its calls under it")
        } catch let error as TransportError {
            let code: DiagnosisCode =
                switch error {
                case .dnsFailure: .dnsFailure
                case .connectionRefused, .connectFailed, .connectionDropped: .connectFailed
                case .tlsFailure: .tlsFailure
                case .proxyFailure: .proxyFailure
                case .timedOut: .timeout
                default: .otherError
                }
            let fix =
                code == .tlsFailure
                ? "If the certificate of \(target.name) is from a private authority, Claude Code needs it in"
                    + " NODE_EXTRA_CA_CERTS (this check reads AWS_CA_BUNDLE)."
                : target.fix
            return Diagnosis(
                check: target.check, severity: .failure, code: code,
                cause:
                    "Claude Code could not reach \(target.name) \(shown): \(TerminalText.visible(error.description)).",
                fix: fix)
        } catch {
            return Diagnosis(
                check: target.check, severity: .failure, code: .otherError,
                cause: "Claude Code could not reach \(target.name) \(shown): \(error).", fix: nil)
        }
    }
}
