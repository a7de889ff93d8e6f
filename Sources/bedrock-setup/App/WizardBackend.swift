import AWSClient
import BedrockCore
import FoundationEssentials
import Glibc
import WizardFlow
import WizardUI

/// What the wizard's requests need from the world; real AWS or the demo's simulation. Files
/// are planned and written the same way for both.
protocol WizardBackend: WizardServices {
    var paths: Paths { get }
    func identity(_ profile: SetupProfile, _ secrets: Secrets) async -> Answer
    func scan(_ profile: SetupProfile, _ secrets: Secrets, models: [String]) async -> Answer
    func models(_ profile: SetupProfile, _ secrets: Secrets) async -> Answer
    func verify(_ profile: SetupProfile, _ secrets: Secrets, invoke: Bool) async -> Answer
    /// Runs `aws sso login` with the terminal handed over; true when it succeeded.
    func ssoLogin(profile: String) -> Bool
    func awsCLI() -> AWSCLIVersion
    func beginSignIn(_ subject: SignInSubject) async -> Answer
    func awaitSignIn(_ subject: SignInSubject, handle: Int) async -> Answer
    func accounts(_ subject: SignInSubject) async -> Answer
    func roles(_ subject: SignInSubject, accountId: String) async -> Answer
    /// Called after ~/.aws/config changed under the run (a new SSO profile), so checks see it.
    func reloadAWSFiles()
}

extension WizardBackend {
    func perform(_ request: Request) async -> Answer {
        switch request {
        case .checkIdentity(let profile, let secrets): await identity(profile, secrets)
        case .scanRegions(let profile, let secrets, let models): await scan(profile, secrets, models: models)
        case .listModels(let profile, let secrets): await models(profile, secrets)
        case .verify(let profile, let secrets, let invoke): await verify(profile, secrets, invoke: invoke)
        case .plan(let profile, let secrets, let targets): plan(profile, secrets, targets: targets)
        case .write(let changes): write(changes)
        case .ssoLogin(let profile): .signedIn(ssoLogin(profile: profile))
        case .savePolicy(let text, let name): savePolicy(text, profileName: name)
        case .detectAWSCLI: .awsCLI(awsCLI())
        case .beginSignIn(let subject): await beginSignIn(subject)
        case .awaitSignIn(let subject, let handle): await awaitSignIn(subject, handle: handle)
        case .listAccounts(let subject): await accounts(subject)
        case .listRoles(let subject, let account): await roles(subject, accountId: account)
        case .writeSSOProfile(let answers): writeSSOProfile(answers)
        case .convertLegacyProfile(let name): convertLegacyProfile(name)
        }
    }

    /// A legacy SSO profile rewritten with an `[sso-session]` named after its portal (or the
    /// session ~/.aws/config already has for that start URL).
    func convertLegacyProfile(_ name: String) -> Answer {
        do throws(SetupError) {
            let files = try AWSSharedFiles.read(paths: paths)
            let target = try SSOSignInTarget.of(profile: name, in: files)
            let session = SSOStartURL.suggestedSessionName(for: target.portal.startURL, files: files)
            let answer = write(
                try ActivationPlanner(paths: paths).ssoConversionChanges(profile: name, sessionName: session))
            reloadAWSFiles()
            return answer
        } catch {
            return .written(.failure(Failure(error)))
        }
    }

    /// The sections `aws configure sso` writes, through the same planner and writer as every file.
    func writeSSOProfile(_ answers: SSOProfileAnswers) -> Answer {
        do throws(SetupError) {
            let changes = try ActivationPlanner(paths: paths).ssoConfigureChanges(answers)
            let answer = write(changes)
            reloadAWSFiles()
            return answer
        } catch {
            return .written(.failure(Failure(error)))
        }
    }

    func plan(_ profile: SetupProfile, _ secrets: Secrets, targets: Set<ActivationTarget>) -> Answer {
        do throws(SetupError) {
            return .planned(
                .success(try ActivationPlanner(paths: paths).plan(profile: profile, secrets: secrets, targets: targets))
            )
        } catch {
            return .planned(.failure(Failure(error)))
        }
    }

