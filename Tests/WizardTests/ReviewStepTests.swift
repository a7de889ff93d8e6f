import BedrockCore
import Testing
import WizardFlow

@Suite("Step: Review")
struct ReviewStepTests {
    func review(_ run: Transcript) -> ReviewStep? { if case .review(let step) = run.wizard.step { step } else { nil } }

    /// Region only, keeping the Region: through Verify (answered) to Review.
    func toReview(_ run: inout Transcript) {
        run.press(.down, .enter, .enter)
        #expect(run.step == .verify)
        if !run.healthy { run.answer() }
        run.press(.enter)
        #expect(run.step == .review)
    }

    @Test func renamesRetargetsAndWrites() {
        var run = Transcript()
        toReview(&run)
        run.press(.tab)
        #expect(review(run)?.focus == .name)
        run.press(.control("u"))
        run.type("team/eu")
        #expect(run.press(.enter) == [])
        #expect(review(run)?.nameError?.contains("contains a slash") == true)
        run.press(.backspace, .backspace, .backspace, .character("-"))
        run.healthy = false
        #expect(requests(run.press(.enter)) == [.plan(run.draft, Secrets(), targets: [.user])])
        run.healthy = true
        run.answer()
        #expect(run.draft.name == "team-")
        run.press(.tab, .tab, .down, .down, .character(" "))
        #expect(run.wizard.answers.targets == [.user, .shell])
        run.press(.enter)
        #expect(requests(run.effects).contains { if case .write = $0 { true } else { false } })
        guard case .done(let done) = run.wizard.step, case .wrote(let files) = done.outcome else {
            Issue.record("not done")
            return
        }
        #expect(files.map(\.action) == [.updated])
        #expect(run.press(.enter) == [.exit(0)])
    }

    /// A project settings file that sets the Region wins over the one written to user settings: Review says so
    /// before anything is written, with the file to change (the AWS CLI view and `apply` say the same).
    @Test func aValueAHigherSettingsFileOverridesIsNamedBeforeWriting() {
        var info = Fixtures.configured
        info.settingsAboveUser = [
            ClaudeEnv.region: Sourced("ap-south-1", from: .settings(.project, path: "/work/repo/.claude/settings.json"))
        ]
        var run = Transcript(info, width: 120, height: 30)
        toReview(&run)
        let expected =
            "AWS_REGION=ap-south-1 in project settings (/work/repo/.claude/settings.json) wins over the \(run.draft.region)"
        #expect(review(run)?.overrides.first?.hasPrefix(expected) == true, "\(review(run)?.overrides ?? [])")
        #expect(run.screen.contains("⚠ " + expected), "\(run.screen)")
        var plain = Transcript(Fixtures.configured, width: 120, height: 30)
        toReview(&plain)
        #expect(review(plain)?.overrides == [])
    }

    /// A malformed ~/.claude/settings.json is said on Start with what this run does instead (project-local settings),
    /// the run starts with that target, and Review will not take the broken file back: nothing blocks at the end.
    @Test func aMalformedUserSettingsFileIsAvoidedFromTheStart() {
        var info = Fixtures.configured
        info.problems = [
            "/home/me/.claude/settings.json is not valid JSON (line 3, column 1: unexpected character '}'). Fix it."
        ]
        info.unwritableTargets = [.user: "/home/me/.claude/settings.json"]
        var run = Transcript(info, width: 120, height: 40)
        #expect(run.wizard.answers.targets == [.project])
        #expect(
            run.screen.contains(
                "So Claude Code user settings will not be written: this run writes project-local settings"),
            "\(run.screen)")
        toReview(&run)
        run.press(.tab, .tab, .character(" "))
        #expect(run.wizard.answers.targets == [.project])
        #expect(
            run.status
                == "/home/me/.claude/settings.json is not valid JSON, so it cannot be written; fix it first (see Start)."
        )
        #expect(Transcript(Fixtures.configured).wizard.answers.targets == [.user])
    }

    @Test func theLastTargetCannotBeDropped() {
        var run = Transcript()
        toReview(&run)
        run.press(.tab, .tab, .character(" "))
        #expect(run.wizard.answers.targets == [.user])
        #expect(run.wizard.chrome.status == Status(text: "At least one target is needed.", isError: true))
    }

    @Test func nothingToChangeEndsWithoutAWrite() {
        var run = Transcript(healthy: false)
        toReview(&run)
        run.answer(
            .planned(
                .success([
                    FileChange(path: "/h/settings.json", label: "user", old: "{}\n", new: "{}\n", holdsSecret: false)
                ])))
        #expect(run.press(.enter) == [])
        guard case .done(let done) = run.wizard.step else {
            Issue.record("not done")
            return
        }
        #expect(done.outcome == .nothingChanged)
        #expect(run.screen.contains("Nothing changed: every file already matched."))
    }

    @Test func aPlanThatCannotBeMadeIsSaidOnReviewAndAnotherTargetCanBeChosen() {
        var run = Transcript(healthy: false)
        toReview(&run)
        run.answer(
            .planned(
                .failure(
                    Failure("~/.claude/settings.json is not valid JSON (line 3). Fix it, or choose another target."))))
        #expect(run.step == .review && run.screen.contains("✗ ~/.claude/settings.json is not valid JSON"))
        #expect(run.press(.enter).count == 1)  // Enter prepares the changes again, never writes
        run.answer(.planned(.failure(Failure("still broken"))))
        run.press(.tab, .tab, .down)
        #expect(requests(run.press(.character(" "))) == [.plan(run.draft, Secrets(), targets: [.user, .project])])
    }

    @Test func aFailedWriteKeepsThePlanAndSaysWhy() {
        var run = Transcript(healthy: false)
        toReview(&run)
        run.answer()
        #expect(requests(run.press(.enter)).count == 1)
        #expect(run.press(.escape) == [])  // a write is never interrupted
        run.answer(.written(.failure(Failure("The disk is full. Free some space, then write again."))))
        #expect(run.step == .review && run.status == "The disk is full. Free some space, then write again.")
        #expect(review(run)?.pendingChanges.count == 1)
    }
}
