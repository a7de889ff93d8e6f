import FoundationEssentials
import Glibc

/// A model setting that passed, with what is worth a warning.
public struct CheckedModel: Equatable, Sendable {
    public let reference: ModelReference
    public let warnings: [SetupWarning]
}

/// Every check on user input, in one place: the wizard (as the user types) and `apply` call
/// these same functions and show the same messages.
public struct Validator: Sendable {
    public let catalogue: Catalogue
    /// The last live discovery per Region, trusted before the bundled list; nil: none.
    public let discovery: DiscoveryCache?
    public let now: Date

    public init(catalogue: Catalogue = .bundled, discovery: DiscoveryCache? = nil, now: Date = Date()) {
        self.catalogue = catalogue
        self.discovery = discovery
        self.now = now
    }

    static var profileNamePattern: Regex<Substring> { /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/ }
    static var accountPattern: Regex<Substring> { /^[0-9]{12}$/ }
    /// Application inference profile IDs (API reference: `[a-zA-Z0-9-:.]+`, at most 64).
    static var resourceIdPattern: Regex<Substring> { /^[A-Za-z0-9][A-Za-z0-9.:-]{0,63}$/ }
    /// Custom-model ARNs carry the base model and a name after the kind: `custom-model/anthropic…:0:200k/abc123`.
    static var modelResourcePattern: Regex<Substring> { /^[A-Za-z0-9][A-Za-z0-9.:\/_-]{0,255}$/ }
    static var accessKeyPattern: Regex<Substring> { /^[A-Z0-9]{16,128}$/ }

    public func region(_ raw: String) throws(SetupError) -> String {
        let name = raw.trimmingSpaces()
        guard !name.contains(where: \.isNewline) else { throw .lineBreakInValue(field: "Region") }
        guard Self.isRegionName(name) else {
            if let suggestion = catalogue.closestRegion(to: name) { throw .unknownRegion(name, suggestion: suggestion) }
            throw .malformedRegion(name)
        }
        guard catalogue.region(named: name) != nil else {
            throw .unknownRegion(name, suggestion: catalogue.closestRegion(to: name))
        }
        return name
    }

    /// Parses a model setting and checks it against the setup's Region; throws what can never
    /// work, and drops warnings.
    public func model(_ raw: String, slot: ModelSlot, region: String?, mantle: Bool = false) throws(SetupError)
        -> ModelReference
    {
        try checkModel(raw, slot: slot, region: region, mantle: mantle).reference
    }

    /// Parses a model setting and checks it against the setup's Region. Refused: what cannot work
    /// (malformed, retired, a bare ID off Mantle, another partition, a geography the Region is
    /// never served by). Warned: what the bundled list cannot confirm offline (live discovery
    /// decides), and legacy or deprecated models.
    public func checkModel(_ raw: String, slot: ModelSlot, region: String?, mantle: Bool = false) throws(SetupError)
        -> CheckedModel
    {
        let value = raw.trimmingSpaces()
        guard !value.contains(where: \.isNewline) else { throw .lineBreakInValue(field: slot.label) }
        guard !value.isEmpty else { throw .emptyModel(slot) }
        var warnings: [SetupWarning] = []
        func warn(_ message: String, _ fix: String? = nil) {
            warnings.append(SetupWarning(field: slot.envName, message: message, fix: fix))
        }

        if value.hasPrefix("arn:") {
            return CheckedModel(reference: try arn(value, slot: slot, region: region, warn: warn), warnings: warnings)
        }
        let (body, long) = ModelReference.splitLongContext(value)
        if let alias = ClaudeAlias(rawValue: body) {
            guard slot.takesAliases else { throw .aliasNotAllowed(slot, alias: value) }
            guard !long || alias.takesLongContext else { throw .malformedModelId(slot, id: value) }
            return CheckedModel(reference: .alias(alias, longContext: long), warnings: [])
        }
        if body.hasPrefix("anthropic.") {
            guard Self.isBaseModelId(body) else { throw .malformedModelId(slot, id: value) }
            guard mantle else {
                throw .bareModelId(
                    slot, id: value, suggestion: region.flatMap { catalogue.profileId(forBaseModel: body, region: $0) })
            }
            try lifecycle(base: body, id: value, long: long, slot: slot, region: region, mantle: true, warn: warn)
            return CheckedModel(reference: .mantle(baseModelId: body, longContext: long), warnings: warnings)
        }
        guard let (geography, base) = Geography.leading(body), Self.isBaseModelId(base) else {
            throw .malformedModelId(slot, id: value)
        }
        if mantle {
            throw .profileIdOnMantle(slot, id: value, bare: base + (long ? ModelReference.longContextSuffix : ""))
        }
        try lifecycle(base: base, id: value, long: long, slot: slot, region: region, warn: warn)
        if let region { try check(geography: geography, base: base, id: body, slot: slot, region: region, warn: warn) }
        return CheckedModel(
            reference: .inferenceProfile(geography: geography, baseModelId: base, longContext: long), warnings: warnings
        )
    }

