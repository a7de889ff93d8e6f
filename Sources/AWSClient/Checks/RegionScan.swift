import BedrockCore
import FoundationEssentials
import Glibc

/// One Region's answer in a scan.
public struct RegionScanResult: Sendable, Equatable {
    public let region: String
    /// Seconds for this Region's answer (nil when it failed before answering).
    public let latency: TimeInterval?
    /// Which of the asked-for models this Region offers, as profile IDs the caller there can use.
    public let offered: [String: String]
    public let profileCount: Int
    public let problem: Diagnosis?

    public var offersAll: Bool { problem == nil && !offered.isEmpty }
}

public struct RegionScanReport: Sendable {
    public let results: [RegionScanResult]
    public let wallTime: TimeInterval

    /// Wall time over the slowest single answer: 1.0 when every Region was asked at once.
    public var concurrencyRatio: Double? {
        guard let slowest = results.compactMap(\.latency).max(), slowest > 0 else { return nil }
        return wallTime / slowest
    }
}

/// Asks every Region at once which Claude inference profiles it offers.
public struct RegionScanner: Sendable {
    public let api: AWSAPI
    public let catalogue: Catalogue

    public init(api: AWSAPI, catalogue: Catalogue = .bundled) {
        self.api = api
        self.catalogue = catalogue
    }

    /// `models` are base model IDs (or profile IDs, whose base is used).
    public func scan(regions: [String], models: [String], authorization: CallAuthorization) async -> RegionScanReport {
        let bases = models.map { Geography.leading($0)?.1 ?? $0 }
        let started = Date()
        let results = await withTaskGroup(of: RegionScanResult.self) { group in
            for region in regions {
                group.addTask {
                    let regionStarted = Date()
                    do throws(AWSFailure) {
                        let profiles = try await api.listInferenceProfiles(
                            region: region, type: "SYSTEM_DEFINED", authorization: authorization)
                        let latency = Date().timeIntervalSince(regionStarted)
                        var offered: [String: String] = [:]
                        for base in bases {
                            let matching = profiles.filter { Geography.leading($0.id)?.1 == base }
                            if let pick = matching.first(where: { !$0.id.hasPrefix("global.") }) ?? matching.first {
                                offered[base] = pick.id
                            }
                        }
                        return RegionScanResult(
                            region: region, latency: latency, offered: offered, profileCount: profiles.count,
                            problem: nil)
                    } catch {
                        let diagnosis = Classifier.diagnose(
                            error,
                            context: DiagnosisContext(
                                check: .regionReachable(region), region: region, catalogue: catalogue))
                        let answered: TimeInterval? =
                            if case .service = error { Date().timeIntervalSince(regionStarted) } else { nil }
                        return RegionScanResult(
                            region: region, latency: answered, offered: [:], profileCount: 0, problem: diagnosis)
                    }
                }
            }
            var collected: [RegionScanResult] = []
            for await result in group { collected.append(result) }
            return collected
        }
        let order = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1, $0) })
        return RegionScanReport(
            results: results.sorted { (order[$0.region] ?? 0) < (order[$1.region] ?? 0) },
            wallTime: Date().timeIntervalSince(started))
    }
}
