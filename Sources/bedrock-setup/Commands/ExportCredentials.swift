import AWSClient
import ArgumentParser
import BedrockCore
import FoundationEssentials

struct ExportCredentials: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-credentials",
        abstract: "Print a profile's AWS credentials as the JSON Claude Code's awsCredentialExport reads.",
        discussion: """
            Prints {"Credentials":{"AccessKeyId","SecretAccessKey","SessionToken","Expiration"}} on standard output and
            nothing else. For an SSO profile the role credentials come from the portal (GetRoleCredentials), and the
            sign-in is refreshed silently when it can be; it never starts a sign-in (it has no one to ask): when only a
            sign-in helps, it says so on standard error and exits 1.

            Examples:
              bedrock-setup export-credentials --profile corp
              (settings.json) "awsCredentialExport": "/usr/local/bin/bedrock-setup export-credentials --profile corp"
            """)

    @Option(help: "The AWS profile (default: AWS_PROFILE, else default).") var profile: String?
    @OptionGroup var network: NetworkOptions

    func run() async throws {
        let services = network.services()
        let name = profile ?? services.environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let files: AWSSharedFiles
        do { files = try AWSSharedFiles.read(paths: services.paths) } catch { throw fail(error) }
        let credentials: AWSCredentials
        if let kind = files.profile(name)?.kind, kind == .ssoSession || kind == .legacySSO {
            let target = try ssoTarget(profile: name, services: services)
            do {
                credentials = try await SSOSignIn(api: services.api, cache: services.ssoCache).roleCredentials(
                    for: target)
            } catch {
                printError(error.description + ".")
                writeError("  " + error.fix + "\n")
                throw ExitCode(Exit.checkFailed)
            }
        } else {
            let chain = CredentialChain(
                environment: services.environment, files: files, ssoCache: services.ssoCache, api: services.api,
                defaultRegion: files.profile(name)?.region ?? "us-east-1")
            do {
                let resolved = try await chain.resolve(profile: name)
                guard let found = resolved.credentials else { throw CredentialError.noCredentials(profile: name) }
                credentials = found
            } catch {
                printError("\(error).")
                throw ExitCode(Exit.checkFailed)
            }
        }
        print(Self.json(credentials))
    }

    /// The shape `aws configure export-credentials --format process` nests under "Credentials".
    static func json(_ credentials: AWSCredentials) -> String {
        var members = [("AccessKeyId", credentials.accessKeyId), ("SecretAccessKey", credentials.secretAccessKey)]
        if let token = credentials.sessionToken { members.append(("SessionToken", token)) }
        if let expiration = credentials.expiration {
            members.append(("Expiration", SSOTokenCache.timestamp(expiration)))
        }
        let inner = members.map { JSONValue.quote($0.0) + ":" + JSONValue.quote($0.1) }.joined(separator: ",")
        return "{\"Credentials\":{" + inner + "}}"
    }
}
