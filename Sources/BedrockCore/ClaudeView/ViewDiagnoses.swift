import FoundationEssentials

extension ClaudeCodeView {
    /// The offline checklist: every line says what Claude Code will do, and where the AWS CLI
    /// would do otherwise, a second line says that too.
    public func diagnoses(validator: Validator) -> [Diagnosis] {
        var lines: [Diagnosis] = problems.map {
            Diagnosis(check: .files, severity: .failure, code: .otherError, cause: $0.message, fix: $0.fix)
        }
        if let version {
            lines.append(.ok(.claudeCode, "version \(version)"))
        } else {
            lines.append(
                Diagnosis(
                    check: .claudeCode, severity: .warning, code: .claudeCodeNotFound,
                    cause: "`claude --version` did not answer, so the newest rules are assumed.",
                    fix: "Install Claude Code (`npm install -g @anthropic-ai/claude-code`) or put it on PATH."))
        }
        let enabled = environment[ClaudeEnv.useBedrock]
        if bedrockEnabled, let enabled {
            lines.append(.ok(.bedrockEnabled, "CLAUDE_CODE_USE_BEDROCK=\(enabled.value) (\(enabled.source))"))
        } else {
            lines.append(
                Diagnosis(
                    check: .bedrockEnabled, severity: .failure, code: .notConfigured,
                    cause:
                        "CLAUDE_CODE_USE_BEDROCK is \(enabled.map { "\"\($0.value)\"" } ?? "not set"), so Claude Code does not use Bedrock.",
                    fix:
                        "Run `bedrock-setup` (or `bedrock-setup apply …`) to write it, or export CLAUDE_CODE_USE_BEDROCK=1."
                ))
        }
        lines += regionLines(validator: validator)
        lines += modelLines(validator: validator)
        lines += bedrockOptions(validator: validator)
        if gatewaySigns {
            lines.append(
                .ok(.credentials, "none needed: CLAUDE_CODE_SKIP_BEDROCK_AUTH is set, the gateway signs requests"))
        } else {
            lines.append(credentialsLine)
        }
        lines += credentialNotes()
        lines += credentialCacheLines() + availableModelsLines()
        lines += shellOverrides.map { override in
            let shown = { (value: String) in
                override.variable == "AWS_ACCESS_KEY_ID" ? Mask.tail(value) : ClaudeEnv.shown(override.variable, value)
            }
            return Diagnosis(
                check: .shellAndSettings, severity: .warning, code: .shellOverridden,
                cause:
                    "\(override.variable)=\(shown(override.shellValue)) is exported in this shell, but \(override.effective.source) sets \(shown(override.effective.value)): Claude Code uses \(shown(override.effective.value)); the AWS CLI and other tools started from this shell use \(shown(override.shellValue)).",
                fix:
                    "Make them agree: change or unset the exported value (check ~/.bashrc, ~/.zshrc and env.sh), or the settings value."
            )
        }
        lines += files.notes.map {
            Diagnosis(check: .awsFiles, severity: .warning, code: .ambiguousConfig, cause: $0.description, fix: nil)
        }
        lines += awsCliLines()
        return lines
    }

    /// Claude Code's credentials, or the problem it will meet with them.
    public var credentialsLine: Diagnosis {
        credentials.problem.map { problem in
            problem.severity == .failure
                ? problem
                : Diagnosis(
                    check: problem.check, severity: problem.severity, code: problem.code,
                    cause: credentials.summary + ". " + problem.cause, fix: problem.fix)
        } ?? .ok(.credentials, credentials.summary)
    }

    func regionLines(validator: Validator) -> [Diagnosis] {
        var lines: [Diagnosis] = []
        for key in [ClaudeEnv.region, "AWS_DEFAULT_REGION"] {
            guard let raw = environment[key], !raw.value.isEmpty, !Self.isRegionShaped(raw.value) else { continue }
            if version.follows(.regionShapeChecked) {
                lines.append(
                    Diagnosis(
                        check: .region, severity: .warning, code: .badValue,
                        cause:
                            "\(key)=\(raw.value) (\(raw.source)) is not shaped like a Region, so Claude Code ignores it.",
                        fix: "Set \(key) to a Region such as us-east-1, or unset it."))
            }
        }
        guard let region else {
            return lines + [
                Diagnosis(
                    check: .region, severity: .failure, code: .regionMissing,
                    cause:
                        "AWS_REGION is not set, and Claude Code \(version.map { "\($0)" } ?? "") (before 2.1.172) reads the Region from nothing else.",
                    fix: "Run `bedrock-setup` to write AWS_REGION, or update Claude Code.")
            ]
        }
        do {
            _ = try validator.region(region.value)
        } catch {
            return lines + [
                Diagnosis(check: .region, severity: .failure, code: .badValue, cause: error.message, fix: error.fix)
            ]
        }
        if region.source == .claudeCodeDefault {
            lines.append(
                Diagnosis(
                    check: .region, severity: .warning, code: .regionDefaulted,
                    cause:
                        "No Region is set (AWS_REGION, AWS_DEFAULT_REGION or the profile's region), so Claude Code uses us-east-1.",
                    fix: "Run `bedrock-setup` to write AWS_REGION for your Region."))
        } else {
            let note =
                environment[ClaudeEnv.region] == region
                ? ""
                : " (Claude Code reads it there since 2.1.172; writing AWS_REGION makes every version and tool agree)"
            lines.append(.ok(.region, "\(region.value) (\(region.source))\(note)"))
        }
        return lines
    }

    func modelLines(validator: Validator) -> [Diagnosis] {
        var lines: [Diagnosis] = []
        let region = region?.value
        let smallFastRegion = value(ClaudeEnv.smallFastRegion)
        let slots: [(ModelSlot, String)] = [
            (.primary, ClaudeEnv.model), (.defaultModel, ClaudeEnv.defaultModel),
            (.smallFast, ClaudeEnv.smallFastModel), (.smallFast, ClaudeEnv.haikuModel),
            (.sonnet, ClaudeEnv.sonnetModel), (.opus, ClaudeEnv.opusModel), (.fable, ClaudeEnv.fableModel),
        ]
        let mantle = ["1", "true"].contains(value(ClaudeEnv.useMantle)?.lowercased() ?? "")
        for (slot, key) in slots {
            guard let pinned = environment[key], !pinned.value.isEmpty else { continue }
            let checkRegion = slot == .smallFast ? (smallFastRegion ?? region) : region
            do {
                let checked = try validator.checkModel(pinned.value, slot: slot, region: checkRegion, mantle: mantle)
                if checked.warnings.isEmpty {
                    lines.append(.ok(.setting(key), "\(pinned.value) (\(pinned.source))"))
                }
                for warning in checked.warnings {
                    lines.append(
                        Diagnosis(
                            check: .setting(key), severity: .warning, code: .badValue,
                            cause: "\(pinned.value) (\(pinned.source)): \(warning.message)", fix: warning.fix))
                }
            } catch {
                lines.append(
                    Diagnosis(
                        check: .setting(key), severity: .failure, code: .badValue, cause: error.message, fix: error.fix)
                )
            }
        }
        let versionText = version.map { "Claude Code \($0)" } ?? "the newest Claude Code"
        func describe(_ model: Sourced<String>) -> String {
            model.source == .claudeCodeDefault
                ? "\(model.value) (\(versionText)'s default for \(region ?? "us-east-1"))"
                : "\(model.value) (\(model.source))"
        }
        lines.append(.ok(.models, "primary \(describe(primaryModel)); background \(describe(backgroundModel))"))
        if primaryModel.source == .claudeCodeDefault, primaryModel.value.contains("opus") {
            lines.append(
                Diagnosis(
                    check: .models, severity: .warning, code: .notConfigured,
                    cause: "Nothing is pinned, so Claude Code calls \(primaryModel.value), billed at the Opus rate.",
                    fix: "Pin ANTHROPIC_MODEL with `bedrock-setup` if you want another model."))
        }
        if smallFastRegion != nil, value(ClaudeEnv.smallFastModel) == nil, value(ClaudeEnv.haikuModel) == nil {
            let error = SetupError.smallFastRegionWithoutModel
            lines.append(
                Diagnosis(
                    check: .setting(ClaudeEnv.smallFastRegion), severity: .warning, code: .badValue,
                    cause: error.message, fix: error.fix))
        }
        return lines
    }

    /// Variables Claude Code ignores, or uses differently from what a person expects.
    /// The credential cache settings (v2.1.207): nothing this tool writes, but they change when Claude Code asks the
    /// credential chain again, so they are shown, and a timeout that is not a number of milliseconds is named.
    func credentialCacheLines() -> [Diagnosis] {
        var lines: [Diagnosis] = []
        let skip = "CLAUDE_CODE_SKIP_AWS_CRED_CACHE"
        if let value = environment[skip] {
            lines.append(
                .ok(.setting(skip), "\(value.value) (\(value.source)): Claude Code skips its cache of AWS credentials"))
        }
        let timeout = "CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS"
        if let value = environment[timeout] {
            if let milliseconds = Int(value.value), milliseconds > 0 {
                lines.append(
                    .ok(
                        .setting(timeout),
                        "\(milliseconds) ms (\(value.source)): how long Claude Code waits for the credential chain (default 60000)"
                    ))
            } else {
                lines.append(
                    Diagnosis(
                        check: .setting(timeout), severity: .warning, code: .badValue,
                        cause:
                            "\(timeout) is \"\(value.value)\" (\(value.source)), not a whole number of milliseconds.",
                        fix: "Set it to a number such as 60000 (the default), or remove it."))
            }
        }
        return lines
    }

    /// `availableModels` limits what `/model`, `--model` and `ANTHROPIC_MODEL` may choose. Each file that sets it is
    /// shown; a primary model that no entry names is a warning, as Claude Code then refuses it unless an entry's
    /// alias covers it.
    func availableModelsLines() -> [Diagnosis] {
        var lines: [Diagnosis] = []
        for layer in layers {
            guard case .array(let items)? = layer.file.json?["availableModels"] else { continue }
            let names = items.compactMap(\.stringValue)
            let source = ValueSource.settings(layer.scope, path: layer.file.path)
            lines.append(
                .ok(
                    .setting("availableModels"),
                    "\(names.isEmpty ? "empty, so no model may be chosen" : names.joined(separator: ", ")) (\(source)): Claude Code lets /model, --model and ANTHROPIC_MODEL choose only these"
                ))
            if let primary = environment[ClaudeEnv.model]?.value, !primary.isEmpty,
                !names.contains(where: { $0.lowercased() == primary.lowercased() })
            {
                lines.append(
                    Diagnosis(
                        check: .setting("availableModels"), severity: .warning, code: .badValue,
                        cause:
                            "ANTHROPIC_MODEL=\(primary) is not in availableModels (\(source)) by name; Claude Code refuses it unless an entry's alias covers it.",
                        fix: "Add \(primary) to availableModels there, or pin a model the list names."))
            }
        }
        return lines
    }

    func credentialNotes() -> [Diagnosis] {
        var lines: [Diagnosis] = []
        func warn(_ cause: String, _ fix: String?) {
            lines.append(Diagnosis(check: .credentials, severity: .warning, code: .shadowed, cause: cause, fix: fix))
        }
        let key = value("AWS_ACCESS_KEY_ID")
        let secret = value("AWS_SECRET_ACCESS_KEY")
        if credentials.origin == .profile, key != nil, secret != nil, value(ClaudeEnv.profile) != nil {
            warn(
                "AWS_PROFILE and the access-key variables are both set: Claude Code uses profile \(credentials.profile ?? "") and ignores the keys.",
                "Unset AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, so every tool uses the same credentials."
            )
        }
        if (key == nil) != (secret == nil), credentials.origin == .profile || credentials.origin == .none {
            warn(
                "Only \(key != nil ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") is set: Claude Code ignores it and uses \(credentials.origin == .profile ? "profile \(credentials.profile ?? "default")" : "no keys").",
                "Export both access-key variables, or unset the one that is set.")
        }
        if let defaultProfile = value("AWS_DEFAULT_PROFILE") {
            warn(
                "AWS_DEFAULT_PROFILE=\(defaultProfile) is set; Claude Code never reads it (it uses \(value(ClaudeEnv.profile).map { "AWS_PROFILE=\($0)" } ?? "profile default")).",
                "Set AWS_PROFILE=\(defaultProfile) instead.")
        }
        if credentials.origin == .credentialExport {
            warn(
                "awsCredentialExport is set without awsAuthRefresh, so Claude Code uses its output and never consults AWS_PROFILE, the access-key variables or ~/.aws.",
                nil)
        }
        if credentials.origin == .apiKey, value(ClaudeEnv.profile) != nil || key != nil {
            warn(
                "AWS_BEARER_TOKEN_BEDROCK is set, so Claude Code sends the API key and ignores AWS_PROFILE and the access keys.",
                nil)
        }
        return lines
    }

    /// The second line: what `aws` would use in this shell, where it differs from Claude Code.
    /// Whether `aws sts get-caller-identity` in this shell would sign in otherwise than Claude Code.
    public var awsCliCredentialsDiffer: Bool {
        let cli = awsCli.credentials
        let claudeUsesAWS = [.environment, .profile].contains(credentials.origin)
        // An AWS CLI with nothing configured in this shell is no trap: it just asks for credentials.
        let cliUnconfigured = cli.origin == .none && cli.problem?.code == .noCredentials
        return claudeUsesAWS && !cliUnconfigured
            && (cli.origin != credentials.origin || cli.profile != credentials.profile
                || cli.mechanism != credentials.mechanism
                || cli.accessKeyId != credentials.accessKeyId)
    }

    public func awsCliLines() -> [Diagnosis] {
        var lines: [Diagnosis] = []
        let cli = awsCli.credentials
        if awsCliCredentialsDiffer {
            lines.append(
                Diagnosis(
                    check: .awsCLI, severity: .warning, code: .toolsDisagree,
                    cause:
                        "`aws sts get-caller-identity` uses \(cli.summary) here; Claude Code uses \(credentials.summary).",
                    fix: nil))
        }
        if let region, let cliRegion = awsCli.region, region.value != cliRegion.value {
            lines.append(
                Diagnosis(
                    check: .awsCLI, severity: .warning, code: .toolsDisagree,
                    cause:
                        "The AWS CLI's Region here is \(cliRegion.value) (\(cliRegion.source)); Claude Code uses \(region.value) (\(region.source)).",
                    fix: nil))
        }
        for refused in awsCli.files.refused {
            lines.append(
                Diagnosis(
                    check: .awsCLI, severity: .warning, code: .toolsDisagree, cause: refused.description, fix: nil))
        }
        return lines
    }
}

