import BedrockCore
import FoundationEssentials

/// Why a sign-in did not end with a token. Descriptions name the cause and the fix and never
/// carry a token.
public enum SSOSignInError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The person pressed "Deny" (AccessDeniedException).
    case denied
    /// The code was not approved in time (ExpiredTokenException, or the code's lifetime passed).
    case expired
    /// Only a sign-in in a browser helps, and this caller may not start one.
    case signInRequired(profile: String, reason: String)
    case failed(AWSFailure)
    case cacheNotWritten(SetupError)
    case cancelled

    public var description: String {
        switch self {
        case .denied: "the sign-in was denied in the browser"
        case .expired: "the sign-in code expired before it was approved"
        case .signInRequired(let profile, let reason): "profile \(profile) must sign in again: \(reason)"
        case .failed(let failure): failure.description
        case .cacheNotWritten(let error): error.message
        case .cancelled: "the sign-in was cancelled"
        }
    }

    public var fix: String {
        switch self {
        case .denied, .expired, .cancelled: "Run the sign-in again and approve the code in the browser."
        case .signInRequired(let profile, _): "Run `bedrock-setup login --profile \(profile)`."
        case .failed: "Check the start URL and SSO Region, and the network; then run the sign-in again."
        case .cacheNotWritten(let error): error.fix
        }
    }
}

/// Why a cached token cannot be used as it is.
public enum SSOStaleReason: Sendable, Equatable, CustomStringConvertible {
    case missing
    case expired(Date)
    /// Legacy profiles (and sessions signed in without scopes) get no refresh token.
    case notRefreshable
    case registrationExpired
    case refreshRejected(String)
    case refreshFailed(String)
    case rejectedByPortal

    public var description: String {
        switch self {
        case .missing: "no sign-in is cached"
        case .expired(let date): "the sign-in expired at \(SSOTokenCache.timestamp(date))"
        case .notRefreshable:
            "the sign-in has expired and has no refresh token (legacy profiles sign in again every 8 hours)"
        case .registrationExpired: "the client registration has expired"
        case .refreshRejected(let code): "the refresh was refused (\(code))"
        case .refreshFailed(let detail): "the refresh failed (\(detail))"
        case .rejectedByPortal: "the portal no longer accepts the cached sign-in"
        }
    }
}

public enum SilentTokenResult: Sendable, Equatable {
    case cached(SSOToken)
    case refreshed(SSOToken)
    case stale(SSOStaleReason)
}

/// IAM Identity Center sign-in without the AWS CLI: the cached token when it is fresh, a
/// silent refresh when it is not, the device authorization grant (RFC 8628) when only the
/// person can help. The cache is written exactly as the AWS CLI v2 writes it, and only on success.
public struct SSOSignIn: Sendable {
    public let api: AWSAPI
    public let cache: SSOTokenCache
    public let clientName: String

    public init(api: AWSAPI, cache: SSOTokenCache, clientName: String = "bedrock-setup") {
        self.api = api
        self.cache = cache
        self.clientName = clientName
    }

    /// Whole seconds: the cache keeps no more, and a token read back must equal the one written.
    private var now: Date { Date(timeIntervalSince1970: api.caller.now().timeIntervalSince1970.rounded(.down)) }

    /// The RFC's extra wait after `slow_down`.
    public static let slowDownStep: TimeInterval = 5

    /// A token without the person: the cached one while it has more than the 5-minute margin
    /// left, else one refreshed with the refresh token (written back to the cache).
    public func silentToken(for target: SSOSignInTarget) async -> SilentTokenResult {
        guard let token = cache.token(forKey: target.cacheKey) else { return .stale(.missing) }
        if !token.needsRefresh(now: now) { return .cached(token) }
        return await refresh(token, for: target)
    }

    /// The cached token checked against the portal (a listing of one account): a token
    /// revoked by a sign-out looks fresh in the file but is refused there.
    public func verified(_ token: SSOToken, for target: SSOSignInTarget) async -> Bool {
        do {
            _ = try await api.listAccounts(
                ssoRegion: target.portal.region, accessToken: token.accessToken, pageSize: 1, maxPages: 1)
            return true
        } catch {
            if case .service(let response, _, _, _) = error,
                response.status == 401 || response.code == "UnauthorizedException"
            {
                return false
            }
            return true  // the network, not the token: let the real call report it
        }
    }

