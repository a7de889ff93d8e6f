/// The prefix of a cross-Region inference profile ID: which Regions Bedrock may route a call to.
public enum Geography: String, CaseIterable, Sendable, Codable {
    case us, eu, apac, jp, au, global
    case usGov = "us-gov"

    /// The ID prefix, with its dot: `us.`, `us-gov.`.
    public var prefix: String { rawValue + "." }

    /// Geographies whose data must stay in place never fall back to `global`.
    public var isDataResident: Bool { self == .eu || self == .jp || self == .au || self == .usGov }

    /// Longest prefix first, so `us-gov.` is not read as `us` + `-gov.`.
    public static func leading(_ id: String) -> (Geography, String)? {
        for geo in allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count }) where id.hasPrefix(geo.prefix) {
            return (geo, String(id.dropFirst(geo.prefix.count)))
        }
        return nil
    }
}

/// AWS partition of a Region, which fixes the ARN prefix (`arn:aws-us-gov:…`).
public enum Partition: String, Sendable {
    case aws
    case awsUSGov = "aws-us-gov"
    case awsCN = "aws-cn"

    public init(region: String) {
        if region.hasPrefix("us-gov-") {
            self = .awsUSGov
        } else if region.hasPrefix("cn-") {
            self = .awsCN
        } else {
            self = .aws
        }
    }
}
