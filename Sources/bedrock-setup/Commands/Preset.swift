import AWSClient
import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

struct PresetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preset",
        abstract: "Write a team preset: the shared answers (portal, Region, models, targets), never a secret.",
        discussion: """
            A preset is one JSON file (format: docs/preset.schema.json in the source) that a platform engineer
            writes once and hands to a team. Each person then runs `bedrock-setup apply --preset FILE` (or the wizard
            with `bedrock-setup --preset FILE`) and only signs in or brings their own key. FILE may be an https://
            address. Locked fields cannot be changed by the person using the preset.

            Examples:
              bedrock-setup preset create team.json --lock region --lock models --description "Acme: Claude in Frankfurt"
              bedrock-setup preset create team.json --profile eu --allow-model eu.anthropic.claude-sonnet-4-5-20250929-v1:0
              bedrock-setup apply --preset team.json --yes
            """,
        subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Write a preset from the current setup (or a saved profile).",
            discussion: """
                Takes the credentials method and AWS profile, with an IAM Identity Center profile's start URL, SSO Region,
                account and role from ~/.aws/config; the Region and small/fast Region; the model pins; the Bedrock options
                (service tier, Guardrail, gateway, Mantle, prompt caching). Secrets are never taken. The file is written
                like every other file: diff first, backup, atomic.
                """)

        @Argument(help: "The preset file to write.") var file: String
        @Option(help: "A saved profile to take the answers from (default: what is active now).") var profile: String?
        @Option(help: "A line saying what the preset is for.") var description: String?
        @Option(
            name: .customLong("lock"),
            help:
                "A field people cannot change: \(Preset.Field.allCases.map(\.rawValue).joined(separator: ", ")). Repeat for several."
        )
        var locked: [String] = []
        @Option(name: .customLong("allow-model"), help: "A model people may pin; repeat for several (default: any).")
        var allowedModels: [String] = []
        @Option(
            name: .customLong("target"),
            help:
                "Where the preset activates: \(ActivationTarget.allCases.map(\.rawValue).joined(separator: ", ")). Repeat for several (default: user)."
        )
        var targets: [ActivationTarget] = []
        @Flag(help: "Print the diff and write nothing.") var dryRun = false
        @Flag(name: [.customShort("y"), .long], help: "Write without asking.") var yes = false

        func run() throws {
            let services = Services()
            let chosen: SetupProfile?
            do throws(SetupError) {
                chosen = try services.setup(named: profile)
            } catch { throw fail(error) }
            guard let setup = chosen else {
                printError("no Region is configured, so there is no setup to make a preset from.")
                writeError("  Run `bedrock-setup` or `bedrock-setup apply …` first, or pass --profile NAME.\n")
                throw ExitCode(Exit.usage)
            }

            var preset = Preset.capture(setup, aws: (try? AWSSharedFiles.read(paths: services.paths)))
            if !setup.bedrock.pinLabels.isEmpty || !setup.bedrock.modelOverrides.isEmpty {
                writeError(
                    "bedrock-setup: warning: display names of ARN pins and modelOverrides are not part of a preset; "
                        + "each person sets them with apply --pin-name / --model-override.\n")
            }
            preset.description = description
            preset.profileName = setup.name
            preset.allowedModels = allowedModels.isEmpty ? nil : allowedModels
            preset.targets = targets.isEmpty ? nil : targets
            preset.locked = try locked.map { name in
                guard let field = Preset.Field(rawValue: name) else {
                    throw ValidationError(
                        "--lock takes \(Preset.Field.allCases.map(\.rawValue).joined(separator: ", ")); \"\(name)\" is none of them."
                    )
                }
                return field
            }
            // Locking Bedrock options the setup does not have locks Claude Code's defaults (`"bedrock": {}`).
            if preset.isLocked(.bedrock), preset.bedrock == nil { preset.bedrock = BedrockOptions() }
            let text = preset.json.serialized()
            let path = PathText.expandingTilde(file)
            let absolute = path.hasPrefix("/") ? path : services.paths.workingDirectory + "/" + path
            let change: FileChange
            do throws(SetupError) {
                // What is written must read back as the same preset: the same checks every user of it meets.
                _ = try Preset.parse(text, source: absolute, validator: services.validator)
                change = FileChange(
                    path: absolute, label: "preset", old: try TextFile.read(absolute), new: text, holdsSecret: false,
                    newFileMode: 0o644)
            } catch { throw fail(error) }
            let code = carryOut(
                [change], options: WriteMode(dryRun: dryRun, yes: yes), secrets: [], services: services,
                summary: [("preset", .string(absolute))])
            if code != 0 { throw ExitCode(code) }
        }
    }
}

/// Reads a preset from a file or an https:// address; a preset is small, so anything large is refused.
enum PresetSource {
    static let maxBytes = 64 << 10

    /// The preset as messages name it. An address may carry a secret: a password before the host,
    /// or a token or signature in its query (an S3 pre-signed URL holds a session token), so
    /// those are never shown.
    static func shown(_ source: String) -> String {
        guard source.contains("://"), var url = URLComponents(string: source) else { return source }
        url.user = nil
        url.password = nil
        let hadQuery = url.percentEncodedQuery.map { !$0.isEmpty } ?? false
        url.percentEncodedQuery = nil
        url.fragment = nil
        return (url.string ?? "the preset address") + (hadQuery ? "?…" : "")
    }

    static func load(_ address: String, services: Services) async throws(SetupError) -> Preset {
        let source = shown(address)
        let text: String
        if address.hasPrefix("https://") {
            text = try await fetch(address, shown: source, services: services)
        } else if address.contains("://") {
            throw .presetUnavailable(
                source: source, reason: "only https:// addresses are fetched (certificate verified)")
        } else {
            let path = PathText.expandingTilde(address)
            let absolute = path.hasPrefix("/") ? path : services.paths.workingDirectory + "/" + path
            guard let contents = try TextFile.read(absolute) else {
                throw .presetUnavailable(source: source, reason: "there is no such file")
            }
            guard contents.utf8.count <= maxBytes else {
                throw .presetUnavailable(source: source, reason: "it is larger than \(maxBytes >> 10) KiB")
            }
            text = contents
        }
        return try Preset.parse(text, source: source, validator: services.validator)
    }

    static func fetch(_ address: String, shown source: String, services: Services) async throws(SetupError) -> String {
        guard let url = URLComponents(string: address), let host = url.host, !host.isEmpty else {
            throw .presetUnavailable(source: source, reason: "it is not a valid address")
        }
        let request = HTTPRequest(
            method: "GET", scheme: "https", host: host, port: url.port,
            path: url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath,
            query: url.percentEncodedQuery ?? "", headers: [("Accept", "application/json")])
        let response: HTTPResponse
        do {
            response = try await CurlTransport(environment: services.environment).send(
                request, timeouts: Timeouts(connect: min(5, services.timeout), total: services.timeout))
        } catch {
            throw .presetUnavailable(source: source, reason: "\(error)")
        }
        guard response.status == 200 else {
            throw .presetUnavailable(source: source, reason: "the server answered HTTP \(response.status)")
        }
        guard response.body.count <= maxBytes else {
            throw .presetUnavailable(source: source, reason: "it is larger than \(maxBytes >> 10) KiB")
        }
        guard let text = String(bytes: response.body, encoding: .utf8) else {
            throw .presetUnavailable(source: source, reason: "it is not UTF-8 text")
        }
        return text
    }
}
