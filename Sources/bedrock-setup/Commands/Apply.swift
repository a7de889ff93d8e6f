import AWSClient
import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Write a setup without the wizard: every wizard answer as a flag.",
        discussion: """
            Secrets never go on the command line: a Bedrock API key comes from AWS_BEARER_TOKEN_BEDROCK or, with
            --secret-from-stdin, from standard input; new access keys for --write-keys come from AWS_ACCESS_KEY_ID and
            AWS_SECRET_ACCESS_KEY or, with --secret-from-stdin, from two lines of standard input.

            Examples:
              bedrock-setup apply --credentials sso --aws-profile corp-dev --region eu-central-1 --yes
              bedrock-setup apply --credentials sso --aws-profile corp-dev --region eu-central-1 \\
                  --sso-start-url https://corp.awsapps.com/start --sso-region eu-west-1 --sso-account-id 111122223333 \\
                  --sso-role-name Developer --yes
              bedrock-setup apply --profile-name eu --credentials env --region eu-west-1 \\
                  --model eu.anthropic.claude-sonnet-4-5-20250929-v1:0 --target user --target shell --dry-run
              bedrock-setup apply --credentials sso --aws-profile old-legacy --region eu-central-1 --sso-session corp --yes
                  (converts a legacy profile, sso_start_url in the profile, to the refreshable sso-session form)
              printf '%s\\n' "$KEY" | bedrock-setup apply --credentials api-key --region us-west-2 --secret-from-stdin --yes
              bedrock-setup apply --credentials aws-profile --aws-profile dev --region us-east-1 --verify --yes
              bedrock-setup apply --preset team.json --yes          # a team preset; its locked fields cannot change
            """)

    @Option(
        help:
            "A team preset (a file or an https:// address): its answers fill every option not given here; a field it locks cannot be changed."
    )
    var preset: String?
    /// `bedrock-setup --preset` (the wizard's) is the root's option, and ArgumentParser gives a parent's option the
    /// value wherever it stands on the line, `apply --preset X` included: the preset is read from there too.
    @ParentCommand var root: BedrockSetup
    var presetSource: String? { preset ?? root.preset }
    @Option(help: "Name of the saved setup profile (default: the preset's, else default).") var profileName: String?
    @Option(help: "aws-profile (A), env (B), sso (C) or api-key (D).") var credentials: CredentialsMethod?
    @Option(help: "AWS profile name, for aws-profile and sso.") var awsProfile: String?
    @Option(help: "AWS Region Claude Code calls, e.g. us-east-1.") var region: String?
    @Option(help: "Region for the small/fast model (needs --small-fast-model).") var smallFastRegion: String?
    @Option(
        help:
            "Primary model (ANTHROPIC_MODEL): an inference profile ID (with [1m] for the 1M context where offered), an alias (opus, sonnet, haiku, opusplan, fable, best), or an ARN."
    ) var model: String?
    @Option(help: "Background (Haiku-class) model, written as ANTHROPIC_DEFAULT_HAIKU_MODEL.") var smallFastModel:
        String?
    @Option(help: "Opus pin (ANTHROPIC_DEFAULT_OPUS_MODEL).") var opusModel: String?
    @Option(help: "Sonnet pin (ANTHROPIC_DEFAULT_SONNET_MODEL).") var sonnetModel: String?
    @Option(help: "Fable pin (ANTHROPIC_DEFAULT_FABLE_MODEL).") var fableModel: String?
    @Option(help: "A default that a /model pick may override (ANTHROPIC_DEFAULT_MODEL).") var defaultModel: String?
    @Option(
        help:
            "Prefix of Claude Code's built-in defaults: us, eu, apac, jp, au or global (ANTHROPIC_BEDROCK_REGION_PREFIX)."
    ) var regionPrefix: String?
    @OptionGroup var bedrockOptions: BedrockFlags
    @Option(
        help:
            "awsAuthRefresh: 'login' for `bedrock-setup login --profile …`, 'sso' for `aws sso login --profile …` (AWS CLI v2 only), 'aws-login' for `aws login --profile …`, 'none', or a command. Default: a command of your own already in the settings is kept; else by the profile's kind: SSO 'sso' where the AWS CLI v2 is installed (else 'login'), an `aws login` profile 'aws-login', keys none."
    ) var authRefresh: String?
    @Flag(
        help:
            "Remove an awsCredentialExport already in the settings written: the credentials its command prints would win over these."
    ) var removeCredentialExport = false
    @Option(
        help:
            "With --credentials sso: create the profile like `aws configure sso`, for this IAM Identity Center start URL."
    ) var ssoStartUrl: String?
    @Option(help: "The SSO Region (default: named by the start URL or an existing session).") var ssoRegion: String?
    @Option(help: "The [sso-session] name (default: an existing session with this start URL, else the portal's name).")
    var ssoSession: String?
    @Option(help: "The AWS account ID the SSO profile signs in to.") var ssoAccountId: String?
    @Option(help: "The role (permission set) the SSO profile uses.") var ssoRoleName: String?
    @Flag(help: "For aws-profile: write new access keys into ~/.aws like `aws configure --profile NAME`.")
    var writeKeys = false
    @Flag(help: "Read secrets from standard input instead of the environment.") var secretFromStdin = false
    @Flag(help: "Run the live checks first; write nothing if one fails.") var verify = false
    @Flag(help: "With --verify: write even if a check fails.") var force = false
    @Flag(help: "With --verify: also make a one-token test call (costs a fraction of a cent).") var invoke = false
    @OptionGroup var write: WriteOptions

    /// Flags that contradict each other are refused here, before anything is read or written. A half a preset may
    /// complete (a credentials method, a small/fast model) is checked again once the preset is read.
    func validate() throws {
        if force, !verify {
            throw ValidationError("--force only overrides a failed --verify check: add --verify, or drop --force.")
        }
        if invoke, !verify {
            throw ValidationError("--invoke makes its test call as part of --verify: add --verify, or drop --invoke.")
        }
        if let credentials {
            if writeKeys, credentials != .awsProfile {
                throw ValidationError(
                    "--write-keys writes keys into an AWS profile, so it goes with --credentials aws-profile, "
                        + "not \(credentials.rawValue): change --credentials, or drop --write-keys.")
            }
            if let flag = givenSSOFlag, credentials != .sso {
                throw ValidationError(
                    "\(flag) describes an IAM Identity Center profile, so it goes with --credentials sso, "
                        + "not \(credentials.rawValue): change --credentials, or drop the --sso-… options.")
            }
            if awsProfile != nil, !credentials.usesAWSProfile {
                throw ValidationError(
                    "--aws-profile goes with --credentials aws-profile or sso; \(credentials.rawValue) does not use an AWS "
                        + "profile: change --credentials, or drop --aws-profile.")
            }
            if secretFromStdin, credentials != .apiKey, !writeKeys {
                throw ValidationError(
                    "--secret-from-stdin reads a Bedrock API key (--credentials api-key) or new access keys "
                        + "(--write-keys); with --credentials \(credentials.rawValue) it would read nothing: drop it.")
            }
        }
        guard presetSource == nil else { return }
        if credentials == nil {
            throw ValidationError("Missing expected argument '--credentials <credentials>' (or give --preset FILE).")
        }
        if region == nil {
            throw ValidationError("Missing expected argument '--region <region>' (or give --preset FILE).")
        }
        if smallFastRegion != nil, smallFastModel == nil {
            throw ValidationError(
                "--small-fast-region is the Region of the small/fast model: add --small-fast-model, or drop --small-fast-region."
            )
        }
        try bedrockOptions.requireCompanions()
    }

    /// The first `--sso-…` option given, as typed.
    private var givenSSOFlag: String? {
        [
            ("--sso-start-url", ssoStartUrl), ("--sso-region", ssoRegion), ("--sso-session", ssoSession),
            ("--sso-account-id", ssoAccountId), ("--sso-role-name", ssoRoleName),
        ].first { $0.1 != nil }?.0
    }

    func run() async throws {
        var command = self
        // A preset's pins were chosen for its Region: given another, they move there as in the wizard.
        var carried: Set<ModelSlot> = []
        if let source = presetSource {
            carried = Set(ModelSlot.allCases).subtracting(givenPins)
            do throws(SetupError) {
                try command.fill(
                    from: try await PresetSource.load(source, services: Services()), source: PresetSource.shown(source))
            } catch { throw fail(error) }
        }
        try await command.execute(carrying: carried)
    }

    /// The model slots given as flags on the command line.
    private var givenPins: Set<ModelSlot> {
        let flags: [(ModelSlot, String?)] = [
            (.primary, model), (.smallFast, smallFastModel), (.sonnet, sonnetModel),
            (.opus, opusModel), (.fable, fableModel), (.defaultModel, defaultModel),
        ]
        return Set(flags.compactMap { $0.1 == nil ? nil : $0.0 })
    }

    private func execute(carrying carried: Set<ModelSlot>) async throws {
        guard let credentials, let region else {
            throw ValidationError(
                "The preset sets no \(credentials == nil ? "credentials method" : "Region"): add \(credentials == nil ? "--credentials" : "--region")."
            )
        }
        let profileName = self.profileName ?? "default"
        let services = Services()
        var environment = services.environment

        // Secrets first, from where they may come from.
        var secrets = Secrets()
        if credentials == .apiKey {
            let key: String?
            do {
                key = secretFromStdin ? try readSecrets(["Bedrock API key"]).first : environment[ClaudeEnv.bearerToken]
            } catch { throw fail(error) }
            guard let key, !key.isEmpty else {
                throw fail(.missingSecret(field: "Bedrock API key", variable: ClaudeEnv.bearerToken))
            }
            do { secrets.apiKey = try services.validator.apiKey(key) } catch { throw fail(error) }
        }
        if writeKeys {
            guard credentials == .awsProfile else {
                throw ValidationError(
                    "--write-keys writes keys into an AWS profile, so it goes with --credentials aws-profile; the preset "
                        + "sets \(credentials.rawValue): pass --credentials aws-profile (unless the preset locks it), or drop --write-keys."
                )
            }
            let values: [String]
            do {
                values =
                    secretFromStdin
                    ? try readSecrets(["Access key ID", "Secret access key"])
                    : [environment["AWS_ACCESS_KEY_ID"] ?? "", environment["AWS_SECRET_ACCESS_KEY"] ?? ""]
            } catch { throw fail(error) }
            guard values.count == 2, !values[0].isEmpty else {
                throw fail(.missingSecret(field: "access key ID", variable: "AWS_ACCESS_KEY_ID"))
            }
            guard !values[1].isEmpty else {
                throw fail(.missingSecret(field: "secret access key", variable: "AWS_SECRET_ACCESS_KEY"))
            }
            do {
                secrets.accessKeyId = try services.validator.accessKeyId(values[0])
                secrets.secretAccessKey = try services.validator.secretAccessKey(values[1])
            } catch { throw fail(error) }
            // Keys handed over in the environment must not also shadow the profile during --verify.
            environment["AWS_ACCESS_KEY_ID"] = nil
            environment["AWS_SECRET_ACCESS_KEY"] = nil
        }

        let refresh: AuthRefresh
        switch authRefresh {
        case nil: refresh = defaultAuthRefresh(credentials: credentials, services: services, environment: environment)
        case "sso"?:
            // Never hand Claude Code a refresh command that cannot do the job.
            let major = AWSCLIProbe.majorVersion(environment: environment)
            guard major == 2 else {
                printError(
                    major.map { "the AWS CLI on PATH is version \($0), which has no `aws sso login`." }
                        ?? "the AWS CLI is not installed, so `aws sso login` cannot run.")
                writeError("  Use --auth-refresh login (bedrock-setup's own sign-in), or install the AWS CLI v2.\n")
                throw ExitCode(Exit.usage)
            }
            refresh = .ssoLogin
        case "login"?: refresh = .builtInLogin(executable: AuthRefreshChoice.selfPath(environment: environment))
        case "aws-login"?: refresh = .awsLogin
        case "none"?: refresh = .none
        case let command?: refresh = .command(command)
        }
        let ssoAnswers = try ssoProfileAnswers(services: services)
        var answers = SetupProfile(
            name: profileName, credentials: credentials, awsProfile: awsProfile, region: region,
            smallFastRegion: smallFastRegion, model: model, smallFastModel: smallFastModel,
            opusModel: opusModel, sonnetModel: sonnetModel, fableModel: fableModel, defaultModel: defaultModel,
            regionPrefix: regionPrefix, bedrock: try bedrockOptions.options(), authRefresh: refresh)
        answers.removeCredentialExport = removeCredentialExport
        answers = carryingPins(answers, slots: carried, validator: services.validator)
        let profile: SetupProfile
        var changes: [FileChange]
        do throws(SetupError) {
            profile = try services.validator.profile(answers)
            for warning in services.validator.warnings(for: profile, labelsLookedUp: verify) { printWarning(warning) }
            // What would silently win over this setup in Claude Code (e.g. an exported AWS_PROFILE over keys).
            let current = services.current()
            if let export = current.claude.credentialExport, credentials != .apiKey, !removeCredentialExport {
                writeError(
                    "bedrock-setup: warning: awsCredentialExport `\(TerminalText.visible(export.value))` (\(export.source)) gives Claude Code the credentials it prints, not these; --remove-credential-export removes it.\n"
                )
            }
            let baseline = current.shadowing()
            for found in current.shadowing(for: profile) where !baseline.contains(found) {
                writeError("bedrock-setup: warning: \(found)\n")
            }
            if credentials.usesAWSProfile, !writeKeys, ssoAnswers == nil, let name = profile.awsProfile {
                let files = try AWSSharedFiles.read(paths: services.paths)
                if files.profile(name) == nil {
                    throw SetupError.profileNotFound(name, available: files.profiles.map(\.name))
                }
            }
            changes = try services.planner.plan(
                profile: profile, secrets: secrets, targets: Set(write.targets.isEmpty ? [.user] : write.targets))
            if var answers = ssoAnswers {
                answers.region = profile.region  // as validated
                changes += try services.planner.ssoConfigureChanges(answers)
            }
        } catch {
            if case .profileNotFound(let name, let available) = error {
                printError(
                    "there is no AWS profile named \(name) in \(services.paths.awsConfig) or \(services.paths.awsCredentials)."
                )
                writeError(
                    "  Create it with `aws configure --profile \(name)` or `aws configure sso`, or pass --write-keys\(available.isEmpty ? "" : "; profiles found: " + available.joined(separator: ", ")).\n"
                )
                throw ExitCode(Exit.usage)
            }
            throw fail(error)
        }

        var summary: [(String, JSONValue)] = [
            ("profile", .string(profile.name)), ("region", .string(profile.region)),
            ("credentials", .string(profile.credentials.rawValue)),
        ]
        if verify {
            let files =
                (try? AWSSharedFiles.read(paths: services.paths)) ?? AWSSharedFiles.empty(paths: services.paths)
            let checker = SetupChecker(
                api: services.api, environment: environment, files: files, ssoCache: services.ssoCache,
                catalogue: services.catalogue,
                discovery: DiscoveryCache(paths: services.paths))
            // The models Claude Code will call: the pins, or the installed version's defaults.
            var lines = await checker.verify(
                profile, secrets: secrets, invoke: invoke, claudeCode: ClaudeCodeProbe.version(environment: environment)
            )
            // An application-inference-profile ARN pin is described as the model behind it (GetInferenceProfile):
            // its name and capabilities, each unless the person gave it.
            let (backing, described) = await checker.backingModels(
                of: profile, secrets: secrets, validator: services.validator)
            lines += described
            if !backing.isEmpty {
                let labelled = profile.labellingProfileARNPins(backing: backing).profile
                do throws(SetupError) {
                    let replanned = try services.planner.plan(
                        profile: labelled, secrets: secrets,
                        targets: Set(write.targets.isEmpty ? [.user] : write.targets))
                    let paths = Set(replanned.map(\.path))
                    changes = replanned + changes.filter { !paths.contains($0.path) }
                } catch { throw fail(error) }
            }
            summary.append(("checks", .array(lines.map(\.json))))
            if !write.json {
                let console = Console(environment: environment)
                for line in lines { print(console.line(line)) }
            }
            if lines.contains(where: { $0.severity == .failure }) && !force {
                if write.json { print(jsonString(.object(summary + [("written", .bool(false))])), terminator: "") }
                printError("a check failed, so nothing was written; fix it, or add --force to write anyway.")
                throw ExitCode(Exit.checkFailed)
            }
        }
        let secretValues = [secrets.apiKey, secrets.secretAccessKey].compactMap { $0 }
        let code = carryOut(changes, options: write.mode, secrets: secretValues, services: services, summary: summary)
        if code != 0 { throw ExitCode(code) }
    }
}

