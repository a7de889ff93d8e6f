import BedrockCore
import Foundation
import WizardFlow

/// Start-up facts for a machine that already has a setup, and one that has nothing.
enum Fixtures {
    static let today = SetupProfile(name: "work", credentials: .sso, awsProfile: "corp", region: "us-east-1",
                                    model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", authRefresh: .ssoLogin)

    static let configured = StartInfo(
        summary: [SummaryLine(label: "Bedrock", value: "1", source: "user settings (~/.claude/settings.json)"),
                  SummaryLine(label: "Region", value: "us-east-1", source: "user settings (~/.claude/settings.json)"),
                  SummaryLine(label: "AWS profile", value: "corp", source: "user settings (~/.claude/settings.json)"),
                  SummaryLine(label: "Model", value: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", source: "user settings (~/.claude/settings.json)")],
        today: today,
        savedProfiles: [today, SetupProfile(name: "eu", credentials: .sso, awsProfile: "corp", region: "eu-west-1",
                                            model: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", authRefresh: .ssoLogin)],
        activeProfile: "work",
        awsProfiles: [AWSProfileChoice(name: "corp", kind: .ssoSession, region: "us-east-1", detail: "logged in until 18:40", needsLogin: false),
                      AWSProfileChoice(name: "old", kind: .legacySSO, region: nil, detail: "login expired: Enter runs aws sso login", needsLogin: true),
                      AWSProfileChoice(name: "dev", kind: .staticKeys, region: "us-west-2", detail: "keys ****MPLE", needsLogin: false)],
        environmentKeys: nil, environmentAPIKey: nil,
        shadowing: ["AWS_REGION (us-west-2) and AWS_DEFAULT_REGION (eu-west-1) disagree; Claude Code uses AWS_REGION, some tools the other."])

    static let empty = StartInfo(awsProfiles: configured.awsProfiles)

    static func state(_ info: StartInfo = configured, demo: Bool = false, width: Int = 80, height: Int = 24) -> WizardState {
        var state = WizardState(info: info, demo: demo)
        _ = state.handle(.resized(width: width, height: height))
        return state
    }

    /// Feeds keys, answering every effect the way a healthy backend would.
    @discardableResult
    static func press(_ keys: [Key], on state: inout WizardState) -> [Effect] {
        var all: [Effect] = []
        for key in keys {
            var pending = state.handle(.key(key))
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                all.append(effect)
                if let reply = answer(effect, state: state) { pending += state.handle(reply) }
            }
        }
        return all
    }

    static func answer(_ effect: Effect, state: WizardState) -> Event? {
        switch effect {
        case .checkIdentity: .identityChecked([.ok("Identity", "account 123456789012, arn:aws:iam::123456789012:user/dev")], account: "123456789012")
        case .scanRegions: .regionsScanned([RegionRow(region: "us-east-1", latencyMs: 80, offered: true, problem: nil),
                                            RegionRow(region: "eu-south-2", latencyMs: 120, offered: false, problem: "IAM does not allow bedrock:ListInferenceProfiles.")])
        case .listModels(let profile, _):
            .modelsListed(Catalogue.bundled.profiles(usableFrom: profile.region).map { ModelOption(id: $0.id, name: $0.modelName) }, live: true, problem: nil)
        case .verify: .verified([.ok("Identity", "account 123456789012"), .ok("ListInferenceProfiles", "allowed")], account: "123456789012")
        case .plan(let profile, _, _):
            .planned([FileChange(path: "/home/u/.claude/settings.json", label: "Claude Code user settings", old: "{}\n",
                                 new: "{\n  \"env\": {\n    \"AWS_REGION\": \"\(profile.region)\"\n  }\n}\n", holdsSecret: false)], error: nil)
        case .write(let changes): .written(changes.map { WrittenFile(path: $0.path, action: "updated", backup: $0.path + ".bedrock-setup-backup-20261124T120000Z") }, error: nil)
        case .ssoLogin: .ssoLoginFinished(succeeded: true)
        case .savePolicy: .policySaved(path: "/work/bedrock-policy-work.json", error: nil)
        case .cancelChecks, .exit: nil
        }
    }
}
