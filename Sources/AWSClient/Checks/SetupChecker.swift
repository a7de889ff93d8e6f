import BedrockCore
import FoundationEssentials
import Glibc

/// What a Verify run found: the checklist, and the caller STS named (nil when it did not answer).
public struct VerifyReport: Sendable, Equatable {
    public let lines: [Diagnosis]
    public let caller: CallerIdentity?
}

/// The checks every front end runs (wizard Verify, `doctor`, `apply --verify`), each ending in
/// a `Diagnosis` from the one classifier.
public struct SetupChecker: Sendable {
    public let api: AWSAPI
    public let catalogue: Catalogue
    public let environment: [String: String]
    public let files: AWSSharedFiles
    public let ssoCache: SSOTokenCache
    /// Where a successful listing is remembered for offline runs; nil: nowhere.
    public let discovery: DiscoveryCache?
    public let now: @Sendable () -> Date

    public init(
        api: AWSAPI, environment: [String: String], files: AWSSharedFiles, ssoCache: SSOTokenCache,
        catalogue: Catalogue = .bundled, discovery: DiscoveryCache? = nil,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.api = api
        self.discovery = discovery
        self.environment = environment
        self.files = files
        self.ssoCache = ssoCache
        self.catalogue = catalogue
        self.now = now
    }

    func chain(region: String) -> CredentialChain {
        CredentialChain(
            environment: environment, files: files, ssoCache: ssoCache, api: api, defaultRegion: region, now: now)
    }

    func context(_ check: Check, _ profile: SetupProfile, model: String? = nil, resolved: ResolvedCredentials? = nil)
        -> DiagnosisContext
    {
        var context = DiagnosisContext(
            check: check, region: profile.region, awsProfile: profile.awsProfile, modelId: model, catalogue: catalogue)
        if let resolved {
            if case .bearer = resolved.authorization { context.usesAPIKey = true }
            if case .sso = resolved.source { context.usesSSO = true }
        }
        return context
    }

    /// Credentials for the setup being made: what Claude Code will use once it is written.
    public func credentials(for profile: SetupProfile, secrets: Secrets) async -> Result<ResolvedCredentials, Diagnosis>
    {
        let result = await resolveCredentials(for: profile, secrets: secrets)
        switch result {
        case .success(let resolved): api.caller.logger.debug("credentials", metadata: ["resolved": "\(resolved)"])
        case .failure(let diagnosis):
            api.caller.logger.debug(
                "credentials", metadata: ["problem": "\(diagnosis.code.map { "\($0)" } ?? "unknown")"])
        }
        return result
    }

    private func resolveCredentials(for profile: SetupProfile, secrets: Secrets) async -> Result<
        ResolvedCredentials, Diagnosis
    > {
        let context = context(.credentials, profile)
        switch profile.credentials {
        case .apiKey:
            guard
                let key = secrets.apiKey
                    ?? chain(region: profile.region).bedrockAPIKey().flatMap({
                        if case .bearer(let k) = $0.authorization { k } else { nil }
                    })
            else {
                return .failure(Classifier.diagnose(.noCredentials(profile: nil), context: context))
            }
            return .success(ResolvedCredentials(authorization: .bearer(key), source: .bedrockAPIKey, credentials: nil))
        case .environment:
            do throws(CredentialError) {
                guard let resolved = try chain(region: profile.region).environmentKeys() else {
                    return .failure(Classifier.diagnose(.noCredentials(profile: nil), context: context))
                }
                return .success(resolved)
            } catch { return .failure(Classifier.diagnose(error, context: context)) }
        case .awsProfile, .sso:
            if let key = secrets.accessKeyId, let secret = secrets.secretAccessKey {
                let credentials = AWSCredentials(accessKeyId: key, secretAccessKey: secret)
                return .success(
                    ResolvedCredentials(
                        authorization: .sigV4(credentials),
                        source: .staticProfile(
                            profile: profile.awsProfile ?? "default",
                            path: files.credentialsPath),
                        credentials: credentials))
            }
            do throws(CredentialError) {
                return .success(
                    try await chain(region: profile.region).resolve(profile: profile.awsProfile ?? "default"))
            } catch {
                return .failure(Classifier.diagnose(error, context: context))
            }
        }
    }

