import BedrockCore
import Testing
import WizardFlow

/// The wizard says what Claude Code will do: its version on Start, how it signs in today (and the
/// AWS CLI where that differs) on Credentials, and on Verify the models it will call.
@Suite("Steps: Claude Code's view")
struct ClaudeCodeViewStepTests {
    static func unpinned(_ version: ClaudeCodeVersion?) -> StartInfo {
        var info = Fixtures.configured
        info.today?.model = nil
        info.claudeCodeVersion = version
        return info
    }

    @Test func startShowsTheInstalledVersionOrSaysTheNewestRulesAreAssumed() {
        #expect(Transcript(Self.unpinned(ClaudeCodeVersion(2, 1, 240))).screen.contains("Claude Code 2.1.240"))
        #expect(
            Transcript(Self.unpinned(nil)).screen.contains(
                "Claude Code not found (`claude --version`): the newest rules are assumed"))
    }

    @Test func credentialsShowClaudeCodesSignInAndWhatWouldWinOverTheChoice() {
        var info = Fixtures.configured
        info.claudeCodeCredentials = "profile corp (sso)"
        info.methodWarnings = [
            .environment: [
                "AWS_PROFILE=corp (environment variable AWS_PROFILE) is set, so Claude Code uses profile corp"
            ]
        ]
        var run = Transcript(info, height: 40)
        run.press(.enter, .enter)
        #expect(run.step == .credentials)
        #expect(run.screen.contains("Claude Code signs in today with profile corp (sso)"))
        #expect(!run.screen.contains("⚠ AWS_PROFILE=corp"))
        run.press(.home, .down)  // B: access keys in the environment
        run.press(.enter)
        #expect(run.draft.credentials == .environment)
        #expect(run.screen.contains("⚠ AWS_PROFILE=corp (environment variable AWS_PROFILE) is set, so Claude Code"))
    }

    @Test(
        "With nothing pinned, the test call goes to the primary model Claude Code will call",
        arguments: [
            (ClaudeCodeVersion?.none, "us.anthropic.claude-opus-5"),
            (ClaudeCodeVersion(2, 1, 210), "us.anthropic.claude-opus-4-8"),
            (ClaudeCodeVersion(2, 1, 100), "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ])
    func testCallUsesThePrimaryModel(version: ClaudeCodeVersion?, primary: String) {
        var run = Transcript(Self.unpinned(version))
        for key in VerifyStepTests.toVerify { run.press(key) }
        #expect(run.step == .verify && run.draft.model == nil)
        run.healthy = false
        #expect(requests(run.press(.character("t"))) == [.verify(run.draft, Secrets(), invoke: true)])
        #expect(run.status == "Calling \(primary) with one token…")
    }

    @Test func thePolicyCoversTheInstalledVersionsDefaults() {
        let newest = Transcript(Self.unpinned(nil))
        let text = VerifyStep.policyText(newest.wizard.answers, context: newest.wizard.context)
        #expect(text.contains("us.anthropic.claude-opus-5") && text.contains("claude-sonnet-4-5-20250929-v1:0"))
        let older = Transcript(Self.unpinned(ClaudeCodeVersion(2, 1, 210)))
        let olderText = VerifyStep.policyText(older.wizard.answers, context: older.wizard.context)
        #expect(olderText.contains("us.anthropic.claude-opus-4-8") && !olderText.contains("claude-opus-5"))
    }
}
