import FoundationEssentials
import Glibc

/// Where every file lives, derived from the environment the way each consumer derives it.
public struct Paths: Sendable, Equatable {
    public let home: String
    public let workingDirectory: String
    public let environment: [String: String]

    public init(environment: [String: String], workingDirectory: String) {
        self.environment = environment
        self.home = environment["HOME"] ?? getpwuid(getuid()).map { String(cString: $0.pointee.pw_dir) } ?? "/"
        self.workingDirectory = workingDirectory
    }

    private func nonEmpty(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    private func expand(_ path: String) -> String {
        path == "~" ? home : path.hasPrefix("~/") ? home + path.dropFirst() : path
    }

    public var configHome: String { nonEmpty("XDG_CONFIG_HOME") ?? home + "/.config" }
    public var cacheHome: String { nonEmpty("XDG_CACHE_HOME") ?? home + "/.cache" }
    /// The last live discovery per Region (`DiscoveryCache`): a cache, safe to delete.
    public var discoveryDirectory: String { cacheHome + "/bedrock-setup/discovery" }
    public var toolDirectory: String { configHome + "/bedrock-setup" }
    public var profilesDirectory: String { toolDirectory + "/profiles" }
    public func profileFile(_ name: String) -> String { profilesDirectory + "/\(name).json" }
    public var envSh: String { toolDirectory + "/env.sh" }
    public var envFish: String { toolDirectory + "/env.fish" }
    public var lockFile: String { toolDirectory + "/.lock" }
    public var stateFile: String { toolDirectory + "/state.json" }
    /// XDG state: where backups go, private and out of every working tree.
    public var stateHome: String { nonEmpty("XDG_STATE_HOME") ?? home + "/.local/state" }
    public var backupDirectory: String { stateHome + "/bedrock-setup/backups" }

    public var claudeConfigDirectory: String { nonEmpty("CLAUDE_CONFIG_DIR").map(expand) ?? home + "/.claude" }
    public var userSettings: String { claudeConfigDirectory + "/settings.json" }
    public var projectSettings: String { workingDirectory + "/.claude/settings.json" }
    /// Claude Code's managed (policy) settings; BEDROCK_SETUP_MANAGED_SETTINGS moves it (tests, packagers).
    public var managedSettings: String {
        nonEmpty("BEDROCK_SETUP_MANAGED_SETTINGS") ?? "/etc/claude-code/managed-settings.json"
    }
    /// At the git repository's root when there is one (Claude Code 2.1.211 and later).
    public var localSettings: String { (repository?.root ?? workingDirectory) + "/.claude/settings.local.json" }
    /// The git working tree the tool runs in, if any.
    public var repository: GitRepository? { GitRepository.containing(workingDirectory) }

    public var awsConfig: String { nonEmpty("AWS_CONFIG_FILE").map(expand) ?? home + "/.aws/config" }
    public var awsCredentials: String {
        nonEmpty("AWS_SHARED_CREDENTIALS_FILE").map(expand) ?? home + "/.aws/credentials"
    }
    public var ssoCacheDirectory: String { home + "/.aws/sso/cache" }

    public var bashrc: String { home + "/.bashrc" }
    public var zshrc: String { (nonEmpty("ZDOTDIR").map(expand) ?? home) + "/.zshrc" }
    public var fishConfD: String { configHome + "/fish/conf.d/bedrock-setup.fish" }
}

/// Where a value came from, so every screen and `doctor --json` can say it.
public enum ValueSource: Equatable, Sendable, CustomStringConvertible {
    case environment(String)
    case settings(SettingsScope, path: String)
    /// `line` is 1-based, 0 when unknown.
    case awsFile(path: String, section: String, line: Int = 0)
    case ssoCache(path: String)
    case savedProfile(String)
    case catalogue
    case claudeCodeDefault

    public var description: String {
        switch self {
        case .environment(let variable): "environment variable \(variable)"
        case .settings(let scope, let path): "\(scope.label) (\(path))"
        case .awsFile(let path, let section, let line): "[\(section)] in \(path)" + (line > 0 ? " line \(line)" : "")
        case .ssoCache(let path): "SSO cache \(path)"
        case .savedProfile(let name): "saved profile \(name)"
        case .catalogue: "bundled catalogue"
        case .claudeCodeDefault: "Claude Code's default"
        }
    }
}

public struct Sourced<Value: Sendable & Equatable>: Sendable, Equatable {
    public let value: Value
    public let source: ValueSource
    public init(_ value: Value, from source: ValueSource) {
        self.value = value
        self.source = source
    }
}

/// Claude Code settings files, lowest precedence first.
public enum SettingsScope: String, CaseIterable, Sendable {
    case user, project, local
    case commandLine = "--settings"
    case managed

    public var label: String {
        switch self {
        case .user: "user settings"
        case .project: "project settings"
        case .local: "local settings"
        case .commandLine: "--settings file"
        case .managed: "managed settings"
        }
    }
}
