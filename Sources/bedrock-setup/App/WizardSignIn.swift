import AWSClient
import BedrockCore
import FoundationEssentials
import QRCode
import WizardFlow

/// A value shared between requests, behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = ThreadLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ change: (Value) -> Value) { lock.withLock { stored = change(stored) } }
}

/// Device sign-ins started and waiting for the person, by handle: the device code and client
/// secret stay here, in the runner, and never enter the wizard's state.
final class PendingSignIns: @unchecked Sendable {
    private let lock = ThreadLock()
    private var pending: [Int: SSOSignIn.PendingSignIn] = [:]
    private var last = 0

    func add(_ signIn: SSOSignIn.PendingSignIn) -> Int {
        lock.withLock {
            last += 1
            pending[last] = signIn
            return last
        }
    }

    func take(_ handle: Int) -> SSOSignIn.PendingSignIn? { lock.withLock { pending.removeValue(forKey: handle) } }
}

/// The wizard's built-in IAM Identity Center sign-in, over the same SSOSignIn as `login`.
extension LiveBackend {
    var signIn: SSOSignIn { SSOSignIn(api: checker.api, cache: services.ssoCache) }

    func target(_ subject: SignInSubject) throws(SetupError) -> SSOSignInTarget {
        switch subject {
        case .profile(let name): try SSOSignInTarget.of(profile: name, in: try AWSSharedFiles.read(paths: paths))
        case .portal(let portal, let session):
            SSOSignInTarget(profile: session, sessionName: session, portal: portal, accountId: nil, roleName: nil)
        }
    }

    func awsCLI() -> AWSCLIVersion {
        AWSCLIProbe.majorVersion(environment: services.environment).map(AWSCLIVersion.major) ?? .absent
    }

    func beginSignIn(_ subject: SignInSubject) async -> Answer {
        let target: SSOSignInTarget
        do throws(SetupError) { target = try self.target(subject) } catch {
            return .deviceCode(.failure(Failure(error)))
        }
        // Built-in first, and silent where it can be: a cached or refreshed sign-in needs no code.
        switch await signIn.silentToken(for: target) {
        case .cached(let token), .refreshed(let token): return .portalSignedIn(.success(token.expiresAt))
        case .stale: break
        }
        do {
            let pending = try await signIn.begin(for: target)
            let authorization = pending.authorization
            return .deviceCode(
                .success(
                    DeviceCode(
                        handle: signIns.add(pending), userCode: authorization.userCode,
                        verificationURI: authorization.verificationURI,
                        browserURL: authorization.browserURL, expiresAt: authorization.expiresAt,
                        expiresClock: WizardCommand.clock(authorization.expiresAt),
                        qrCode: QRCode(authorization.browserURL)?.rows,
                        openedWith: BrowserOpener.open(authorization.browserURL, environment: services.environment))))
        } catch {
            return .deviceCode(.failure(Self.failure(error)))
        }
    }

    func awaitSignIn(_ subject: SignInSubject, handle: Int) async -> Answer {
        guard let pending = signIns.take(handle) else {
            return .portalSignedIn(.failure(Failure("The sign-in was not started; try again.")))
        }
        do throws(SetupError) {
            let target = try self.target(subject)
            do {
                let token = try await signIn.complete(
                    pending, for: target, sleep: { try? await Task.sleep(nanoseconds: UInt64($0 * 1e9)) })
                return .portalSignedIn(.success(token.expiresAt))
            } catch {
                return .portalSignedIn(.failure(Self.failure(error)))
            }
        } catch {
            return .portalSignedIn(.failure(Failure(error)))
        }
    }

    /// The token a listing uses: the cached one, refreshed silently when it must be.
    func accessToken(_ subject: SignInSubject) async -> Result<(SSOSignInTarget, String), Failure> {
        let target: SSOSignInTarget
        do throws(SetupError) { target = try self.target(subject) } catch { return .failure(Failure(error)) }
        switch await signIn.silentToken(for: target) {
        case .cached(let token), .refreshed(let token): return .success((target, token.accessToken))
        case .stale(let reason): return .failure(Failure("The sign-in is gone (\(reason)); go back and sign in again."))
        }
    }

    /// A sign-in error as the screen shows it: the cause as a sentence, then the fix.
    static func failure(_ error: SSOSignInError) -> Failure {
        Failure(error.description.prefix(1).uppercased() + error.description.dropFirst() + ". " + error.fix)
    }

    func accounts(_ subject: SignInSubject) async -> Answer {
        switch await accessToken(subject) {
        case .failure(let failure): return .accounts(.failure(failure))
        case .success(let (target, token)):
            do {
                let accounts = try await checker.api.listAccounts(ssoRegion: target.portal.region, accessToken: token)
                return .accounts(.success(accounts.map { PortalAccount(id: $0.accountId, label: $0.label) }))
            } catch {
                return .accounts(.failure(Failure("The portal did not list your accounts: \(error.description).")))
            }
        }
    }

    func roles(_ subject: SignInSubject, accountId: String) async -> Answer {
        switch await accessToken(subject) {
        case .failure(let failure): return .roles(.failure(failure))
        case .success(let (target, token)):
            do {
                return .roles(
                    .success(
                        try await checker.api.listAccountRoles(
                            ssoRegion: target.portal.region, accessToken: token, accountId: accountId)))
            } catch {
                return .roles(.failure(Failure("The portal did not list your roles: \(error.description).")))
            }
        }
    }
}

/// The demo's sign-in: a code, a short wait for "approval", two accounts and two roles, so a
/// workshop sees every screen without a portal.
extension DemoBackend {
    func awsCLI() -> AWSCLIVersion { .absent }

    func beginSignIn(_ subject: SignInSubject) async -> Answer {
        await Self.pause(600)
        let address = "https://device.sso.us-east-1.amazonaws.com/"
        let complete = address + "?user_code=WDKX-PQRT"
        return .deviceCode(
            .success(
                DeviceCode(
                    handle: 1, userCode: "WDKX-PQRT", verificationURI: address, browserURL: complete,
                    expiresAt: Date().addingTimeInterval(600),
                    expiresClock: WizardCommand.clock(Date().addingTimeInterval(600)),
                    qrCode: QRCode(complete)?.rows, openedWith: nil)))
    }

    func awaitSignIn(_ subject: SignInSubject, handle: Int) async -> Answer {
        await Self.pause(4000)
        return .portalSignedIn(.success(Date().addingTimeInterval(8 * 3600)))
    }

    func accounts(_ subject: SignInSubject) async -> Answer {
        await Self.pause(500)
        return .accounts(
            .success([
                PortalAccount(id: Self.account, label: "Sandbox, sandbox@example.com (\(Self.account))"),
                PortalAccount(id: "444455556666", label: "Production, prod@example.com (444455556666)"),
            ]))
    }

    func roles(_ subject: SignInSubject, accountId: String) async -> Answer {
        await Self.pause(400)
        return .roles(.success(["BedrockDeveloper", "ReadOnly"]))
    }

    func reloadAWSFiles() {}
}
