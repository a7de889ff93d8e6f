import BedrockCore

/// A new IAM Identity Center portal: its start URL and SSO Region, checked before the sign-in.
public struct SSOPortalStep: StepFlow {
    public enum Field: Int, CaseIterable, Sendable {
        case startURL, region

        public var label: String {
            switch self {
            case .startURL: "Start URL"
            case .region: "SSO Region"
            }
        }
    }

    public internal(set) var startURL = TextField()
    public internal(set) var region: TextField
    public internal(set) var focus = Field.startURL
    /// What is wrong with the values as typed, shown under the fields.
    public internal(set) var error: String?
    /// Whether the person typed the Region (else it follows what the start URL names).
    var regionEdited = false

    enum Bindings {
        static let nextField = KeyBinding([.tab, .down, .up, .backTab], "Tab", "next field")
        static let signIn = KeyBinding(.enter, "Enter", "sign in")
    }

    static var help: [String] {
        [
            "The start URL is the \"AWS access portal URL\" in the IAM Identity Center console (Settings),",
            "e.g. https://my-company.awsapps.com/start. The SSO Region is where that instance lives.",
            "Sign-in happens in a browser, on this or any other device; no AWS CLI is needed.",
        ]
    }

    static func enter(_ session: inout Session) -> (SSOPortalStep, [Effect]) {
        let info = session.context.info
        // A team preset's portal is filled in: Enter signs in.
        if let portal = session.context.preset?.sso {
            return (
                SSOPortalStep(
                    startURL: TextField(portal.startURL), region: TextField(portal.region), regionEdited: true), []
            )
        }
        return (
            SSOPortalStep(region: TextField(info.ssoRegionHint ?? info.knownPortals.first?.region ?? "us-east-1")), []
        )
    }

    var wrapped: Step { .ssoPortal(self) }
    var isEditingText: Bool { true }

    func bindings(_ answers: Answers) -> [KeyBinding] { [Bindings.nextField, Bindings.signIn, CommonBindings.back] }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        switch key {
        case Bindings.nextField:
            focus = focus == .startURL ? .region : .startURL
        case CommonBindings.back:
            return .back
        case Bindings.signIn:
            do throws(SetupError) {
                let url = try SSOStartURL.validate(startURL.text)
                let known = session.context.info.knownPortals.first { $0.startURL == url }
                let regionName =
                    regionEdited
                    ? region.text
                    : (SSOStartURL.suggestedRegion(for: url, files: nil, environment: [:])
                        ?? known?.region ?? region.text)
                let portal = SSOPortal(
                    startURL: url, region: try session.validator.ssoRegion(regionName), scopes: SSOPortal.defaultScopes)
                let subject = SignInSubject.portal(
                    portal, session: known?.session ?? Self.sessionName(for: url, session.context.info))
                return SSODeviceCodeStep.start(subject, &session)
            } catch {
                self.error = error.message + " " + error.fix
            }
        default:
            let edited = focus == .startURL ? startURL.apply(key) : region.apply(key)
            if edited {
                error = nil
                if focus == .region { regionEdited = true }
            }
        }
        return .stay()
    }

    /// The portal's own name (`corp` for https://corp.awsapps.com/start), made unique among the
    /// sessions ~/.aws/config already has.
    static func sessionName(for url: String, _ info: StartInfo) -> String {
        let base = SSOStartURL.suggestedSessionName(for: url, files: nil)
        let taken = Set(info.knownPortals.map(\.session))
        var name = base
        var number = 2
        while taken.contains(name) {
            name = "\(base)-\(number)"
            number += 1
        }
        return name
    }
}