    /// Retired: refused with the successor. Legacy, deprecated, and what `[1m]` means for the model.
    private func lifecycle(
        base: String, id: String, long: Bool, slot: ModelSlot, region: String?, mantle: Bool = false,
        warn: (String, String?) -> Void
    ) throws(SetupError) {
        guard let model = catalogue.model(baseModelId: base) else { return }
        // Mantle takes the bare ID of the same successor.
        let successor = region.flatMap { catalogue.successor(of: model, region: $0) }.map {
            mantle ? Geography.leading($0)?.1 ?? $0 : $0
        }
        let source = model.lifecycleSource.map { " (\($0))" } ?? ""
        switch model.lifecycle {
        case .active: break
        case .retired: throw .retiredModel(slot, id: id, name: model.name, successor: successor)
        case .legacy:
            warn(
                "\(model.name) is a legacy model\(source): Bedrock serves it only to accounts that used it in the last 15 days.",
                successor.map { "Move to \($0)." })
        case .deprecated:
            warn(
                "\(model.name) is deprecated\(source) and will be retired.", successor.map { "Plan the move to \($0)." }
            )
        }
        guard long else { return }
        switch model.longContext {
        case .suffix: break
        case .native: warn("\(model.name) has the 1M-token context already; [1m] changes nothing.", nil)
        case .ignored: warn("Claude Code ignores [1m] for \(model.name).", nil)
        case .unknown:
            warn("The \(catalogue.asOfNote) does not say whether \(model.name) offers the 1M-token context.", nil)
        case .none: throw .longContextUnsupported(slot, id: id, name: model.name)
        }
    }

    /// Whether `region` can call profile `id`: live discovery first, then the bundled list.
    private func check(
        geography: Geography, base: String, id: String, slot: ModelSlot, region: String,
        warn: (String, String?) -> Void
    ) throws(SetupError) {
        let regionIsGov = Partition(region: region) == .awsUSGov
        if (geography == .usGov) != regionIsGov { throw .partitionMismatch(slot, id: id, region: region) }
        if let snapshot = discovery?.load(region: region) {
            if snapshot.entry(for: id) != nil { return }
            let geographyServed =
                catalogue.geographies(usableFrom: region).contains(geography)
                || snapshot.profiles.contains { Geography.leading($0.id)?.0 == geography }
            if !geographyServed {
                throw .geographyNotServed(
                    slot, id: id, region: region, suggestion: catalogue.profileId(forBaseModel: base, region: region))
            }
            warn(
                "\(id) was not among the \(snapshot.profiles.count) inference profiles Bedrock listed in \(region) (\(snapshot.age(now: now))).",
                "Run `bedrock-setup doctor` to ask Bedrock again; it decides.")
            return
        }
        let usable = catalogue.profiles(usableFrom: region)
        if usable.contains(where: { $0.id == id }) { return }
        guard usable.contains(where: { $0.geography == geography }) else {
            throw .geographyNotServed(
                slot, id: id, region: region, suggestion: catalogue.profileId(forBaseModel: base, region: region))
        }
        let known = catalogue.profile(id: id) != nil
        warn(
            known
                ? "The \(catalogue.asOfNote) does not offer \(id) from \(region)."
                : "\(id) is not in the \(catalogue.asOfNote).",
            "Bedrock decides: `bedrock-setup doctor` (or the wizard's Verify) asks it live.")
    }

