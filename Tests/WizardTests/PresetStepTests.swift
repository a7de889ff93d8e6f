import BedrockCore
import Testing
import WizardFlow

/// `bedrock-setup --preset FILE` and a first run with nothing to sign in with, as transcripts.
@Suite("Wizard: a team preset, and the demo offered on Start")
struct PresetStepTests {
    static let model = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
    static let apiKeyPreset = Preset(
        description: "ACME: Bedrock in Ireland", profileName: "acme", credentials: .apiKey, region: "eu-west-1",
        models: [.primary: model], targets: [.user, .shell], locked: [.credentials, .region, .models, .targets])

    @Test func aLockedPresetSkipsItsStepsAndGoesFromStartToWrittenFilesInAFewKeys() {
        var run = Transcript(Fixtures.empty, preset: Self.apiKeyPreset)
        guard case .start(let start) = run.wizard.step else {
            Issue.record("not on Start")
            return
        }
        #expect(start.choices == [.withPreset, .quit])
        #expect(run.screen.contains("Team preset: team.json"))
        #expect(run.screen.contains("Locked: credentials, region, models, targets"))
        #expect(run.draft.region == "eu-west-1" && run.draft.model == Self.model && run.draft.name == "acme")
        #expect(run.wizard.answers.targets == [.user, .shell])
        var keys = 0
        func press(_ key: Key) {
            run.press(key)
            keys += 1
        }
        press(.enter)  // Start: set up with the preset
        #expect(run.step == .modelAccess)
        press(.enter)
        #expect(run.step == .credentials)
        // The method is the preset's; another one is refused.
        press(.character("a"))
        #expect(run.status == "The team preset sets the sign-in to D: \(CredentialsMethod.apiKey.title).")
        press(.character("d"))
        run.type("ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWtleS0xMjM0NTY3ODkw")
        keys += 1  // one paste
        press(.enter)  // check the key
        press(.enter)  // checked: continue
        // Region and Models are locked: straight to Verify.
        #expect(run.step == .verify)
        press(.enter)
        #expect(run.step == .review)
        // Targets are the preset's and cannot be changed.
        run.press(.tab, .tab, .character(" "))  // focus: diff → name → targets
        #expect(run.status?.contains("cannot be changed") == true)
        #expect(run.wizard.answers.targets == [.user, .shell])
        run.press(.tab)
        press(.enter)  // write
        #expect(run.step == .done)
        print("preset with an API key: \(keys) keys from Start to written files (a paste counted as one)")
        #expect(keys <= 9)
    }

    /// The preset's Bedrock options are the draft's; locked, the More options detour refuses to open.
    @Test func aPresetsBedrockOptionsAreFilledInAndLockedOnesCannotBeChanged() {
        let options = BedrockOptions(
            serviceTier: .flex, guardrail: .init(identifier: "gr1a2b3c4d5e", version: "3"),
            baseURL: "https://llm-gateway.example.com/bedrock", promptCaching1h: true)
        let preset = Preset(
            credentials: .apiKey, region: "eu-west-1", bedrock: options, locked: [.credentials, .region, .bedrock])
        var run = Transcript(Fixtures.empty, preset: preset)
        #expect(run.draft.bedrock == options)
        #expect(run.screen.contains("Locked: credentials, region, bedrock"))
        run.press(.enter, .enter, .character("d"))
        run.type("ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWtleS0xMjM0NTY3ODkw")
        run.press(.enter, .enter)
        #expect(run.step == .models)
        run.press(.up, .enter)
        #expect(run.step == .models)
        #expect(run.status == "The team preset sets the Bedrock options; they cannot be changed here.")
        #expect(run.draft.bedrock == options)
    }

    @Test func escFromVerifySkipsTheLockedStepsBack() {
        var run = Transcript(Fixtures.empty, preset: Self.apiKeyPreset)
        run.press(.enter, .enter, .character("d"))
        run.type("ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWtleS0xMjM0NTY3ODkw")
        run.press(.enter, .enter)
        #expect(run.step == .verify)
        run.press(.escape)
        #expect(run.step == .credentials)
    }