/// The Bedrock settings beyond Region, credentials and models, as `apply` flags.
struct BedrockFlags: ParsableArguments {
    @Option(help: "Service tier: default, flex or priority (ANTHROPIC_BEDROCK_SERVICE_TIER).") var serviceTier: String?
    @Option(
        help:
            "Guardrail as ID:VERSION (or ARN:VERSION), sent as the X-Amzn-Bedrock-Guardrail* headers in ANTHROPIC_CUSTOM_HEADERS."
    ) var guardrail: String?
    @Option(help: "An LLM gateway or custom endpoint (ANTHROPIC_BEDROCK_BASE_URL).") var gatewayURL: String?
    @Flag(help: "The gateway signs requests: Claude Code needs no AWS credentials (CLAUDE_CODE_SKIP_BEDROCK_AUTH).")
    var skipBedrockAuth = false
    @Flag(help: "Use the Mantle endpoint, which takes bare model IDs (CLAUDE_CODE_USE_MANTLE).") var mantle = false
    @Option(help: "Mantle endpoint address (ANTHROPIC_BEDROCK_MANTLE_BASE_URL).") var mantleURL: String?
    @Flag(help: "No AWS authentication for Mantle, e.g. behind a gateway (CLAUDE_CODE_SKIP_MANTLE_AUTH).")
    var skipMantleAuth = false
    @Flag(help: "Turn prompt caching off (DISABLE_PROMPT_CACHING).") var disablePromptCaching = false
    @Flag(
        name: .customLong("prompt-caching-1h"),
        help: "A 1-hour prompt cache, billed at a higher rate (ENABLE_PROMPT_CACHING_1H).") var promptCaching1h = false
    @Option(help: "Display name for an ARN pin, VARIABLE=NAME, e.g. ANTHROPIC_DEFAULT_OPUS_MODEL='Opus 5 (team)'.")
    var pinName: [String] = []
    @Option(help: "Capabilities of an ARN pin, VARIABLE=LIST, e.g. ANTHROPIC_DEFAULT_OPUS_MODEL=effort,thinking.")
    var pinCapabilities: [String] = []
    @Option(
        help: "modelOverrides entry NAME=ARN, e.g. claude-opus-4-6=arn:aws:bedrock:…:application-inference-profile/…")
    var modelOverride: [String] = []