    private func arn(_ value: String, slot: ModelSlot, region: String?, warn: (String, String?) -> Void)
        throws(SetupError) -> ModelReference
    {
        let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, ["aws", "aws-us-gov", "aws-cn"].contains(parts[1]), parts[2] == "bedrock",
            Self.isRegionName(parts[3])
        else {
            throw .malformedARN(slot, arn: value)
        }
        let arnRegion = parts[3]
        let account = parts[4]
        let resource = parts[5]
        if resource.hasPrefix("foundation-model/") {
            let base = String(resource.dropFirst("foundation-model/".count))
            throw .foundationModelARN(
                slot, suggestion: catalogue.profileId(forBaseModel: base, region: region ?? arnRegion))
        }
        guard account.wholeMatch(of: Self.accountPattern) != nil else { throw .malformedARN(slot, arn: value) }
        if let region, region != arnRegion { throw .arnRegionMismatch(slot, arnRegion: arnRegion, region: region) }
        if resource.hasPrefix("application-inference-profile/") {
            let id = String(resource.dropFirst("application-inference-profile/".count))
            guard id.wholeMatch(of: Self.resourceIdPattern) != nil else { throw .malformedARN(slot, arn: value) }
            return .applicationProfileARN(region: arnRegion, account: account, profileId: id, arn: value)
        }
        if resource.hasPrefix("inference-profile/") {
            let id = String(resource.dropFirst("inference-profile/".count))
            guard let (geography, base) = Geography.leading(id), Self.isBaseModelId(base) else {
                throw .malformedARN(slot, arn: value)
            }
            try lifecycle(base: base, id: id, long: false, slot: slot, region: arnRegion, warn: warn)
            try check(geography: geography, base: base, id: id, slot: slot, region: arnRegion, warn: warn)
            return .inferenceProfileARN(region: arnRegion, geography: geography, baseModelId: base, arn: value)
        }
        for kind in ModelARNKind.allCases where resource.hasPrefix(kind.rawValue + "/") {
            let id = String(resource.dropFirst(kind.rawValue.count + 1))
            guard !id.isEmpty, id.wholeMatch(of: Self.modelResourcePattern) != nil else {
                throw .malformedARN(slot, arn: value)
            }
            return .modelARN(kind: kind, region: arnRegion, account: account, arn: value)
        }
        throw .malformedARN(slot, arn: value)
    }

    public func profileName(_ name: String) throws(SetupError) -> String {
        if name.contains(where: \.isNewline) { throw .lineBreakInValue(field: "profile name") }
        if name.isEmpty { throw .invalidProfileName(name, reason: "is empty") }
        if name.containsScalars("/") || name.containsScalars("\\") {
            throw .invalidProfileName(name, reason: "contains a slash, which would place the file in another folder")
        }
        if name == "." || name == ".." || name.wholeMatch(of: Self.profileNamePattern) == nil {
            throw .invalidProfileName(
                name, reason: "has characters other than letters, digits, dots, dashes and underscores")
        }
        return name
    }

    /// AWS profile names go into INI section headers: anything that could end the header or
    /// start a new line is refused, without echoing the value.
    public func awsProfileName(_ name: String) throws(SetupError) -> String {
        if name.contains(where: \.isNewline) || name.containsScalars("\0") {
            throw .lineBreakInValue(field: "AWS profile name")
        }
        if name.isEmpty { throw .invalidAWSProfileName(reason: "is empty") }
        if name != name.trimmingSpaces() { throw .invalidAWSProfileName(reason: "has spaces at one end") }
        if name.containsScalars("[") || name.containsScalars("]") {
            throw .invalidAWSProfileName(reason: "contains a bracket")
        }
        if name.contains(where: { $0 == "#" || $0 == ";" || $0 == "=" || $0.isWhitespace }) {
            throw .invalidAWSProfileName(reason: "contains a space, '#', ';' or '='")
        }
        return name
    }

    public func accessKeyId(_ value: String) throws(SetupError) -> String {
        if value.contains(where: \.isNewline) { throw .lineBreakInValue(field: "access key ID") }
        guard value.wholeMatch(of: Self.accessKeyPattern) != nil else { throw .invalidAccessKeyId }
        return value
    }

    public func secretAccessKey(_ value: String) throws(SetupError) -> String {
        if value.contains(where: \.isNewline) { throw .lineBreakInValue(field: "secret access key") }
        guard value.count >= 16, !value.contains(where: { $0.isWhitespace || $0 == "\0" }) else {
            throw .invalidSecretAccessKey
        }
        return value
    }

