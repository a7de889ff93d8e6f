import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// The device sign-in, the silent refresh and the portal listings against the IAM Identity
/// Center stand-in, whose every request is checked against botocore's service models.
@Suite("SSO sign-in", .timeLimit(.minutes(2)))
struct SSOSignInTests {
    let target = SSOStandIn.corpTarget

    /// The sleeps the poller asked for, instead of sleeping them.
    final class Sleeps: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [TimeInterval] = []
        func record(_ value: TimeInterval) {
            lock.lock()
            values.append(value)
            lock.unlock()
        }
        var all: [TimeInterval] {
            lock.lock()
            defer { lock.unlock() }
            return values
        }
    }

    func signIn(_ standIn: SSOStandIn, _ home: TestHome, now: @escaping @Sendable () -> Date = Date.init) -> SSOSignIn {
        SSOSignIn(api: makeAPI(standIn.environment, now: now), cache: home.ssoCache)
    }

    func cacheText(_ home: TestHome) -> String? { home.read(home.ssoCache.path(forKey: "corp")) }

    @Test func deviceSignInPollsAtTheIntervalAndWritesTheCacheAsTheAWSCLIDoes() async throws {
        let standIn = try SSOStandIn()
        let home = TestHome()
        try await standIn.configure(["approve_after_polls": 3, "interval": 2, "token_lifetime": 3600])
        let sleeps = Sleeps()
        var shown: DeviceAuthorization?
        let before = Date()
        let token = try await signIn(standIn, home).signIn(
            for: target, sleep: { sleeps.record($0) }, prompt: { shown = $0 })
        let after = Date()
        #expect(sleeps.all == [2, 2, 2])
        #expect(shown?.userCode.isEmpty == false && shown?.browserURL.contains(shown!.userCode) == true)
        #expect(
            try await standIn.operations() == [
                "RegisterClient", "StartDeviceAuthorization", "CreateToken", "CreateToken", "CreateToken",
            ])
        #expect(try await standIn.invalidRequests().isEmpty)
        let register = try #require(try await standIn.requests().first)
        #expect(register["scopes"] as? [String] == ["sso:account:access"])

        // The file: AWS CLI v2's keys in its order, `json.dumps` spacing, 0600 in a 0700 folder.
        let text = try #require(cacheText(home))
        let keys = try #require(try JSONParser.parse(text).objectKeys)
        #expect(
            keys == [
                "startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt",
                "refreshToken",
            ])
        #expect(
            text.hasPrefix(#"{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": ""#))
        #expect(text.contains(#""expiresAt": "\#(SSOTokenCache.timestamp(token.expiresAt))""#) && text.hasSuffix("\"}"))
        // expiresIn counted from when the answer came: between the call's start and end (whole seconds).
        #expect(token.expiresAt >= before.addingTimeInterval(3599) && token.expiresAt <= after.addingTimeInterval(3600))
        #expect(home.mode(home.ssoCache.path(forKey: "corp")) == 0o600)
        #expect(home.mode(home.ssoCache.directory) == 0o700)
        #expect(home.ssoCache.token(forKey: "corp") == token)
        #expect(!"\(token)".contains(token.accessToken) && !"\(token)".contains(token.refreshToken!))
    }

    @Test func slowDownAddsFiveSecondsToEveryLaterWait() async throws {
        let standIn = try SSOStandIn()
        let home = TestHome()
        try await standIn.configure(["approve_after_polls": 4, "slow_down_polls": [2], "interval": 1])
        let sleeps = Sleeps()
        _ = try await signIn(standIn, home).signIn(for: target, sleep: { sleeps.record($0) }, prompt: { _ in })
        #expect(sleeps.all == [1, 1, 6, 6])
    }

    @Test func denialAndExpiryLeaveTheCacheAsItWas() async throws {
        for (switchName, expected) in [("deny", SSOSignInError.denied), ("expire", .expired)] {
            let standIn = try SSOStandIn()
            let home = TestHome()
            home.writeSSOToken(key: "corp", token: "old-access-token", expires: Date().addingTimeInterval(-60))
            let before = cacheText(home)
            try await standIn.configure([switchName: true, "approve_after_polls": 2])
            await #expect(throws: expected) {
                _ = try await signIn(standIn, home).signIn(for: target, sleep: { _ in }, prompt: { _ in })
            }
            #expect(cacheText(home) == before)
        }
    }

    @Test func theCodeExpiresLocallyWhenTheServiceNeverDecides() async throws {
        let standIn = try SSOStandIn()
        let home = TestHome()
        try await standIn.configure(["approve_after_polls": 1000, "device_expires_in": 30])
        let clock = Clock()
        await #expect(throws: SSOSignInError.expired) {
            _ = try await signIn(standIn, home, now: { clock.now }).signIn(
                for: target, sleep: { clock.advance($0 * 10) }, prompt: { _ in })
        }
        #expect(cacheText(home) == nil)
    }

    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var offset: TimeInterval = 0
        var now: Date {
            lock.lock()
            defer { lock.unlock() }
            return Date().addingTimeInterval(offset)
        }
        func advance(_ seconds: TimeInterval) {
            lock.lock()
            offset += seconds
            lock.unlock()
        }
    }

    @Test func aTokenWithinFiveMinutesOfExpiryIsRefreshedSilentlyAndWrittenBack() async throws {
        let standIn = try SSOStandIn()
        let home = TestHome()
        let first = try await signIn(standIn, home).signIn(for: target, sleep: { _ in }, prompt: { _ in })
        // Six minutes left: fresh enough for the JS SDK, so nothing is asked.
        let later = first.expiresAt.addingTimeInterval(-6 * 60)
        #expect(await signIn(standIn, home, now: { later }).silentToken(for: target) == .cached(first))
        // Four minutes left: refreshed with the refresh token, no person involved.
        let nearEnd = first.expiresAt.addingTimeInterval(-4 * 60)
        guard case .refreshed(let fresh) = await signIn(standIn, home, now: { nearEnd }).silentToken(for: target) else {
            Issue.record("not refreshed")
            return
        }
        #expect(
            fresh.accessToken != first.accessToken && fresh.refreshToken != first.refreshToken
                && fresh.clientId == first.clientId)
        #expect(home.ssoCache.token(forKey: "corp") == fresh)
        let requests = try await standIn.requests()
        #expect(requests.last?["grantType"] as? String == "refresh_token")
        #expect(try await standIn.invalidRequests().isEmpty)
    }

    @Test func aRevokedRefreshTokenOrAnExpiredRegistrationNeedsASignInAndChangesNothing() async throws {
        let standIn = try SSOStandIn()
        let home = TestHome()
        let first = try await signIn(standIn, home).signIn(for: target, sleep: { _ in }, prompt: { _ in })
        let text = cacheText(home)
        try await standIn.configure(["revoke_refresh_tokens": true])
        let expired = first.expiresAt.addingTimeInterval(60)
        #expect(
            await signIn(standIn, home, now: { expired }).silentToken(for: target)
                == .stale(.refreshRejected("InvalidGrantException")))
        #expect(cacheText(home) == text)
        let afterRegistration = first.registrationExpiresAt!.addingTimeInterval(60)
        #expect(
            await signIn(standIn, home, now: { afterRegistration }).silentToken(for: target)
                == .stale(.registrationExpired))
    }

    @Test func aLiveRegistrationIsReusedAndAnExpiredOneIsReplaced() async throws {
        let standIn = try SSOStandIn()
        let home = TestHome()
        let first = try await signIn(standIn, home).signIn(for: target, sleep: { _ in }, prompt: { _ in })
        let second = try await signIn(standIn, home).signIn(for: target, sleep: { _ in }, prompt: { _ in })
        #expect(second.clientId == first.clientId)
        #expect(try await standIn.operations().filter { $0 == "RegisterClient" }.count == 1)
        // Ten minutes before the registration ends (inside the AWS CLI's 15-minute margin): a new one.
        let nearEnd = first.registrationExpiresAt!.addingTimeInterval(-600)
        let third = try await signIn(standIn, home, now: { nearEnd }).signIn(
            for: target, sleep: { _ in }, prompt: { _ in })
        #expect(third.clientId != first.clientId)
        #expect(try await standIn.operations().filter { $0 == "RegisterClient" }.count == 2)
    }

    @Test func aLegacyProfileRegistersWithoutScopesAndGetsNoRefreshToken() async throws {
        let standIn = try SSOStandIn()
        let home = TestHome()
        let legacy = SSOSignInTarget(
            profile: "old", sessionName: nil,
            portal: SSOPortal(startURL: "https://old.awsapps.com/start", region: "us-east-1", scopes: []),
            accountId: "111122223333", roleName: "Developer")
        let token = try await signIn(standIn, home).signIn(for: legacy, sleep: { _ in }, prompt: { _ in })
        #expect(token.refreshToken == nil)
        #expect(home.ssoCache.token(forKey: "https://old.awsapps.com/start") == token)
        #expect(try await standIn.requests().first?["scopes"] is NSNull)
        let expired = token.expiresAt.addingTimeInterval(1)
        #expect(await signIn(standIn, home, now: { expired }).silentToken(for: legacy) == .stale(.notRefreshable))
    }

    @Test func roleCredentialsComeFromThePortalAndARevokedTokenIsRefreshedOnce() async throws {
        let standIn = try SSOStandIn()
        let home = TestHome()
        _ = try await signIn(standIn, home).signIn(for: target, sleep: { _ in }, prompt: { _ in })
        let credentials = try await signIn(standIn, home).roleCredentials(for: target)
        let handed = try await standIn.handed()
        #expect(credentials.accessKeyId == handed.last?["accessKeyId"] as? String)
        #expect(credentials.sessionToken == handed.last?["sessionToken"] as? String)
        try await standIn.configure(["revoke_access_tokens": true])  // a sign-out elsewhere
        let again = try await signIn(standIn, home).roleCredentials(for: target)
        #expect(again.accessKeyId == (try await standIn.handed()).last?["accessKeyId"] as? String)
        #expect(
            try await standIn.operations().suffix(3) == ["GetRoleCredentials", "CreateToken", "GetRoleCredentials"])
    }

    @Test func listingsFollowEveryPage() async throws {
        let standIn = try SSOStandIn()
        let home = TestHome()
        let accounts = (1...5).map {
            [
                "accountId": String(repeating: String($0), count: 12), "accountName": "Account \($0)",
                "emailAddress": "a\($0)@example.com",
            ]
        }
        try await standIn.configure([
            "accounts": accounts, "roles": ["111111111111": ["Admin", "Developer", "ReadOnly"]], "page_size": 2,
        ])
        let token = try await signIn(standIn, home).signIn(for: target, sleep: { _ in }, prompt: { _ in })
        let api = makeAPI(standIn.environment)
        let listed = try await api.listAccounts(ssoRegion: "eu-west-1", accessToken: token.accessToken)
        #expect(listed.map(\.accountId) == accounts.map { $0["accountId"]! })
        #expect(listed.first?.label == "Account 1, a1@example.com (111111111111)")
        #expect(
            try await api.listAccountRoles(
                ssoRegion: "eu-west-1", accessToken: token.accessToken, accountId: "111111111111") == [
                    "Admin", "Developer", "ReadOnly",
                ])
        let pages = try await standIn.requests().filter { $0["operation"] as? String == "ListAccounts" }
        #expect(pages.map { $0["nextToken"] as? String } == [nil, "2", "4"])
        #expect(try await standIn.invalidRequests().isEmpty)
    }

    /// The stand-in is only worth its checks if it refuses what botocore's model refuses.
    @Test func theStandInRefusesRequestsTheModelsDoNotAllow() async throws {
        let standIn = try SSOStandIn()
        let caller = makeAPI(standIn.environment).caller
        let missingGrant = AWSCaller.Call(
            service: .ssoOIDC, region: "eu-west-1", operation: "CreateToken", method: "POST", path: "/token",
            headers: [("Content-Type", "application/json")], body: Array(#"{"clientId":"a","clientSecret":"b"}"#.utf8))
        let unknownQuery = AWSCaller.Call(
            service: .sso, region: "eu-west-1", operation: "ListAccounts", path: "/assignment/accounts",
            query: [("maxResults", "5")])
        for call in [missingGrant, unknownQuery] {
            do {
                _ = try await caller.send(call, authorization: .ssoBearer("x"))
                Issue.record("accepted \(call.operation)")
            } catch {
                guard case .service(let response, _, _, _) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(response.code == "InvalidRequestException" && response.status == 400)
            }
        }
        #expect(try await standIn.invalidRequests().count == 2)
    }
}

extension JSONValue {
    var objectKeys: [String]? {
        guard case .object(let members) = self else { return nil }
        return members.map(\.0)
    }
}
