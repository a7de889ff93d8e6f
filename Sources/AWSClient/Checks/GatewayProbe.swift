import BedrockCore
import FoundationEssentials

/// Whether the LLM gateway Claude Code is pointed at (`ANTHROPIC_BEDROCK_BASE_URL`) answers:
/// one unauthenticated GET of its address, bounded by the run's time limit. Any HTTP answer
/// proves the address, its TLS certificate and the route to it; what the gateway then does
/// with Claude Code's calls (its own credentials, its model routes) only a real call shows.
public enum GatewayProbe {
    public static func check(_ address: String, transport: HTTPTransport, timeouts: Timeouts) async -> Diagnosis {
        let shown = ClaudeEnv.shown(ClaudeEnv.baseURL, address)
        guard let url = URL(string: address), let scheme = url.scheme, let host = url.host, !host.isEmpty else {
            return Diagnosis(
                check: .gateway, severity: .failure, code: .badValue,
                cause: "ANTHROPIC_BEDROCK_BASE_URL (\(shown)) is not an address Claude Code can call.",
                fix: "Set it to the gateway's https:// address.")
        }
        let path = url.path.isEmpty ? "/" : url.path
        let request = HTTPRequest(method: "GET", scheme: scheme, host: host, port: url.port, path: path)
        do {
            let response = try await transport.send(request, timeouts: timeouts)
            let time = "\(Int((response.elapsed * 1000).rounded())) ms"
            if response.status >= 500 {
                return Diagnosis(
                    check: .gateway, severity: .warning, code: .serviceError,
                    cause: "\(shown) answered HTTP \(response.status) in \(time): it is reachable but failing.",
                    fix: "Ask the gateway's owners; then run `claude -p hello` to check a real call.")
            }
            return .ok(
                .gateway, "\(shown) answered HTTP \(response.status) in \(time); Claude Code sends its calls under it")
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
                ? "If the gateway's certificate is from a private authority, Claude Code needs it in NODE_EXTRA_CA_CERTS"
                    + " (this check reads AWS_CA_BUNDLE)."
                : "Check ANTHROPIC_BEDROCK_BASE_URL and that the gateway is running and reachable from here."
            return Diagnosis(
                check: .gateway, severity: .failure, code: code,
                cause: "Claude Code could not reach the gateway: \(TerminalText.visible(error.description)).", fix: fix)
        } catch {
            return Diagnosis(
                check: .gateway, severity: .failure, code: .otherError,
                cause: "Claude Code could not reach the gateway \(shown): \(error).", fix: nil)
        }
    }
}