    public func refresh(_ token: SSOToken, for target: SSOSignInTarget) async -> SilentTokenResult {
        guard let refreshToken = token.refreshToken, let clientId = token.clientId,
            let clientSecret = token.clientSecret
        else {
            return .stale(token.expiresAt > now ? .expired(token.expiresAt) : .notRefreshable)
        }
        guard let registrationExpires = token.registrationExpiresAt, registrationExpires > now else {
            return .stale(.registrationExpired)
        }
        let registration = ClientRegistration(
            clientId: clientId, clientSecret: clientSecret, expiresAt: registrationExpires)
        let grant: TokenGrant
        do {
            grant = try await api.createToken(
                ssoRegion: target.portal.region, registration: registration, refreshToken: refreshToken)
        } catch {
            if case .service(let response, _, _, _) = error {
                return .stale(.refreshRejected(response.code ?? "HTTP \(response.status)"))
            }
            return .stale(.refreshFailed(error.description))
        }
        // As botocore and the JS SDK do: the registration is kept, the refresh token is the new one (if any).
        var fresh = token
        fresh.accessToken = grant.accessToken
        fresh.expiresAt = now.addingTimeInterval(grant.expiresIn.rounded(.down))
        fresh.refreshToken = grant.refreshToken
        fresh.startURL = target.portal.startURL
        fresh.region = target.portal.region
        do { try cache.write(fresh, forKey: target.cacheKey) } catch { return .stale(.refreshFailed(error.message)) }
        return .refreshed(fresh)
    }

    /// The device authorization grant: register (or reuse a live registration), start the
    /// authorization, hand the code to `prompt`, poll CreateToken at the given interval
    /// (+5 s on each `slow_down`) until approval, denial or expiry; then write the cache.
    public func signIn(
        for target: SSOSignInTarget, sleep: @Sendable (TimeInterval) async -> Void,
        prompt: (DeviceAuthorization) -> Void
    ) async throws(SSOSignInError) -> SSOToken {
        let pending = try await begin(for: target)
        prompt(pending.authorization)
        return try await complete(pending, for: target, sleep: sleep)
    }

    /// A device sign-in started and waiting for the person: the client it registered (or reused)
    /// and the code to show. Holds secrets; never printed.
    public struct PendingSignIn: Sendable, CustomStringConvertible {
        public let registration: ClientRegistration
        public let authorization: DeviceAuthorization
        public var description: String { "PendingSignIn(\(authorization))" }
    }

    /// The first half of the device sign-in: a client registration and a code for the person.
    public func begin(for target: SSOSignInTarget) async throws(SSOSignInError) -> PendingSignIn {
        let portal = target.portal
        let registration: ClientRegistration
        if let cached = cache.token(forKey: target.cacheKey), let id = cached.clientId,
            let secret = cached.clientSecret,
            let expires = cached.registrationExpiresAt, expires.timeIntervalSince(now) > SSOTokenCache.expiryWindow
        {
            registration = ClientRegistration(clientId: id, clientSecret: secret, expiresAt: expires)
        } else {
            do {
                registration = try await api.registerClient(
                    ssoRegion: portal.region, clientName: "\(clientName)-\(target.sessionName ?? "legacy")",
                    scopes: portal.scopes)
            } catch { throw .failed(error) }
        }
        do {
            let authorization = try await api.startDeviceAuthorization(
                ssoRegion: portal.region, registration: registration, startURL: portal.startURL)
            return PendingSignIn(registration: registration, authorization: authorization)
        } catch { throw .failed(error) }
    }

