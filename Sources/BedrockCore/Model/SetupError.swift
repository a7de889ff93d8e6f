/// The model settings a profile can pin, named as the user sees them.
public enum ModelSlot: String, CaseIterable, Sendable {
    case primary
    case smallFast = "small-fast"
    case sonnet, opus, fable
    /// `ANTHROPIC_DEFAULT_MODEL` (v2.1.236): a default that a `/model` pick may override.
    case defaultModel = "default"

    public var envName: String {
        switch self {
        case .primary: ClaudeEnv.model
        case .smallFast: ClaudeEnv.haikuModel
        case .sonnet: ClaudeEnv.sonnetModel
        case .opus: ClaudeEnv.opusModel
        case .fable: ClaudeEnv.fableModel
        case .defaultModel: ClaudeEnv.defaultModel
        }
    }

    /// Claude Code takes `opus`, `sonnet[1m]`, `opusplan`… only where a model is chosen, not
    /// in the per-class pins, which must be full model names (model-config docs).
    public var takesAliases: Bool { self == .primary || self == .defaultModel }

    public var label: String {
        switch self {
        case .primary: "primary model"
        case .smallFast: "small/fast model"
        case .sonnet: "Sonnet pin"
        case .opus: "Opus pin"
        case .fable: "Fable pin"
        case .defaultModel: "default model"
        }
    }
}

