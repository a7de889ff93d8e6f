import AWSClient
import ArgumentParser
import BedrockCore
import FoundationEssentials

struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in to IAM Identity Center for an SSO profile, without the AWS CLI.",
        discussion: """
            Uses the cached sign-in while it is valid (and the portal still accepts it), refreshes it silently when it
            can, and otherwise starts a device sign-in: the address and code go to standard error, and a browser opens
            where one can. It never reads standard input, so Claude Code can run it as awsAuthRefresh. The token cache
            is written exactly as `aws sso login` writes it (~/.aws/sso/cache), so the AWS CLI and the SDKs use it too.

            Exit codes: 0 signed in (the cache is written), 1 the sign-in was denied, expired or failed (the cache is
            left as it was), 64 the profile is missing or not an SSO profile.

            Examples:
              bedrock-setup login --profile corp
              bedrock-setup login --profile corp --no-browser
            """)

    @Option(help: "The SSO profile (default: AWS_PROFILE, else default).") var profile: String?
    @Flag(help: "Print the address and code only; do not open a browser.") var noBrowser = false
    @Flag(help: "Sign in again even if the cached sign-in is still valid.") var force = false
    @OptionGroup var network: NetworkOptions

    func run() async throws {
        let services = network.services()
        let target = try ssoTarget(profile: profile, services: services)
        let environment = services.environment
        let browser = !noBrowser
        let signIn = SSOSignIn(api: services.api, cache: services.ssoCache)
        do {
            let (token, silent) = try await signIn.ensureToken(
                for: target, verify: true, forceSignIn: force,
                sleep: { try? await Task.sleep(nanoseconds: UInt64($0 * 1e9)) },
                stale: { reason in writeError(SignInMessages.stale(reason, target: target)) },
                prompt: { authorization in
                    let opened = browser ? BrowserOpener.open(authorization.browserURL, environment: environment) : nil
                    writeError(SignInMessages.prompt(authorization, target: target, opened: opened))
                })
            let until = SSOTokenCache.timestamp(token.expiresAt)
            let what =
                switch silent {
                case .cached?: "is signed in"
                case .refreshed?: "was refreshed silently"
                default: "is signed in"
                }
            writeError(
                "✓ Profile \(target.profile) \(what); the sign-in is valid until \(until) (\(services.ssoCache.path(forKey: target.cacheKey))).\n"
            )
            if target.isLegacy {
                writeError(
                    "  Profile \(target.profile) uses the legacy form (sso_start_url in the profile): its sign-ins last 8 hours and are "
                        + "never refreshed silently. Convert it: `bedrock-setup apply --credentials sso --aws-profile \(target.profile) "
                        + "--sso-session \(SSOStartURL.suggestedSessionName(for: target.portal.startURL, files: nil)) --region REGION`.\n"
                )
            }
        } catch {
            printError(error.description + ".")
            writeError("  " + error.fix + "\n")
            throw ExitCode(Exit.checkFailed)
        }
    }
}

/// The SSO sign-in target of a profile (`--profile`, else AWS_PROFILE, else default), or a usage error.
func ssoTarget(profile: String?, services: Services) throws -> SSOSignInTarget {
    let name = profile ?? services.environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
    do throws(SetupError) {
        return try SSOSignInTarget.of(profile: name, in: try AWSSharedFiles.read(paths: services.paths))
    } catch {
        if case .profileNotFound(_, let available) = error {
            printError("there is no AWS profile named \(name) in \(services.paths.awsConfig).")
            writeError(
                "  Create it with `bedrock-setup apply --credentials sso --aws-profile \(name) --sso-start-url …` or the wizard"
                    + (available.isEmpty ? ".\n" : "; profiles found: \(available.joined(separator: ", ")).\n"))
            throw ExitCode(Exit.usage)
        }
        throw fail(error)
    }
}
