import BedrockCore
import Testing
import WizardFlow

/// awsAuthRefresh by the profile's kind, a command of the person's own kept unless they replace
/// it on Review, and a pre-existing awsCredentialExport kept or removed there.
@Suite("Wizard: awsAuthRefresh and awsCredentialExport")
struct CredentialCommandsTests {
    func review(_ run: Transcript) -> ReviewStep? { if case .review(let step) = run.wizard.step { step } else { nil } }

    static func info(refresh: AuthRefresh = .ssoLogin, export: Sourced<String>? = nil) -> StartInfo {
        var info = Fixtures.configured
        info.awsProfiles.append(
            AWSProfileChoice(
                name: "console", kind: .loginSession, region: "eu-west-1", detail: "aws login", needsLogin: false))
        info.today?.authRefresh = refresh
        info.credentialExport = export
        return info
    }

    /// Update this setup: Credentials (method `letter`, profile row `row`), then Enter through to Review.
    func toReview(_ info: StartInfo, method: Character, row: Int, _ run: inout Transcript) {
        run = Transcript(info)
        run.press(.enter, .enter, .character(method), .home)
        for _ in 0..<row { run.press(.down) }
        run.press(.enter)
        while run.step != .review, run.step != .done { run.press(.enter) }
        #expect(run.step == .review)
    }

    @Test func theRefreshFollowsTheProfilesKind() {
        var run = Transcript()
        // Option A: dev (static keys) needs none; console (aws login) gets `aws login`.
        toReview(Self.info(), method: "a", row: 0, &run)
        #expect(run.draft.awsProfile == "dev" && run.draft.authRefresh == AuthRefresh.none)
        toReview(Self.info(), method: "a", row: 1, &run)
        #expect(run.draft.awsProfile == "console" && run.draft.authRefresh == .awsLogin)
        #expect(run.draft.authRefresh.command(awsProfile: "console") == "aws login --profile 'console'")
        // Option C: an SSO session profile signs in again (the AWS CLI v2 answers in the fixtures).
        toReview(Self.info(refresh: .none), method: "c", row: 0, &run)
        #expect(run.draft.awsProfile == "corp" && run.draft.authRefresh == .ssoLogin)
        #expect(review(run)?.credentialNotes == [])
    }

    @Test func aCommandOfTheirOwnIsKeptUntilTheyReplaceItAndTheDiffSaysSo() {
        var run = Transcript()
        toReview(Self.info(refresh: .command("~/bin/corp-refresh")), method: "c", row: 0, &run)
        #expect(run.draft.authRefresh == .command("~/bin/corp-refresh"))
        #expect(
            review(run)?.credentialNotes == [
                "awsAuthRefresh: your own command `~/bin/corp-refresh` is kept; r replaces it with `aws sso login --profile 'corp'`."
            ])
        #expect(run.wizard.step.bindings(run.wizard.answers).contains { $0.label == "r" })
        run.healthy = false
        let effects = run.press(.character("r"))
        #expect(run.draft.authRefresh == .ssoLogin)
        #expect(requests(effects) == [.plan(run.draft, Secrets(), targets: [.user])])
        run.answer()
        #expect(
            review(run)?.credentialNotes.first?.contains(
                "is replaced with `aws sso login --profile 'corp'`; r keeps yours") == true)
        run.press(.character("r"))
        #expect(run.draft.authRefresh == .command("~/bin/corp-refresh"))

        // Keys need no refresh: replacing removes it.
        toReview(Self.info(refresh: .command("~/bin/corp-refresh")), method: "a", row: 0, &run)
        #expect(review(run)?.credentialNotes.first?.contains("r removes it (these credentials need none)") == true)
        run.press(.character("r"))
        #expect(run.draft.authRefresh == AuthRefresh.none)
    }

    @Test func anAWSCredentialExportThatWouldWinIsShownAndKeptOrRemoved() {
        let export = Sourced("~/bin/creds.sh", from: .settings(.user, path: "/home/u/.claude/settings.json"))
        var run = Transcript()
        toReview(Self.info(export: export), method: "c", row: 0, &run)
        let note = "awsCredentialExport `~/bin/creds.sh` (\(export.source)) gives Claude Code the credentials it prints"
        #expect(review(run)?.credentialNotes.first?.hasPrefix(note) == true)
        #expect(run.screen.contains("awsCredentialExport"))
        #expect(!run.draft.removeCredentialExport)
        run.press(.character("x"))
        #expect(run.draft.removeCredentialExport)
        #expect(
            review(run)?.credentialNotes.first?.contains("is removed, so Claude Code uses the credentials chosen here")
                == true)
        run.press(.character("x"))
        #expect(!run.draft.removeCredentialExport)

        // In the project's shared settings, which the tool never writes: said, and x does nothing.
        let project = Sourced("~/bin/creds.sh", from: .settings(.project, path: "/w/.claude/settings.json"))
        toReview(Self.info(export: project), method: "c", row: 0, &run)
        #expect(review(run)?.credentialNotes.first?.contains("this write cannot remove it") == true)
        run.press(.character("x"))
        #expect(!run.draft.removeCredentialExport)
        #expect(!run.wizard.step.bindings(run.wizard.answers).contains { $0.label == "x" })
    }
}
