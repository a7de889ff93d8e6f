import AWSClient
import BedrockCore
import Foundation
import WizardFlow

/// What the wizard's effects need from the world; real AWS or the demo's simulation.
protocol WizardBackend: Sendable {
    var paths: Paths { get }
    func identity(_ profile: SetupProfile, _ secrets: Secrets) async -> Event
    func scan(_ profile: SetupProfile, _ secrets: Secrets, models: [String]) async -> Event
    func models(_ profile: SetupProfile, _ secrets: Secrets) async -> Event
    func verify(_ profile: SetupProfile, _ secrets: Secrets, invoke: Bool) async -> Event
    /// Runs `aws sso login` with the terminal handed over; true when it succeeded.
    func ssoLogin(profile: String) -> Bool
}

extension WizardBackend {
    func plan(_ profile: SetupProfile, _ secrets: Secrets, targets: Set<ActivationTarget>) -> Event {
        do throws(SetupError) {
            return .planned(try ActivationPlanner(paths: paths).plan(profile: profile, secrets: secrets, targets: targets), error: nil)
        } catch {
            return .planned([], error: error.message + " " + error.fix)
        }
    }

    func write(_ changes: [FileChange]) -> Event {
        do throws(SetupError) {
            let reports = try FileWriter(lockPath: paths.lockFile).apply(changes)
            return .written(reports.map { WrittenFile(path: $0.path, action: $0.deleted ? "deleted" : $0.created ? "created" : "updated", backup: $0.backup) },
                            error: nil)
        } catch {
            return .written([], error: error.message + " " + error.fix)
        }
    }

    func savePolicy(_ text: String, profileName: String) -> Event {
        let path = paths.workingDirectory + "/bedrock-policy-\(profileName).json"
        let old = try? TextFile.read(path)
        do throws(SetupError) {
            _ = try FileWriter(lockPath: paths.lockFile).apply([FileChange(path: path, label: "IAM policy", old: old ?? nil, new: text,
                                                                           holdsSecret: false, newFileMode: 0o644)])
            return .policySaved(path: path, error: nil)
        } catch {
            return .policySaved(path: nil, error: error.message)
        }
    }
}

/// The real backend: the same checker, scanner, planner and writer as the command line.
struct LiveBackend: WizardBackend {
    let services: Services
    let files: AWSSharedFiles
    var paths: Paths { services.paths }

    var checker: SetupChecker { services.checker(files: files) }

    func identity(_ profile: SetupProfile, _ secrets: Secrets) async -> Event {
        switch await checker.credentials(for: profile, secrets: secrets) {
        case .failure(let diagnosis): return .identityChecked([diagnosis], account: nil)
        case .success(let resolved):
            let (line, identity) = await checker.identity(for: profile, resolved: resolved)
            return .identityChecked([.ok("Credentials", resolved.source.description), line], account: identity?.account)
        }
    }

    func scan(_ profile: SetupProfile, _ secrets: Secrets, models: [String]) async -> Event {
        guard case .success(let resolved) = await checker.credentials(for: profile, secrets: secrets) else {
            return .regionsScanned([])
        }
        let report = await RegionScanner(api: services.api, catalogue: services.catalogue)
            .scan(regions: services.catalogue.regions.map(\.name), models: models, authorization: resolved.authorization)
        return .regionsScanned(report.results.map {
            RegionRow(region: $0.region, latencyMs: $0.latency.map { Int($0 * 1000) }, offered: $0.offersAll, problem: $0.problem?.cause)
        })
    }

    func models(_ profile: SetupProfile, _ secrets: Secrets) async -> Event {
        let fallback = services.catalogue.profiles(usableFrom: profile.region).map { ModelOption(id: $0.id, name: $0.modelName) }
        guard case .success(let resolved) = await checker.credentials(for: profile, secrets: secrets) else {
            return .modelsListed(fallback, live: false, problem: "no credentials to ask Bedrock with")
        }
        switch await checker.inferenceProfiles(region: profile.region, resolved: resolved) {
        case .success(let profiles):
            let claude = profiles.filter { $0.id.contains("anthropic.") || $0.type == "APPLICATION" }
            let options = claude.map { ModelOption(id: $0.type == "APPLICATION" ? $0.arn : $0.id, name: $0.name) }
            return .modelsListed(options.isEmpty ? fallback : options, live: !options.isEmpty, problem: options.isEmpty ? "no Claude profiles listed" : nil)
        case .failure(let failure):
            let diagnosis = Classifier.diagnose(failure, context: DiagnosisContext(check: "Models", region: profile.region, catalogue: services.catalogue))
            return .modelsListed(fallback, live: false, problem: diagnosis.cause)
        }
    }

