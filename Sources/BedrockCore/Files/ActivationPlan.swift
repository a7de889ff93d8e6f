import FoundationEssentials
import Glibc

/// Where a profile is activated.
public enum ActivationTarget: String, CaseIterable, Sendable {
    /// The targets a person chooses from (the wizard's Review screen, `reset` by default). `managed` is left out on
    /// purpose: it changes every user of the machine, so it is only ever named explicitly (`--target managed`).
    public static let allCases: [ActivationTarget] = [.user, .project, .shell]

    /// Claude Code user settings (`~/.claude/settings.json`).
    case user
    /// Project-local settings (`.claude/settings.local.json` at the git repository's root, or in
    /// the working directory outside a repository), kept out of git through `.git/info/exclude`.
    case project
    /// `env.sh` / `env.fish` and a marked block in the shell start-up files.
    case shell
    /// Claude Code's machine-wide managed settings (Linux `/etc/claude-code/managed-settings.json`), which win over
    /// every other settings file: for administrators.
    case managed

    public var label: String {
        switch self {
        case .user: "Claude Code user settings"
        case .project: "project-local settings"
        case .shell: "shell start-up files"
        case .managed: "managed settings (every user of this machine)"
        }
    }
}

/// Turns answers into the exact list of file changes; nothing here writes.
public struct ActivationPlanner: Sendable {
    public let paths: Paths

    public init(paths: Paths) { self.paths = paths }

    /// The shells whose start-up files get the block: bash always; zsh and fish where the user has them.
    public func shells() -> [Shell] {
        let loginShell = paths.environment["SHELL"] ?? ""
        var shells: [Shell] = [.bash]
        if loginShell.hasSuffix("zsh") || FileManager.default.fileExists(atPath: paths.zshrc) { shells.append(.zsh) }
        if loginShell.hasSuffix("fish") || FileManager.default.fileExists(atPath: paths.configHome + "/fish") {
            shells.append(.fish)
        }
        return shells
    }

    /// The targets the tool has activated before (the ledger has its keys there): every change
    /// updates them all, so no shell keeps exporting a Region the settings no longer name.
    public func activatedTargets() -> Set<ActivationTarget> {
        let ledger = WriteLedger.load(paths.stateFile)
        var targets: Set<ActivationTarget> = []
        if ledger.entries[paths.userSettings] != nil { targets.insert(.user) }
        if ledger.entries[paths.localSettings] != nil { targets.insert(.project) }
        if ledger.entries[paths.envSh] != nil { targets.insert(.shell) }
        return targets
    }

    /// The changes for `requested` targets and every target activated before.
    public func plan(profile: SetupProfile, secrets: Secrets, targets requested: Set<ActivationTarget>)
        throws(SetupError) -> [FileChange]
    {
        let targets = requested.union(activatedTargets())
        let apiKey = profile.credentials == .apiKey ? secrets.apiKey : nil
        if profile.credentials == .apiKey, apiKey == nil {
            throw .missingSecret(field: "Bedrock API key", variable: ClaudeEnv.bearerToken)
        }
        let hasSecret = apiKey != nil
        var changes: [FileChange] = []

        let profilePath = paths.profileFile(profile.name)
        let oldProfile = try TextFile.read(profilePath)
        changes.append(
            FileChange(
                path: profilePath, label: "profile \(profile.name)", old: oldProfile,
                new: ProfileStore.fragment(for: profile, apiKey: apiKey).serialized(), holdsSecret: hasSecret,
                ownership: .none))

        let env = profile.environment(apiKey: apiKey)
        let refresh = profile.authRefresh.command(awsProfile: profile.awsProfile)
        if targets.contains(.managed) {
            // Every user of the machine must be able to read it, so a key in it would be everyone's key.
            if hasSecret { throw .secretInManagedSettings(path: paths.managedSettings) }
            try Self.checkAdministratorCanWrite(paths.managedSettings)
        }
        for (target, path) in [
            (ActivationTarget.user, paths.userSettings), (.project, paths.localSettings),
            (.managed, paths.managedSettings),
        ]
        where targets.contains(target) {
            let file = try ClaudeSettingsFile.read(path)
            let merged = SettingsMerge.apply(
                env: env, authRefresh: refresh, modelOverrides: profile.bedrock.modelOverrides,
                removingModelOverrides: profile.bedrock.removedModelOverrides,
                removingCredentialExport: profile.removeCredentialExport, to: file.json)
            changes.append(
                FileChange(
                    path: path, label: target.label, old: file.originalText,
                    new: SettingsMerge.text(merged, like: file.originalText), holdsSecret: hasSecret,
                    newFileMode: target == .managed ? 0o644 : 0o600, ownership: .settingsKeys))
        }
        if targets.contains(.project), let exclude = try excludeChange() { changes.append(exclude) }

        if targets.contains(.shell) {
            let header = "Written by bedrock-setup for profile \(profile.name); run `bedrock-setup` to change it."
            changes.append(
                FileChange(
                    path: paths.envSh, label: "env.sh", old: try TextFile.read(paths.envSh),
                    new: ShellExports.render(env, shell: .bash, header: header), holdsSecret: hasSecret,
                    ownership: .wholeFile))
            let wantsFish = shells().contains(.fish)
            if wantsFish {
                changes.append(
                    FileChange(
                        path: paths.envFish, label: "env.fish", old: try TextFile.read(paths.envFish),
                        new: ShellExports.render(env, shell: .fish, header: header), holdsSecret: hasSecret,
                        ownership: .wholeFile))
            }
            for shell in shells() {
                let (rc, envFile) =
                    switch shell {
                    case .bash: (paths.bashrc, paths.envSh)
                    case .zsh: (paths.zshrc, paths.envSh)
                    case .fish: (paths.fishConfD, paths.envFish)
                    }
                let old = try TextFile.read(rc)
                let new = RCBlock.install(RCBlock.block(sourcing: envFile, shell: shell), into: old ?? "")
                changes.append(
                    FileChange(
                        path: rc, label: "\(shell.rawValue) start-up file", old: old, new: new,
                        holdsSecret: false, newFileMode: 0o644, ownership: shell == .fish ? .wholeFile : .shellBlock))
            }
        }

        if profile.credentials == .awsProfile, let accessKey = secrets.accessKeyId,
            let secretKey = secrets.secretAccessKey,
            let name = profile.awsProfile
        {
            changes += try awsConfigureChanges(
                profile: name, accessKeyId: accessKey, secretAccessKey: secretKey, region: profile.region)
        }
        return changes
    }