    /// Each value's form, and the two caching flags, which contradict each other whatever a preset says.
    func validate() throws {
        _ = try options()
        if disablePromptCaching, promptCaching1h {
            throw ValidationError(
                "--disable-prompt-caching turns caching off and --prompt-caching-1h asks for a 1-hour cache: choose one."
            )
        }
    }

    /// The flags that only mean something with another one, when no preset can supply it (with a preset, the core's
    /// validator checks the filled-in options the same way).
    func requireCompanions() throws {
        if skipBedrockAuth, gatewayURL == nil {
            throw ValidationError(
                "--skip-bedrock-auth lets a gateway sign requests; without --gateway-url Claude Code would call Bedrock "
                    + "unsigned: add --gateway-url URL, or drop --skip-bedrock-auth.")
        }
        if mantleURL != nil, !mantle {
            throw ValidationError(
                "--mantle-url is only read with --mantle (CLAUDE_CODE_USE_MANTLE): add --mantle, or drop --mantle-url.")
        }
        if skipMantleAuth, !mantle {
            throw ValidationError(
                "--skip-mantle-auth is only read with --mantle (CLAUDE_CODE_USE_MANTLE): add --mantle, or drop --skip-mantle-auth."
            )
        }
    }

    static func pairs(_ values: [String], flag: String) throws -> [(String, String)] {
        try values.map { value in
            guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
                throw ValidationError("--\(flag) takes NAME=VALUE, got \"\(value)\".")
            }
            return (String(value[..<equals]), String(value[value.index(after: equals)...]))
        }
    }

    func options() throws -> BedrockOptions {
        var options = BedrockOptions(
            baseURL: gatewayURL, skipAuth: skipBedrockAuth, mantle: mantle, mantleBaseURL: mantleURL,
            skipMantleAuth: skipMantleAuth, disablePromptCaching: disablePromptCaching, promptCaching1h: promptCaching1h
        )
        if let serviceTier {
            guard let tier = BedrockOptions.ServiceTier(rawValue: serviceTier) else {
                throw ValidationError("--service-tier takes default, flex or priority.")
            }
            options.serviceTier = tier
        }
        if let guardrail {
            guard let colon = guardrail.lastIndex(of: ":"), colon != guardrail.startIndex else {
                throw ValidationError("--guardrail takes ID:VERSION, e.g. gr1a2b3c4d5e:1.")
            }
            options.guardrail = .init(
                identifier: String(guardrail[..<colon]), version: String(guardrail[guardrail.index(after: colon)...]))
        }
        for (variable, name) in try Self.pairs(pinName, flag: "pin-name") {
            options.pinLabels[variable, default: .init(name: nil, capabilities: nil)].name = name
        }
        for (variable, list) in try Self.pairs(pinCapabilities, flag: "pin-capabilities") {
            options.pinLabels[variable, default: .init(name: nil, capabilities: nil)].capabilities = list
        }
        for (name, arn) in try Self.pairs(modelOverride, flag: "model-override") { options.modelOverrides[name] = arn }
        return options
    }
}

