import BedrockCore

// Review's two choices about credential commands already in the settings, beside it to keep
// each file short: an `awsAuthRefresh` the person wrote is kept unless they replace it, and a
// pre-existing `awsCredentialExport` (whose credentials would win) is kept or removed.
extension ReviewStep {
    enum ChoiceBindings {
        static let refresh = KeyBinding(.character("r"), "r", "awsAuthRefresh")
        static let export = KeyBinding(.character("x"), "x", "awsCredentialExport")
    }

    /// The person's own `awsAuthRefresh` from today's settings, when the one matching the chosen
    /// credentials would be different (so there is something to choose).
    static func ownRefresh(_ session: Session) -> (own: String, preset: AuthRefresh)? {
        guard case .command(let own)? = session.context.info.today?.authRefresh else { return nil }
        let preset = session.refreshPreset
        guard preset.command(awsProfile: session.draft.awsProfile) != own else { return nil }
        return (own, preset)
    }

    /// The pre-existing `awsCredentialExport`, when its credentials would win over the chosen
    /// ones (an API key, sent as a bearer token, wins over it).
    static func overridingExport(_ session: Session) -> Sourced<String>? {
        session.draft.credentials == .apiKey ? nil : session.context.info.credentialExport
    }

    /// Whether the export sits in a settings file this write changes (so it can be removed there).
    static func exportIsWritten(_ session: Session) -> Bool {
        guard case .settings(let scope, _)? = overridingExport(session)?.source else { return false }
        return session.answers.targets.contains { $0.settingsScope == scope }
    }

    /// The sentences Review shows about the two, each naming the key that changes it.
    static func credentialNotes(_ session: Session) -> [String] {
        var notes: [String] = []
        if let (own, preset) = ownRefresh(session) {
            let replacement = preset.command(awsProfile: session.draft.awsProfile)
            let kept = session.draft.authRefresh == .command(own)
            let note =
                switch (kept, replacement) {
                case (true, let command?):
                    "awsAuthRefresh: your own command `\(own)` is kept; r replaces it with `\(command)`."
                case (true, nil):
                    "awsAuthRefresh: your own command `\(own)` is kept; r removes it (these credentials need none)."
                case (false, let command?):
                    "awsAuthRefresh: your command `\(own)` is replaced with `\(command)`; r keeps yours."
                case (false, nil): "awsAuthRefresh: your command `\(own)` is removed; r keeps it."
                }
            notes.append(note)
        }
        if let export = overridingExport(session) {
            let removable = exportIsWritten(session)
            let shown = "`\(export.value)` (\(export.source))"
            notes.append(
                !removable
                    ? "awsCredentialExport \(shown) gives Claude Code other credentials than these; this write cannot"
                        + " remove it: delete it from that file."
                    : session.draft.removeCredentialExport
                        ? "awsCredentialExport \(shown) is removed, so Claude Code uses the credentials chosen here; x keeps it."
                        : "awsCredentialExport \(shown) gives Claude Code the credentials it prints, not these; x removes it."
            )
        }
        return notes
    }

    /// r: between the person's own `awsAuthRefresh` and the one matching the credentials.
    mutating func toggleRefresh(_ session: inout Session) -> Transition {
        guard let (own, preset) = Self.ownRefresh(session) else { return .stay() }
        session.draft.authRefresh = session.draft.authRefresh == .command(own) ? preset : .command(own)
        return .stay(plan(&session))
    }

    /// x: keep or remove the pre-existing `awsCredentialExport`.
    mutating func toggleExport(_ session: inout Session) -> Transition {
        guard Self.exportIsWritten(session) else { return .stay() }
        session.draft.removeCredentialExport.toggle()
        return .stay(plan(&session))
    }

    /// The two choices' keys, where there is something to choose.
    static func choiceBindings(_ session: Session) -> [KeyBinding] {
        (ownRefresh(session) != nil ? [ChoiceBindings.refresh] : [])
            + (exportIsWritten(session) ? [ChoiceBindings.export] : [])
    }
}

extension ActivationTarget {
    /// The settings file a target writes, as Claude Code names its scope.
    var settingsScope: SettingsScope? {
        switch self {
        case .user: .user
        case .project: .local
        case .managed: .managed
        case .shell: nil
        }
    }
}