/// Every failure the core reports: a one-sentence cause (`message`) and a one-sentence fix.
/// Secret values are never part of a case, so no description can leak one.
public enum SetupError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedRegion(String)
    case unknownRegion(String, suggestion: String?)
    case emptyModel(ModelSlot)
    case bareModelId(ModelSlot, id: String, suggestion: String?)
    case foundationModelARN(ModelSlot, suggestion: String?)
    case malformedModelId(ModelSlot, id: String)
    case geographyNotServed(ModelSlot, id: String, region: String, suggestion: String?)
    case partitionMismatch(ModelSlot, id: String, region: String)
    case malformedARN(ModelSlot, arn: String)
    case arnRegionMismatch(ModelSlot, arnRegion: String, region: String)
    case retiredModel(ModelSlot, id: String, name: String, successor: String?)
    case longContextUnsupported(ModelSlot, id: String, name: String)
    case aliasNotAllowed(ModelSlot, alias: String)
    case profileIdOnMantle(ModelSlot, id: String, bare: String)
    /// A Bedrock option (service tier, Guardrail, gateway, Mantle…) that Claude Code would not accept.
    case badOption(variable: String, reason: String, fix: String)
    /// A `modelOverrides` value refused as a model would be (`detail`), named by the model it stands for.
    case refusedModelOverride(name: String, detail: String, fix: String)
    case invalidProfileName(String, reason: String)
    case invalidAWSProfileName(reason: String)
    case missingAWSProfile(CredentialsMethod)
    case smallFastRegionWithoutModel
    case lineBreakInValue(field: String)
    case invalidAccessKeyId
    case invalidSecretAccessKey
    case invalidAPIKey
    case missingSecret(field: String, variable: String)
    case secretTooLong(field: String, limit: Int)
    case profileIncomplete(name: String, missing: String)
    case profileNotFound(String, available: [String])
    case malformedJSON(path: String, detail: String)
    case notAJSONObject(path: String, key: String?)
    case unreadableFile(path: String, reason: String)
    case notWritable(path: String, reason: String)
    case danglingSymlink(path: String)
    case conflictingINI(path: String, detail: String)
    case refusedByBotocore(path: String, problem: INIProblem)
    case locked(path: String)
    case secretInManagedSettings(path: String)
    case managedSettingsNeedAdministrator(path: String)
    case invalidPreset(source: String, field: String, problem: String)
    case presetHoldsSecret(source: String, field: String)
    case presetUnavailable(source: String, reason: String)
    case lockedByPreset(source: String, field: String, flag: String, value: String)
    case modelNotAllowedByPreset(source: String, model: String, allowed: [String])
    case lockingUnsupported(path: String, reason: String)
    case notRegularFile(path: String, kind: String)
    case fileTooLarge(path: String, limit: Int)
    case notUTF8(path: String, line: Int)
    case diskFull(path: String)
    case sameFile(paths: [String], real: String)
    case secretInTrackedFile(path: String, repository: String)
    case invalidStartURL(String, reason: String)
    case invalidSSOSetting(field: String, reason: String)
    case ssoSessionConflict(name: String, startURL: String)
    case notAnSSOProfile(String)

    public var message: String {
        switch self {
        case .malformedRegion(let region):
            "\"\(region)\" is not an AWS Region name."
        case .unknownRegion(let region, _):
            "Region \(region) does not serve Claude on Bedrock according to the catalogue."
        case .emptyModel(let slot):
            "The \(slot.label) is empty."
        case .bareModelId(let slot, let id, _):
            "The \(slot.label) \(id) is a bare model ID, which Bedrock rejects with \"on-demand throughput isn’t supported\"."
        case .foundationModelARN(let slot, _):
            "The \(slot.label) is a foundation-model ARN, which Bedrock rejects with \"on-demand throughput isn’t supported\"."
        case .malformedModelId(let slot, let id):
            "The \(slot.label) \"\(id)\" is not an inference profile ID, a Claude Code alias or a Bedrock model ARN."
        case .geographyNotServed(let slot, let id, let region, _):
            "The \(slot.label) \(id) cannot be called from \(region)."
        case .partitionMismatch(let slot, let id, let region):
            "The \(slot.label) \(id) belongs to another AWS partition than \(region)."
        case .malformedARN(let slot, let arn):
            "The \(slot.label) \"\(arn)\" is not a valid Bedrock inference profile ARN."
        case .arnRegionMismatch(let slot, let arnRegion, let region):
            "The \(slot.label) is an ARN in \(arnRegion), but the setup uses \(region)."
        case .retiredModel(let slot, let id, let name, _):
            "The \(slot.label) \(id) is \(name), which Bedrock has retired: every call to it fails."
        case .longContextUnsupported(let slot, let id, let name):
            "The \(slot.label) \(id) asks for the 1M-token context, which \(name) does not have."
        case .aliasNotAllowed(let slot, let alias):
            "The \(slot.label) is the alias \"\(alias)\", but Claude Code takes aliases only for the primary and default models."
        case .profileIdOnMantle(let slot, let id, _):
            "The \(slot.label) \(id) is an inference profile ID, which the Mantle endpoint does not take."
        case .badOption(let variable, let reason, _):
            "\(variable) \(reason)."
        case .refusedModelOverride(let name, let detail, _):
            "\(ClaudeEnv.modelOverridesKey) for \(name) is refused: \(detail)."
        case .invalidProfileName(let name, let reason):
            "The profile name \"\(name)\" \(reason)."
        case .invalidAWSProfileName(let reason):
            "The AWS profile name \(reason)."
        case .missingAWSProfile(let method):
            "Credentials option \(method.letter) (\(method.title)) needs an AWS profile name."
        case .smallFastRegionWithoutModel:
            "A small/fast Region is set without a small/fast model, and Claude Code ignores it then."
        case .lineBreakInValue(let field):
            "The \(field) contains a line break, which could inject settings into the file."
        case .invalidAccessKeyId:
            "The access key ID is not 16 to 128 upper-case letters and digits."
        case .invalidSecretAccessKey:
            "The secret access key is too short or contains spaces."
        case .invalidAPIKey:
            "That is not a Bedrock API key: one starts with ABSK (long-term) or bedrock-api-key- (short-term) and has no spaces."
        case .missingSecret(let field, let variable):
            "No \(field) was given in \(variable) or on standard input."
        case .secretTooLong(let field, let limit):
            "The \(field) on standard input runs past \(limit >> 10) KiB without a line break, so it is not one (no key is that long)."
        case .profileIncomplete(let name, let missing):
            "The saved profile \(name) has no \(missing)."
        case .profileNotFound(let name, _):
            "There is no saved profile named \(name)."
        case .malformedJSON(let path, let detail):
            "\(path) is not valid JSON (\(detail))."
        case .notAJSONObject(let path, let key):
            key.map { "In \(path), \"\($0)\" is not a JSON object of strings." }
                ?? "\(path) does not hold a JSON object."
        case .unreadableFile(let path, let reason):
            "\(path) cannot be read (\(reason))."
        case .notWritable(let path, let reason):
            "\(path) cannot be written (\(reason))."
        case .danglingSymlink(let path):
            "\(path) is a symbolic link to a file that does not exist."
        case .conflictingINI(let path, let detail):
            "\(path) \(detail)."
        case .refusedByBotocore(let path, let problem):
            "\(path) \(problem.message), so botocore (the AWS CLI, boto3) refuses the whole file and keys written into it would not work."
        case .locked(let path):
            "Another bedrock-setup is writing files right now (lock \(path))."
        case .secretInManagedSettings(let path):
            "A Bedrock API key cannot go into managed settings (\(path)): every user of the machine can read that file."
        case .managedSettingsNeedAdministrator(let path):
            "Managed settings (\(path)) apply to every user of this machine, and only an administrator can write them."
        case .invalidPreset(let source, let field, let problem):
            "In the preset \(source), \(field) \(problem)."
        case .presetHoldsSecret(let source, let field):
            "The preset \(source) holds a secret (\(field)), and a preset is shared with a whole team."
        case .presetUnavailable(let source, let reason):
            "The preset \(source) cannot be read: \(reason)."
        case .lockedByPreset(let source, let field, let flag, let value):
            "\(flag) cannot change \(field): the preset \(source) locks it (\(value))."
        case .modelNotAllowedByPreset(let source, let model, _):
            "The model \(model) is not one the preset \(source) allows."
        case .lockingUnsupported(let path, let reason):
            "The file system holding \(path) does not support file locks (\(reason)), so bedrock-setup cannot make sure it is the only one writing."
        case .notRegularFile(let path, let kind):
            "\(path) is \(kind), not a regular file."
        case .fileTooLarge(let path, let limit):
            "\(path) is larger than \(limit >> 20) MB, far more than any configuration file."
        case .notUTF8(let path, let line):
            "\(path) is not UTF-8 text (the first invalid byte is on line \(line))."
        case .diskFull(let path):
            "The disk holding \(path) is full (or your quota is used up)."
        case .sameFile(let paths, let real):
            "\(paths.joined(separator: " and ")) are the same file (\(real)), so writing both would lose one of the changes."
        case .secretInTrackedFile(let path, let repository):
            "\(path) is tracked by git (repository \(repository)), and writing a secret into it would put the secret into the repository."
        case .invalidStartURL(let url, let reason):
            "\"\(url)\" is not an IAM Identity Center start URL: \(reason)."
        case .invalidSSOSetting(let field, let reason):
            "The \(field) \(reason)."
        case .ssoSessionConflict(let name, let startURL):
            "The SSO session \(name) already exists in ~/.aws/config with another start URL (\(startURL))."
        case .notAnSSOProfile(let name):
            "The AWS profile \(name) is not an IAM Identity Center (SSO) profile."
        }
    }

    public var fix: String {
        switch self {
        case .malformedRegion:
            "Use a Region name such as us-east-1 or eu-central-1."
        case .unknownRegion(_, let suggestion):
            suggestion.map { "Did you mean \($0)? Run `bedrock-setup doctor` to list Regions that serve Claude." }
                ?? "Pick a Region that serves Claude, such as us-east-1, eu-central-1 or ap-northeast-1."
        case .emptyModel:
            "Give an inference profile ID, an application inference profile ARN, or leave the setting out."
        case .bareModelId(_, _, let suggestion):
            (suggestion.map { "Use the inference profile ID \($0)" }
                ?? "Use the model's inference profile ID (its geography prefix us., eu., apac., jp., au. or global. and the model ID)")
                + ", or turn on the Mantle endpoint (CLAUDE_CODE_USE_MANTLE), which takes bare IDs."
        case .foundationModelARN(_, let suggestion):
            suggestion.map { "Use the inference profile ID \($0)." }
                ?? "Use the model's inference profile ID: its geography prefix (us., eu., apac., jp., au., global.) and the model ID."
        case .malformedModelId:
            "Use an inference profile ID such as us.anthropic.claude-opus-5 (with [1m] for the 1M context where offered), an alias (opus, sonnet, haiku, opusplan), or an ARN arn:aws:bedrock:REGION:ACCOUNT:application-inference-profile/ID."
        case .geographyNotServed(_, _, let region, let suggestion):
            suggestion.map { "Use \($0), which \(region) can call." }
                ?? "Choose a model whose geography prefix is offered in \(region), or choose another Region."
        case .partitionMismatch:
            "GovCloud Regions take us-gov. profiles only, and commercial Regions never take them."
        case .malformedARN:
            "An ARN looks like arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123xyz (or inference-profile/, provisioned-model/, custom-model/, custom-model-deployment/, imported-model/)."
        case .arnRegionMismatch(_, let arnRegion, _):
            "Use an ARN from the setup's Region, or set the Region to \(arnRegion)."
        case .retiredModel(_, _, _, let successor):
            successor.map { "Use \($0) instead." }
                ?? "Pick a current model for the Region (`bedrock-setup regions` lists them)."
        case .longContextUnsupported(_, let id, _):
            "Remove the [1m] suffix (\(ModelReference.splitLongContext(id).0)), or pick Opus 4.6 or later or Sonnet 4.6."
        case .aliasNotAllowed:
            "Give a full inference profile ID or ARN for this pin; the alias belongs in the primary or default model."
        case .profileIdOnMantle(_, _, let bare):
            "Use the bare model ID \(bare) with Mantle, or turn Mantle off to keep the inference profile."
        case .badOption(_, _, let fix), .refusedModelOverride(_, _, let fix):
            fix
        case .invalidProfileName:
            "Use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit."
        case .invalidAWSProfileName:
            "Use the name of a profile as it appears in ~/.aws/config, without brackets, spaces at either end or line breaks."
        case .missingAWSProfile:
            "Pass --aws-profile NAME, or pick a profile on the Credentials screen."
        case .smallFastRegionWithoutModel:
            "Set a small/fast model too, or clear the small/fast Region."
        case .lineBreakInValue:
            "Enter the value on one line."
        case .invalidAccessKeyId:
            "Copy the access key ID (it starts with AKIA or ASIA) from the IAM console again."
        case .invalidSecretAccessKey:
            "Copy the secret access key again, without spaces; it is shown only once, when the key is created."
        case .invalidAPIKey:
            "Create a Bedrock API key in the Bedrock console (API keys) and paste it whole."
        case .missingSecret(_, let variable):
            "Export \(variable) before running, or pass --secret-from-stdin and pipe the value in."
        case .secretTooLong:
            "Pipe in only the value, one per line (e.g. printf '%s\\n' \"$KEY\" | bedrock-setup apply … --secret-from-stdin); nothing was written."
        case .profileIncomplete(let name, _):
            "Run `bedrock-setup apply --profile-name \(name) …` to save it again."
        case .profileNotFound(_, let available):
            available.isEmpty
                ? "Create one with `bedrock-setup` or `bedrock-setup apply`."
                : "Saved profiles: \(available.joined(separator: ", "))."
        case .malformedJSON, .notAJSONObject:
            "Fix the file by hand (or restore its backup), then run again; nothing was written."
        case .unreadableFile:
            "Check the file's permissions and owner, then run again; nothing was written."
        case .notWritable:
            "Make the folder writable (or choose another target), then run again; nothing was written."
        case .danglingSymlink:
            "Remove the link or create the file it points to, then run again; nothing was written."
        case .conflictingINI:
            "Merge the two sections into one by hand; nothing was written."
        case .refusedByBotocore(_, let problem):
            problem.fix + "; nothing was written."
        case .locked:
            "Wait for it to finish, then run again."
        case .secretInManagedSettings:
            "Give each person their own key in their user settings (--target user), or use SSO for the machine; nothing was written."
        case .managedSettingsNeedAdministrator:
            "Run the same command as root (e.g. with sudo), or choose another target; nothing was written."
        case .invalidPreset(_, let field, _):
            "Correct \(field) in the preset (its format: docs/preset.schema.json), or ask whoever maintains it; nothing was written."
        case .presetHoldsSecret(_, let field):
            "Remove \(field): each person signs in or brings their own key (from the environment or standard input); nothing was written."
        case .presetUnavailable:
            "Check the path or address (https:// only), then run again; nothing was written."
        case .lockedByPreset(_, let field, let flag, _):
            "Leave \(flag) out to use the preset's value, or ask whoever maintains the preset to unlock \(field)."
        case .modelNotAllowedByPreset(_, _, let allowed):
            "Choose one of: \(allowed.joined(separator: ", "))."
        case .lockingUnsupported:
            "Set XDG_CONFIG_HOME to a folder on a local disk (e.g. export XDG_CONFIG_HOME=/tmp/$USER-config), then run again; nothing was written."
        case .notRegularFile:
            "Replace it with a regular file (or a symbolic link to one), or choose another target, then run again; nothing was written."
        case .fileTooLarge:
            "Check that the path names the right file, then run again; nothing was written."
        case .notUTF8:
            "Save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`), then run again; nothing was written."
        case .diskFull(let path):
            "Free some space (`df -h \(PathText.parent(path))` shows how much is left), then run again; nothing was changed."
        case .sameFile:
            "Make them separate files (remove the link), then run again; nothing was written."
        case .secretInTrackedFile(let path, _):
            "Choose another target (e.g. --target user), or stop tracking the file (`git rm --cached \(path)` and ignore it), then run again; nothing was written."
        case .invalidStartURL:
            "Copy the \"AWS access portal URL\" from the IAM Identity Center console (Settings), e.g. https://my-company.awsapps.com/start."
        case .invalidSSOSetting(let field, _):
            field.contains("account")
                ? "Use the 12-digit AWS account ID, e.g. 111122223333."
                : field.contains("Region")
                    ? "Use the Region of your IAM Identity Center instance, e.g. us-east-1 or eu-west-1."
                    : "Use letters, digits and + = , . @ _ - only, without spaces."
        case .ssoSessionConflict(let name, _):
            "Choose another --sso-session name, or pass the start URL that [sso-session \(name)] already has."
        case .notAnSSOProfile(let name):
            "Sign-in works for profiles with sso_session (or sso_start_url); create one with `bedrock-setup apply --credentials sso --aws-profile \(name) --sso-start-url …`."
        }
    }

    public var description: String { message + " " + fix }
}

