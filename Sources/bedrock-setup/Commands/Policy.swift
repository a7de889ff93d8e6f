import ArgumentParser
import BedrockCore
import Foundation

struct Policy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the least-privilege IAM policy for a profile, as JSON.",
        discussion: """
        Allows bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the profile's inference profiles and
        on the foundation models in each profile's destination Regions (where the catalogue knows them),
        bedrock:ListInferenceProfiles (which IAM grants only on "*") and bedrock:GetInferenceProfile.

        Examples:
          bedrock-setup policy --account 123456789012 > bedrock-policy.json
          bedrock-setup policy --profile eu --broad
        """)

    @Option(help: "A saved profile (default: what is active now).") var profile: String?
    @Option(help: "Account ID for the inference-profile ARNs (default: any, *).") var account: String?
    @Flag(help: "Allow every Anthropic model and profile, for accounts that switch models often.") var broad = false

    func run() throws {
        let services = Services()
        if let account, account.wholeMatch(of: /[0-9]{12}/) == nil {
            throw ValidationError("--account takes a 12-digit AWS account ID.")
        }
        var chosen: SetupProfile?
        do throws(SetupError) {
            if let name = profile {
                _ = try services.validator.profileName(name)
                chosen = try services.store.load(name).profile
            } else {
                chosen = services.current().asProfile()
            }
            if let chosen { _ = try services.validator.region(chosen.region) }
        } catch { throw fail(error) }
        guard let setup = chosen else {
            printError("no profile given and no Region is configured, so there is nothing to write a policy for.")
            FileHandle.standardError.write(Data("  Pass --profile NAME, or run `bedrock-setup` first.\n".utf8))
            throw ExitCode(Exit.usage)
        }
        print(jsonString(IAMPolicy.render(for: setup, account: account, broad: broad, catalogue: services.catalogue)), terminator: "")
    }
}
