import BedrockCore
import Testing
import WizardFlow

@Suite("Step: Credentials")
struct CredentialsStepTests {
    func credentials(_ run: Transcript) -> CredentialsStep? {
        if case .credentials(let step) = run.wizard.step { step } else { nil }
    }

    @Test func ssoProfileChecksIdentityAndEscCancelsTheCheck() {
        var run = Transcript(healthy: false)
        #expect(requests(run.press(.enter, .enter)) == [.detectAWSCLI])
        run.answer(.awsCLI(.major(2)))
        #expect(credentials(run)?.methods.index == 2)  // today's method, C, is preselected
        #expect(run.press(.enter) == [])
        // Two SSO profiles, then "Sign in to a new IAM Identity Center portal…".
        #expect(credentials(run)?.phase == .choosingProfile(ListCursor(index: 0, count: 3)))
        let effects = run.press(.enter)
        #expect(requests(effects) == [.checkIdentity(Fixtures.today, Secrets())])
        #expect(run.wizard.isBusy)
        #expect(run.press(.enter) == [])  // Enter waits for the check
        guard case .perform(let id, _) = effects.first else {
            Issue.record("no request")
            return
        }
        #expect(run.press(.escape) == [.cancel(id)])
        #expect(!run.wizard.isBusy && run.status == "Cancelled.")
        #expect(credentials(run)?.phase == .choosingMethod)
    }

