import BedrockCore
import Foundation
import WizardFlow
import WizardUI

/// Start-up facts for a machine that already has a setup, and one that has nothing.
enum Fixtures {
    static let today = SetupProfile(
        name: "work", credentials: .sso, awsProfile: "corp", region: "us-east-1",
        model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", authRefresh: .ssoLogin)

    static let configured = StartInfo(
        summary: [
            SummaryLine(label: "Bedrock", value: "1", source: "user settings (~/.claude/settings.json)"),
            SummaryLine(label: "Region", value: "us-east-1", source: "user settings (~/.claude/settings.json)"),
            SummaryLine(label: "AWS profile", value: "corp", source: "user settings (~/.claude/settings.json)"),
            SummaryLine(
                label: "Model", value: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                source: "user settings (~/.claude/settings.json)"),
        ],
        today: today,
        savedProfiles: [
            today,
            SetupProfile(
                name: "eu", credentials: .sso, awsProfile: "corp", region: "eu-west-1",
                model: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", authRefresh: .ssoLogin),
        ],
        activeProfile: "work",
        awsProfiles: [
            AWSProfileChoice(
                name: "corp", kind: .ssoSession, region: "us-east-1", detail: "logged in until 18:40", needsLogin: false
            ),
            AWSProfileChoice(
                name: "old", kind: .legacySSO, region: nil, detail: "login expired: Enter signs in again",
                needsLogin: true),
            AWSProfileChoice(
                name: "dev", kind: .staticKeys, region: "us-west-2", detail: "keys ****MPLE", needsLogin: false),
        ],
        environmentKeys: nil, environmentAPIKey: nil,
        shadowing: [
            "AWS_REGION (us-west-2) and AWS_DEFAULT_REGION (eu-west-1) disagree; Claude Code uses AWS_REGION, some tools the other."
        ],
        claudeCodeVersion: ClaudeCodeVersion(2, 1, 240))

    static let empty = StartInfo(awsProfiles: configured.awsProfiles)

    static func wizard(
        _ info: StartInfo = configured, demo: Bool = false, preset: Preset? = nil, width: Int = 80, height: Int = 24
    ) -> Wizard {
        var wizard = Wizard(info: info, demo: demo, preset: preset, presetSource: preset.map { _ in "team.json" })
        _ = wizard.handle(.resized(width: width, height: height))
        return wizard
    }

    /// What a healthy backend answers to each request.
    static func answer(_ request: Request) -> Answer {
        switch request {
        case .checkIdentity:
            .identity(
                [.ok(.identity, "account 123456789012, arn:aws:iam::123456789012:user/dev")], account: "123456789012")
        case .scanRegions:
            .regions([
                RegionRow(region: "us-east-1", latencyMs: 80, offered: true, problem: nil),
                RegionRow(
                    region: "eu-south-2", latencyMs: 120, offered: false,
                    problem: "IAM does not allow bedrock:ListInferenceProfiles."),
            ])
        case .listModels(let profile, _):
            .models(
                ModelList(
                    options: Catalogue.bundled.profiles(usableFrom: profile.region).map {
                        ModelOption(id: $0.id, name: $0.modelName)
                    },
                    live: true, problem: nil))
        case .verify:
            .verified(
                [.ok(.identity, "account 123456789012"), .ok(.listInferenceProfiles, "allowed")],
                account: "123456789012")
        case .plan(let profile, _, _):
            .planned(
                .success([
                    FileChange(
                        path: "/home/u/.claude/settings.json", label: "Claude Code user settings", old: "{}\n",
                        new: "{\n  \"env\": {\n    \"AWS_REGION\": \"\(profile.region)\"\n  }\n}\n", holdsSecret: false)
                ]))
        case .write(let changes):
            .written(
                .success(
                    changes.map {
                        WrittenFile(
                            path: $0.path, action: .updated, backup: $0.path + ".bedrock-setup-backup-20261124T120000Z")
                    }))
        case .ssoLogin: .signedIn(true)
        case .savePolicy: .policySaved(.success("/work/bedrock-policy-work.json"))
        case .detectAWSCLI: .awsCLI(.major(2))
        case .beginSignIn:
            .deviceCode(
                .success(
                    DeviceCode(
                        handle: 1, userCode: "WDKX-PQRT",
                        verificationURI: "https://device.sso.eu-west-1.amazonaws.com/",
                        browserURL: "https://device.sso.eu-west-1.amazonaws.com/?user_code=WDKX-PQRT",
                        expiresAt: Date(timeIntervalSince1970: 1_795_000_000), expiresClock: "18:40", qrCode: nil,
                        openedWith: nil)))
        case .awaitSignIn: .portalSignedIn(.success(Date(timeIntervalSince1970: 1_795_028_800)))
        case .listAccounts:
            .accounts(
                .success([
                    PortalAccount(id: "111122223333", label: "Sandbox, sandbox@example.com (111122223333)"),
                    PortalAccount(id: "444455556666", label: "Production, prod@example.com (444455556666)"),
                ]))
        case .listRoles: .roles(.success(["BedrockDeveloper", "ReadOnly"]))
        case .convertLegacyProfile:
            .written(.success([WrittenFile(path: "/home/u/.aws/config", action: .updated, backup: nil)]))
        case .writeSSOProfile:
            .written(
                .success([
                    WrittenFile(
                        path: "/home/u/.aws/config", action: .updated,
                        backup: "/home/u/.local/state/bedrock-setup/backups/config-20261124T120000Z")
                ]))
        }
    }
}

/// Tests as transcripts: "this key, then this answer → these effects, this screen". A
/// transcript keeps the requests the wizard asked for until a test (or `healthy`) answers them.
struct Transcript {
    private(set) var wizard: Wizard
    /// Requests asked for and not answered yet, oldest first.
    private(set) var open: [(id: RequestID, request: Request)] = []
    /// Every effect so far.
    private(set) var effects: [Effect] = []
    /// Answer every request at once, as a healthy backend would.
    var healthy: Bool

    init(
        _ info: StartInfo = Fixtures.configured, demo: Bool = false, preset: Preset? = nil, width: Int = 80,
        height: Int = 24,
        healthy: Bool = true
    ) {
        wizard = Fixtures.wizard(info, demo: demo, preset: preset, width: width, height: height)
        self.healthy = healthy
    }

    var step: StepID { wizard.step.id }
    var draft: SetupProfile { wizard.answers.draft }
    var status: String? { wizard.chrome.status?.text }
    var screen: String { render(wizard, width: wizard.chrome.width, height: wizard.chrome.height).text }
    /// The request the wizard asked for last, if still open.
    var lastRequest: Request? { open.last?.request }

    /// Presses keys; returns the effects of the last one.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var last: [Effect] = []
        for key in keys { last = feed(.key(key)) }
        return last
    }

    /// Types text, one character key at a time.
    mutating func type(_ text: String) {
        for character in text { press(.character(character)) }
    }

    /// Answers the open request of this kind, newest first (the default answer of a healthy backend if none given).
    @discardableResult
    mutating func answer(_ answer: Answer? = nil, to id: RequestID? = nil) -> [Effect] {
        let found = id.map { id in open.firstIndex { $0.id == id } } ?? open.indices.last
        guard let index = found else { return [] }
        let (requestID, request) = open.remove(at: index)
        return feed(.answered(requestID, answer ?? Fixtures.answer(request)))
    }

    /// Sends any event, e.g. a late answer to an old request; returns its effects.
    @discardableResult
    mutating func feed(_ event: Event) -> [Effect] {
        let produced = apply(event)
        while healthy, !open.isEmpty {
            let (id, request) = open.removeFirst()
            apply(.answered(id, Fixtures.answer(request)))
        }
        return produced
    }

    @discardableResult
    private mutating func apply(_ event: Event) -> [Effect] {
        let produced = wizard.handle(event)
        effects += produced
        for effect in produced {
            switch effect {
            case .perform(let id, let request): open.append((id, request))
            case .cancel(let id): open.removeAll { $0.id == id }
            case .exit, .startDemo: break
            }
        }
        return produced
    }
}

/// The requests among effects, without their identities.
func requests(_ effects: [Effect]) -> [Request] {
    effects.compactMap { if case .perform(_, let request) = $0 { request } else { nil } }
}
