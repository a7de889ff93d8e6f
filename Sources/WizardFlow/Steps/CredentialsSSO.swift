import BedrockCore

// The Credentials step's IAM Identity Center parts, beside it to keep each file short: the check
// after a sign-in, and the offer for a legacy SSO profile (`sso_start_url` in the profile: 8-hour
// sign-ins that never renew silently).
extension CredentialsStep {
    /// After a sign-in (or a new profile written), the identity check on the profile now in the draft.
    static func checkSignedIn(_ session: inout Session) -> Transition {
        let methods = CredentialsMethod.allCases
        var step = CredentialsStep(methods: ListCursor(index: methods.firstIndex(of: .sso) ?? 0, count: methods.count))
        let transition = step.check(&session)
        return Transition(move: .present(.credentials(step)), effects: transition.effects)
    }

    static let convertKey = Key.character("v")

    /// `v` on a legacy profile: rewrite it in the `sso-session` form, as `aws configure sso` would.
    mutating func convert(_ list: ListCursor, _ session: inout Session) -> Transition {
        let choices = Self.profiles(for: .sso, in: session.context.info)
        guard choices.indices.contains(list.index), choices[list.index].kind == .legacySSO else { return .stay() }
        let (id, effect) = session.request(.convertLegacyProfile(choices[list.index].name))
        phase = .converting(id, list: list)
        return .stay([effect])
    }

    /// Converted: a sign-in under the new session follows (the legacy sign-in is keyed by the start
    /// URL, the new one by the session name), after which it renews silently.
    mutating func converted(_ result: Result<[WrittenFile], Failure>, _ session: inout Session) -> Transition {
        guard case .converting(_, let list) = phase else { return .stay() }
        phase = .choosingProfile(list)
        let choices = Self.profiles(for: .sso, in: session.context.info)
        guard choices.indices.contains(list.index) else { return .stay() }
        switch result {
        case .failure(let failure):
            session.say(failure.message, error: true)
            return .stay()
        case .success(let files):
            let name = choices[list.index].name
            session.draft.awsProfile = name
            session.presetAuthRefresh(session.ssoAuthRefresh)
            let backup = files.compactMap(\.backup).first.map { " (backup: \($0))" } ?? ""
            var transition = SSODeviceCodeStep.start(.profile(name), &session)
            transition.notice = Status(
                text:
                    "Converted profile \(name) to an [sso-session]\(backup); one more sign-in, and it renews silently.",
                isError: false)
            return transition
        }
    }

    /// What the screen says under a legacy profile.
    public static let legacyHint =
        "Legacy form (sso_start_url in the profile): sign-ins last 8 hours and never renew silently. v converts it."
}