    func write(_ changes: [FileChange]) -> Answer {
        do throws(SetupError) {
            let reports = try FileWriter(paths: paths).apply(changes)
            return .written(
                .success(
                    reports.map { report in
                        WrittenFile(
                            path: report.path, action: report.deleted ? .deleted : report.created ? .created : .updated,
                            backup: report.backup)
                    }))
        } catch {
            return .written(.failure(Failure(error)))
        }
    }

    func savePolicy(_ text: String, profileName: String) -> Answer {
        let path = paths.workingDirectory + "/bedrock-policy-\(profileName).json"
        let old = try? TextFile.read(path)
        do throws(SetupError) {
            _ = try FileWriter(paths: paths).apply([
                FileChange(
                    path: path, label: "IAM policy", old: old ?? nil, new: text,
                    holdsSecret: false, newFileMode: 0o644)
            ])
            return .policySaved(.success(path))
        } catch {
            return .policySaved(.failure(Failure(error.message)))
        }
    }
}

/// The real backend: the same checker, scanner, planner and writer as the command line.
struct LiveBackend: WizardBackend {
    let services: Services
    /// Made once: one HTTP transport (one libcurl thread) serves every check of the run; made
    /// again over the same transport when ~/.aws/config changes under the run.
    private let current: Locked<SetupChecker>
    var checker: SetupChecker { current.value }
    /// The installed Claude Code: Verify checks the models it will call.
    let claudeCode: ClaudeCodeVersion?
    var paths: Paths { services.paths }
    let signIns = PendingSignIns()

    init(services: Services, files: AWSSharedFiles, claudeCode: ClaudeCodeVersion?) {
        self.services = services
        current = Locked(services.checker(files: files))
        self.claudeCode = claudeCode
    }

    func reloadAWSFiles() {
        guard let files = try? AWSSharedFiles.read(paths: paths) else { return }
        current.update { old in
            SetupChecker(
                api: old.api, environment: services.environment, files: files, ssoCache: services.ssoCache,
                catalogue: services.catalogue, discovery: DiscoveryCache(paths: paths))
        }
    }

    func identity(_ profile: SetupProfile, _ secrets: Secrets) async -> Answer {
        switch await checker.credentials(for: profile, secrets: secrets) {
        case .failure(let diagnosis): return .identity([diagnosis], account: nil)
        case .success(let resolved):
            let (line, identity) = await checker.identity(for: profile, resolved: resolved)
            return .identity([.ok(.credentials, resolved.source.description), line], account: identity?.account)
        }
    }

    func scan(_ profile: SetupProfile, _ secrets: Secrets, models: [String]) async -> Answer {
        guard case .success(let resolved) = await checker.credentials(for: profile, secrets: secrets) else {
            return .regions([])
        }
        let report = await RegionScanner(api: checker.api, catalogue: services.catalogue)
            .scan(
                regions: services.catalogue.regions.map(\.name), models: models, authorization: resolved.authorization)
        return .regions(
            report.results.map {
                RegionRow(
                    region: $0.region, latencyMs: $0.latency.map { Int($0 * 1000) }, offered: $0.offersAll,
                    problem: $0.problem?.cause)
            })
    }

    func models(_ profile: SetupProfile, _ secrets: Secrets) async -> Answer {
        let fallback = services.catalogue.profiles(usableFrom: profile.region).map {
            ModelOption(id: $0.id, name: $0.modelName)
        }
        guard case .success(let resolved) = await checker.credentials(for: profile, secrets: secrets) else {
            return .models(ModelList(options: fallback, live: false, problem: "no credentials to ask Bedrock with"))
        }
        switch await checker.inferenceProfiles(region: profile.region, resolved: resolved) {
        case .success(let profiles):
            let claude = profiles.filter { $0.id.contains("anthropic.") || $0.type == "APPLICATION" }
            let options = claude.map { ModelOption(id: $0.type == "APPLICATION" ? $0.arn : $0.id, name: $0.name) }
            return .models(
                ModelList(
                    options: options.isEmpty ? fallback : options, live: !options.isEmpty,
                    problem: options.isEmpty ? "no Claude profiles listed" : nil))
        case .failure(let failure):
            let diagnosis = Classifier.diagnose(
                failure,
                context: DiagnosisContext(check: .models, region: profile.region, catalogue: services.catalogue))
            return .models(ModelList(options: fallback, live: false, problem: diagnosis.cause))
        }
    }

