/// The least-privilege IAM policy a setup needs, as JSON an admin can paste, with the reason for
/// each statement (`policy --explain`). It covers exactly what Claude Code calls (its pins, or
/// its defaults for the Region and the previous default it falls back to) and every call the
/// tool's own checks make (CLAUDE-CODE.md §6).
public enum IAMPolicy {
    public static let invokeActions = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
    /// ListInferenceProfiles has no resource type in IAM, so it can only be granted on "*".
    public static let listAction = "bedrock:ListInferenceProfiles"
    public static let getAction = "bedrock:GetInferenceProfile"
    /// The tool's model check and its Region scan; neither has a resource type.
    public static let checkActions = ["bedrock:GetFoundationModelAvailability", "bedrock:ListFoundationModels"]
    public static let bearerAction = "bedrock:CallWithBearerToken"
    public static let marketplaceActions = ["aws-marketplace:ViewSubscriptions", "aws-marketplace:Subscribe"]

    /// What Claude Code calls when nothing is pinned, for the installed version (from
    /// `ClaudeCodeDefaults`): base model IDs and the geography prefix it puts before them here.
    public struct Defaults: Sendable, Equatable {
        public var primary: String
        public var background: String
        /// The previous default, which Claude Code falls back to at start-up.
        public var previousPrimary: String?
        /// `us`, `eu`, `apac`…: from the Region, or `ANTHROPIC_BEDROCK_REGION_PREFIX`.
        public var prefix: String

        public init(primary: String, background: String, previousPrimary: String?, prefix: String) {
            self.primary = primary
            self.background = background
            self.previousPrimary = previousPrimary
            self.prefix = prefix
        }
    }

    /// One model Claude Code (or the tool) calls, from one Region, and why.
    public struct ModelCall: Sendable, Equatable {
        /// An inference profile ID or a model/profile ARN, as Bedrock is called with it.
        public let id: String
        public let region: String
        public let reason: String
    }

    /// What live Bedrock answered: destination foundation-model ARNs per profile ID or ARN
    /// (`GetInferenceProfile`), and the profile IDs it lists per Region.
    public struct Live: Sendable, Equatable {
        public var destinations: [String: [String]]
        public var offered: [String: [String]]

        public init(destinations: [String: [String]] = [:], offered: [String: [String]] = [:]) {
            self.destinations = destinations
            self.offered = offered
        }
    }

    /// One statement with the sentence `--explain` prints for it.
    public struct Statement: Sendable, Equatable {
        public let sid: String
        public let actions: [String]
        public let resources: [String]
        public let condition: JSONValue?
        public let why: String

        var json: JSONValue {
            var members: [(String, JSONValue)] = [
                ("Sid", .string(sid)), ("Effect", .string("Allow")),
                ("Action", .array(actions.map(JSONValue.string))),
                ("Resource", resources == ["*"] ? .string("*") : .array(resources.map(JSONValue.string))),
            ]
            if let condition { members.append(("Condition", condition)) }
            return .object(members)
        }
    }

    /// The models a setup makes Claude Code call: every pin (aliases resolved the way Claude Code
    /// resolves them on Bedrock), and the defaults where a slot is not pinned.
    public static func modelCalls(
        for profile: SetupProfile, defaults: Defaults, catalogue: Catalogue, live: Live = Live()
    ) -> [ModelCall] {
        var calls: [ModelCall] = []
        func add(_ id: String, _ region: String, _ reason: String) {
            if !calls.contains(where: { $0.id == id && $0.region == region }) {
                calls.append(ModelCall(id: id, region: region, reason: reason))
            }
        }
        /// The profiles Claude Code may pick for a base model: the prefixed one when the Region
        /// offers it, otherwise any profile of that model it finds there.
        func defaultProfiles(_ base: String, _ region: String) -> [String] {
            let offered = live.offered[region] ?? catalogue.profiles(usableFrom: region).map(\.id)
            let wanted = defaults.prefix + "." + base
            if offered.contains(wanted) { return [wanted] }
            let any = offered.filter { Geography.leading($0)?.1 == base }
            return any.isEmpty ? [wanted] : any
        }
        func addPin(_ value: String, _ region: String, _ what: String) {
            let (body, _) = ModelReference.splitLongContext(value)
            if let alias = ClaudeAlias(rawValue: body) {
                for (base, pinned) in alias.bedrockModels(profile: profile, defaults: defaults) {
                    if let pinned {
                        add(pinned, region, "\(what) \"\(value)\" uses this pin")
                    } else {
                        for id in defaultProfiles(base, region) {
                            add(id, region, "\(what) \"\(value)\": Claude Code resolves it to this model on Bedrock")
                        }
                    }
                }
                return
            }
            add(body, region, "\(what) pin")
        }
        let region = profile.region
        if let model = profile.model {
            addPin(model, region, "ANTHROPIC_MODEL")
        } else {
            for id in defaultProfiles(defaults.primary, region) {
                add(id, region, "Claude Code's default model (nothing is pinned)")
            }
            if let previous = defaults.previousPrimary {
                for id in defaultProfiles(previous, region) {
                    add(id, region, "the previous default, which Claude Code falls back to at start-up")
                }
            }
        }
        if let small = profile.smallFastModel {
            addPin(small, profile.smallFastRegion ?? region, "ANTHROPIC_DEFAULT_HAIKU_MODEL (background)")
        } else if profile.model == nil {
            for id in defaultProfiles(defaults.background, region) {
                add(id, region, "Claude Code's default background model")
            }
        }
        if let sonnet = profile.sonnetModel { addPin(sonnet, region, "ANTHROPIC_DEFAULT_SONNET_MODEL") }
        if let opus = profile.opusModel { addPin(opus, region, "ANTHROPIC_DEFAULT_OPUS_MODEL") }
        return calls
    }