extension BedrockFlags {
    /// A preset's Bedrock options for every one not given here. Returns the first flag given that changes one,
    /// with the preset's value, or nil.
    mutating func fill(from preset: BedrockOptions) -> (flag: String, value: String)? {
        var changed: [(flag: String, value: String)] = []
        func take(_ given: inout String?, _ value: String?, _ flag: String) {
            if let given, given != value { changed.append((flag, value ?? "not set")) }
            given = given ?? value
        }
        func take(_ given: inout Bool, _ value: Bool, _ flag: String) {
            if given, !value { changed.append((flag, "off")) }
            given = given || value
        }
        take(&serviceTier, preset.serviceTier?.rawValue, "--service-tier")
        take(&guardrail, preset.guardrail.map { "\($0.identifier):\($0.version)" }, "--guardrail")
        take(&gatewayURL, preset.baseURL, "--gateway-url")
        take(&skipBedrockAuth, preset.skipAuth, "--skip-bedrock-auth")
        take(&mantle, preset.mantle, "--mantle")
        take(&mantleURL, preset.mantleBaseURL, "--mantle-url")
        take(&skipMantleAuth, preset.skipMantleAuth, "--skip-mantle-auth")
        // The two caching switches are one choice: a flag for either replaces the preset's.
        let caching = (disablePromptCaching, promptCaching1h)
        if caching == (false, false) {
            disablePromptCaching = preset.disablePromptCaching
            promptCaching1h = preset.promptCaching1h
        } else if caching != (preset.disablePromptCaching, preset.promptCaching1h) {
            let value = "prompt caching " + Preset.PromptCaching(preset).rawValue
            changed.append((disablePromptCaching ? "--disable-prompt-caching" : "--prompt-caching-1h", value))
        }
        return changed.first
    }
}