/// Something worth knowing about a value that is still accepted: a legacy or deprecated model,
/// an ID the bundled list does not know yet. Shown by `apply`, the wizard and `doctor` as ⚠.
public struct SetupWarning: Equatable, Sendable, CustomStringConvertible {
    /// The setting it is about, e.g. `ANTHROPIC_MODEL`.
    public let field: String
    public let message: String
    public let fix: String?

    public init(field: String, message: String, fix: String?) {
        self.field = field
        self.message = message
        self.fix = fix
    }

    public var description: String { message + (fix.map { " " + $0 } ?? "") }
}

/// What makes botocore refuse a whole `~/.aws` file.
public enum INIProblem: Equatable, Sendable {
    case duplicateSection(String, line: Int)
    case duplicateKey(String, section: String, line: Int)
    case byteOrderMark

    public var message: String {
        switch self {
        case .duplicateSection(let header, let line): "has the section [\(header)] twice (again on line \(line))"
        case .duplicateKey(let key, let section, let line): "sets \(key) twice in [\(section)] (again on line \(line))"
        case .byteOrderMark: "starts with a UTF-8 byte-order mark"
        }
    }

    public var fix: String {
        switch self {
        case .duplicateSection(let header, let line):
            "Merge the two [\(header)] sections into one (the second starts on line \(line)), then run again"
        case .duplicateKey(let key, _, let line):
            "Delete one of the two \(key) lines (the second is line \(line)), then run again"
        case .byteOrderMark:
            "Save the file as UTF-8 without a byte-order mark (e.g. `sed -i '1s/^\\xEF\\xBB\\xBF//' FILE`), then run again"
        }
    }
}
