import BedrockCore
import Testing
import WizardFlow

@Suite("Wizard transitions")
struct TransitionTests {
    @Test func startOffersWhatMakesSense() {
        #expect(Fixtures.state().startChoices == [.update, .regionOnly, .modelsOnly, .newProfile, .switchProfile, .quit])
        #expect(Fixtures.state(Fixtures.empty).startChoices == [.setUp, .quit])
    }

    @Test("Start: each choice leads where it says", arguments: [
        (0, Screen.modelAccess, [Effect]()),
        (1, .region, []),
        (4, .start, []),
        (5, .start, [.exit(0)]),
    ])
    func startChoices(index: Int, screen: Screen, effects: [Effect]) {
        var state = Fixtures.state()
        _ = state.handle(.key(.end))
        for _ in 0..<(state.startChoices.count - 1 - index) { _ = state.handle(.key(.up)) }
        #expect(state.handle(.key(.enter)) == effects)
        #expect(state.screen == screen)
    }

    @Test func modelsOnlyAsksForTheLiveList() {
        var state = Fixtures.state()
        _ = state.handle(.key(.down))
        _ = state.handle(.key(.down))
        let effects = state.handle(.key(.enter))
        #expect(state.screen == .models)
        #expect(effects == [.listModels(Fixtures.today, Secrets())])
    }

    @Test func credentialsSSOProfileChecksIdentityAndExpiredLoginHandsOver() {
        var state = Fixtures.state()
        Fixtures.press([.enter, .enter], on: &state)
        #expect(state.screen == .credentials)
        #expect(state.credentialsCursor.index == 2)  // today's method, C, is preselected
        #expect(state.handle(.key(.enter)) == [])
        #expect(state.credentialsStage == .chooseProfile)
        #expect(state.handle(.key(.enter)) == [.checkIdentity(Fixtures.today, Secrets())])
        #expect(state.isBusy)
        #expect(state.handle(.key(.enter)) == [])  // Enter waits for the check
        #expect(state.handle(.key(.escape)) == [.cancelChecks])
        #expect(!state.isBusy && state.message == "Cancelled.")

        var expired = Fixtures.state()
        Fixtures.press([.enter, .enter, .enter, .down], on: &expired)
        #expect(expired.handle(.key(.enter)) == [.ssoLogin(profile: "old")])
        #expect(expired.handle(.ssoLoginFinished(succeeded: true)).first == .checkIdentity(expired.draft, Secrets()))
    }

    @Test func newKeysAreValidatedInlineWithoutEchoingTheSecret() {
        var state = Fixtures.state()
        Fixtures.press([.enter, .enter, .character("a")], on: &state)
        #expect(state.credentialsStage == .chooseProfile)
        Fixtures.press([.end, .enter], on: &state)
        #expect(state.credentialsStage == .enterKeys && state.keyFocus == 1)
        for character in "akia-bad" { _ = state.handle(.key(.character(character))) }
        _ = state.handle(.key(.tab))
        for character in "SECRETSECRETSECRETSECRET1234" { _ = state.handle(.key(.character(character))) }
        #expect(state.handle(.key(.enter)) == [])
        #expect(state.messageIsError && state.message?.contains("access key ID") == true)
        #expect(state.message?.contains("SECRETSECRET") == false)
        #expect(state.keyFields[2].display == String(repeating: "•", count: 24) + "1234")
        _ = state.handle(.key(.up))
        _ = state.handle(.key(.control("u")))
        for character in "AKIAIOSFODNN7EXAMPLE" { _ = state.handle(.key(.character(character))) }
        let effects = state.handle(.key(.enter))
        #expect(effects == [.checkIdentity(state.draft, Secrets(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "SECRETSECRETSECRETSECRET1234"))])
        #expect(state.draft.credentials == .awsProfile && state.draft.authRefresh == AuthRefresh.none)
    }

    @Test func regionScanAndSmallFastRegion() {
        var state = Fixtures.state()
        Fixtures.press([.enter, .enter, .enter, .enter, .enter], on: &state)
        #expect(state.screen == .region)
        let effects = state.handle(.key(.character("s")))
        #expect(effects == [.scanRegions(state.draft, Secrets(), models: ["us.anthropic.claude-sonnet-4-5-20250929-v1:0"])])
        _ = state.handle(Fixtures.answer(effects[0], state: state)!)
        #expect(state.scan["eu-south-2"]?.problem != nil)
        _ = state.handle(.key(.down))
        _ = state.handle(.key(.character("f")))
        #expect(state.draft.smallFastRegion == "us-east-2")
    }

    @Test func switchingRegionReachesReviewInUnderTenKeys() {
        var state = Fixtures.state()
        let keys: [Key] = [.down, .enter] + Array(repeating: .down, count: 3) + [.enter]
        let effects = Fixtures.press(keys, on: &state)
        #expect(keys.count < 10)
        #expect(state.screen == .review)
        #expect(state.draft.region == "us-west-2")
        // The pinned model moved with the Region where it had to.
        #expect(state.draft.model == "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        #expect(effects.contains { if case .plan = $0 { true } else { false } })
        Fixtures.press([.enter], on: &state)
        #expect(state.screen == .done)
    }