    /// Long-term keys are IAM service-specific credentials (ABSK…); short-term keys are
    /// presigned tokens from the token generator (bedrock-api-key-…).
    static let apiKeyPrefixes = ["ABSK", "bedrock-api-key-"]

    public func apiKey(_ value: String) throws(SetupError) -> String {
        if value.contains(where: \.isNewline) { throw .lineBreakInValue(field: "Bedrock API key") }
        guard !value.isEmpty, !value.contains(where: { $0.isWhitespace || $0 == "\0" }),
            Self.apiKeyPrefixes.contains(where: value.hasPrefix)
        else { throw .invalidAPIKey }
        return value
    }

    /// Guardrail identifiers and versions as Bedrock's API reference spells them.
    static var guardrailIdPattern: Regex<Substring> {
        /^(?:[a-z0-9]{1,64}|arn:aws(?:-[a-z-]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail\/[a-z0-9]{1,64})$/
    }
    static var guardrailVersionPattern: Regex<Substring> { /^(?:[1-9][0-9]{0,7}|DRAFT)$/ }
    static var modelNamePattern: Regex<Substring> { /^claude-[a-z0-9.-]{1,64}$/ }

    /// An endpoint Claude Code is pointed at: https, or http only on this computer (a local gateway).
    public func endpointURL(_ value: String, variable: String) throws(SetupError) -> String {
        guard !value.contains(where: { $0.isWhitespace || $0.isNewline }), let url = URL(string: value),
            let host = url.host, !host.isEmpty,
            url.scheme == "https"
                || (url.scheme == "http" && ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host))
        else {
            throw .badOption(
                variable: variable, reason: "\"\(value)\" is not an https:// address (http:// only for localhost)",
                fix: "Give the gateway's address, e.g. https://llm-gateway.example.com/bedrock.")
        }
        return value
    }

    /// A Guardrail's ID or ARN, as the Bedrock console gives it.
    public func guardrailIdentifier(_ value: String) throws(SetupError) -> String {
        guard value.wholeMatch(of: Self.guardrailIdPattern) != nil else {
            throw .badOption(
                variable: "The Guardrail identifier", reason: "\"\(value)\" is not a Guardrail ID or ARN",
                fix: "Copy the ID (e.g. gr1a2b3c4d5e) or ARN from the Bedrock console, Guardrails.")
        }
        return value
    }

    /// A Guardrail's published version number, or DRAFT.
    public func guardrailVersion(_ value: String) throws(SetupError) -> String {
        guard value.wholeMatch(of: Self.guardrailVersionPattern) != nil else {
            throw .badOption(
                variable: "The Guardrail version", reason: "\"\(value)\" is not a version number or DRAFT",
                fix: "Give a published version such as 1, or DRAFT.")
        }
        return value
    }

