import AWSClient
import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

struct Profiles: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List, show, activate and delete saved setup profiles.",
        discussion: """
            Examples:
              bedrock-setup profiles list
              bedrock-setup profiles show eu
              bedrock-setup profiles use eu --yes                # switch Region/models in one step
              bedrock-setup profiles use eu --target shell --yes
              bedrock-setup profiles use eu --region eu-west-3 --yes   # another Region, the same models
              bedrock-setup profiles delete old --yes
            """,
        subcommands: [List.self, Show.self, Use.self, Delete.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List saved profiles; * marks the active one.")
        func run() throws {
            let services = Services()
            let current = services.current()
            if current.savedProfiles.isEmpty {
                print("No saved profiles yet: run `bedrock-setup` or `bedrock-setup apply`.")
                return
            }
            let active = current.activeProfileName
            for name in current.savedProfiles {
                let detail: String
                if let loaded = try? services.store.load(name) {
                    detail =
                        "\(loaded.profile.region)  \(loaded.profile.credentials.letter) \(loaded.profile.credentials.title)  \(loaded.profile.model ?? "default model")"
                } else {
                    detail = "(unreadable)"
                }
                print(
                    TerminalText.visible(
                        "\(name == active ? "*" : " ") \(name.padded(to: max(12, name.count)))  \(detail)"))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a profile's settings (secrets masked).")
        @Argument(help: "Profile name.") var name: String
        func run() throws {
            let services = Services()
            let file: ClaudeSettingsFile
            do throws(SetupError) {
                _ = try services.validator.profileName(name)
                file = try ClaudeSettingsFile.read(services.paths.profileFile(name))
                guard file.json != nil else {
                    throw SetupError.profileNotFound(name, available: services.store.names())
                }
            } catch { throw fail(error) }
            print(TerminalText.visible("profile \(name) (\(file.path))"))
            for (key, value) in file.env { print(TerminalText.visible("  \(key)=\(ClaudeEnv.shown(key, value))")) }
            if let refresh = file.authRefresh { print(TerminalText.visible("  awsAuthRefresh: \(refresh)")) }
        }
    }

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "use", abstract: "Activate a saved profile into the chosen targets (default: user settings).")
        @Argument(help: "Profile name.") var name: String
        @Option(
            help:
                "Switch the profile to this Region: its pins move to the same models' inference profiles there (saved too)."
        )
        var region: String?
        @OptionGroup var write: WriteOptions
        func run() throws {
            let services = Services()
            let changes: [FileChange]
            let loaded: (profile: SetupProfile, apiKey: String?)
            var profile: SetupProfile
            do throws(SetupError) {
                _ = try services.validator.profileName(name)
                loaded = try services.store.load(name)
                profile = loaded.profile
                if let region, region != profile.region {
                    profile.region = try services.validator.region(region)
                    if profile.smallFastRegion == profile.region { profile.smallFastRegion = nil }
                    // The wizard's rule; a pin with no counterpart in the Region is refused by the validator, by name.
                    profile = try services.validator.profile(
                        carryingPins(profile, slots: Set(ModelSlot.allCases), validator: services.validator))
                }
                changes = try services.planner.plan(
                    profile: profile, secrets: Secrets(apiKey: loaded.apiKey),
                    targets: Set(write.targets.isEmpty ? [.user] : write.targets))
            } catch { throw fail(error) }
            let code = carryOut(
                changes, options: write.mode, secrets: [loaded.apiKey].compactMap { $0 }, services: services,
                summary: [("profile", .string(name)), ("region", .string(profile.region))])
            if code != 0 { throw ExitCode(code) }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a saved profile (a backup is kept).")
        @Argument(help: "Profile name.") var name: String
        @Flag(name: [.customShort("y"), .long], help: "Delete without asking.") var yes = false
        func run() throws {
            let services = Services()
            let path = services.paths.profileFile(name)
            let old: String
            do throws(SetupError) {
                _ = try services.validator.profileName(name)
                guard let text = try TextFile.read(path) else {
                    throw SetupError.profileNotFound(name, available: services.store.names())
                }
                old = text
            } catch { throw fail(error) }
            let code = carryOut(
                [FileChange(path: path, label: "profile \(name)", old: old, new: nil, holdsSecret: true)],
                options: WriteMode(yes: yes),
                secrets: [], services: services, summary: [("profile", .string(name))])
            if code != 0 { throw ExitCode(code) }
        }
    }
}