    func verify(_ profile: SetupProfile, _ secrets: Secrets, invoke: Bool) async -> Answer {
        let report = await checker.report(profile, secrets: secrets, invoke: invoke, claudeCode: claudeCode)
        // Application-inference-profile ARN pins are named from the model behind them.
        let pins = await checker.describeProfileARNPins(of: profile, secrets: secrets, validator: services.validator)
        return .verified(report.lines + pins.lines, account: report.caller?.account, backing: pins.backing)
    }

    func ssoLogin(profile: String) -> Bool {
        ChildProcess.run(
            "/usr/bin/env", ["aws", "sso", "login", "--profile", profile], environment: services.environment,
            captured: false)
            == .finished(status: 0, output: [])
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

    func identity(_ profile: SetupProfile, _ secrets: Secrets) async -> Answer {
        await Self.pause(700)
        let who = profile.awsProfile.map { "profile \($0)" } ?? profile.credentials.title.lowercased()
        return .identity(
            [
                .ok(.credentials, "\(who) (simulated)"),
                .ok(.identity, "account \(Self.account), arn:aws:sts::\(Self.account):assumed-role/Developer/demo"),
            ],
            account: Self.account)
    }

    func scan(_ profile: SetupProfile, _ secrets: Secrets, models: [String]) async -> Answer {
        await withTaskGroup(of: RegionRow.self) { group in
            for (index, region) in catalogue.regions.map(\.name).enumerated() {
                group.addTask {
                    let latency = 60 + (index * 37) % 240
                    await Self.pause(UInt64(latency))
                    if region == Self.failingRegion {
                        return RegionRow(
                            region: region, latencyMs: latency, offered: false,
                            problem:
                                "IAM does not allow bedrock:ListInferenceProfiles (an SCP or policy blocks this Region)."
                        )
                    }
                    let bases = models.map { Geography.leading($0)?.1 ?? $0 }
                    let offered = bases.allSatisfy { catalogue.profileId(forBaseModel: $0, region: region) != nil }
                    return RegionRow(region: region, latencyMs: latency, offered: offered, problem: nil)
                }
            }
            var rows: [RegionRow] = []
            for await row in group { rows.append(row) }
            return .regions(rows)
        }
    }

    func models(_ profile: SetupProfile, _ secrets: Secrets) async -> Answer {
        await Self.pause(500)
        let options = catalogue.profiles(usableFrom: profile.region).map { ModelOption(id: $0.id, name: $0.modelName) }
        return .models(ModelList(options: options, live: true, problem: nil))
    }

    func verify(_ profile: SetupProfile, _ secrets: Secrets, invoke: Bool) async -> Answer {
        await Self.pause(900)
        var lines: [Diagnosis] = [
            .ok(.identity, "account \(Self.account) (simulated)"), .ok(.regionReachable(profile.region), "reachable"),
            .ok(.listInferenceProfiles, "allowed"),
        ]
        // The models Claude Code will call: the pins, or the newest version's defaults.
        let called = profile.withModelsClaudeCodeCalls(version: nil)
        for model in called.pinnedModels {
            lines.append(.ok(.model(nil), "\(model) is available to this account (simulated)"))
        }
        if invoke { lines.append(.ok(.testCall, "\(called.model ?? "") answered in 412 ms (simulated)")) }
        return .verified(lines, account: Self.account)
    }

    func ssoLogin(profile: String) -> Bool { true }
}
