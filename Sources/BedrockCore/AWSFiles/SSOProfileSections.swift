import FoundationEssentials

/// An IAM Identity Center portal: where a person signs in, and for which scopes.
public struct SSOPortal: Sendable, Equatable {
    public let startURL: String
    public let region: String
    /// Registration scopes; a legacy profile has none, and so gets no refresh token.
    public let scopes: [String]

    public static let defaultScopes = ["sso:account:access"]

    public init(startURL: String, region: String, scopes: [String]) {
        self.startURL = startURL
        self.region = region
        self.scopes = scopes
    }

    /// `sso_registration_scopes` as the AWS CLI parses it: comma-separated, blanks dropped.
    public static func parseScopes(_ raw: String) -> [String] {
        raw.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }
}

/// What one SSO profile signs in with: an `[sso-session]` (refreshable; cache keyed by the
/// session name) or the legacy `sso_start_url` in the profile (cache keyed by the start URL).
public struct SSOSignInTarget: Sendable, Equatable {
    public let profile: String
    public let sessionName: String?
    public let portal: SSOPortal
    public let accountId: String?
    public let roleName: String?

    public init(profile: String, sessionName: String?, portal: SSOPortal, accountId: String?, roleName: String?) {
        self.profile = profile
        self.sessionName = sessionName
        self.portal = portal
        self.accountId = accountId
        self.roleName = roleName
    }

    public var cacheKey: String { sessionName ?? portal.startURL }
    public var isLegacy: Bool { sessionName == nil }

    /// Reads the target of a profile the way the SDKs do; a missing piece is a specific error.
    public static func of(profile name: String, in files: AWSSharedFiles) throws(SetupError) -> SSOSignInTarget {
        guard let profile = files.profile(name) else {
            throw .profileNotFound(name, available: files.profiles.map(\.name))
        }
        switch profile.kind {
        case .ssoSession:
            let session = profile.ssoSessionName ?? ""
            guard let values = files.ssoSessions[session] else {
                throw .conflictingINI(
                    path: files.configPath,
                    detail: "has profile \(name) naming sso_session \(session), but no [sso-session \(session)] section"
                )
            }
            guard let url = values["sso_start_url"], let region = values["sso_region"] else {
                throw .conflictingINI(
                    path: files.configPath,
                    detail:
                        "has [sso-session \(session)] without \(values["sso_start_url"] == nil ? "sso_start_url" : "sso_region")"
                )
            }
            let scopes = values["sso_registration_scopes"].map(SSOPortal.parseScopes) ?? SSOPortal.defaultScopes
            return SSOSignInTarget(
                profile: name, sessionName: session, portal: SSOPortal(startURL: url, region: region, scopes: scopes),
                accountId: profile.value("sso_account_id"), roleName: profile.value("sso_role_name"))
        case .legacySSO:
            guard let url = profile.value("sso_start_url"), let region = profile.value("sso_region") else {
                throw .conflictingINI(
                    path: files.configPath,
                    detail:
                        "has profile \(name) without \(profile.value("sso_start_url") == nil ? "sso_start_url" : "sso_region")"
                )
            }
            return SSOSignInTarget(
                profile: name, sessionName: nil, portal: SSOPortal(startURL: url, region: region, scopes: []),
                accountId: profile.value("sso_account_id"), roleName: profile.value("sso_role_name"))
        default:
            throw .notAnSSOProfile(name)
        }
    }
}