    /// Managed settings live in a system folder: without the rights to write there, say so before showing any diff.
    static func checkAdministratorCanWrite(_ path: String) throws(SetupError) {
        var folder = PathText.parent(path)
        var info = stat()
        while stat(folder, &info) != 0, folder != "/", !folder.isEmpty { folder = PathText.parent(folder) }
        let existing = stat(path, &info) == 0 ? path : folder
        if access(existing, W_OK) != 0 { throw .managedSettingsNeedAdministrator(path: path) }
    }

    /// The line that makes git ignore the project-local settings (which may hold an API key),
    /// in the repository's own `.git/info/exclude`: the least invasive place, shown in the diff.
    func excludeChange() throws(SetupError) -> FileChange? {
        guard let repository = paths.repository, !repository.ignoresLocalSettings() else { return nil }
        let path = repository.excludeFile
        let old = try TextFile.read(path)
        var new = old ?? ""
        if !new.isEmpty, !new.hasSuffix("\n") { new += "\n" }
        new +=
            "# Added by bedrock-setup: Claude Code's local settings may hold a Bedrock API key.\n"
            + GitRepository.localSettingsPattern + "\n"
        return FileChange(path: path, label: "git exclude", old: old, new: new, holdsSecret: false, newFileMode: 0o644)
    }

    /// The two files exactly as `aws configure --profile NAME` leaves them; `region` only where the profile has none.
    public func awsConfigureChanges(profile name: String, accessKeyId: String, secretAccessKey: String, region: String)
        throws(SetupError) -> [FileChange]
    {
        let credentialsText = try TextFile.read(paths.awsCredentials)
        let configText = try TextFile.read(paths.awsConfig)
        var credentials = INIDocument(text: credentialsText ?? "")
        var config = INIDocument(text: configText ?? "")
        // Keys written into a file botocore refuses would not work for the AWS CLI: refuse to edit it.
        for (path, document) in [(paths.awsCredentials, credentials), (paths.awsConfig, config)] {
            if let problem = document.refusals.first { throw .refusedByBotocore(path: path, problem: problem) }
        }
        let configHeader = try Self.configHeader(for: name, in: config, path: paths.awsConfig)
        credentials.set([("aws_access_key_id", accessKeyId), ("aws_secret_access_key", secretAccessKey)], in: name)
        // New keys for an existing profile keep its Region (as `aws configure` does when Enter keeps the shown
        // value): the AWS CLI and other tools use that profile too, and Claude Code takes AWS_REGION from settings.
        if config.section(configHeader)?.value("region")?.isEmpty ?? true {
            config.set([("region", region)], in: configHeader)
        }
        return [
            FileChange(
                path: paths.awsCredentials, label: "AWS credentials", old: credentialsText, new: credentials.text,
                holdsSecret: true),
            // The config keeps its mode (as the AWS CLI does) unless someone keeps keys in it.
            FileChange(
                path: paths.awsConfig, label: "AWS config", old: configText, new: config.text,
                holdsSecret: ["aws_secret_access_key", "aws_session_token"].contains { config.text.contains($0) }),
        ]
    }
}
