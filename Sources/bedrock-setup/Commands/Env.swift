import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

struct Env: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Print export lines for a profile, safe to eval.",
        discussion: """
            Variables the profile does not set are unset, so switching profiles in a live shell leaves nothing stale.
            A Bedrock API key is printed in full only when standard output is not a terminal (as inside eval).

            Examples:
              eval "$(bedrock-setup env eu)"
              bedrock-setup env work --shell fish | source
            """)

    @Argument(help: "A saved profile (default: the active one).") var name: String?
    @Option(help: "bash, zsh or fish (default: from $SHELL).") var shell: Shell?

    func run() throws {
        let services = Services()
        let current = services.current()
        guard
            let chosen = name ?? current.activeProfileName
                ?? (current.savedProfiles.count == 1 ? current.savedProfiles.first : nil)
        else {
            printError("no profile named and none is active.")
            writeError(
                "  Saved profiles: \(current.savedProfiles.isEmpty ? "none; run `bedrock-setup` first" : current.savedProfiles.joined(separator: ", ")).\n"
            )
            throw ExitCode(Exit.usage)
        }
        let loaded: (profile: SetupProfile, apiKey: String?)
        do throws(SetupError) {
            _ = try services.validator.profileName(chosen)
            loaded = try services.store.load(chosen)
        } catch { throw fail(error) }
        let target =
            shell
            ?? (services.environment["SHELL"].map { PathText.lastComponent($0) }.flatMap(Shell.init(rawValue:)) ?? .bash)
        var env = loaded.profile.environment(apiKey: loaded.apiKey)
        var header = "bedrock-setup profile \(chosen)"
        if isatty(STDOUT_FILENO) == 1, env.contains(where: { ClaudeEnv.secretKeys.contains($0.0) }) {
            env = env.map { ($0.0, ClaudeEnv.shown($0.0, $0.1)) }
            header += " (secrets masked on a terminal: use eval \"$(bedrock-setup env \(chosen))\")"
        }
        print(ShellExports.render(env, shell: target, header: header), terminator: "")
    }
}