    /// The statements for `calls`. Foundation models are allowed in the destinations live
    /// `GetInferenceProfile` named, or else in any Region but only through these profiles
    /// (`bedrock:InferenceProfileArn`).
    public static func statements(
        for profile: SetupProfile, calls: [ModelCall], account: String?, live: Live = Live(),
        checkRegions extraRegions: [String] = []
    ) -> [Statement] {
        let partition = Partition(region: profile.region).rawValue
        let accountPart = account ?? "*"
        var profileARNs: [String] = []
        var directARNs: [String] = []
        var knownModels: [String] = []
        var scoped: [(model: String, through: String)] = []
        func append(_ value: String, to list: inout [String]) { if !list.contains(value) { list.append(value) } }

        for call in calls {
            let arn: String
            if call.id.hasPrefix("arn:") {
                arn = call.id
                if ModelARNKind.allCases.contains(where: { call.id.contains(":\($0.rawValue)/") }) {
                    // Provisioned throughput and custom models are invoked by their own ARN.
                    append(arn, to: &directARNs)
                    continue
                }
            } else {
                arn = "arn:\(partition):bedrock:\(call.region):\(accountPart):inference-profile/\(call.id)"
            }
            append(arn, to: &profileARNs)
            if let destinations = live.destinations[call.id] ?? live.destinations[arn] {
                for model in destinations { append(model, to: &knownModels) }
            } else {
                // An application profile whose backing model is unknown offline routes only to
                // its own models: any foundation model, but only through this profile.
                let base = Geography.leading(ARN.resourceId(arn) ?? call.id)?.1 ?? "*"
                scoped.append(("arn:\(partition):bedrock:*::foundation-model/\(base)", arn))
            }
        }

        var statements: [Statement] = []
        let pinsWhy = calls.map { "\($0.id) from \($0.region) (\($0.reason))" }.joined(separator: "; ")
        if !profileARNs.isEmpty || !directARNs.isEmpty {
            statements.append(
                Statement(
                    sid: "InvokeTheModelsClaudeCodeCalls", actions: invokeActions, resources: profileARNs + directARNs,
                    condition: nil,
                    why: "Claude Code calls these inference profiles and model ARNs: \(pinsWhy)."))
        }
        if !knownModels.isEmpty {
            statements.append(
                Statement(
                    sid: "InvokeInTheirDestinationRegions", actions: invokeActions, resources: knownModels,
                    condition: nil,
                    why:
                        "A cross-Region profile runs the call in one of its destination Regions; GetInferenceProfile named these foundation models."
                ))
        }
        if !scoped.isEmpty {
            var models: [String] = []
            var through: [String] = []
            for (model, profileARN) in scoped {
                append(model, to: &models)
                append(profileARN, to: &through)
            }
            statements.append(
                Statement(
                    sid: "InvokeInAnyDestinationOnlyThroughTheseProfiles", actions: invokeActions, resources: models,
                    condition: .object([
                        ("ArnLike", .object([("bedrock:InferenceProfileArn", .array(through.map(JSONValue.string)))]))
                    ]),
                    why:
                        "A cross-Region profile (global.: every commercial Region) may run the call in any destination; without a live "
                        + "GetInferenceProfile answer the destinations are not certain, so the foundation models are allowed in every Region "
                        + "but only when called through these profiles (condition bedrock:InferenceProfileArn)."))
        }
        statements.append(
            Statement(
                sid: "ListInferenceProfiles", actions: [listAction], resources: ["*"], condition: nil,
                why:
                    "Claude Code finds a default model's profile with ListInferenceProfiles, and the tool's checks list the profiles "
                    + "of the Region; IAM grants this action only on \"*\"."))
        var regions: [String] = []
        for region in [profile.region] + calls.map(\.region) + extraRegions where !regions.contains(region) {
            regions.append(region)
        }
        statements.append(
            Statement(
                sid: "ReadInferenceProfiles", actions: [getAction],
                resources: regions.flatMap { region in
                    [
                        "arn:\(partition):bedrock:\(region):\(accountPart):inference-profile/*",
                        "arn:\(partition):bedrock:\(region):\(accountPart):application-inference-profile/*",
                    ]
                },
                condition: nil,
                why:
                    "Claude Code reads an ARN pin's profile, and the tool's checks read each pinned profile, in every Region they are called "
                    + "from (\(regions.joined(separator: ", ")))."))
        statements.append(
            Statement(
                sid: "ToolChecksModelAccess", actions: checkActions, resources: ["*"], condition: nil,
                why:
                    "bedrock-setup's own checks (Verify, doctor, apply --verify) ask GetFoundationModelAvailability for each model, "
                    + "and the Region scan lists foundation models; neither action has a resource type."))
        statements.append(
            Statement(
                sid: "SubscribeOnFirstUseThroughBedrock", actions: marketplaceActions, resources: ["*"],
                condition: .object([
                    ("StringEquals", .object([("aws:CalledViaLast", .string("bedrock.amazonaws.com"))]))
                ]),
                why:
                    "The first call to an Anthropic model subscribes the account through AWS Marketplace; the condition allows that only "
                    + "when Bedrock makes the call."))
        if profile.credentials == .apiKey {
            statements.append(
                Statement(
                    sid: "UseBedrockAPIKeys", actions: [bearerAction], resources: ["*"], condition: nil,
                    why:
                        "A Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) is accepted only with bedrock:CallWithBearerToken."
                ))
        }
        return statements
    }