extension Apply {
    /// The preset's answers for every option not given on the command line. An option that would change a field the
    /// preset locks is refused (the same value is no change); so is a model outside the preset's allow-list.
    mutating func fill(from preset: Preset, source: String) throws(SetupError) {
        func merge<T: Equatable>(
            _ given: T?, _ value: T?, _ field: Preset.Field, _ flag: String,
            _ shown: (T) -> String
        ) throws(SetupError) -> T? {
            if preset.isLocked(field), let given, given != value {
                throw .lockedByPreset(
                    source: source, field: field.rawValue, flag: flag, value: value.map(shown) ?? "not set")
            }
            return given ?? value
        }
        credentials = try merge(credentials, preset.credentials, .credentials, "--credentials") { $0.rawValue }
        awsProfile = try merge(awsProfile, preset.awsProfile, .credentials, "--aws-profile") { $0 }
        authRefresh = try merge(authRefresh, preset.authRefresh, .credentials, "--auth-refresh") { $0 }
        if let sso = preset.sso {  // the portal, account and role: the sections `aws configure sso` would write
            ssoStartUrl = try merge(ssoStartUrl, sso.startURL, .credentials, "--sso-start-url") { $0 }
            ssoRegion = try merge(ssoRegion, sso.region, .credentials, "--sso-region") { $0 }
            ssoSession = try merge(ssoSession, sso.session, .credentials, "--sso-session") { $0 }
            ssoAccountId = try merge(ssoAccountId, sso.accountId, .credentials, "--sso-account-id") { $0 }
            ssoRoleName = try merge(ssoRoleName, sso.roleName, .credentials, "--sso-role-name") { $0 }
        }
        region = try merge(region, preset.region, .region, "--region") { $0 }
        smallFastRegion = try merge(smallFastRegion, preset.smallFastRegion, .smallFastRegion, "--small-fast-region") {
            $0
        }
        model = try merge(model, preset.models[.primary], .models, "--model") { $0 }
        smallFastModel = try merge(smallFastModel, preset.models[.smallFast], .models, "--small-fast-model") { $0 }
        sonnetModel = try merge(sonnetModel, preset.models[.sonnet], .models, "--sonnet-model") { $0 }
        opusModel = try merge(opusModel, preset.models[.opus], .models, "--opus-model") { $0 }
        fableModel = try merge(fableModel, preset.models[.fable], .models, "--fable-model") { $0 }
        defaultModel = try merge(defaultModel, preset.models[.defaultModel], .models, "--default-model") { $0 }
        let targets = try merge(write.targets.isEmpty ? nil : write.targets, preset.targets, .targets, "--target") {
            $0.map(\.rawValue).joined(separator: ", ")
        }
        write.targets = targets ?? []
        if let options = preset.bedrock, let changed = bedrockOptions.fill(from: options), preset.isLocked(.bedrock) {
            throw .lockedByPreset(
                source: source, field: Preset.Field.bedrock.rawValue, flag: changed.flag, value: changed.value)
        }
        profileName = profileName ?? preset.profileName
        if let allowed = preset.allowedModels {
            for model in [model, smallFastModel, sonnetModel, opusModel, fableModel, defaultModel].compactMap({ $0 })
            where !allowed.contains(model) {
                throw .modelNotAllowedByPreset(source: source, model: model, allowed: allowed)
            }
        }
    }
}