    @Test func switchingToAnotherGeographyRemapsThePins() {
        var state = Fixtures.state()
        Fixtures.press([.down, .enter], on: &state)
        let index = state.catalogue.regions.firstIndex { $0.name == "eu-central-1" }!
        state.regionCursor.index = index
        Fixtures.press([.enter], on: &state)
        #expect(state.screen == .review)
        #expect(state.draft.model == "eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
    }

    @Test func modelsPickerAndCustomIdOffersTheProfileForm() {
        var state = Fixtures.state()
        Fixtures.press([.down, .down, .enter], on: &state)
        #expect(state.screen == .models && state.modelCursor.index == 4)
        Fixtures.press([.home, .enter], on: &state)
        #expect(state.picker?.slot == .primary)
        Fixtures.press([.end, .enter], on: &state)
        #expect(state.picker?.custom != nil)
        _ = state.handle(.key(.control("u")))
        for character in "anthropic.claude-haiku-4-5-20251001-v1:0" { _ = state.handle(.key(.character(character))) }
        #expect(state.picker?.error?.contains("bare model ID") == true)
        #expect(state.picker?.suggestion == "us.anthropic.claude-haiku-4-5-20251001-v1:0")
        Fixtures.press([.tab, .enter], on: &state)
        #expect(state.picker == nil)
        #expect(state.draft.model == "us.anthropic.claude-haiku-4-5-20251001-v1:0")
        let effects = Fixtures.press([.end, .enter], on: &state)
        #expect(state.screen == .review)
        #expect(effects.first { if case .plan = $0 { true } else { false } } != nil)
    }

    @Test func verifyOptInTestCallAndPolicy() {
        var state = Fixtures.state()
        Fixtures.press([.enter, .enter, .enter, .enter, .enter, .enter, .end, .enter], on: &state)
        #expect(state.screen == .verify)
        let effects = state.handle(.key(.character("t")))
        #expect(effects == [.verify(state.draft, Secrets(), invoke: true)])
        _ = state.handle(.verified([.ok("Test call", "answered")], account: "123456789012"))
        _ = state.handle(.key(.character("p")))
        #expect(state.showPolicy)
        #expect(state.policyText.contains("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0"))
        #expect(state.handle(.key(.character("s"))) == [.savePolicy(state.policyText, profileName: "work")])
    }

    @Test func reviewRenamesRetargetsAndWrites() {
        var state = Fixtures.state()
        Fixtures.press([.down, .enter, .enter], on: &state)
        #expect(state.screen == .review)
        Fixtures.press([.tab], on: &state)
        #expect(state.reviewFocus == .name)
        _ = state.handle(.key(.control("u")))
        for character in "team/eu" { _ = state.handle(.key(.character(character))) }
        #expect(state.handle(.key(.enter)) == [])
        #expect(state.message?.contains("contains a slash") == true)
        _ = state.handle(.key(.backspace))
        _ = state.handle(.key(.backspace))
        _ = state.handle(.key(.backspace))
        _ = state.handle(.key(.character("-")))
        #expect(state.handle(.key(.enter)).first == .plan(state.draft, Secrets(), targets: [.user]))
        #expect(state.draft.name == "team-")
        Fixtures.press([.tab, .tab, .down, .down, .character(" ")], on: &state)
        #expect(state.targets == [.user, .shell])
        let effects = Fixtures.press([.enter], on: &state)
        #expect(effects.contains { if case .write = $0 { true } else { false } })
        #expect(state.screen == .done)
        #expect(state.handle(.key(.enter)) == [.exit(0)])
    }

    @Test func quitAsksFirstOnceAnswersWouldBeLostAndCtrlCNeverAsks() {
        var state = Fixtures.state()
        #expect(state.handle(.key(.character("q"))) == [.exit(0)])
        Fixtures.press([.enter], on: &state)
        #expect(state.handle(.key(.character("q"))) == [])
        #expect(state.confirmQuit)
        #expect(state.handle(.key(.character("n"))) == [])
        #expect(!state.confirmQuit)
        _ = state.handle(.key(.character("q")))
        #expect(state.handle(.key(.character("y"))) == [.cancelChecks, .exit(0)])
        #expect(state.handle(.key(.control("c"))) == [.cancelChecks, .exit(130)])
    }

    @Test func lateResultsOfCancelledChecksAreIgnored() {
        var state = Fixtures.state()
        Fixtures.press([.enter, .enter, .enter], on: &state)
        _ = state.handle(.key(.enter))
        _ = state.handle(.key(.escape))
        let before = state
        _ = state.handle(.identityChecked([.ok("Identity", "late")], account: nil))
        #expect(state == before)
    }
}