/// The start URL a person pastes, checked and tidied, and the guesses that save them typing.
public enum SSOStartURL {
    /// `https://NAME.awsapps.com/start` (a `#/` or trailing slash pasted from the browser is
    /// dropped), GovCloud's `…awsapps.com/directory/…`, the dual-stack
    /// `https://ssoins-….portal.REGION.app.aws`, or another https portal address.
    public static func validate(_ raw: String) throws(SetupError) -> String {
        if raw.contains(where: \.isNewline) { throw .lineBreakInValue(field: "start URL") }
        var text = raw.trimmingSpaces()
        guard !text.isEmpty else { throw .invalidStartURL(raw, reason: "it is empty") }
        if text.hasSuffix("#/") { text.removeLast(2) }
        if text.hasSuffix("#") { text.removeLast() }
        while text.hasSuffix("/") { text.removeLast() }
        guard !text.contains(where: { $0.isWhitespace }) else {
            throw .invalidStartURL(raw, reason: "it contains a space")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .invalidStartURL(raw, reason: "it is not a web address")
        }
        guard scheme == "https" else {
            throw .invalidStartURL(
                raw, reason: scheme == "http" ? "it must start with https://" : "it is not an https:// address")
        }
        guard let host = components.host?.lowercased(), host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".")
        else {
            throw .invalidStartURL(raw, reason: "it has no host name")
        }
        guard components.user == nil, components.password == nil else {
            throw .invalidStartURL(raw, reason: "it contains a user name")
        }
        guard components.query == nil, components.fragment == nil else {
            throw .invalidStartURL(raw, reason: "it has a query or fragment; the portal address ends in /start")
        }
        if host.hasSuffix(".awsapps.com") {
            let path = components.path
            guard path == "/start" || path.hasPrefix("/directory/") else {
                throw .invalidStartURL(raw, reason: "an awsapps.com portal address ends in /start")
            }
        }
        return text
    }

    /// The SSO Region the start URL names (dual-stack portals), one an existing session or
    /// profile with this start URL uses, or the Region in the environment.
    public static func suggestedRegion(for url: String, files: AWSSharedFiles?, environment: [String: String])
        -> String?
    {
        if let host = URLComponents(string: url)?.host?.lowercased(), host.hasSuffix(".app.aws") {
            let labels = host.split(separator: ".")
            if let portal = labels.firstIndex(of: "portal"), portal + 1 < labels.count - 2 {
                return String(labels[portal + 1])
            }
        }
        if let files {
            if let session = files.ssoSessions.values.first(where: { $0["sso_start_url"] == url }),
                let region = session["sso_region"]
            {
                return region
            }
            if let profile = files.profiles.first(where: { $0.value("sso_start_url") == url }),
                let region = profile.value("sso_region")
            {
                return region
            }
        }
        return [environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"]].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// A session name for a start URL: an existing session's with the same URL, else the
    /// portal's own name (`corp` for https://corp.awsapps.com/start).
    public static func suggestedSessionName(for url: String, files: AWSSharedFiles?) -> String {
        if let existing = files?.ssoSessions.first(where: { $0.value["sso_start_url"] == url })?.key { return existing }
        let host = URLComponents(string: url)?.host?.lowercased() ?? ""
        let label = host.split(separator: ".").first.map(String.init) ?? ""
        let cleaned = String(label.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        return cleaned.isEmpty ? "sso" : cleaned
    }
}

extension Validator {
    static var ssoNamePattern: Regex<Substring> { /^[A-Za-z0-9+=,.@_-]{1,64}$/ }

    public func ssoRegion(_ raw: String) throws(SetupError) -> String {
        let name = raw.trimmingSpaces()
        guard Self.isRegionName(name) else {
            throw .invalidSSOSetting(field: "SSO Region", reason: "\"\(name)\" is not an AWS Region name")
        }
        return name
    }

    public func ssoAccountId(_ raw: String) throws(SetupError) -> String {
        let value = raw.trimmingSpaces()
        guard value.wholeMatch(of: Self.accountPattern) != nil else {
            throw .invalidSSOSetting(field: "account ID", reason: "\"\(value)\" is not 12 digits")
        }
        return value
    }

    /// Role (permission set) and session names go into INI values and headers.
    public func ssoName(_ raw: String, field: String) throws(SetupError) -> String {
        if raw.contains(where: \.isNewline) { throw .lineBreakInValue(field: field) }
        guard raw.wholeMatch(of: Self.ssoNamePattern) != nil else {
            throw .invalidSSOSetting(
                field: field,
                reason: raw.isEmpty
                    ? "is empty" : "\"\(raw)\" contains characters other than letters, digits and + = , . @ _ -")
        }
        return raw
    }
}

/// A new SSO profile, as `aws configure sso` collects it.
public struct SSOProfileAnswers: Sendable, Equatable {
    public var profile: String
    public var sessionName: String
    public var portal: SSOPortal
    public var accountId: String
    public var roleName: String
    /// The profile's `region` (the Region Claude Code calls), not the SSO Region.
    public var region: String?

    public init(
        profile: String, sessionName: String, portal: SSOPortal, accountId: String, roleName: String, region: String?
    ) {
        self.profile = profile
        self.sessionName = sessionName
        self.portal = portal
        self.accountId = accountId
        self.roleName = roleName
        self.region = region
    }
}

extension ActivationPlanner {
    /// `~/.aws/config` exactly as `aws configure sso` leaves it: `[profile NAME]` (`sso_session`,
    /// `sso_account_id`, `sso_role_name`, `region`) and `[sso-session NAME]` (`sso_start_url`,
    /// `sso_region`, `sso_registration_scopes`), through the INI writer so every other byte stays.
    /// A legacy profile of the same name is converted: its `sso_start_url` / `sso_region` go.
    public func ssoConfigureChanges(_ answers: SSOProfileAnswers) throws(SetupError) -> [FileChange] {
        let configText = try TextFile.read(paths.awsConfig)
        let credentialsText = try TextFile.read(paths.awsCredentials)
        let files = AWSSharedFiles(
            configPath: paths.awsConfig, credentialsPath: paths.awsCredentials,
            config: configText.map(INIDocument.init(text:)), credentials: credentialsText.map(INIDocument.init(text:)))
        if let existing = files.profile(answers.profile),
            [.role, .staticKeys, .credentialProcess].contains(existing.kind)
        {
            // The SDKs would keep using those credentials and never reach the SSO settings.
            throw .conflictingINI(
                path: paths.awsConfig,
                detail:
                    "already gives profile \(answers.profile) \(existing.kind.label) credentials, which every SDK would use before SSO; choose another profile name"
            )
        }
        if let session = files.ssoSessions[answers.sessionName], let url = session["sso_start_url"],
            url != answers.portal.startURL
        {
            throw .ssoSessionConflict(name: answers.sessionName, startURL: url)
        }
        var config = INIDocument(text: configText ?? "")
        // A file botocore refuses would make the new profile unusable: refuse to edit it.
        if let problem = config.refusals.first { throw .refusedByBotocore(path: paths.awsConfig, problem: problem) }
        let header = try Self.configHeader(for: answers.profile, in: config, path: paths.awsConfig)
        config.remove(["sso_start_url", "sso_region"], from: header)
        var profileValues = [
            ("sso_session", answers.sessionName), ("sso_account_id", answers.accountId),
            ("sso_role_name", answers.roleName),
        ]
        if let region = answers.region { profileValues.append(("region", region)) }
        config.set(profileValues, in: header)
        config.set(
            [
                ("sso_start_url", answers.portal.startURL), ("sso_region", answers.portal.region),
                ("sso_registration_scopes", answers.portal.scopes.joined(separator: ",")),
            ], in: "sso-session \(answers.sessionName)")
        return [
            FileChange(
                path: paths.awsConfig, label: "AWS config", old: configText, new: config.text,
                holdsSecret: ["aws_secret_access_key", "aws_session_token"].contains { config.text.contains($0) })
        ]
    }

    /// Converts a legacy SSO profile (`sso_start_url` in the profile: 8-hour sign-ins, no
    /// refresh) to the `sso-session` form, keeping its account, role and every other setting.
    public func ssoConversionChanges(profile name: String, sessionName: String) throws(SetupError) -> [FileChange] {
        let files = try AWSSharedFiles.read(paths: paths)
        let target = try SSOSignInTarget.of(profile: name, in: files)
        guard target.isLegacy, let account = target.accountId, let role = target.roleName else {
            throw .notAnSSOProfile(name)
        }
        let portal = SSOPortal(
            startURL: target.portal.startURL, region: target.portal.region, scopes: SSOPortal.defaultScopes)
        return try ssoConfigureChanges(
            SSOProfileAnswers(
                profile: name, sessionName: sessionName, portal: portal, accountId: account,
                roleName: role, region: files.profile(name)?.region))
    }

    /// The config-file header of a profile: `[default]` stays `[default]` (or an existing
    /// `[profile default]`), every other name is `[profile NAME]`.
    static func configHeader(for name: String, in config: INIDocument, path: String) throws(SetupError) -> String {
        guard name == "default" else { return "profile \(name)" }
        let headers = Set(config.sections.map(\.header))
        if headers.contains("default"), headers.contains("profile default") {
            throw .conflictingINI(path: path, detail: "has both [default] and [profile default]")
        }
        return headers.contains("profile default") ? "profile default" : "default"
    }
}