extension Apply {
    /// The `--sso-…` answers, checked, when the SSO profile is to be created; nil when none is given.
    func ssoProfileAnswers(services: Services) throws -> SSOProfileAnswers? {
        let given = [ssoStartUrl, ssoRegion, ssoSession, ssoAccountId, ssoRoleName].contains { $0 != nil }
        guard given else { return nil }
        guard credentials == .sso else {
            throw ValidationError("--sso-start-url and the other --sso-… options go with --credentials sso.")
        }
        guard let profileName = awsProfile else {
            throw ValidationError("--aws-profile names the SSO profile to create; add it.")
        }
        let files = try? AWSSharedFiles.read(paths: services.paths)
        do throws(SetupError) {
            let validator = services.validator
            _ = try validator.awsProfileName(profileName)
            let existing = ssoSession.flatMap { files?.ssoSessions[$0] }
            // A legacy profile (sso_start_url in the profile) is converted: its own values are the defaults.
            let legacy = files.flatMap { try? SSOSignInTarget.of(profile: profileName, in: $0) }.flatMap {
                $0.isLegacy ? $0 : nil
            }
            guard let rawURL = ssoStartUrl ?? existing?["sso_start_url"] ?? legacy?.portal.startURL else {
                throw .invalidStartURL("", reason: "none was given (--sso-start-url)")
            }
            let url = try SSOStartURL.validate(rawURL)
            guard
                let rawRegion = ssoRegion ?? legacy?.portal.region
                    ?? SSOStartURL.suggestedRegion(for: url, files: files, environment: [:])
            else {
                throw .invalidSSOSetting(
                    field: "SSO Region", reason: "cannot be told from the start URL; pass --sso-region")
            }
            let sessionName = try validator.ssoName(
                ssoSession ?? SSOStartURL.suggestedSessionName(for: url, files: files), field: "SSO session name")
            guard let rawAccount = ssoAccountId ?? legacy?.accountId else {
                throw .invalidSSOSetting(field: "account ID", reason: "was not given (--sso-account-id)")
            }
            guard let rawRole = ssoRoleName ?? legacy?.roleName else {
                throw .invalidSSOSetting(field: "role name", reason: "was not given (--sso-role-name)")
            }
            let scopes = existing?["sso_registration_scopes"].map(SSOPortal.parseScopes) ?? SSOPortal.defaultScopes
            return SSOProfileAnswers(
                profile: profileName, sessionName: sessionName,
                portal: SSOPortal(startURL: url, region: try validator.ssoRegion(rawRegion), scopes: scopes),
                accountId: try validator.ssoAccountId(rawAccount),
                roleName: try validator.ssoName(rawRole, field: "role name"),
                region: region)
        } catch {
            throw fail(error)
        }
    }
}

extension Apply {
    /// `awsAuthRefresh` when `--auth-refresh` is not given: a command the person wrote in the
    /// settings is kept (said on standard error); else the one matching the profile's kind.
    func defaultAuthRefresh(credentials: CredentialsMethod, services: Services, environment: [String: String])
        -> AuthRefresh
    {
        let current = services.current().effectiveAuthRefresh
        if let current, case .command(let own) = AuthRefresh.parse(current.value, awsProfile: awsProfile) {
            writeError(
                "bedrock-setup: note: keeping your awsAuthRefresh command `\(TerminalText.visible(own))` (\(current.source));"
                    + " --auth-refresh sso, login, aws-login or none replaces it.\n")
            return .command(own)
        }
        let files = credentials.usesAWSProfile ? try? AWSSharedFiles.read(paths: services.paths) : nil
        let kind = awsProfile.flatMap { files?.profile($0)?.kind }
        let sso: AuthRefresh =
            credentials == .sso || kind == .ssoSession || kind == .legacySSO
            ? AuthRefreshChoice.defaultForSSO(environment: environment) : .none
        return AuthRefresh.preset(credentials: credentials, kind: kind, sso: sso)
    }
}