    func verify(_ profile: SetupProfile, _ secrets: Secrets, invoke: Bool) async -> Event {
        let lines = await checker.verify(profile, secrets: secrets, invoke: invoke)
        let account = lines.first { $0.check == "Identity" && $0.severity == .ok }?.cause.split(separator: " ").dropFirst().first.map { String($0.dropLast()) }
        return .verified(lines, account: account)
    }

    func ssoLogin(profile: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["aws", "sso", "login", "--profile", profile]
        process.environment = services.environment
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }
}

/// The demo's simulated AWS: a fixed account, several Regions, realistic delays, and one
/// Region that fails so a diagnosis is shown. Files go to a temporary HOME only.
struct DemoBackend: WizardBackend {
    let paths: Paths
    let catalogue: Catalogue
    static let account = "111122223333"
    static let failingRegion = "eu-south-2"

    static func pause(_ milliseconds: UInt64) async { try? await Task.sleep(nanoseconds: milliseconds * 1_000_000) }

    func identity(_ profile: SetupProfile, _ secrets: Secrets) async -> Event {
        await Self.pause(700)
        let who = profile.awsProfile.map { "profile \($0)" } ?? profile.credentials.title.lowercased()
        return .identityChecked([.ok("Credentials", "\(who) (simulated)"),
                                 .ok("Identity", "account \(Self.account), arn:aws:sts::\(Self.account):assumed-role/Developer/demo")],
                                account: Self.account)
    }

    func scan(_ profile: SetupProfile, _ secrets: Secrets, models: [String]) async -> Event {
        await withTaskGroup(of: RegionRow.self) { group in
            for (index, region) in catalogue.regions.map(\.name).enumerated() {
                group.addTask {
                    let latency = 60 + (index * 37) % 240
                    await Self.pause(UInt64(latency))
                    if region == Self.failingRegion {
                        return RegionRow(region: region, latencyMs: latency, offered: false,
                                         problem: "IAM does not allow bedrock:ListInferenceProfiles (an SCP or policy blocks this Region).")
                    }
                    let bases = models.map { Geography.leading($0)?.1 ?? $0 }
                    let offered = bases.allSatisfy { catalogue.profileId(forBaseModel: $0, region: region) != nil }
                    return RegionRow(region: region, latencyMs: latency, offered: offered, problem: nil)
                }
            }
            var rows: [RegionRow] = []
            for await row in group { rows.append(row) }
            return .regionsScanned(rows)
        }
    }

    func models(_ profile: SetupProfile, _ secrets: Secrets) async -> Event {
        await Self.pause(500)
        let options = catalogue.profiles(usableFrom: profile.region).map { ModelOption(id: $0.id, name: $0.modelName) }
        return .modelsListed(options, live: true, problem: nil)
    }

    func verify(_ profile: SetupProfile, _ secrets: Secrets, invoke: Bool) async -> Event {
        await Self.pause(900)
        var lines: [Diagnosis] = [.ok("Identity", "account \(Self.account) (simulated)"), .ok("Region \(profile.region)", "reachable"),
                                  .ok("ListInferenceProfiles", "allowed")]
        for model in profile.pinnedModels { lines.append(.ok("Model", "\(model) is available to this account")) }
        if profile.pinnedModels.isEmpty {
            lines.append(.ok("Models", "Claude Code's defaults: \(catalogue.defaultModel(for: profile.region) ?? "")"))
        }
        if invoke { lines.append(.ok("Test call", "\(profile.model ?? catalogue.defaultModel(for: profile.region) ?? "") answered in 412 ms (simulated)")) }
        return .verified(lines, account: Self.account)
    }

    func ssoLogin(profile: String) -> Bool { true }
}
