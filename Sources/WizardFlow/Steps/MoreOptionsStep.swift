import BedrockCore

/// More options, a detour from Models: the Bedrock settings Claude Code reads beyond Region,
/// credentials and models (service tier, Guardrails, an LLM gateway, the Mantle endpoint, prompt
/// caching, the prefix of Claude Code's default models, `modelOverrides`). Enter checks them with the
/// core's validator and keeps them; Esc leaves them as they were. Values it has no row for (display
/// names of ARN pins) are kept as they are.
public struct MoreOptionsStep: StepFlow {
    public enum Row: Int, CaseIterable, Sendable {
        case serviceTier, guardrailId, guardrailVersion, gatewayURL, gatewaySigns
        case mantle, mantleURL, mantleSigns, promptCaching, regionPrefix, modelOverrides, apply

        public var label: String {
            switch self {
            case .serviceTier: "Service tier"
            case .guardrailId: "Guardrail ID"
            case .guardrailVersion: "Guardrail version"
            case .gatewayURL: "LLM gateway URL"
            case .gatewaySigns: "Gateway signs"
            case .mantle: "Mantle endpoint"
            case .mantleURL: "Mantle URL"
            case .mantleSigns: "Skip Mantle auth"
            case .promptCaching: "Prompt caching"
            case .regionPrefix: "Region prefix"
            case .modelOverrides: "Model overrides"
            case .apply: "[ Apply ]"
            }
        }

        public var isText: Bool { [.guardrailId, .guardrailVersion, .gatewayURL, .mantleURL].contains(self) }

        /// What the row sets, in a line: the variable Claude Code reads and what it does.
        public var explanation: String {
            switch self {
            case .serviceTier:
                "ANTHROPIC_BEDROCK_SERVICE_TIER: flex is cheaper and slower, priority faster and dearer."
            case .guardrailId, .guardrailVersion:
                "A Bedrock Guardrail on every call, sent in ANTHROPIC_CUSTOM_HEADERS (your other headers stay)."
            case .gatewayURL: "ANTHROPIC_BEDROCK_BASE_URL: Claude Code calls this address instead of Bedrock."
            case .gatewaySigns:
                "CLAUDE_CODE_SKIP_BEDROCK_AUTH: the gateway holds the AWS credentials; Claude Code needs none."
            case .mantle: "CLAUDE_CODE_USE_MANTLE: the Mantle endpoint, which takes bare anthropic.… model IDs."
            case .mantleURL: "ANTHROPIC_BEDROCK_MANTLE_BASE_URL: another Mantle address (optional)."
            case .mantleSigns: "CLAUDE_CODE_SKIP_MANTLE_AUTH: the Mantle address needs no AWS credentials."
            case .promptCaching:
                "DISABLE_PROMPT_CACHING turns caching off; ENABLE_PROMPT_CACHING_1H keeps it an hour (billed higher)."
            case .regionPrefix:
                "ANTHROPIC_BEDROCK_REGION_PREFIX (Claude Code 2.1.224+): the geography of the default models it calls"
                    + " when a slot is unpinned; pins keep their own."
            case .modelOverrides:
                "modelOverrides: Claude Code calls the ARN wherever it would call that model. Space opens the list."
            case .apply: "Enter keeps these options; Esc leaves them as they were."
            }
        }
    }

    /// The two prompt-caching switches as one choice: they contradict each other.
    public enum Caching: CaseIterable, Sendable {
        case standard, oneHour, off

        public var label: String {
            switch self {
            case .standard: "on, 5 minutes (Claude Code's default)"
            case .oneHour: "on, 1 hour (ENABLE_PROMPT_CACHING_1H)"
            case .off: "off (DISABLE_PROMPT_CACHING)"
            }
        }
    }