    /// STS GetCallerIdentity, or for an API key (which STS does not accept) a Bedrock call.
    public func identity(for profile: SetupProfile, resolved: ResolvedCredentials) async -> (Diagnosis, CallerIdentity?)
    {
        let context = context(.identity, profile, resolved: resolved)
        switch resolved.authorization {
        case .sigV4(let credentials):
            do {
                let identity = try await api.getCallerIdentity(region: profile.region, credentials: credentials)
                return (.ok(.identity, "account \(identity.account), \(identity.arn)"), identity)
            } catch { return (Classifier.diagnose(error, context: context), nil) }
        case .bearer:
            do {
                // One page is proof enough: the key is accepted.
                _ = try await api.listInferenceProfiles(
                    region: profile.region, type: "SYSTEM_DEFINED", authorization: resolved.authorization,
                    pageSize: 1, maxPages: 1)
                return (.ok(.identity, "Bedrock accepted the API key in \(profile.region)"), nil)
            } catch { return (Classifier.diagnose(error, context: context), nil) }
        case .ssoBearer, .anonymous:
            return (Classifier.diagnose(.noCredentials(profile: profile.awsProfile), context: context), nil)
        }
    }

    /// Inference profiles the account sees in the Region (system-defined and application).
    public func inferenceProfiles(region: String, resolved: ResolvedCredentials) async -> Result<
        [InferenceProfileSummary], AWSFailure
    > {
        do {
            return .success(
                try await api.listAllInferenceProfiles(region: region, authorization: resolved.authorization))
        } catch {
            return .failure(error)
        }
    }

    /// The Verify checklist: identity, Region, listing permission, the primary and background
    /// models Claude Code will call (its pins, or the defaults of `claudeCode` for the Region) and
    /// any other pin, and an optional one-token call to the primary model.
    /// `resolved`: credentials already obtained the way Claude Code obtains them (`awsCredentialExport`).
    public func verify(
        _ setup: SetupProfile, secrets: Secrets, invoke: Bool, claudeCode: ClaudeCodeVersion? = nil,
        resolved: ResolvedCredentials? = nil
    ) async -> [Diagnosis] {
        await report(setup, secrets: secrets, invoke: invoke, claudeCode: claudeCode, resolved: resolved).lines
    }

