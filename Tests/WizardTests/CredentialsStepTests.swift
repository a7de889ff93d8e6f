import BedrockCore
import Testing
import WizardFlow

@Suite("Step: Credentials")
struct CredentialsStepTests {
    func credentials(_ run: Transcript) -> CredentialsStep? { if case .credentials(let step) = run.wizard.step { step } else { nil } }

    @Test func ssoProfileChecksIdentityAndEscCancelsTheCheck() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter)
        #expect(credentials(run)?.methods.index == 2)  // today's method, C, is preselected
        #expect(run.press(.enter) == [])
        #expect(credentials(run)?.phase == .choosingProfile(ListCursor(index: 0, count: 2)))
        let effects = run.press(.enter)
        #expect(requests(effects) == [.checkIdentity(Fixtures.today, Secrets())])
        #expect(run.wizard.isBusy)
        #expect(run.press(.enter) == [])  // Enter waits for the check
        guard case .perform(let id, _) = effects.first else { Issue.record("no request"); return }
        #expect(run.press(.escape) == [.cancel(id)])
        #expect(!run.wizard.isBusy && run.status == "Cancelled.")
        #expect(credentials(run)?.phase == .choosingMethod)
    }

    @Test func anExpiredLoginHandsTheTerminalOverThenChecks() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter, .enter, .down)
        #expect(requests(run.press(.enter)) == [.ssoLogin(profile: "old")])
        #expect(requests(run.answer(.signedIn(true))) == [.checkIdentity(run.draft, Secrets())])
        #expect(run.draft.awsProfile == "old" && run.draft.authRefresh == .ssoLogin)
    }

    @Test func aFailedSignInReturnsToTheListAndSaysSo() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter, .enter, .down, .enter)
        run.answer(.signedIn(false))
        #expect(credentials(run)?.phase == .choosingProfile(ListCursor(index: 1, count: 2)))
        #expect(run.wizard.chrome.status == Status(text: "aws sso login did not finish; press Enter to try again.", isError: true))
    }

    @Test func optionAOffersNoSSOLogin() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter, .character("a"))
        #expect(!run.screen.contains("aws sso login"))
        #expect(run.press(.character("l")) == [])
        #expect(credentials(run)?.phase == .choosingProfile(ListCursor(index: 0, count: 2)))
        run.press(.escape, .character("c"))
        #expect(run.screen.contains("l run aws sso login"))
    }

    @Test func newKeysAreValidatedUnderTheFieldsWithoutEchoingTheSecret() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter, .character("a"), .end, .enter)
        guard case .enteringKeys(let form) = credentials(run)?.phase else { Issue.record("no key form"); return }
        #expect(form.focus == .accessKeyId && form.profileName.text == "corp")
        run.type("akia-bad")
        run.press(.tab)
        run.type("SECRETSECRETSECRETSECRET1234")
        #expect(run.press(.enter) == [])
        guard case .enteringKeys(let failed) = credentials(run)?.phase else { Issue.record("no key form"); return }
        #expect(failed.error?.contains("access key ID") == true && failed.error?.contains("SECRETSECRET") == false)
        #expect(failed.secretAccessKey.display == String(repeating: "•", count: 24) + "1234")
        #expect(!run.screen.contains("SECRETSECRET"))
        run.press(.up, .control("u"))
        run.type("AKIAIOSFODNN7EXAMPLE")
        let effects = run.press(.enter)
        #expect(requests(effects) == [.checkIdentity(run.draft, Secrets(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "SECRETSECRETSECRETSECRET1234"))])
        #expect(run.draft.credentials == .awsProfile && run.draft.authRefresh == AuthRefresh.none)
    }

    @Test func aFailedCheckOffersAgainOrContinue() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter, .enter, .enter)
        run.answer(.identity([Diagnosis(check: "Identity", severity: .failure, code: .ssoTokenExpired, cause: "expired", fix: "log in")], account: nil))
        #expect(run.screen.contains("Enter check again · c continue anyway · Esc back"))
        #expect(requests(run.press(.enter)).count == 1)
        run.answer(.identity([Diagnosis(check: "Identity", severity: .failure, code: .ssoTokenExpired, cause: "expired", fix: "log in")], account: nil))
        run.press(.character("c"))
        #expect(run.step == .region)
    }

    @Test func aLateAnswerToACancelledCheckIsNotTakenForTheNextOne() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter, .enter)
        let first = run.press(.enter)
        run.press(.escape)
        let before = run.wizard
        guard case .perform(let old, _) = first.first else { Issue.record("no request"); return }
        run.feed(.answered(old, .identity([.ok("Identity", "late")], account: "999999999999")))
        #expect(run.wizard == before)
        // A new check is under way: the old answer still does not count for it.
        run.press(.enter, .enter)
        run.feed(.answered(old, .identity([.ok("Identity", "late")], account: "999999999999")))
        #expect(run.wizard.isBusy && run.wizard.answers.account == nil)
        run.answer()
        #expect(run.wizard.answers.account == "123456789012")
    }

    @Test func pickingAProfilePreselectsItsRegion() {
        var run = Transcript()
        run.press(.enter, .enter, .character("a"), .enter, .enter)
        #expect(run.draft.awsProfile == "dev")
        #expect(run.step == .region && run.screen.contains("▸ ● us-east-1") == false)
        #expect(run.screen.contains("▸   us-west-2"))
    }
}
