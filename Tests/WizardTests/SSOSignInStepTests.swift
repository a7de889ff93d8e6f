import BedrockCore
import FoundationEssentials
import QRCode
import Testing
import WizardFlow
import WizardUI

/// Option C's built-in sign-in, as transcripts: new portal → code → account → role → profile
/// name → written → identity check, and what each screen does with one choice, a failure or Esc.
@Suite("Steps: IAM Identity Center sign-in")
struct SSOSignInStepTests {
    static let portal = SSOPortal(
        startURL: "https://acme.awsapps.com/start", region: "eu-west-1", scopes: SSOPortal.defaultScopes)
    static let subject = SignInSubject.portal(portal, session: "acme")

    /// To the start-URL screen: Start, Model access, Credentials (C), the last item of the list.
    func toPortal(_ run: inout Transcript) {
        run.press(.enter, .enter)
        run.answer(.awsCLI(.absent))
        run.press(.enter, .end, .enter)
    }

    @Test func aNewPortalFromStartURLToAWrittenProfile() {
        var run = Transcript(healthy: false)
        toPortal(&run)
        #expect(run.step == .ssoPortal)
        #expect(run.screen.contains("Step 3/8 · Credentials: new portal"))
        run.type("https://acme.awsapps.com/start/#/")  // as pasted from the browser
        run.press(.tab, .control("u"))
        run.type("eu-west-1")
        #expect(requests(run.press(.enter)) == [.beginSignIn(Self.subject)])
        #expect(requests(run.answer()) == [.awaitSignIn(Self.subject, handle: 1)])
        #expect(run.screen.contains("and confirm the code:") && run.screen.contains("WDKX-PQRT"))
        #expect(requests(run.answer()) == [.listAccounts(Self.subject)])
        #expect(requests(run.answer()) == [])
        #expect(run.step == .ssoAccount && run.screen.contains("▸ Sandbox, sandbox@example.com (111122223333)"))
        #expect(requests(run.press(.down, .enter)) == [.listRoles(Self.subject, accountId: "444455556666")])
        run.answer()
        #expect(run.step == .ssoRole && run.screen.contains("ReadOnly"))
        run.press(.down, .enter)
        #expect(run.step == .ssoProfileName)
        #expect(
            run.screen.contains("ReadOnly-444455556666")
                && run.screen.contains("+ sso_start_url = https://acme.awsapps.com/start"))
        let answers = SSOProfileAnswers(
            profile: "ReadOnly-444455556666", sessionName: "acme", portal: Self.portal, accountId: "444455556666",
            roleName: "ReadOnly", region: nil)
        #expect(requests(run.press(.enter)) == [.writeSSOProfile(answers)])
        #expect(run.press(.escape) == [])  // a write is never stopped half-way
        let check = run.answer()
        #expect(run.step == .credentials)
        #expect(run.draft.credentials == .sso && run.draft.awsProfile == "ReadOnly-444455556666")
        #expect(run.draft.authRefresh == .builtInLogin(executable: "bedrock-setup"))
        #expect(requests(check) == [.checkIdentity(run.draft, Secrets())])
        #expect(run.status?.hasPrefix("Wrote profile ReadOnly-444455556666 to ~/.aws/config (backup: ") == true)
        run.answer()
        #expect(run.press(.enter) == [] && run.step == .region)
    }

    /// A legacy profile (8-hour sign-ins, no silent renewal) is offered the `sso-session` form: `v`
    /// rewrites it, then one sign-in under the new session follows.
    @Test func aLegacyProfileIsConvertedThenSignedIn() {
        var run = Transcript(healthy: false)
        run.press(.enter, .enter)
        run.answer(.awsCLI(.absent))
        run.press(.enter)
        #expect(requests(run.press(.character("v"))) == [])  // corp is not legacy
        run.press(.down)
        #expect(run.screen.contains("Legacy form (sso_start_url in the profile)"))
        #expect(requests(run.press(.character("v"))) == [.convertLegacyProfile("old")])
        #expect(requests(run.answer()) == [.beginSignIn(.profile("old"))])
        #expect(
            run.step == .ssoDeviceCode && run.status?.hasPrefix("Converted profile old to an [sso-session]") == true)
        // A conversion that fails says why and stays on the list.
        var failed = Transcript(healthy: false)
        failed.press(.enter, .enter)
        failed.answer(.awsCLI(.absent))
        failed.press(.enter, .down, .character("v"))
        failed.answer(
            .written(.failure(Failure("The SSO session old already exists in ~/.aws/config with another start URL."))))
        #expect(failed.step == .credentials && failed.status?.contains("already exists") == true)
    }

    @Test func oneAccountAndOneRoleAreSaidAndTaken() {
        var run = Transcript(healthy: false)
        toPortal(&run)
        run.type("https://acme.awsapps.com/start")
        run.press(.enter)
        run.answer()
        run.answer()
        run.answer(.accounts(.success([PortalAccount(id: "111122223333", label: "Sandbox (111122223333)")])))
        #expect(run.step == .ssoRole)
        run.answer(.roles(.success(["BedrockDeveloper"])))
        #expect(run.step == .ssoProfileName)
        #expect(
            run.status
                == "One account: Sandbox (111122223333), so it is the one. One role: BedrockDeveloper, so it is the one."
        )
    }

    @Test func aBadStartURLIsRefusedUnderTheFieldAndNothingIsAsked() {
        var run = Transcript(healthy: false)
        toPortal(&run)
        run.type("http://acme.awsapps.com/start")
        #expect(run.press(.enter) == [])
        #expect(run.screen.contains("it must start with https://"))
        run.press(.control("u"))
        run.type("https://acme.awsapps.com/portal")
        #expect(run.press(.enter) == [] && run.screen.contains("ends in /start"))
    }

    @Test func anEmptyPortalOrAFailedListingSaysWhyAndTriesAgain() {
        var run = Transcript(healthy: false)
        toPortal(&run)
        run.type("https://acme.awsapps.com/start")
        run.press(.enter)
        run.answer()
        run.answer()
        run.answer(.accounts(.success([])))
        #expect(run.screen.contains("The portal gives you no AWS account."))
        let usEast = SSOPortal(startURL: Self.portal.startURL, region: "us-east-1", scopes: SSOPortal.defaultScopes)
        #expect(requests(run.press(.enter)) == [.listAccounts(.portal(usEast, session: "acme"))])
        run.answer(.accounts(.failure(Failure("The portal did not list your accounts: timed out."))))
        #expect(run.screen.contains("✗ The portal did not list your accounts: timed out."))
    }

    /// A name that exists with other credentials is refused by the core; the screen says so and stays.
    @Test func aWriteThatFailsStaysOnTheNameWithTheReason() {
        var run = Transcript(healthy: false)
        toPortal(&run)
        run.type("https://acme.awsapps.com/start")
        run.press(.enter)
        for _ in 0..<3 { run.answer() }
        run.press(.enter)
        run.answer()
        run.press(.enter)
        run.press(.control("u"))
        run.type("bad name")
        #expect(run.press(.enter) == [])
        guard case .ssoProfileName(let step) = run.wizard.step else {
            Issue.record("\(run.step)")
            return
        }
        #expect(step.error != nil && run.screen.contains(step.error?.prefix(30) ?? "-"), "\(run.screen)")
        run.press(.control("u"))
        run.type("dev")
        run.press(.enter)
        run.answer(.written(.failure(Failure("~/.aws/config already gives profile dev static keys credentials."))))
        #expect(run.step == .ssoProfileName && run.screen.contains("already gives profile dev"))
    }

    @Test func escFromEverySignInScreenWritesNothingAndReturnsToCredentials() {
        for depth in 1...5 {
            var run = Transcript(healthy: false)
            toPortal(&run)
            run.type("https://acme.awsapps.com/start")
            if depth > 1 { run.press(.enter) }
            for _ in 0..<max(0, depth - 2) { run.answer() }
            var effects: [Effect] = []
            for _ in 0..<3 { effects += run.press(.escape) }
            #expect(!requests(effects).contains { if case .writeSSOProfile = $0 { true } else { false } })
            #expect(run.step == .credentials || run.step == .modelAccess, "depth \(depth): \(run.step)")
        }
    }

    /// The view draws the QR code module for module: read back from the frame's half blocks
    /// (light modules drawn), it is the matrix libqrencode made.
    @Test func theQRCodeOnScreenIsTheMatrix() throws {
        var run = Transcript(healthy: false)
        toPortal(&run)
        run.type("https://acme.awsapps.com/start")
        run.press(.enter)
        let address = "https://device.sso.eu-west-1.amazonaws.com/?user_code=WDKX-PQRT"
        let matrix = try #require(QRCode(address)?.rows)
        run.answer(
            .deviceCode(
                .success(
                    DeviceCode(
                        handle: 1, userCode: "WDKX-PQRT",
                        verificationURI: "https://device.sso.eu-west-1.amazonaws.com/",
                        browserURL: address, expiresAt: Date(), expiresClock: "18:40", qrCode: matrix, openedWith: nil))
            ))
        let frame = render(run.wizard, width: 100, height: 40)
        let size = matrix.count + 2
        let left = 100 - size - 1
        let top = try #require((0..<40).first { frame[$0, left].character == "█" || frame[$0, left].character == "▀" })
        for row in 0..<size {
            for column in 0..<size {
                let cell = frame[top + row / 2, left + column].character
                let light = row % 2 == 0 ? (cell == "█" || cell == "▀") : (cell == "█" || cell == "▄")
                let inside = (1...matrix.count).contains(row) && (1...matrix.count).contains(column)
                #expect(light == (inside ? !matrix[row - 1][column - 1] : true), "module \(row),\(column)")
            }
        }
    }
}