    /// Built-in first: an expired profile signs in again with a device code (no AWS CLI), then
    /// the identity check runs; awsAuthRefresh becomes this program's own `login`.
    @Test func anExpiredLoginSignsInBuiltInThenChecks() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter)
        run.answer(.awsCLI(.absent))
        run.press(.enter, .down)
        #expect(requests(run.press(.enter)) == [.beginSignIn(.profile("old"))])
        #expect(run.step == .ssoDeviceCode && run.screen.contains("Contacting IAM Identity Center"))
        #expect(requests(run.answer()) == [.awaitSignIn(.profile("old"), handle: 1)])
        #expect(run.screen.contains("WDKX-PQRT") && run.screen.contains("https://device.sso.eu-west-1.amazonaws.com/"))
        #expect(requests(run.answer()) == [.checkIdentity(run.draft, Secrets())])
        #expect(run.step == .credentials)
        #expect(run.draft.awsProfile == "old" && run.draft.authRefresh == .builtInLogin(executable: "bedrock-setup"))
    }

    @Test func aDeniedSignInSaysWhyAndOffersToTryAgain() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter)
        run.answer(.awsCLI(.absent))
        run.press(.enter, .down, .enter)
        run.answer()
        run.answer(
            .portalSignedIn(
                .failure(
                    Failure(
                        "The sign-in was denied in the browser. Run the sign-in again and approve the code in the browser."
                    ))))
        #expect(run.screen.contains("✗ The sign-in was denied in the browser."))
        #expect(requests(run.press(.enter)) == [.beginSignIn(.profile("old"))])
        run.press(.escape, .escape)  // cancel, then back to the list
        #expect(run.step == .credentials)
    }

    @Test func aFailedAWSSSOLoginReturnsToTheListAndSaysSo() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter)
        run.answer(.awsCLI(.major(2)))
        run.press(.enter, .down)
        #expect(requests(run.press(.character("l"))) == [.ssoLogin(profile: "old")])
        run.answer(.signedIn(false))
        #expect(credentials(run)?.phase == .choosingProfile(ListCursor(index: 1, count: 3)))
        #expect(
            run.status
                == "aws sso login did not finish; Enter signs in with bedrock-setup instead, l tries aws sso login again."
        )
    }

    /// The AWS CLI v1 (or none) has no `aws sso login`: it is never offered, `l` does nothing,
    /// and the refresh command Claude Code gets is this program's own sign-in.
    @Test func withoutTheAWSCLIv2AWSSSOLoginIsNeverOffered() {
        for version in [AWSCLIVersion.major(1), .absent] {
            var run = Transcript(healthy: false)
            run.press(.enter, .enter)
            run.answer(.awsCLI(version))
            run.press(.enter, .down)
            #expect(!run.screen.contains("aws sso login"))
            #expect(run.press(.character("l")) == [])
            #expect(requests(run.press(.up, .enter)) == [.checkIdentity(run.draft, Secrets())])
            #expect(run.draft.authRefresh == .builtInLogin(executable: "bedrock-setup"))
        }
    }

    @Test func optionAOffersNoSSOLogin() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter, .character("a"))
        #expect(!run.screen.contains("aws sso login"))
        #expect(run.press(.character("l")) == [])
        #expect(credentials(run)?.phase == .choosingProfile(ListCursor(index: 0, count: 2)))
        run.answer(.awsCLI(.major(2)))
        run.press(.escape, .character("c"))
        #expect(run.screen.contains("l run aws sso login"))
    }

    @Test func newKeysAreValidatedUnderTheFieldsWithoutEchoingTheSecret() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter, .character("a"), .end, .enter)
        guard case .enteringKeys(let form) = credentials(run)?.phase else {
            Issue.record("no key form")
            return
        }
        #expect(form.focus == .accessKeyId && form.profileName.text == "corp")
        run.type("akia-bad")
        run.press(.tab)
        run.type("SECRETSECRETSECRETSECRET1234")
        #expect(run.press(.enter) == [])
        guard case .enteringKeys(let failed) = credentials(run)?.phase else {
            Issue.record("no key form")
            return
        }
        #expect(failed.error?.contains("access key ID") == true && failed.error?.contains("SECRETSECRET") == false)
        #expect(failed.secretAccessKey.display == String(repeating: "•", count: 24) + "1234")
        #expect(!run.screen.contains("SECRETSECRET"))
        run.press(.up, .control("u"))
        run.type("AKIAIOSFODNN7EXAMPLE")
        let effects = run.press(.enter)
        #expect(
            requests(effects) == [
                .checkIdentity(
                    run.draft,
                    Secrets(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "SECRETSECRETSECRETSECRET1234"))
            ])
        #expect(run.draft.credentials == .awsProfile && run.draft.authRefresh == AuthRefresh.none)
    }

    @Test func aFailedCheckOffersAgainOrContinue() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter, .enter, .enter)
        run.answer(
            .identity(
                [
                    Diagnosis(
                        check: .identity, severity: .failure, code: .ssoTokenExpired, cause: "expired", fix: "log in")
                ], account: nil))
        #expect(run.screen.contains("Enter check again · c continue anyway · Esc back"))
        #expect(requests(run.press(.enter)).count == 1)
        run.answer(
            .identity(
                [
                    Diagnosis(
                        check: .identity, severity: .failure, code: .ssoTokenExpired, cause: "expired", fix: "log in")
                ], account: nil))
        run.press(.character("c"))
        #expect(run.step == .region)
    }

    @Test func aLateAnswerToACancelledCheckIsNotTakenForTheNextOne() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter, .enter)
        let first = run.press(.enter)
        run.press(.escape)
        let before = run.wizard
        guard case .perform(let old, _) = first.first else {
            Issue.record("no request")
            return
        }
        run.feed(.answered(old, .identity([.ok(.identity, "late")], account: "999999999999")))
        #expect(run.wizard == before)
        // A new check is under way: the old answer still does not count for it.
        run.press(.enter, .enter)
        run.feed(.answered(old, .identity([.ok(.identity, "late")], account: "999999999999")))
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

    /// New keys for an existing profile: the profile keeps its Region in ~/.aws (ApplyTests has the files), and the
    /// Region screen starts on it; for a new profile it starts on the Region of today's setup.
    @Test(
        "New keys preselect the named profile's own Region",
        arguments: [("dev", "us-west-2"), ("brand-new", "us-east-1")])
    func newKeysForAProfilePreselectItsRegion(profile: String, preselected: String) {
        var run = Transcript()
        run.press(.enter, .enter, .character("a"), .end, .enter)
        run.press(.up, .control("u"))
        run.type(profile)
        run.press(.tab)
        run.type("AKIAIOSFODNN7EXAMPLE")
        run.press(.tab)
        run.type("SECRETSECRETSECRETSECRET1234")
        run.press(.enter)  // checked
        #expect(run.draft.awsProfile == profile)
        run.press(.enter)  // continue
        #expect(run.step == .region)
        #expect(run.screen.contains("▸   \(preselected)") || run.screen.contains("▸ ● \(preselected)"), "\(run.screen)")
    }
}
