import FoundationEssentials
import Glibc

/// The answers a team shares, decided once by whoever knows them (a platform engineer) and handed to everyone as
/// one JSON file: `bedrock-setup preset create FILE` writes it, `apply --preset` and `bedrock-setup --preset` use
/// it on each machine. Never a secret: each person signs in or brings their own key. Its format is
/// `docs/preset.schema.json`; `version` changes when an older bedrock-setup could not read a newer file (version 2
/// added `bedrock`; version 1 files are still read).
public struct Preset: Equatable, Sendable {
    public static let schemaID = "urn:bedrock-setup:preset:2"
    public static let version = 2
    /// The versions this bedrock-setup reads, with the `$schema` each may name.
    static let readableVersions = 1...version
    static let schemaIDs = readableVersions.map { "urn:bedrock-setup:preset:\($0)" }

    /// The parts of a preset that can be locked, by their JSON names.
    public enum Field: String, CaseIterable, Sendable {
        case credentials, region, smallFastRegion, models, bedrock, targets
    }

    /// An IAM Identity Center portal, account and role: what `aws configure sso` asks.
    public struct SSO: Equatable, Sendable {
        public var startURL: String
        public var region: String
        public var accountId: String
        public var roleName: String
        public var session: String?

        public init(startURL: String, region: String, accountId: String, roleName: String, session: String? = nil) {
            self.startURL = startURL
            self.region = region
            self.accountId = accountId
            self.roleName = roleName
            self.session = session
        }
    }

    public var description: String?
    public var profileName: String?
    public var credentials: CredentialsMethod?
    public var awsProfile: String?
    public var sso: SSO?
    /// As `apply --auth-refresh` takes it: `sso`, `login`, `none` or a command.
    public var authRefresh: String?
    public var region: String?
    public var smallFastRegion: String?
    public var models: [ModelSlot: String]
    /// The only models a person may pin; nil allows any.
    public var allowedModels: [String]?
    /// Service tier, Guardrail, gateway, Mantle and prompt caching; never display names of ARN pins or
    /// `modelOverrides` (a preset neither reads nor writes those).
    public var bedrock: BedrockOptions?
    public var targets: [ActivationTarget]?
    public var locked: [Field]

    public init(
        description: String? = nil, profileName: String? = nil, credentials: CredentialsMethod? = nil,
        awsProfile: String? = nil,
        sso: SSO? = nil, authRefresh: String? = nil, region: String? = nil, smallFastRegion: String? = nil,
        models: [ModelSlot: String] = [:], allowedModels: [String]? = nil, bedrock: BedrockOptions? = nil,
        targets: [ActivationTarget]? = nil, locked: [Field] = []
    ) {
        self.description = description
        self.profileName = profileName
        self.credentials = credentials
        self.awsProfile = awsProfile
        self.sso = sso
        self.authRefresh = authRefresh
        self.region = region
        self.smallFastRegion = smallFastRegion
        self.models = models
        self.allowedModels = allowedModels
        self.bedrock = bedrock
        self.targets = targets
        self.locked = locked
    }

    public func isLocked(_ field: Field) -> Bool { locked.contains(field) }

    /// The JSON name of each model slot inside `models`.
    static func key(_ slot: ModelSlot) -> String {
        switch slot {
        case .primary: "primary"
        case .smallFast: "smallFast"
        case .sonnet: "sonnet"
        case .opus: "opus"
        case .fable: "fable"
        case .defaultModel: "default"
        }
    }
}

// MARK: - Reading

extension Preset {
    /// Reads and checks a preset; every problem names the field. `source` (a path or address) names the preset in
    /// messages. A preset holding anything that looks like a secret is refused before anything else is looked at.
    public static func parse(_ text: String, source: String, validator: Validator) throws(SetupError) -> Preset {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch {
            throw .invalidPreset(
                source: source, field: "(the file)", problem: "is not valid JSON (\(error.description))")
        }
        if let field = secretField(in: json, path: "") { throw .presetHoldsSecret(source: source, field: field) }
        var reader = PresetReader(source: source, validator: validator)
        return try reader.preset(json)
    }

