/// A name Claude Code accepts in `ANTHROPIC_DEFAULT_{FABLE,OPUS,SONNET,HAIKU}_MODEL_SUPPORTED_CAPABILITIES`
/// (its `ModelCapabilityOverride` type, utils/model/modelSupportOverrides.ts): the list is read
/// comma-separated, trimmed and lower-cased, and applies only while the model in use is that tier's pin.
/// In the order Claude Code declares them, which is also the order the tool writes them.
public enum ModelCapability: String, CaseIterable, Sendable {
    case effort
    case maxEffort = "max_effort"
    case xhighEffort = "xhigh_effort"
    case thinking
    case adaptiveThinking = "adaptive_thinking"
    case interleavedThinking = "interleaved_thinking"
    case contextManagement = "context_management"
    case claudeCodeBeta = "claude_code_beta"
    case structuredOutputs = "structured_outputs"
    case leanPrompt = "lean_prompt"

    /// "effort, max_effort, …", for messages.
    public static var vocabulary: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The names in a `_SUPPORTED_CAPABILITIES` value as Claude Code reads them (trimmed, lower-cased,
    /// empty items dropped), split into the known and the unknown.
    public static func parse(_ list: String) -> (known: [ModelCapability], unknown: [String]) {
        var known: [ModelCapability] = []
        var unknown: [String] = []
        for item in list.split(separator: ",") {
            let name = item.trimmingSpaces().lowercased()
            if name.isEmpty { continue }
            if let capability = ModelCapability(rawValue: name) {
                known.append(capability)
            } else {
                unknown.append(name)
            }
        }
        return (known, unknown)
    }

    /// The comma-separated value Claude Code reads, in declaration order.
    public static func list(_ capabilities: some Sequence<ModelCapability>) -> String {
        let set = Set(capabilities)
        return allCases.filter(set.contains).map(\.rawValue).joined(separator: ",")
    }
}
