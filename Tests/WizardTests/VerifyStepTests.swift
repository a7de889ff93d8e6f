import BedrockCore
import Testing
import WizardFlow

@Suite("Step: Verify")
struct VerifyStepTests {
    static let toVerify: [Key] = [.enter, .enter, .enter, .enter, .enter, .enter, .end, .enter]

    func verify(_ run: Transcript) -> VerifyStep? { if case .verify(let step) = run.wizard.step { step } else { nil } }

    @Test func optInTestCallAndPolicy() {
        var run = Transcript()
        for key in Self.toVerify { run.press(key) }
        #expect(run.step == .verify)
        run.healthy = false
        #expect(requests(run.press(.character("t"))) == [.verify(run.draft, Secrets(), invoke: true)])
        #expect(run.status?.hasPrefix("Calling us.anthropic.claude-sonnet-4-5-20250929-v1:0 with one token") == true)
        run.answer(.verified([.ok(.testCall, "answered")], account: "123456789012"))
        #expect(run.status == nil && verify(run)?.lines == [.ok(.testCall, "answered")])
        run.press(.character("p"))
        #expect(verify(run)?.policyScroll == 0)
        let policy = VerifyStep.policyText(run.wizard.answers, context: run.wizard.context)
        #expect(
            policy.contains(
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        )
        #expect(requests(run.press(.character("s"))) == [.savePolicy(policy, profileName: "work")])
        run.answer()
        #expect(run.status == "Saved the IAM policy to /work/bedrock-policy-work.json.")
        run.press(.escape, .escape)
        #expect(run.step == .models && run.status == nil)
    }

    @Test func enterWaitsForTheChecksAndAReCheckIgnoresTheOldAnswer() {
        var run = Transcript()
        for key in Self.toVerify.dropLast() { run.press(key) }
        run.healthy = false
        let first = run.press(.enter)
        #expect(run.press(.enter) == [])
        let second = run.press(.character("r"))
        guard case .perform(let old, _) = first.first, case .perform(let new, _) = second.first else {
            Issue.record("no requests")
            return
        }
        run.feed(.answered(old, .verified([.ok(.identity, "late")], account: nil)))
        #expect(run.wizard.isBusy)
        run.answer(to: new)
        #expect(verify(run)?.lines.first?.check == .identity)
        run.press(.enter)
        #expect(run.step == .review)
    }
}