    /// Key names (lower case, without `_`, `-`, `.`) that only ever hold secrets.
    static let secretKeyNames: Set<String> = [
        "awssecretaccesskey", "secretaccesskey", "secretkey", "awssessiontoken", "sessiontoken",
        "awsbearertokenbedrock",
        "bearertoken", "apikey", "bedrockapikey", "accesstoken", "refreshtoken", "clientsecret", "password", "secret",
        "token",
        "awsaccesskeyid", "accesskeyid", "accesskey", "authorization", "proxyauthorization", "xapikey", "xauthtoken",
        "cookie",
    ]

    /// Query parameters that carry a credential in an address (pre-signed URLs, gateway tokens).
    static let secretQueryNames: Set<String> = secretKeyNames.union([
        "xamzsecuritytoken", "xamzsignature", "signature", "sig", "key", "auth",
    ])

    /// The path of the first key or value that holds (or looks like) a secret, or nil.
    static func secretField(in value: JSONValue, path: String) -> String? {
        switch value {
        case .object(let members):
            for (key, member) in members {
                let field = path.isEmpty ? key : "\(path).\(key)"
                let normalized = key.lowercased().filter { !"_-.".contains($0) }
                if secretKeyNames.contains(normalized) { return field }
                if let found = secretField(in: member, path: field) { return found }
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = secretField(in: item, path: "\(path)[\(index)]") { return found }
            }
        case .string(let text):
            if looksLikeSecret(text) { return path }
        default:
            break
        }
        return nil
    }

    /// Bedrock API keys, AWS access keys and their secrets, session tokens: by their shapes.
    static func looksLikeSecret(_ text: String) -> Bool {
        let value = text.trimmingSpaces()
        if Validator.apiKeyPrefixes.contains(where: value.hasPrefix), value.count >= 20 { return true }
        // A gateway's credentials: a password in an address, an `Authorization:` (or API key, cookie) header.
        if SecretLine.maskingCredentialsInText(value) != value { return true }
        // A token or signature in an address's query (a pre-signed URL, a gateway's key).
        if value.contains("://"), let url = URLComponents(string: value) {
            let names = (url.queryItems ?? []).map { $0.name.lowercased().filter { !"_-.".contains($0) } }
            if names.contains(where: secretQueryNames.contains) { return true }
        }
        if value.wholeMatch(of: /(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}/) != nil { return true }
        if value.wholeMatch(of: /[A-Za-z0-9\/+]{40}/) != nil { return true }
        return value.count >= 100 && value.wholeMatch(of: /[A-Za-z0-9\/+=]+/) != nil
    }
}

/// Walks a preset's JSON; each failure names the field as a dotted path.
private struct PresetReader {
    let source: String
    let validator: Validator

    func problem(_ field: String, _ text: String) -> SetupError {
        .invalidPreset(source: source, field: field, problem: text)
    }

    /// A core error about a value, reported against the preset field that held it.
    func problem(_ field: String, _ error: SetupError) -> SetupError {
        problem(field, "is refused: \(error.message) \(error.fix)")
    }

    func members(_ value: JSONValue, _ field: String, allowed: [String]) throws(SetupError) -> [String: JSONValue] {
        guard case .object(let list) = value else { throw problem(field, "must be a JSON object") }
        var result: [String: JSONValue] = [:]
        for (key, member) in list {
            guard allowed.contains(key) else {
                throw problem(
                    field.isEmpty ? key : "\(field).\(key)",
                    "is not a preset field (known here: \(allowed.filter { $0 != "$schema" }.joined(separator: ", ")))")
            }
            result[key] = member
        }
        return result
    }