    /// The checklist and, when STS answered, who the caller is, as a value (the wizard's IAM
    /// policy needs the account; it is never parsed back out of a sentence).
    public func report(
        _ setup: SetupProfile, secrets: Secrets, invoke: Bool, claudeCode: ClaudeCodeVersion? = nil,
        resolved given: ResolvedCredentials? = nil
    ) async -> VerifyReport {
        var profile = setup.withModelsClaudeCodeCalls(version: claudeCode)
        var lines: [Diagnosis] = []
        let resolved: ResolvedCredentials
        let found: Result<ResolvedCredentials, Diagnosis>
        if let given { found = .success(given) } else { found = await credentials(for: profile, secrets: secrets) }
        switch found {
        case .failure(let diagnosis): return VerifyReport(lines: [diagnosis], caller: nil)
        case .success(let value): resolved = value
        }
        lines.append(.ok(.credentials, resolved.source.description))
        // Identity and the listing do not depend on each other: ask both at once.
        let asked = profile
        async let identityCheck = identity(for: asked, resolved: resolved)
        async let listing = inferenceProfiles(region: asked.region, resolved: resolved)
        let (identity, caller) = await identityCheck
        lines.append(identity)
        if identity.severity == .failure { return VerifyReport(lines: lines, caller: caller) }

        var visible: [InferenceProfileSummary] = []
        switch await listing {
        case .success(let profiles):
            visible = profiles
            remember(profiles, region: profile.region)
            // Unpinned, Claude Code asks the same listing for its defaults when the prefix rule names a missing profile.
            profile = setup.withModelsClaudeCodeCalls(version: claudeCode, offered: profiles.map(\.id))
            lines.append(
                .ok(.regionReachable(profile.region), "reachable; \(profiles.count) inference profiles visible"))
            lines.append(.ok(.listInferenceProfiles, "allowed"))
        case .failure(let failure):
            lines.append(
                Classifier.diagnose(failure, context: context(.listInferenceProfiles, profile, resolved: resolved)))
        }
        let checked = profile
        let pins = ModelSlot.allCases.compactMap { slot in
            checked[pin: slot].map { (slot, $0, checked.region(for: slot)) }
        }
        // Every pinned model at once, reported in slot order.
        let known = visible
        let modelLines = await withTaskGroup(of: (Int, Diagnosis).self) { group in
            for (index, (slot, id, region)) in pins.enumerated() {
                group.addTask {
                    (
                        index,
                        await modelCheck(
                            slot: slot, id: id, region: region, profile: checked, resolved: resolved,
                            visible: region == checked.region ? known : nil)
                    )
                }
            }
            var collected: [(Int, Diagnosis)] = []
            for await line in group { collected.append(line) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        lines += modelLines
        if invoke {
            // The primary model Claude Code will call (filled in above when nothing is pinned).
            let model = profile.model ?? ""
            do {
                let result = try await api.invokeOneToken(
                    region: profile.region, modelId: model, authorization: resolved.authorization)
                lines.append(.ok(.testCall, "\(model) answered in \(Int(result.latency * 1000)) ms"))
            } catch {
                lines.append(
                    Classifier.diagnose(error, context: context(.testCall, profile, model: model, resolved: resolved)))
            }
        }
        return VerifyReport(lines: lines, caller: caller)
    }

    /// A listing is the truth for this Region: keep it for the next offline run. A cache that
    /// cannot be written changes nothing else.
    func remember(_ profiles: [InferenceProfileSummary], region: String) {
        let entries = profiles.map {
            DiscoverySnapshot.Entry(id: $0.id, arn: $0.arn, type: $0.type, modelArns: $0.modelArns)
        }
        try? discovery?.save(DiscoverySnapshot(region: region, fetchedAt: now(), profiles: entries))
    }

    func modelCheck(
        slot: ModelSlot, id rawId: String, region: String, profile: SetupProfile, resolved: ResolvedCredentials,
        visible: [InferenceProfileSummary]?
    ) async -> Diagnosis {
        let check = Check.model(slot)
        // Claude Code resolves aliases itself, and `[1m]` is its own suffix: Bedrock sees the ID without it.
        if ClaudeAlias(rawValue: ModelReference.splitLongContext(rawId).0) != nil {
            return .ok(check, "\(rawId) is a Claude Code alias, resolved by Claude Code")
        }
        let id = ModelReference.splitLongContext(rawId).0
        if let kind = ModelARNKind.allCases.first(where: { id.contains(":\($0.rawValue)/") }) {
            return .ok(check, "\(id) is a \(kind.label); only a test call (--invoke) checks it")
        }
        var regional = context(check, profile, model: id, resolved: resolved)
        regional.region = region
        if let visible, !visible.isEmpty, !visible.contains(where: { $0.id == id || $0.arn == id }) {
            let base = Geography.leading(id)?.1
            let suggestion = base.flatMap { base in visible.first { Geography.leading($0.id)?.1 == base }?.id }
            return Diagnosis(
                check: check, severity: .failure, code: .invalidModelIdentifier,
                cause: "\(id) is not among the inference profiles this account sees in \(region).",
                fix: suggestion.map { "Use \($0), which \(region) offers." }
                    ?? "Pick a model from the list for \(region), or another Region.")
        }
        do {
            if visible?.isEmpty ?? true {
                _ = try await api.getInferenceProfile(
                    region: region, identifier: id, authorization: resolved.authorization)
            }
            guard let base = Geography.leading(id)?.1 else { return .ok(check, "\(id) is available") }
            let availability = try await api.getFoundationModelAvailability(
                region: region, modelId: base, authorization: resolved.authorization)
            if availability.isUsable { return .ok(check, "\(id) is available to this account") }
            if availability.region != "AVAILABLE" {
                return Diagnosis(
                    check: check, severity: .failure, code: .modelNotInRegion,
                    cause:
                        "\(base) is not offered in \(region) (region availability \(availability.region.lowercased())).",
                    fix:
                        "Choose another Region or a cross-Region profile that \(region) can call; `bedrock-setup regions` lists them."
                )
            }
            if availability.agreement != "AVAILABLE" {
                return Diagnosis(
                    check: check, severity: .failure, code: .modelNotEnabled,
                    cause:
                        "Model access for \(base) is not granted yet (agreement \(availability.agreement.lowercased())).",
                    fix: "Enable the model in the Bedrock console (Model access): \(Classifier.consoleURL(region)).")
            }
            if availability.entitlement != "AVAILABLE" {
                return Diagnosis(
                    check: check, severity: .failure, code: .modelNotEntitled,
                    cause:
                        "This account is not entitled to \(base) (entitlement \(availability.entitlement.lowercased())): the Marketplace subscription or the use-case form is missing.",
                    fix:
                        "Open the model in the Bedrock console and request access (submit the use-case form if asked): \(Classifier.consoleURL(region))."
                )
            }
            return Diagnosis(
                check: check, severity: .failure, code: .iamDenied,
                cause: "\(base) is \(availability.authorization.lowercased()) for this identity in \(region).",
                fix: "Attach the policy printed by `bedrock-setup policy` to this identity.")
        } catch {
            return Classifier.diagnose(error, context: regional)
        }
    }
}

/// What GetInferenceProfile answered for one application-inference-profile ARN pin.
public struct PinLookup: Sendable {
    public let variable: String
    public let arn: String
    /// The profile's own name in Bedrock.
    public let profileName: String?
    /// The model behind it, or why it could not be looked up (the classifier's diagnosis).
    public let result: Result<BackingModel, LookupFailure>

    public struct LookupFailure: Error, Sendable {
        public let diagnosis: Diagnosis

        /// The pin's warning line: `cause` in the caller's words around the diagnosis's cause; its code kept.
        public func warning(_ variable: String, cause: String, fix: String?) -> Diagnosis {
            Diagnosis(check: .setting(variable), severity: .warning, code: diagnosis.code, cause: cause, fix: fix)
        }
    }

    /// "…/my-profile", the ARN's short form for a line on screen.
    public var shortARN: String { BackingModel.shortForm(arn) }
}

extension SetupChecker {
    /// GetInferenceProfile for each of `pins`, in order, signed with the profile's credentials;
    /// empty when there are none or the credentials do not resolve (the credential check says why).
    /// `resolved`: credentials already resolved (doctor's `awsCredentialExport`), used instead of the profile's.
    public func lookUpBackingModels(
        _ pins: [(variable: String, arn: String, region: String)], of profile: SetupProfile, secrets: Secrets,
        resolved given: ResolvedCredentials? = nil
    ) async -> [PinLookup] {
        guard !pins.isEmpty else { return [] }
        let resolved: ResolvedCredentials
        if let given {
            resolved = given
        } else if case .success(let found) = await credentials(for: profile, secrets: secrets) {
            resolved = found
        } else {
            return []
        }
        var lookups: [PinLookup] = []
        for (variable, arn, region) in pins {
            do {
                let found = try await api.getInferenceProfile(
                    region: region, identifier: arn, authorization: resolved.authorization)
                let bases = found.modelArns.compactMap { $0.split(separator: "/", maxSplits: 1).last.map(String.init) }
                guard let base = bases.first else {
                    let diagnosis = Diagnosis(
                        check: .setting(variable), severity: .warning, code: .malformedResponse,
                        cause: "GetInferenceProfile answered for \(arn) without a model.",
                        fix: "Check the profile in the Bedrock console.")
                    lookups.append(
                        PinLookup(
                            variable: variable, arn: arn, profileName: found.name,
                            result: .failure(.init(diagnosis: diagnosis))))
                    continue
                }
                lookups.append(
                    PinLookup(
                        variable: variable, arn: arn, profileName: found.name,
                        result: .success(BackingModel(baseModelId: base, catalogue: catalogue))))
            } catch {
                let diagnosis = Classifier.diagnose(
                    error, context: DiagnosisContext(check: .setting(variable), region: region, catalogue: catalogue))
                lookups.append(
                    PinLookup(
                        variable: variable, arn: arn, profileName: nil, result: .failure(.init(diagnosis: diagnosis))))
            }
        }
        return lookups
    }

    /// GetInferenceProfile for each application-inference-profile ARN pin still missing `_NAME` or
    /// `_SUPPORTED_CAPABILITIES`: variable → the model it routes to, with a line for each lookup
    /// saying which labels are written from the backing model and which the person gave are kept.
    public func backingModels(of profile: SetupProfile, secrets: Secrets, validator: Validator) async
        -> (models: [String: BackingModel], lines: [Diagnosis])
    {
        let lookups = await lookUpBackingModels(
            profile.unlabelledProfileARNPins(validator: validator), of: profile, secrets: secrets)
        var models: [String: BackingModel] = [:]
        var lines: [Diagnosis] = []
        for lookup in lookups {
            let variable = lookup.variable
            switch lookup.result {
            case .success(let model):
                models[variable] = model
                let given = profile.bedrock.pinLabels[variable]
                lines.append(.ok(.setting(variable), Self.labelNote(lookup, model: model, given: given)))
            case .failure(let failure):
                lines.append(
                    failure.warning(
                        variable,
                        cause:
                            "Its backing model could not be looked up (\(failure.diagnosis.cause)), so \(variable)_NAME and _SUPPORTED_CAPABILITIES are not written.",
                        fix: "Add --pin-name \(variable)=NAME and --pin-capabilities \(variable)=LIST."))
            }
        }
        return (models, lines)
    }

    /// "… routes to anthropic.claude-opus-4-6-v1 (Claude Opus 4.6): _NAME and _SUPPORTED_CAPABILITIES
    /// (effort,…) written from its backing model; the _SUPPORTED_CAPABILITIES you gave is kept".
    static func labelNote(_ lookup: PinLookup, model: BackingModel, given: BedrockOptions.PinLabel?) -> String {
        let variable = lookup.variable
        let named = lookup.profileName.map { " (\($0))" } ?? ""
        var written: [String] = []
        var kept: [String] = []
        if given?.name == nil { written.append("\(variable)_NAME=\(model.name)") } else { kept.append("_NAME") }
        if given?.capabilities != nil {
            kept.append("_SUPPORTED_CAPABILITIES")
        } else if let list = model.capabilityList {
            written.append("_SUPPORTED_CAPABILITIES=\(list)")
        }
        var note = "\(lookup.arn)\(named) routes to \(model.baseModelId) (\(model.name))"
        if !written.isEmpty { note += ": \(written.joined(separator: " and ")) written from its backing model" }
        if model.capabilities == nil, given?.capabilities == nil {
            note += "; the bundled list does not know this model, so no _SUPPORTED_CAPABILITIES is written"
        }
        if !kept.isEmpty { note += "; the \(kept.joined(separator: " and ")) you gave kept" }
        return note
    }
}

extension SetupChecker {
    /// The wizard's Verify: GetInferenceProfile for every application-inference-profile ARN pin, a line
    /// naming the model behind each ("…/id → Claude Opus 4.6 (its backing model)") and which labels Review
    /// adds; a failed lookup is a warning with its diagnosis, and nothing is added for that pin.
    /// `backing` is keyed by the ARN, so a pin changed afterwards gets nothing.
    public func describeProfileARNPins(of profile: SetupProfile, secrets: Secrets, validator: Validator) async
        -> (lines: [Diagnosis], backing: [String: BackingModel])
    {
        let lookups = await lookUpBackingModels(
            profile.profileARNPins(validator: validator), of: profile, secrets: secrets)
        var lines: [Diagnosis] = []
        var backing: [String: BackingModel] = [:]
        for lookup in lookups {
            let variable = lookup.variable
            switch lookup.result {
            case .success(let model):
                backing[lookup.arn] = model
                var text = "\(lookup.shortARN) → \(model.name) (its backing model, \(model.baseModelId))"
                let filled = profile.labellingProfileARNPins(backing: [variable: model]).filled[variable] ?? []
                if !filled.isEmpty {
                    text += "; Review adds \(filled.joined(separator: " and "))"
                } else {
                    text += "; its _NAME and _SUPPORTED_CAPABILITIES are set already and kept"
                }
                lines.append(.ok(.setting(variable), text))
            case .failure(let failure):
                lines.append(
                    failure.warning(
                        variable,
                        cause:
                            "\(lookup.shortARN): its backing model could not be looked up (\(failure.diagnosis.cause)); nothing is added for this pin.",
                        fix: failure.diagnosis.fix))
            }
        }
        return (lines, backing)
    }
}
