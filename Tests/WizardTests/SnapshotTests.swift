import BedrockCore
import Foundation
import QRCode
import Testing
import WizardFlow
import WizardUI

/// Text snapshots of every screen. Recording happens only with RECORD_SNAPSHOTS=1, and a
/// recording run fails, so CI can never pass on a baseline it just wrote.
@Suite("Screen snapshots")
struct SnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Snapshots"

    static func assertSnapshot(
        _ run: Transcript, _ name: String, sizes: [(Int, Int)] = [(80, 24), (60, 18)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (width, height) in sizes {
            let text = render(run.wizard, width: width, height: height).text + "\n"
            let path = "\(folder)/\(name)-\(width)x\(height).txt"
            let stored = try? String(contentsOfFile: path, encoding: .utf8)
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try? text.write(toFile: path, atomically: true, encoding: .utf8)
                Issue.record(
                    "recorded \(path); run again without RECORD_SNAPSHOTS to check it", sourceLocation: sourceLocation)
            } else if stored != text {
                Issue.record(
                    "\(name) at \(width)x\(height) differs from \(path):\n\(text)", sourceLocation: sourceLocation)
            }
        }
    }

    func at(_ keys: [Key], _ info: StartInfo = Fixtures.configured, demo: Bool = false) -> Transcript {
        var run = Transcript(info, demo: demo)
        for key in keys { run.press(key) }
        return run
    }

    @Test func start() {
        Self.assertSnapshot(at([]), "start")
        Self.assertSnapshot(at([], Fixtures.empty, demo: true), "start-empty-demo")
        Self.assertSnapshot(at([.up, .up, .enter]), "start-switch")
    }

    @Test func modelAccess() { Self.assertSnapshot(at([.enter]), "model-access") }

    /// Option C's sign-in screens; the device code also at 100x40, where the QR code fits beside it.
    @Test func signIn() {
        var run = at([.enter, .enter, .enter, .end])
        Self.assertSnapshot(run, "sso-new-portal-item")
        run.healthy = false
        run.press(.enter)
        run.type("https://acme.awsapps.com/start")
        Self.assertSnapshot(run, "sso-portal")
        run.press(.enter)
        let address = "https://device.sso.eu-west-1.amazonaws.com/?user_code=WDKX-PQRT"
        run.answer(
            .deviceCode(
                .success(
                    DeviceCode(
                        handle: 1, userCode: "WDKX-PQRT",
                        verificationURI: "https://device.sso.eu-west-1.amazonaws.com/",
                        browserURL: address, expiresAt: Date(timeIntervalSince1970: 1_795_000_000),
                        expiresClock: "18:40",
                        qrCode: QRCode(address)?.rows, openedWith: nil))))
        Self.assertSnapshot(run, "sso-device-code", sizes: [(80, 24), (60, 18), (100, 40)])
        run.answer()
        run.answer()
        Self.assertSnapshot(run, "sso-account")
        run.press(.enter)
        run.answer()
        Self.assertSnapshot(run, "sso-role")
        run.press(.enter)
        Self.assertSnapshot(run, "sso-profile-name")
    }

    @Test func credentials() {
        Self.assertSnapshot(at([.enter, .enter]), "credentials-methods")
        Self.assertSnapshot(at([.enter, .enter, .enter]), "credentials-sso-profiles")
        var keys = at([.enter, .enter, .character("a"), .end, .enter])
        keys.type("akia")
        keys.press(.tab)
        keys.type("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")
        keys.press(.enter)
        Self.assertSnapshot(keys, "credentials-keys-masked-error")
        var apiKey = at([.enter, .enter, .character("d")])
        apiKey.type("ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl9876")
        Self.assertSnapshot(apiKey, "credentials-api-key-masked")
        Self.assertSnapshot(at([.enter, .enter, .enter, .enter]), "credentials-identity-ok")
        var failed = at([.enter, .enter, .enter])
        failed.healthy = false
        failed.press(.enter)
        failed.answer(
            .identity(
                [
                    Diagnosis(
                        check: .identity, severity: .failure, code: .ssoTokenExpired,
                        cause: "The SSO login for profile corp expired at 2026-11-24T17:00:00Z.",
                        fix: "Run `aws sso login --profile corp`, then check again.")
                ], account: nil))
        Self.assertSnapshot(failed, "credentials-identity-failed")
    }

    @Test func region() {
        Self.assertSnapshot(at([.down, .enter, .character("s")]), "region-scanned")
    }

    @Test func models() {
        Self.assertSnapshot(at([.down, .down, .enter]), "models")
        Self.assertSnapshot(at([.down, .down, .enter, .home, .enter]), "models-picker")
        var custom = at([.down, .down, .enter, .home, .enter, .end, .enter, .control("u")])
        custom.type("anthropic.claude-haiku-4-5-20251001-v1:0")
        Self.assertSnapshot(custom, "models-custom-bare-id")
        var unpinned = Fixtures.configured
        unpinned.today?.model = nil
        Self.assertSnapshot(at([.down, .down, .enter], unpinned), "models-unpinned")
        var options = at([.down, .down, .enter, .up, .enter, .character(" "), .character(" "), .down])
        options.type("gr1a2b3c4d5e")
        options.press(.enter)
        Self.assertSnapshot(options, "more-options-error")
    }

    @Test func verify() {
        let path: [Key] = [.enter, .enter, .enter, .enter, .enter, .enter, .end, .enter]
        Self.assertSnapshot(at(path), "verify")
        var failing = at(path)
        failing.healthy = false
        failing.press(.character("r"))
        failing.answer(
            .verified(
                [
                    .ok(.identity, "account 123456789012, arn:aws:iam::123456789012:user/dev"),
                    Diagnosis(
                        check: .listInferenceProfiles, severity: .failure, code: .iamDenied,
                        cause: "IAM does not allow bedrock:ListInferenceProfiles on *.",
                        fix:
                            "Attach the policy printed by `bedrock-setup policy` to this identity (it allows bedrock:ListInferenceProfiles)."
                    ),
                    Diagnosis(
                        check: .model(.primary), severity: .failure, code: .onDemandNotSupported,
                        cause: "Bedrock does not serve anthropic.claude-sonnet-4-5-20250929-v1:0 on demand.",
                        fix: "Use the inference profile ID us.anthropic.claude-sonnet-4-5-20250929-v1:0."),
                ], account: nil))
        Self.assertSnapshot(failing, "verify-failures")
        Self.assertSnapshot(at(path + [.character("p")]), "verify-policy")
    }

    @Test func reviewAndDone() {
        // Region only: Start, Region, Verify, Review.
        Self.assertSnapshot(at([.down, .enter, .enter, .enter]), "review")
        Self.assertSnapshot(at([.down, .enter, .enter, .enter, .enter]), "done")
        Self.assertSnapshot(
            at(
                [.enter, .enter, .enter, .enter, .enter, .enter, .end, .enter, .enter, .enter], Fixtures.empty,
                demo: true), "done-demo")
    }

    @Test func overlaysAndTooSmall() {
        Self.assertSnapshot(at([.enter, .enter, .character("?")]), "help-credentials")
        Self.assertSnapshot(at([.enter, .character("q")]), "confirm-quit")
        let text = render(Fixtures.wizard(), width: 40, height: 12).text
        #expect(text.contains("Make the window larger:") && text.contains("this one is 40×12."))
    }
}