    func string(_ value: JSONValue?, _ field: String) throws(SetupError) -> String? {
        guard let value else { return nil }
        guard case .string(let text) = value else { throw problem(field, "must be a string") }
        guard !text.trimmingSpaces().isEmpty else { throw problem(field, "is empty; leave it out instead") }
        guard !text.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw problem(field, "contains a line break")
        }
        return text
    }

    func strings(_ value: JSONValue?, _ field: String) throws(SetupError) -> [String]? {
        guard let value else { return nil }
        guard case .array(let items) = value else { throw problem(field, "must be a JSON array of strings") }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = try string(item, "\(field)[\(index)]") else { continue }
            guard !result.contains(text) else { throw problem("\(field)[\(index)]", "repeats \"\(text)\"") }
            result.append(text)
        }
        return result
    }

    mutating func preset(_ json: JSONValue) throws(SetupError) -> Preset {
        let top = try members(
            json, "",
            allowed: [
                "$schema", "version", "description", "profileName", "credentials", "region",
                "smallFastRegion", "models", "allowedModels", "bedrock", "targets", "locked",
            ])
        if let schema = top["$schema"] {
            guard case .string(let id) = schema, Preset.schemaIDs.contains(id) else {
                throw problem("$schema", "must be \"\(Preset.schemaID)\"")
            }
        }
        guard let version = top["version"] else {
            throw problem("version", "is missing; a preset says which format it is in (\"version\": \(Preset.version))")
        }
        guard case .number(let number) = version, let found = Int(number) else {
            throw problem("version", "must be a whole number")
        }
        guard Preset.readableVersions.contains(found) else {
            throw problem(
                "version",
                found > Preset.version
                    ? "is \(found), written for a newer bedrock-setup; this one reads versions 1 to \(Preset.version): update bedrock-setup"
                    : "is \(found), which no bedrock-setup ever wrote; the current format is version \(Preset.version)")
        }

        var preset = Preset()
        preset.description = try string(top["description"], "description")
        if let name = try string(top["profileName"], "profileName") {
            do { preset.profileName = try validator.profileName(name) } catch { throw problem("profileName", error) }
        }
        if let credentials = top["credentials"] { try self.credentials(credentials, into: &preset) }
        if let region = try string(top["region"], "region") {
            do { preset.region = try validator.region(region) } catch { throw problem("region", error) }
        }
        if let region = try string(top["smallFastRegion"], "smallFastRegion") {
            do { preset.smallFastRegion = try validator.region(region) } catch {
                throw problem("smallFastRegion", error)
            }
        }
        // Before the models: on the Mantle endpoint a model is a bare ID.
        if let bedrock = top["bedrock"] {
            guard found >= 2 else {
                throw problem("bedrock", "needs \"version\": 2 (version 1 has no Bedrock options)")
            }
            preset.bedrock = try self.bedrock(bedrock)
        }
        let mantle = preset.bedrock?.mantle ?? false
        if let allowed = try strings(top["allowedModels"], "allowedModels") {
            guard !allowed.isEmpty else {
                throw problem("allowedModels", "is empty, which would allow no model; leave it out to allow any")
            }
            for (index, model) in allowed.enumerated() {
                do { _ = try validator.model(model, slot: .primary, region: nil, mantle: mantle) } catch {
                    throw problem("allowedModels[\(index)]", error)
                }
            }
            preset.allowedModels = allowed
        }
        if let models = top["models"] {
            let slots = try members(models, "models", allowed: ModelSlot.allCases.map(Preset.key))
            for slot in ModelSlot.allCases {
                let field = "models.\(Preset.key(slot))"
                guard let model = try string(slots[Preset.key(slot)], field) else { continue }
                let region = slot == .smallFast ? preset.smallFastRegion ?? preset.region : preset.region
                do {
                    preset.models[slot] = try validator.model(model, slot: slot, region: region, mantle: mantle)
                        .identifier
                } catch {
                    throw problem(field, error)
                }
                if let allowed = preset.allowedModels, !allowed.contains(model) {
                    throw problem(field, "is \(model), which is not in allowedModels")
                }
            }
        }
        if preset.smallFastRegion != nil, preset.models[.smallFast] == nil {
            throw problem("smallFastRegion", "is set without models.smallFast, and Claude Code ignores it then")
        }
        if let targets = try strings(top["targets"], "targets") {
            guard !targets.isEmpty else {
                throw problem("targets", "is empty; leave it out for Claude Code's user settings")
            }
            preset.targets = try targets.enumerated().map { (index, name) throws(SetupError) in
                guard let target = ActivationTarget(rawValue: name) else {
                    throw problem(
                        "targets[\(index)]",
                        "is \"\(name)\"; a target is one of \(ActivationTarget.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                return target
            }
        }
        if let locked = try strings(top["locked"], "locked") {
            preset.locked = try locked.enumerated().map { (index, name) throws(SetupError) in
                guard let field = Preset.Field(rawValue: name) else {
                    throw problem(
                        "locked[\(index)]",
                        "is \"\(name)\"; lockable fields are \(Preset.Field.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                guard preset.has(field) else {
                    throw problem("locked[\(index)]", "locks \(name), which the preset does not set")
                }
                return field
            }
        }
        return preset
    }

    func bool(_ value: JSONValue?, _ field: String) throws(SetupError) -> Bool {
        guard let value else { return false }
        guard case .bool(let flag) = value else { throw problem(field, "must be true or false") }
        return flag
    }

    /// Service tier, Guardrail, gateway, Mantle and prompt caching, each checked by the core's validator. The shape
    /// leaves out what cannot be: a gateway that signs has an address, Mantle's auth is skipped only with Mantle on,
    /// and prompt caching is one of three states. `{}` is Claude Code's defaults (worth locking: no gateway).
    func bedrock(_ value: JSONValue) throws(SetupError) -> BedrockOptions {
        let fields = try members(
            value, "bedrock", allowed: ["serviceTier", "guardrail", "gateway", "mantle", "promptCaching"])
        var options = BedrockOptions()
        if let tier = try string(fields["serviceTier"], "bedrock.serviceTier") {
            guard let known = BedrockOptions.ServiceTier(rawValue: tier) else {
                let tiers = BedrockOptions.ServiceTier.allCases.map(\.rawValue).joined(separator: ", ")
                throw problem("bedrock.serviceTier", "is \"\(tier)\"; use one of \(tiers)")
            }
            options.serviceTier = known
        }
        if let guardrail = fields["guardrail"] {
            let parts = try members(guardrail, "bedrock.guardrail", allowed: ["identifier", "version"])
            guard let identifier = try string(parts["identifier"], "bedrock.guardrail.identifier") else {
                throw problem("bedrock.guardrail.identifier", "is missing (the Guardrail's ID or ARN)")
            }
            // A version is a string in Bedrock's API ("1", "DRAFT"); a bare number is taken as meant.
            let version: String
            switch parts["version"] {
            case .number(let number)?: version = number
            case let other?: version = try string(other, "bedrock.guardrail.version") ?? ""
            case nil:
                throw problem(
                    "bedrock.guardrail.version", "is missing (a published version such as \"1\", or \"DRAFT\")")
            }
            do { _ = try validator.guardrailIdentifier(identifier) } catch {
                throw problem("bedrock.guardrail.identifier", error)
            }
            do { _ = try validator.guardrailVersion(version) } catch {
                throw problem("bedrock.guardrail.version", error)
            }
            options.guardrail = .init(identifier: identifier, version: version)
        }
        if let gateway = fields["gateway"] {
            let parts = try members(gateway, "bedrock.gateway", allowed: ["url", "skipBedrockAuth"])
            guard let url = try string(parts["url"], "bedrock.gateway.url") else {
                throw problem("bedrock.gateway.url", "is missing (the gateway's https:// address)")
            }
            do { options.baseURL = try validator.endpointURL(url, variable: ClaudeEnv.baseURL) } catch {
                throw problem("bedrock.gateway.url", error)
            }
            options.skipAuth = try bool(parts["skipBedrockAuth"], "bedrock.gateway.skipBedrockAuth")
        }
        if let mantle = fields["mantle"] {
            let parts = try members(mantle, "bedrock.mantle", allowed: ["url", "skipMantleAuth"])
            options.mantle = true
            if let url = try string(parts["url"], "bedrock.mantle.url") {
                do { options.mantleBaseURL = try validator.endpointURL(url, variable: ClaudeEnv.mantleBaseURL) } catch {
                    throw problem("bedrock.mantle.url", error)
                }
            }
            options.skipMantleAuth = try bool(parts["skipMantleAuth"], "bedrock.mantle.skipMantleAuth")
        }
        if let caching = try string(fields["promptCaching"], "bedrock.promptCaching") {
            guard let choice = Preset.PromptCaching(rawValue: caching) else {
                let choices = Preset.PromptCaching.allCases.map(\.rawValue).joined(separator: ", ")
                throw problem("bedrock.promptCaching", "is \"\(caching)\"; use one of \(choices)")
            }
            choice.apply(to: &options)
        }
        return options
    }

    func credentials(_ value: JSONValue, into preset: inout Preset) throws(SetupError) {
        let fields = try members(value, "credentials", allowed: ["method", "awsProfile", "sso", "authRefresh"])
        guard let rawMethod = try string(fields["method"], "credentials.method") else {
            throw problem(
                "credentials.method",
                "is missing (one of \(CredentialsMethod.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let method = CredentialsMethod(rawValue: rawMethod) else {
            throw problem(
                "credentials.method",
                "is \"\(rawMethod)\"; use one of \(CredentialsMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        preset.credentials = method
        if let name = try string(fields["awsProfile"], "credentials.awsProfile") {
            guard method.usesAWSProfile else {
                throw problem("credentials.awsProfile", "goes with method aws-profile or sso, not \(method.rawValue)")
            }
            do { preset.awsProfile = try validator.awsProfileName(name) } catch {
                throw problem("credentials.awsProfile", error)
            }
        } else if method.usesAWSProfile {
            throw problem(
                "credentials.awsProfile", "is missing; method \(method.rawValue) needs the AWS profile's name")
        }
        preset.authRefresh = try string(fields["authRefresh"], "credentials.authRefresh")
        if let sso = fields["sso"] {
            guard method == .sso else {
                throw problem("credentials.sso", "goes with method sso, not \(method.rawValue)")
            }
            let values = try members(
                sso, "credentials.sso", allowed: ["startUrl", "region", "accountId", "roleName", "session"])
            func required(_ key: String) throws(SetupError) -> String {
                guard let text = try string(values[key], "credentials.sso.\(key)") else {
                    throw problem("credentials.sso.\(key)", "is missing")
                }
                return text
            }
            let startURL = try required("startUrl")
            guard let url = URL(string: startURL), url.scheme == "https", url.host?.isEmpty == false else {
                throw problem(
                    "credentials.sso.startUrl",
                    "must be the portal's https:// address, such as https://acme.awsapps.com/start")
            }
            let region = try required("region")
            guard Validator.isRegionName(region) else {
                throw problem("credentials.sso.region", "\"\(region)\" is not an AWS Region name")
            }
            let account = try required("accountId")
            guard account.wholeMatch(of: Validator.accountPattern) != nil else {
                throw problem("credentials.sso.accountId", "must be the 12-digit AWS account ID")
            }
            let role = try required("roleName")
            guard role.wholeMatch(of: /[A-Za-z0-9+=,.@_-]{1,64}/) != nil else {
                throw problem(
                    "credentials.sso.roleName",
                    "must be a role (permission set) name: letters, digits and + = , . @ _ -")
            }
            let session = try string(values["session"], "credentials.sso.session")
            if let session, session.wholeMatch(of: /[A-Za-z0-9+=,.@_-]{1,64}/) == nil {
                throw problem("credentials.sso.session", "must be letters, digits and + = , . @ _ -")
            }
            preset.sso = Preset.SSO(
                startURL: startURL, region: region, accountId: account, roleName: role, session: session)
        }
    }
}

extension Preset {
    /// Whether the preset gives `field` a value (only such a field can be locked).
    public func has(_ field: Field) -> Bool {
        switch field {
        case .credentials: credentials != nil
        case .region: region != nil
        case .smallFastRegion: smallFastRegion != nil
        case .models: !models.isEmpty
        case .bedrock: bedrock != nil
        case .targets: targets != nil
        }
    }
}

// MARK: - Writing

extension Preset {
    /// The preset as its JSON file, fields in the schema's order.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("$schema", .string(Preset.schemaID)), ("version", .number(String(Preset.version))),
        ]
        if let description { members.append(("description", .string(description))) }
        if let profileName { members.append(("profileName", .string(profileName))) }
        if let credentials {
            var access: [(String, JSONValue)] = [("method", .string(credentials.rawValue))]
            if let awsProfile { access.append(("awsProfile", .string(awsProfile))) }
            if let sso {
                var portal: [(String, JSONValue)] = [
                    ("startUrl", .string(sso.startURL)), ("region", .string(sso.region)),
                    ("accountId", .string(sso.accountId)), ("roleName", .string(sso.roleName)),
                ]
                if let session = sso.session { portal.append(("session", .string(session))) }
                access.append(("sso", .object(portal)))
            }
            if let authRefresh { access.append(("authRefresh", .string(authRefresh))) }
            members.append(("credentials", .object(access)))
        }
        if let region { members.append(("region", .string(region))) }
        if let smallFastRegion { members.append(("smallFastRegion", .string(smallFastRegion))) }
        let pins = ModelSlot.allCases.compactMap { slot in models[slot].map { (Preset.key(slot), JSONValue.string($0)) }
        }
        if !pins.isEmpty { members.append(("models", .object(pins))) }
        if let allowedModels { members.append(("allowedModels", .array(allowedModels.map(JSONValue.string)))) }
        if let bedrock { members.append(("bedrock", Preset.json(bedrock))) }
        if let targets { members.append(("targets", .array(targets.map { .string($0.rawValue) }))) }
        if !locked.isEmpty { members.append(("locked", .array(locked.map { .string($0.rawValue) }))) }
        return .object(members)
    }
}

// MARK: - From a setup

extension Preset {
    /// The shareable part of a setup: its credentials method and AWS profile (for an IAM Identity Center profile,
    /// the portal, SSO Region, account and role from ~/.aws/config), Regions and model pins. No secret is taken.
    public static func capture(_ setup: SetupProfile, aws: AWSSharedFiles?) -> Preset {
        var preset = Preset(
            credentials: setup.credentials, awsProfile: setup.credentials.usesAWSProfile ? setup.awsProfile : nil,
            region: setup.region, smallFastRegion: setup.smallFastRegion)
        for (slot, model) in [
            (ModelSlot.primary, setup.model), (.smallFast, setup.smallFastModel), (.sonnet, setup.sonnetModel),
            (.opus, setup.opusModel), (.fable, setup.fableModel), (.defaultModel, setup.defaultModel),
        ] {
            preset.models[slot] = model
        }
        var options = setup.bedrock
        options.pinLabels = [:]
        options.modelOverrides = [:]
        preset.bedrock = options == BedrockOptions() ? nil : options
        switch setup.authRefresh {
        case .none: preset.authRefresh = setup.credentials == .sso ? "none" : nil
        case .ssoLogin: preset.authRefresh = "sso"
        case .builtInLogin: preset.authRefresh = "login"  // each machine has its own path to this program
        case .awsLogin: preset.authRefresh = "aws-login"
        case .command(let command): preset.authRefresh = command
        }
        if setup.credentials == .sso, let name = setup.awsProfile, let profile = aws?.profile(name),
            let (_, startURL, region) = aws?.ssoCacheKey(for: profile), let startURL, let region,
            let account = profile.value("sso_account_id"), let role = profile.value("sso_role_name")
        {
            preset.sso = SSO(
                startURL: startURL, region: region, accountId: account, roleName: role,
                session: profile.kind == .ssoSession ? profile.ssoSessionName : nil)
        }
        return preset
    }
}

// MARK: - Onto a setup

extension Preset {
    /// A setup with the preset's answers over `base` (today's setup, or the defaults): what the wizard starts from
    /// with `--preset`. The authorization refresh is left to the credentials step, which knows the machine.
    public func applied(to base: SetupProfile) -> SetupProfile {
        var setup = base
        if let profileName { setup.name = profileName }
        if let credentials, credentials != setup.credentials {
            setup.credentials = credentials
            setup.awsProfile = nil
        }
        if let awsProfile { setup.awsProfile = awsProfile }
        if let region, region != setup.region {
            setup.region = region
            setup.smallFastRegion = nil
        }
        if let smallFastRegion { setup.smallFastRegion = smallFastRegion }
        if var bedrock {  // the display names of ARN pins and modelOverrides are not a preset's
            bedrock.pinLabels = base.bedrock.pinLabels
            bedrock.modelOverrides = base.bedrock.modelOverrides
            bedrock.removedModelOverrides = base.bedrock.removedModelOverrides
            setup.bedrock = bedrock
        }
        if !models.isEmpty || isLocked(.models) {
            setup.model = models[.primary]
            setup.smallFastModel = models[.smallFast]
            setup.sonnetModel = models[.sonnet]
            setup.opusModel = models[.opus]
            setup.fableModel = models[.fable]
            setup.defaultModel = models[.defaultModel]
        }
        return setup
    }
}

// MARK: - Bedrock options

extension Preset {
    /// Claude Code's two prompt-caching switches as the one choice they make (they contradict each other).
    public enum PromptCaching: String, CaseIterable, Sendable {
        case standard
        case oneHour = "1h"
        case off

        public init(_ options: BedrockOptions) {
            self = options.disablePromptCaching ? .off : options.promptCaching1h ? .oneHour : .standard
        }

        func apply(to options: inout BedrockOptions) {
            options.disablePromptCaching = self == .off
            options.promptCaching1h = self == .oneHour
        }
    }

    /// The `bedrock` object, members in the schema's order; defaults left out.
    static func json(_ options: BedrockOptions) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let tier = options.serviceTier { members.append(("serviceTier", .string(tier.rawValue))) }
        if let guardrail = options.guardrail {
            members.append(
                (
                    "guardrail",
                    .object([
                        ("identifier", .string(guardrail.identifier)),
                        ("version", .string(guardrail.version)),
                    ])
                ))
        }
        if let url = options.baseURL {
            var gateway: [(String, JSONValue)] = [("url", .string(url))]
            if options.skipAuth { gateway.append(("skipBedrockAuth", .bool(true))) }
            members.append(("gateway", .object(gateway)))
        }
        if options.mantle {
            var mantle: [(String, JSONValue)] = []
            if let url = options.mantleBaseURL { mantle.append(("url", .string(url))) }
            if options.skipMantleAuth { mantle.append(("skipMantleAuth", .bool(true))) }
            members.append(("mantle", .object(mantle)))
        }
        let caching = PromptCaching(options)
        if caching != .standard { members.append(("promptCaching", .string(caching.rawValue))) }
        return .object(members)
    }
}