    public static func document(_ statements: [Statement]) -> JSONValue {
        .object([("Version", .string("2012-10-17")), ("Statement", .array(statements.map(\.json)))])
    }

    /// `broad` allows every Anthropic model and profile, for accounts that switch models often.
    public static func broad(for profile: SetupProfile, account: String?) -> [Statement] {
        let partition = Partition(region: profile.region).rawValue
        let accountPart = account ?? "*"
        var statements = self.statements(for: profile, calls: [], account: account)
        statements.insert(
            Statement(
                sid: "InvokeEveryAnthropicModel", actions: invokeActions,
                resources: [
                    "arn:\(partition):bedrock:*:\(accountPart):inference-profile/*anthropic.*",
                    "arn:\(partition):bedrock:*:\(accountPart):application-inference-profile/*",
                    "arn:\(partition):bedrock:*::foundation-model/anthropic.*",
                ],
                condition: nil, why: "--broad: every Anthropic model, through any profile, in any Region."), at: 0)
        return statements.map { statement in
            guard statement.sid == "ReadInferenceProfiles" else { return statement }
            return Statement(
                sid: statement.sid, actions: statement.actions,
                resources: [
                    "arn:\(partition):bedrock:*:\(accountPart):inference-profile/*",
                    "arn:\(partition):bedrock:*:\(accountPart):application-inference-profile/*",
                ],
                condition: nil, why: statement.why)
        }
    }

    /// `--explain`: each statement's Sid and why it is there.
    public static func explanation(_ statements: [Statement]) -> String {
        statements.map { "\($0.sid)\n  \($0.why)\n" }.joined(separator: "\n")
    }
}

/// ARN pieces the policy needs.
enum ARN {
    /// `us.anthropic.claude-opus-5` from `arn:aws:bedrock:us-east-1:123:inference-profile/us.anthropic.claude-opus-5`.
    static func resourceId(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, let slash = parts[5].firstIndex(of: "/") else { return nil }
        return String(parts[5][parts[5].index(after: slash)...])
    }
}

extension ClaudeAlias {
    /// The models an alias makes Claude Code call on Bedrock: the class pin where one is set,
    /// otherwise the base model the docs name (model-config: `opus` is Opus 4.6 and `sonnet`
    /// Sonnet 4.5 on Bedrock; `best` is Fable where the account has it, otherwise Opus).
    public func bedrockModels(profile: SetupProfile, defaults: IAMPolicy.Defaults) -> [(base: String, pinned: String?)]
    {
        let opus = ("anthropic.claude-opus-4-6-v1", profile.opusModel)
        let sonnet = ("anthropic.claude-sonnet-4-5-20250929-v1:0", profile.sonnetModel)
        let fable = ("anthropic.claude-fable-5", profile.fableModel)
        switch self {
        case .opus: return [opus]
        case .sonnet: return [sonnet]
        case .haiku: return [(defaults.background, profile.smallFastModel)]
        case .fable: return [fable]
        case .best: return [fable, opus]
        case .opusplan: return [opus, sonnet]
        }
    }
}