    public internal(set) var cursor = ListCursor(index: 0, count: Row.allCases.count)
    public internal(set) var serviceTier: BedrockOptions.ServiceTier?
    /// A tier value found in the settings that no row names: kept until the tier row is changed.
    public internal(set) var keptServiceTier: String?
    public internal(set) var guardrailId: TextField
    public internal(set) var guardrailVersion: TextField
    public internal(set) var gatewayURL: TextField
    public internal(set) var gatewaySigns: Bool
    public internal(set) var mantle: Bool
    public internal(set) var mantleURL: TextField
    public internal(set) var mantleSigns: Bool
    public internal(set) var caching: Caching
    /// `ANTHROPIC_BEDROCK_REGION_PREFIX`; nil: the Region decides (Claude Code's own rule).
    public internal(set) var regionPrefix: String?
    public internal(set) var overrides: ModelOverridesEditor
    /// The overrides list is open below the rows (its keys go to it).
    public internal(set) var overridesOpen = false
    /// The region-prefix row's value: the prefix set, or what the Region gives without one.
    public func regionPrefixLabel(region: String) -> String {
        guard let regionPrefix else { return "auto (\(ClaudeCodeDefaults.prefix(forRegion: region)) from \(region))" }
        return ClaudeCodeDefaults.prefixes.contains(regionPrefix)
            ? regionPrefix : "\(regionPrefix) (Claude Code ignores it)"
    }

    /// What the validator said, whole, under the rows.
    public internal(set) var error: String?

    enum Bindings {
        static let move = KeyBinding([.up, .down, .tab, .backTab], "↑↓", "move")
        static let change = KeyBinding([.character(" "), .left, .right], "Space", "change")
        static let type = KeyBinding.hint("", "type")
        static let apply = KeyBinding(.enter, "Enter", "apply")
        static let discard = KeyBinding(.escape, "Esc", "discard")
    }

    static var help: [String] {
        [
            "Bedrock settings Claude Code reads; each row names its variable.",
            "Enter checks them all and keeps them for Review's diff; Esc discards.",
            "A gateway that signs needs no AWS credentials (CLAUDE_CODE_SKIP_BEDROCK_AUTH).",
        ]
    }

    public init(_ options: BedrockOptions, regionPrefix: String? = nil) {
        serviceTier = options.serviceTier
        keptServiceTier = options.unrecognizedServiceTier
        guardrailId = TextField(options.guardrail?.identifier ?? "")
        guardrailVersion = TextField(options.guardrail?.version ?? "")
        gatewayURL = TextField(options.baseURL ?? "")
        gatewaySigns = options.skipAuth
        mantle = options.mantle
        mantleURL = TextField(options.mantleBaseURL ?? "")
        mantleSigns = options.skipMantleAuth
        caching = options.disablePromptCaching ? .off : options.promptCaching1h ? .oneHour : .standard
        self.regionPrefix = regionPrefix
        overrides = ModelOverridesEditor(options.modelOverrides)
    }

    static func enter(_ session: inout Session) -> (MoreOptionsStep, [Effect]) {
        (MoreOptionsStep(session.draft.bedrock, regionPrefix: session.draft.regionPrefix), [])
    }