    /// The Bedrock options on their own and with each other.
    public func options(_ profile: SetupProfile) throws(SetupError) {
        let options = profile.bedrock
        if let prefix = profile.regionPrefix, !["us", "eu", "apac", "jp", "au", "global"].contains(prefix) {
            throw .badOption(
                variable: ClaudeEnv.regionPrefix, reason: "is \"\(prefix)\", which Claude Code ignores",
                fix: "Use one of us, eu, apac, jp, au, global.")
        }
        if let guardrail = options.guardrail {
            _ = try guardrailIdentifier(guardrail.identifier)
            _ = try guardrailVersion(guardrail.version)
        }
        if let url = options.baseURL { _ = try endpointURL(url, variable: ClaudeEnv.baseURL) }
        if let url = options.mantleBaseURL { _ = try endpointURL(url, variable: ClaudeEnv.mantleBaseURL) }
        if options.skipAuth, options.baseURL == nil {
            throw .badOption(
                variable: ClaudeEnv.skipAuth,
                reason: "is set without ANTHROPIC_BEDROCK_BASE_URL, so Claude Code would call Bedrock unsigned",
                fix: "Give the gateway address with --gateway-url, or drop --skip-bedrock-auth.")
        }
        if options.skipMantleAuth, !options.mantle {
            throw .badOption(
                variable: ClaudeEnv.skipMantleAuth, reason: "is set without CLAUDE_CODE_USE_MANTLE",
                fix: "Add --mantle, or drop --skip-mantle-auth.")
        }
        if options.disablePromptCaching, options.promptCaching1h {
            throw .badOption(
                variable: ClaudeEnv.promptCaching1h,
                reason: "asks for a 1-hour cache while DISABLE_PROMPT_CACHING turns caching off",
                fix: "Choose one of the two.")
        }
        for (variable, label) in options.pinLabels {
            guard ClaudeEnv.describedPins.contains(variable) else {
                throw .badOption(
                    variable: variable, reason: "cannot carry a display name",
                    fix: "Name one of \(ClaudeEnv.describedPins.joined(separator: ", ")).")
            }
            for text in [label.name, label.capabilities].compactMap({ $0 }) where text.contains(where: \.isNewline) {
                throw .lineBreakInValue(field: variable + " label")
            }
            if let capabilities = label.capabilities {
                let unknown = ModelCapability.parse(capabilities).unknown
                if !unknown.isEmpty {
                    throw .badOption(
                        variable: variable + "_SUPPORTED_CAPABILITIES",
                        reason: "names \(unknown.joined(separator: ", ")), which Claude Code does not know",
                        fix: "Use a comma-separated list of Claude Code's names: \(ModelCapability.vocabulary).")
                }
            }
        }
        for (name, arn) in options.modelOverrides {
            guard name.wholeMatch(of: Self.modelNamePattern) != nil else {
                throw .badOption(
                    variable: "modelOverrides", reason: "has the key \"\(name)\", which is not an Anthropic model name",
                    fix: "Use a name such as claude-opus-4-6 or claude-sonnet-4-5.")
            }
            // Checked as a model value, and named as the override it is, not as "the primary model".
            do { _ = try model(arn, slot: .primary, region: profile.region) } catch {
                var detail = error.message.replacingEvery("The \(ModelSlot.primary.label) ", with: "the value ")
                if detail.hasSuffix(".") { detail.removeLast() }
                throw .refusedModelOverride(name: name, detail: detail, fix: error.fix)
            }
        }
        if case .command(let command) = profile.authRefresh, command.trimmingSpaces().isEmpty {
            throw .badOption(
                variable: "awsAuthRefresh", reason: "is blank, and Claude Code requires a command there",
                fix: "Give a command such as aws sso login --profile NAME, or none.")
        }
    }

    /// What a valid profile's pins are worth a warning for (call after `profile(_:)`). `labelsLookedUp`: the
    /// caller looks up application-inference-profile ARN pins and labels them (`apply --verify`), so an unnamed
    /// one is not worth a warning.
    public func warnings(for profile: SetupProfile, labelsLookedUp: Bool = false) -> [SetupWarning] {
        let pins: [(ModelSlot, String?, String)] = [
            (.primary, profile.model, profile.region), (.defaultModel, profile.defaultModel, profile.region),
            (.smallFast, profile.smallFastModel, profile.smallFastRegion ?? profile.region),
            (.sonnet, profile.sonnetModel, profile.region), (.opus, profile.opusModel, profile.region),
            (.fable, profile.fableModel, profile.region),
        ]
        var warnings: [SetupWarning] = []
        for (slot, value, region) in pins {
            guard let value,
                let checked = try? checkModel(value, slot: slot, region: region, mantle: profile.bedrock.mantle)
            else { continue }
            var lookedUp = false
            if labelsLookedUp, case .applicationProfileARN = checked.reference { lookedUp = true }
            if checked.reference.isOpaqueARN, !lookedUp, profile.bedrock.pinLabels[slot.envName]?.name == nil,
                slot != .primary, slot != .defaultModel
            {
                warnings.append(
                    SetupWarning(
                        field: slot.envName, message: "Claude Code cannot tell which model this ARN is.",
                        fix:
                            "Add --verify to label it from its backing model, or --pin-name \(slot.envName)=NAME and --pin-capabilities \(slot.envName)=LIST."
                    ))
            }
            warnings += checked.warnings
            if case .alias(let alias, _) = checked.reference, let note = aliasNote(alias, profile: profile) {
                warnings.append(SetupWarning(field: slot.envName, message: note, fix: nil))
            }
        }
        return warnings
    }

