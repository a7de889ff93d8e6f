import AWSClient
import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

struct Policy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Print the least-privilege IAM policy for a profile, as JSON.",
        discussion: """
            Covers exactly the models Claude Code calls: the profile's pins (aliases as Claude Code resolves them on
            Bedrock), or, where nothing is pinned, Claude Code's defaults for the Region and the previous default it falls
            back to. Foundation models are allowed in the destination Regions the last live discovery (doctor, Verify)
            saw, or else in any Region but only through those profiles (bedrock:InferenceProfileArn). Also: the AWS
            Marketplace subscription Bedrock makes on a model's first use, bedrock:CallWithBearerToken for API keys, and
            every call bedrock-setup's own checks make. --explain says why each statement is there.

            Examples:
              bedrock-setup policy --account 123456789012 > bedrock-policy.json
              bedrock-setup policy --profile eu --explain
              bedrock-setup policy --profile eu --broad
            """)

    @Option(help: "A saved profile (default: what is active now).") var profile: String?
    @Option(help: "Account ID for the inference-profile ARNs (default: any, *).") var account: String?
    @Flag(help: "Allow every Anthropic model and profile, for accounts that switch models often.") var broad = false
    @Flag(help: "Say why each statement is there, instead of printing the JSON.") var explain = false

    func validate() throws {
        if let account, account.wholeMatch(of: /[0-9]{12}/) == nil {
            throw ValidationError("--account takes a 12-digit AWS account ID, e.g. --account 123456789012.")
        }
    }

    func run() throws {
        let services = Services()
        let chosen: SetupProfile?
        do throws(SetupError) {
            chosen = try services.setup(named: profile)
            if let chosen { _ = try services.validator.region(chosen.region) }
        } catch { throw fail(error) }
        guard let setup = chosen else {
            printError("no profile given and no Region is configured, so there is nothing to write a policy for.")
            writeError("  Pass --profile NAME, or run `bedrock-setup` first.\n")
            throw ExitCode(Exit.usage)
        }
        let policy = IAMPolicy.render(
            for: setup, account: account, broad: broad, catalogue: services.catalogue,
            defaults: .claudeCode(
                ClaudeCodeProbe.version(environment: services.environment), region: setup.region,
                prefixOverride: setup.regionPrefix),
            discovery: DiscoveryCache(paths: services.paths))
        if explain {
            print(IAMPolicy.explanation(policy.statements), terminator: "")
        } else {
            print(jsonString(policy.document), terminator: "")
        }
    }
}