    @Test func anUnlockedPresetFillsTheAnswersAndKeepsEveryStep() {
        let preset = Preset(
            credentials: .awsProfile, awsProfile: "dev", region: "eu-west-1", models: [.primary: Self.model])
        var run = Transcript(Fixtures.configured, preset: preset)
        #expect(run.draft.awsProfile == "dev" && run.draft.region == "eu-west-1" && run.draft.model == Self.model)
        run.press(.enter, .enter)
        #expect(run.step == .credentials)
        run.press(.character("b"))
        #expect(run.draft.credentials == .environment || run.status != nil)
        #expect(run.status?.contains("team preset") != true)
    }

    @Test func theDemoIsOfferedOnlyToSomeoneWithNothingToSignInWith() {
        var nothing = Transcript(StartInfo())
        guard case .start(let start) = nothing.wizard.step else {
            Issue.record("not on Start")
            return
        }
        #expect(start.choices == [.setUp, .demo, .quit])
        #expect(nothing.press(.down, .enter) == [.startDemo])
        #expect(nothing.screen.contains("Try the demo first"))
        // Someone with an AWS profile, keys or an API key in the environment is not offered it; nor is the demo itself.
        for info in [Fixtures.empty, StartInfo(environmentKeys: "****MPLE"), StartInfo(environmentAPIKey: "ABSK…")] {
            guard case .start(let step) = Transcript(info).wizard.step else { continue }
            #expect(!step.choices.contains(.demo))
        }
        guard case .start(let demo) = Transcript(StartInfo(), demo: true).wizard.step else { return }
        #expect(!demo.choices.contains(.demo))
    }

    /// An IAM Identity Center preset: the portal is filled in, and the preset's account and role are taken from the
    /// portal's lists without a picker, so the person signs in and confirms.
    @Test func anSSOPresetFillsThePortalAndTakesItsAccountAndRole() {
        let sso = Preset.SSO(
            startURL: "https://acme.awsapps.com/start", region: "eu-west-1", accountId: "444455556666",
            roleName: "ReadOnly")
        let preset = Preset(
            credentials: .sso, awsProfile: "acme-dev", sso: sso, region: "eu-west-1", locked: [.credentials, .region])
        var run = Transcript(Fixtures.empty, preset: preset, healthy: false)
        var keys = 0
        func press(_ key: Key) -> [Effect] {
            keys += 1
            return run.press(key)
        }
        _ = press(.enter)  // Start
        _ = press(.enter)  // Model access
        run.answer(.awsCLI(.absent))
        _ = press(.enter)  // C, the preset's method
        _ = press(.end)
        _ = press(.enter)  // Sign in to a new portal
        #expect(run.step == .ssoPortal)
        #expect(run.screen.contains("https://acme.awsapps.com/start") && run.screen.contains("eu-west-1"))
        let subject = SignInSubject.portal(
            SSOPortal(startURL: sso.startURL, region: "eu-west-1", scopes: SSOPortal.defaultScopes), session: "acme")
        #expect(requests(press(.enter)) == [.beginSignIn(subject)])
        run.answer()  // the code is shown
        run.answer()  // approved in the browser: the accounts are listed
        #expect(requests(run.answer()) == [.listRoles(subject, accountId: "444455556666")])
        #expect(run.status == "The team preset's account: Production, prod@example.com (444455556666).")
        run.answer()  // the roles: the preset's is taken
        #expect(run.step == .ssoProfileName)
        #expect(run.screen.contains("acme-dev"))
        #expect(run.status?.contains("The team preset's role: ReadOnly.") == true)
        let written = press(.enter)
        #expect(requests(written).count == 1)
        print(
            "preset with IAM Identity Center: \(keys) keys from Start to the written profile (plus the approval in a browser)"
        )
        #expect(keys <= 7)
    }
}