    /// On Bedrock `opus` and `sonnet` resolve to Opus 4.6 and Sonnet 4.5 (model-config docs)
    /// unless the class pin is set.
    func aliasNote(_ alias: ClaudeAlias, profile: SetupProfile) -> String? {
        switch alias {
        case .opus where profile.opusModel == nil:
            "On Bedrock Claude Code resolves \"opus\" to Opus 4.6 unless ANTHROPIC_DEFAULT_OPUS_MODEL is set."
        case .sonnet where profile.sonnetModel == nil:
            "On Bedrock Claude Code resolves \"sonnet\" to Sonnet 4.5 unless ANTHROPIC_DEFAULT_SONNET_MODEL is set."
        case .opusplan where profile.opusModel == nil || profile.sonnetModel == nil:
            "\"opusplan\" plans with the Opus pin and works with the Sonnet pin; unset, they are Opus 4.6 and Sonnet 4.5 on Bedrock."
        default: nil
        }
    }

    /// Checks a whole profile; the first problem wins, in the order the wizard asks.
    public func profile(_ profile: SetupProfile) throws(SetupError) -> SetupProfile {
        var checked = profile
        checked.name = try profileName(profile.name)
        if profile.credentials.usesAWSProfile {
            guard let name = profile.awsProfile else { throw .missingAWSProfile(profile.credentials) }
            checked.awsProfile = try awsProfileName(name)
        }
        checked.region = try region(profile.region)
        if let smallFastRegion = profile.smallFastRegion {
            guard profile.smallFastModel != nil else { throw .smallFastRegionWithoutModel }
            checked.smallFastRegion = try region(smallFastRegion)
        }
        let mantle = profile.bedrock.mantle
        checked.model = try profile.model.map { (value) throws(SetupError) in
            try model(value, slot: .primary, region: checked.region, mantle: mantle).identifier
        }
        checked.defaultModel = try profile.defaultModel.map { (value) throws(SetupError) in
            try model(value, slot: .defaultModel, region: checked.region, mantle: mantle).identifier
        }
        checked.smallFastModel = try profile.smallFastModel.map { (value) throws(SetupError) in
            try model(value, slot: .smallFast, region: checked.smallFastRegion ?? checked.region, mantle: mantle)
                .identifier
        }
        checked.sonnetModel = try profile.sonnetModel.map { (value) throws(SetupError) in
            try model(value, slot: .sonnet, region: checked.region, mantle: mantle).identifier
        }
        checked.opusModel = try profile.opusModel.map { (value) throws(SetupError) in
            try model(value, slot: .opus, region: checked.region, mantle: mantle).identifier
        }
        checked.fableModel = try profile.fableModel.map { (value) throws(SetupError) in
            try model(value, slot: .fable, region: checked.region, mantle: mantle).identifier
        }
        try options(profile)
        if case .command(let command) = profile.authRefresh, command.contains(where: \.isNewline) {
            throw .lineBreakInValue(field: "auth refresh command")
        }
        return checked
    }
}

// The two shapes checked on every run that reads a setup, matched without `Regex`: building one from its
// pattern costs 0.4–1 M instructions at first use, a fifth of an offline `doctor` (docs/benchmarks.md).
extension Validator {
    /// `[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}`: `us-east-1`, `us-gov-west-1`, `us-isob-east-1`.
    public static func isRegionName(_ name: some StringProtocol) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard (3...4).contains(parts.count), let country = parts.first, let number = parts.last,
            country.count == 2, country.allSatisfy(isLowercaseLetter),
            (1...2).contains(number.count), number.allSatisfy(isDigit),
            parts[parts.count - 2].allSatisfy(isLowercaseLetter), !parts[parts.count - 2].isEmpty
        else { return false }
        guard parts.count == 4 else { return true }
        let partition = parts[1]
        return partition == "gov" || partition == "iso"
            || (partition.count == 4 && partition.hasPrefix("iso") && partition.allSatisfy(isLowercaseLetter))
    }

    /// `anthropic\.[a-z0-9][a-z0-9.:-]*`: a base model ID such as `anthropic.claude-opus-5-v1:0`.
    public static func isBaseModelId(_ id: some StringProtocol) -> Bool {
        guard id.hasPrefix("anthropic.") else { return false }
        let rest = id.dropFirst("anthropic.".count)
        guard let first = rest.first, isLowercaseLetter(first) || isDigit(first) else { return false }
        return rest.allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == "." || $0 == ":" || $0 == "-" }
    }

    private static func isLowercaseLetter(_ character: Character) -> Bool {
        ("a"..."z").contains(character) && character.isASCII
    }
    private static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) && character.isASCII }
}