extension CredentialsFinding {
    /// `doctor --json`'s `credentials` object.
    public var json: JSONValue {
        .object([
            ("source", .string(origin.rawValue)), ("profile", profile.map(JSONValue.string) ?? .null),
            ("method", mechanism.map { .string($0.rawValue) } ?? .null),
            ("accessKeyId", maskedKeyId.map(JSONValue.string) ?? .null),
            ("ok", .bool(ok)),
            (
                "problem",
                problem.flatMap { $0.severity == .failure ? $0.code.map { .string($0.rawValue) } : nil } ?? .null
            ),
        ])
    }
}

extension ClaudeCodeView {
    /// `doctor --json`'s `claudeCode` object (docs/doctor-json.md).
    public var json: JSONValue {
        .object([
            ("version", version.map { .string($0.description) } ?? .null),
            (
                "region",
                region.map { .object([("value", .string($0.value)), ("source", .string($0.source.description))]) }
                    ?? .null
            ),
            ("credentials", credentials.json),
            (
                "models",
                .object([("primary", .string(primaryModel.value)), ("background", .string(backgroundModel.value))])
            ),
        ])
    }
}

extension AWSCLIView {
    /// `doctor --json`'s `awsCli` object: the same shape, for botocore's answer.
    public var json: JSONValue {
        .object([
            ("version", .null),
            (
                "region",
                region.map { .object([("value", .string($0.value)), ("source", .string($0.source.description))]) }
                    ?? .null
            ),
            ("credentials", credentials.json), ("models", .null),
        ])
    }
}