    /// The second half: polls until the person approves, denies or lets the code expire; writes
    /// the cache only on approval.
    public func complete(
        _ pending: PendingSignIn, for target: SSOSignInTarget,
        sleep: @Sendable (TimeInterval) async -> Void
    ) async throws(SSOSignInError) -> SSOToken {
        let portal = target.portal
        let (registration, authorization) = (pending.registration, pending.authorization)
        var interval = authorization.interval
        while true {
            await sleep(interval)
            if Task.isCancelled { throw .cancelled }
            do {
                let grant = try await api.createToken(
                    ssoRegion: portal.region, registration: registration, deviceCode: authorization.deviceCode)
                let token = SSOToken(
                    accessToken: grant.accessToken, expiresAt: now.addingTimeInterval(grant.expiresIn.rounded(.down)),
                    region: portal.region,
                    startURL: portal.startURL, refreshToken: grant.refreshToken, clientId: registration.clientId,
                    clientSecret: registration.clientSecret, registrationExpiresAt: registration.expiresAt)
                do { try cache.write(token, forKey: target.cacheKey) } catch {
                    throw SSOSignInError.cacheNotWritten(error)
                }
                return token
            } catch let error as SSOSignInError {
                throw error
            } catch let failure as AWSFailure {
                guard case .service(let response, _, _, _) = failure else {
                    if case .transport(.cancelled, _, _) = failure { throw .cancelled }
                    throw .failed(failure)
                }
                switch response.code ?? "" {
                case "AuthorizationPendingException", "authorization_pending": break
                case "SlowDownException", "slow_down": interval += Self.slowDownStep
                case "AccessDeniedException", "access_denied": throw .denied
                case "ExpiredTokenException", "expired_token": throw .expired
                default: throw .failed(failure)
                }
                if now >= authorization.expiresAt { throw .expired }
            } catch {
                throw .cancelled
            }
        }
    }

    /// What `login` does: a fresh cached token (checked with the portal when `verify`), else a
    /// silent refresh, else the device flow. `stale` reports why a sign-in was needed.
    public func ensureToken(
        for target: SSOSignInTarget, verify: Bool, forceSignIn: Bool, sleep: @Sendable (TimeInterval) async -> Void,
        stale: (SSOStaleReason) -> Void, prompt: (DeviceAuthorization) -> Void
    ) async throws(SSOSignInError) -> (SSOToken, SilentTokenResult?) {
        if !forceSignIn {
            var result = await silentToken(for: target)
            if case .cached(let token) = result, verify, await !verified(token, for: target) {
                result = await refresh(token, for: target)
                if case .stale = result { result = .stale(.rejectedByPortal) }
            }
            switch result {
            case .cached(let token), .refreshed(let token): return (token, result)
            case .stale(let reason): stale(reason)
            }
        }
        return (try await signIn(for: target, sleep: sleep, prompt: prompt), nil)
    }

    /// The role credentials of an SSO profile, refreshing the token silently when it can
    /// (never a sign-in: the caller may have no one to ask).
    public func roleCredentials(for target: SSOSignInTarget) async throws(SSOSignInError) -> AWSCredentials {
        guard let account = target.accountId, let role = target.roleName else {
            throw .signInRequired(profile: target.profile, reason: "the profile has no sso_account_id or sso_role_name")
        }
        let token: SSOToken
        switch await silentToken(for: target) {
        case .cached(let cached): token = cached
        case .refreshed(let refreshed): token = refreshed
        case .stale(let reason): throw .signInRequired(profile: target.profile, reason: reason.description)
        }
        do {
            return try await api.getRoleCredentials(
                ssoRegion: target.portal.region, accessToken: token.accessToken, accountId: account, roleName: role)
        } catch {
            if case .service(let response, _, _, _) = error,
                response.status == 401 || response.code == "UnauthorizedException"
            {
                // Revoked before its time: one silent refresh, then give up.
                if case .refreshed(let fresh) = await refresh(token, for: target),
                    let credentials = try? await api.getRoleCredentials(
                        ssoRegion: target.portal.region, accessToken: fresh.accessToken,
                        accountId: account, roleName: role)
                {
                    return credentials
                }
                throw .signInRequired(profile: target.profile, reason: SSOStaleReason.rejectedByPortal.description)
            }
            throw .failed(error)
        }
    }
}
