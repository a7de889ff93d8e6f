import BedrockCore

/// The name of the new SSO profile, and what goes into ~/.aws/config, as `aws configure sso`
/// writes it; Enter writes it (with a backup), then the identity check runs as for any profile.
public struct SSOProfileNameStep: StepFlow {
    public enum Phase: Equatable, Sendable {
        case naming
        case writing(RequestID)
    }

    public let portal: SSOPortal
    public let sessionName: String
    public let account: PortalAccount
    public let role: String
    public internal(set) var name: TextField
    public internal(set) var error: String?
    public internal(set) var phase = Phase.naming

    enum Bindings {
        static let write = KeyBinding(.enter, "Enter", "write the profile")
        static let edit = KeyBinding.hint("", "edit the name")
    }

    static var help: [String] {
        [
            "The AWS profile Claude Code will use (AWS_PROFILE). Enter writes [profile NAME] and",
            "[sso-session …] into ~/.aws/config as `aws configure sso` does; every other line stays,",
            "and the old file is kept as a backup.",
        ]
    }

    static func enter(_ session: inout Session) -> (SSOProfileNameStep, [Effect]) {
        (
            SSOProfileNameStep(
                portal: SSOPortal(startURL: "", region: "", scopes: []), sessionName: "",
                account: PortalAccount(id: "", label: ""),
                role: "", name: TextField()), []
        )
    }

    static func start(
        portal: SSOPortal, session name: String, account: PortalAccount, role: String, _ session: inout Session
    ) -> Transition {
        // `aws configure sso` suggests ROLE-ACCOUNT.
        .present(
            .ssoProfileName(
                SSOProfileNameStep(
                    portal: portal, sessionName: name, account: account, role: role,
                    name: TextField(session.context.preset?.awsProfile ?? "\(role)-\(account.id)"))))
    }

    var wrapped: Step { .ssoProfileName(self) }
    var isEditingText: Bool { phase == .naming }

    public var pending: RequestID? {
        if case .writing(let id) = phase { id } else { nil }
    }

    /// A write is never stopped half-way.
    mutating func cancel() -> Bool { false }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        phase == .naming ? [Bindings.edit, Bindings.write, CommonBindings.back] : []
    }

    /// The lines the new sections hold, for the screen (the profile's own Region is left to Claude Code's settings).
    public var sections: [String] {
        [
            "[profile \(name.text)]", "sso_session = \(sessionName)", "sso_account_id = \(account.id)",
            "sso_role_name = \(role)",
            "[sso-session \(sessionName)]", "sso_start_url = \(portal.startURL)", "sso_region = \(portal.region)",
            "sso_registration_scopes = \(portal.scopes.joined(separator: ","))",
        ]
    }

    /// Whether the name is an AWS profile ~/.aws already has (its SSO settings are replaced).
    public func replaces(_ info: StartInfo) -> Bool { info.awsProfiles.contains { $0.name == name.text } }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        guard phase == .naming else { return .stay() }
        switch key {
        case CommonBindings.back: return .back
        case Bindings.write:
            do throws(SetupError) {
                let profile = try session.validator.awsProfileName(name.text)
                let answers = SSOProfileAnswers(
                    profile: profile, sessionName: sessionName, portal: portal, accountId: account.id,
                    roleName: role, region: nil)
                let (id, effect) = session.request(.writeSSOProfile(answers))
                phase = .writing(id)
                return .stay([effect])
            } catch {
                self.error = error.message + " " + error.fix
            }
        default:
            if name.apply(key) { error = nil }
        }
        return .stay()
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        guard case .written(let result) = answer else { return .stay() }
        phase = .naming
        switch result {
        case .failure(let failure):
            error = failure.message
            return .stay()
        case .success(let files):
            session.draft.credentials = .sso
            session.draft.awsProfile = name.text
            session.presetAuthRefresh(session.ssoAuthRefresh)
            session.answers.secrets = Secrets()
            session.answers.profileRegion = nil
            let backup = files.compactMap(\.backup).first.map { " (backup: \($0))" } ?? ""
            var transition = CredentialsStep.checkSignedIn(&session)
            transition.notice = Status(text: "Wrote profile \(name.text) to ~/.aws/config\(backup).", isError: false)
            return transition
        }
    }
}