    var wrapped: Step { .moreOptions(self) }
    public var row: Row { Row(rawValue: cursor.index) ?? .apply }
    var isEditingText: Bool { overridesOpen ? overrides.editing != nil : row.isText }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        if overridesOpen { return overrides.bindings }
        return [Bindings.move, row.isText ? Bindings.type : Bindings.change, Bindings.apply, Bindings.discard]
    }

    /// The options as the rows set them, over `base` (whose ARN-pin names stay). An override `base` had
    /// that the list no longer has is removed from the settings too.
    public func options(over base: BedrockOptions) -> BedrockOptions {
        func text(_ field: TextField) -> String? {
            let value = field.text.trimmingSpaces()
            return value.isEmpty ? nil : value
        }
        var options = base
        options.serviceTier = serviceTier
        options.unrecognizedServiceTier = serviceTier == nil ? keptServiceTier : nil
        let (id, version) = (text(guardrailId), text(guardrailVersion))
        options.guardrail =
            id == nil && version == nil ? nil : BedrockOptions.Guardrail(identifier: id ?? "", version: version ?? "")
        options.baseURL = text(gatewayURL)
        options.skipAuth = gatewaySigns
        options.mantle = mantle
        options.mantleBaseURL = text(mantleURL)
        options.skipMantleAuth = mantleSigns
        options.disablePromptCaching = caching == .off
        options.promptCaching1h = caching == .oneHour
        options.modelOverrides = overrides.entries
        options.removedModelOverrides = base.removedModelOverrides.union(base.modelOverrides.keys).subtracting(
            options.modelOverrides.keys)
        return options
    }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        if overridesOpen {
            overridesOpen = overrides.handle(key, session)
            error = nil
            return .stay()
        }
        switch key {
        case .up, .backTab: cursor.select((cursor.index + Row.allCases.count - 1) % Row.allCases.count)
        case .down, .tab: cursor.select((cursor.index + 1) % Row.allCases.count)
        case Bindings.discard: return .back
        case Bindings.apply: return apply(&session)
        default:
            if row.isText {
                if edit(key) { error = nil }
            } else if Bindings.change ~= key {
                change(backwards: key == .left)
                error = nil
            }
        }
        return .stay()
    }

    mutating func edit(_ key: Key) -> Bool {
        switch row {
        case .guardrailId: guardrailId.apply(key)
        case .guardrailVersion: guardrailVersion.apply(key)
        case .gatewayURL: gatewayURL.apply(key)
        case .mantleURL: mantleURL.apply(key)
        default: false
        }
    }

    mutating func change(backwards: Bool) {
        func cycled<T: Equatable>(_ value: T, in all: [T]) -> T {
            let index = all.firstIndex(of: value) ?? 0
            return all[(index + (backwards ? all.count - 1 : 1)) % all.count]
        }
        switch row {
        case .serviceTier:
            serviceTier = cycled(serviceTier, in: [nil] + BedrockOptions.ServiceTier.allCases.map(Optional.some))
            keptServiceTier = nil
        case .gatewaySigns: gatewaySigns.toggle()
        case .mantle: mantle.toggle()
        case .mantleSigns: mantleSigns.toggle()
        case .promptCaching: caching = cycled(caching, in: Caching.allCases)
        case .regionPrefix:
            regionPrefix = cycled(regionPrefix, in: [nil] + ClaudeCodeDefaults.prefixes.map(Optional.some))
        case .modelOverrides: overridesOpen = true
        default: break
        }
    }

    /// Checks the options with the core's validator; kept only when valid, else the cursor goes
    /// to the row at fault and the reason shows under the rows.
    mutating func apply(_ session: inout Session) -> Transition {
        if let problem = overrides.firstProblem(session) {
            error = problem
            cursor.select(Row.modelOverrides.rawValue)
            overridesOpen = true
            return .stay()
        }
        var candidate = session.draft
        candidate.bedrock = options(over: session.draft.bedrock)
        candidate.regionPrefix = regionPrefix
        do throws(SetupError) {
            try session.validator.options(candidate)
        } catch {
            self.error = error.message + " " + error.fix
            if let row = Self.row(at: error) { cursor.select(row.rawValue) }
            return .stay()
        }
        let changed = candidate.bedrock != session.draft.bedrock || candidate.regionPrefix != session.draft.regionPrefix
        session.draft = candidate
        let notice = Status(
            text: changed ? "More options kept: Review shows them." : "More options unchanged.", isError: false)
        return Transition(move: .back, effects: [], notice: notice)
    }

    /// The row a validation error is about.
    static func row(at error: SetupError) -> Row? {
        if case .refusedModelOverride = error { return .modelOverrides }
        guard case .badOption(let variable, _, _) = error else { return nil }
        return switch variable {
        case "The Guardrail identifier": .guardrailId
        case "The Guardrail version": .guardrailVersion
        case ClaudeEnv.baseURL, ClaudeEnv.skipAuth: .gatewayURL
        case ClaudeEnv.mantleBaseURL: .mantleURL
        case ClaudeEnv.skipMantleAuth: .mantleSigns
        case ClaudeEnv.promptCaching1h, ClaudeEnv.disablePromptCaching: .promptCaching
        case ClaudeEnv.regionPrefix: .regionPrefix
        case ClaudeEnv.modelOverridesKey: .modelOverrides
        default: nil
        }
    }

    /// One line for the Models screen: the options set, or "none".
    public static func summary(_ options: BedrockOptions, regionPrefix: String? = nil) -> String {
        var parts: [String] = []
        if let regionPrefix { parts.append("prefix \(regionPrefix)") }
        if let tier = options.serviceTier { parts.append("tier \(tier.rawValue)") }
        if let guardrail = options.guardrail { parts.append("Guardrail \(guardrail.identifier):\(guardrail.version)") }
        if options.baseURL != nil { parts.append(options.skipAuth ? "gateway (signs)" : "gateway") }
        if options.mantle { parts.append("Mantle") }
        if options.disablePromptCaching { parts.append("no prompt caching") }
        if options.promptCaching1h { parts.append("1-hour cache") }
        if !options.modelOverrides.isEmpty {
            parts.append(
                "\(options.modelOverrides.count) model override" + (options.modelOverrides.count == 1 ? "" : "s"))
        }
        return parts.isEmpty ? "none set" : parts.joined(separator: ", ")
    }
}
