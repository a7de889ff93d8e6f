import FoundationEssentials
import Glibc

/// One Claude Code settings file (or a profile file, which has the same shape).
public struct ClaudeSettingsFile: Sendable {
    public let path: String
    /// nil when the file does not exist.
    public let json: JSONValue?
    public let originalText: String?

    public static func read(_ path: String) throws(SetupError) -> ClaudeSettingsFile {
        guard let text = try TextFile.read(path) else {
            return ClaudeSettingsFile(path: path, json: nil, originalText: nil)
        }
        if text.trimmingWhitespace().isEmpty {
            return ClaudeSettingsFile(path: path, json: .object([]), originalText: text)
        }
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch { throw .malformedJSON(path: path, detail: error.description) }
        guard case .object = json else { throw .notAJSONObject(path: path, key: nil) }
        if let env = json["env"], !env.isObject { throw .notAJSONObject(path: path, key: "env") }
        return ClaudeSettingsFile(path: path, json: json, originalText: text)
    }

    /// The `env` block's string values, in file order.
    public var env: [(String, String)] {
        guard case .object(let members)? = json?["env"] else { return [] }
        return members.compactMap { key, value in value.stringValue.map { (key, $0) } }
    }

    public var authRefresh: String? { json?["awsAuthRefresh"]?.stringValue }
}

extension JSONValue {
    var isObject: Bool { if case .object = self { true } else { false } }
}

/// The merge of a profile into Claude settings, and its inverse.
public enum SettingsMerge {
    /// Sets every key the profile sets, removes every owned key it does not, and keeps
    /// everything else (other `env` entries, other top-level keys) as it was, in order. A new
    /// file starts with `$schema`. In `ANTHROPIC_CUSTOM_HEADERS` only the Guardrail lines are the
    /// tool's; `modelOverrides` gets the profile's entries, loses the ones it removes, and keeps every other one.
    public static func apply(
        env profileEnv: [(String, String)], authRefresh: String?, modelOverrides: [String: String] = [:],
        removingModelOverrides: Set<String> = [], removingCredentialExport: Bool = false, to settings: JSONValue?
    ) -> JSONValue {
        var root = settings ?? .object([(ClaudeEnv.schemaKey, .string(ClaudeEnv.schemaURL))])
        var env = root["env"] ?? .object([])
        var wanted = Dictionary(profileEnv, uniquingKeysWith: { $1 })
        let headers = BedrockOptions.mergeHeaders(
            existing: env[ClaudeEnv.customHeaders]?.stringValue,
            guardrail: wanted[ClaudeEnv.customHeaders].flatMap(BedrockOptions.guardrail(in:)))
        wanted[ClaudeEnv.customHeaders] = nil
        for key in ClaudeEnv.owned where wanted[key] == nil { env = env.setting(key, to: nil) }
        for (key, value) in profileEnv where key != ClaudeEnv.customHeaders {
            env = env.setting(key, to: .string(value))
        }
        env = env.setting(ClaudeEnv.customHeaders, to: headers.map(JSONValue.string))
        root = root.setting("env", to: env)
        root = root.setting(ClaudeEnv.authRefreshKey, to: authRefresh.map(JSONValue.string))
        if removingCredentialExport { root = root.setting(ClaudeEnv.credentialExportKey, to: nil) }
        if !modelOverrides.isEmpty || !removingModelOverrides.isEmpty {
            var overrides = root[ClaudeEnv.modelOverridesKey] ?? .object([])
            if case .object = overrides {} else { overrides = .object([]) }
            for name in removingModelOverrides.sorted() where modelOverrides[name] == nil {
                overrides = overrides.setting(name, to: nil)
            }
            for (name, arn) in modelOverrides.sorted(by: { $0.key < $1.key }) {
                overrides = overrides.setting(name, to: .string(arn))
            }
            root = root.setting(ClaudeEnv.modelOverridesKey, to: overrides == .object([]) ? nil : overrides)
        }
        return root
    }

    /// Removes what `apply` owns; drops `env` if nothing else is left in it.
    public static func remove(from settings: JSONValue) -> JSONValue {
        var root = settings
        if var env = root["env"] {
            for key in ClaudeEnv.owned { env = env.setting(key, to: nil) }
            let headers = BedrockOptions.mergeHeaders(
                existing: env[ClaudeEnv.customHeaders]?.stringValue, guardrail: nil)
            if env[ClaudeEnv.customHeaders] != nil {
                env = env.setting(ClaudeEnv.customHeaders, to: headers.map(JSONValue.string))
            }
            root = root.setting("env", to: env == .object([]) ? nil : env)
        }
        return root.setting(ClaudeEnv.authRefreshKey, to: nil)
    }

    /// The owned keys a settings text sets, as the ledger names them: `env.NAME`, `awsAuthRefresh`.
    public static func ownedValues(in text: String?) -> [String: JSONValue] {
        guard let text, let json = try? JSONParser.parse(text) else { return [:] }
        var values: [String: JSONValue] = [:]
        if let env = json["env"] {
            for key in ClaudeEnv.owned { if let value = env[key] { values["env." + key] = value } }
        }
        if let refresh = json[ClaudeEnv.authRefreshKey] { values[ClaudeEnv.authRefreshKey] = refresh }
        return values
    }

    /// The `awsCredentialExport` a write took away (`removingCredentialExport`), as it was; nil when it kept it.
    public static func removedCredentialExport(old: String?, new: String) -> JSONValue? {
        guard let old, let export = (try? JSONParser.parse(old))?[ClaudeEnv.credentialExportKey],
            (try? JSONParser.parse(new))?[ClaudeEnv.credentialExportKey] == nil
        else { return nil }
        return export
    }

    /// Puts each key the ledger recorded back to its value from before the tool first set it
    /// (removing the ones that were absent); drops `env` if nothing is left in it.
    public static func restore(_ originals: [String: JSONValue?], in settings: JSONValue) -> JSONValue {
        var root = settings
        var env = root["env"] ?? .object([])
        for (key, value) in originals.sorted(by: { $0.key < $1.key }) {
            if key.hasPrefix("env.") {
                env = env.setting(String(key.dropFirst(4)), to: value)
            } else {
                root = root.setting(key, to: value)
            }
        }
        // Of ANTHROPIC_CUSTOM_HEADERS only the Guardrail lines are the tool's: the user's other headers stay.
        if let headers = env[ClaudeEnv.customHeaders]?.stringValue {
            env = env.setting(
                ClaudeEnv.customHeaders,
                to: BedrockOptions.mergeHeaders(existing: headers, guardrail: nil).map(JSONValue.string))
        }
        return root.setting("env", to: env == .object([]) ? nil : env)
    }

    /// The text to write: the same indent as the file had, so a merge diff stays small.
    public static func text(_ value: JSONValue, like original: String?) -> String {
        value.serialized(indent: original.map(JSONValue.indentUnit(of:)) ?? "  ")
    }
}

/// Saved setup profiles: `profiles/NAME.json`, each a Claude settings fragment.
public struct ProfileStore: Sendable {
    public let paths: Paths
    public init(paths: Paths) { self.paths = paths }

    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: paths.profilesDirectory)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The profile and, for option D, the API key stored with it.
    public func load(_ name: String) throws(SetupError) -> (profile: SetupProfile, apiKey: String?) {
        let file = try ClaudeSettingsFile.read(paths.profileFile(name))
        guard file.json != nil else { throw .profileNotFound(name, available: names()) }
        let env = Dictionary(file.env, uniquingKeysWith: { $1 })
        var profile = try SetupProfile(name: name, fragmentEnv: env, authRefresh: file.authRefresh)
        if case .object(let overrides)? = file.json?[ClaudeEnv.modelOverridesKey] {
            for (key, value) in overrides {
                if let arn = value.stringValue { profile.bedrock.modelOverrides[key] = arn }
            }
        }
        return (profile, env[ClaudeEnv.bearerToken])
    }

    /// The fragment written for a profile: valid input to `claude --settings FILE`.
    public static func fragment(for profile: SetupProfile, apiKey: String?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            (ClaudeEnv.schemaKey, .string(ClaudeEnv.schemaURL)),
            ("env", .object(profile.environment(apiKey: apiKey).map { ($0.0, .string($0.1)) })),
        ]
        if let refresh = profile.authRefresh.command(awsProfile: profile.awsProfile) {
            members.append((ClaudeEnv.authRefreshKey, .string(refresh)))
        }
        if !profile.bedrock.modelOverrides.isEmpty {
            members.append(
                (
                    ClaudeEnv.modelOverridesKey,
                    .object(
                        profile.bedrock.modelOverrides.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
                ))
        }
        return .object(members)
    }
}
