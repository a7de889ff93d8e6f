/// A value Claude Code accepts for a model setting on Bedrock, parsed.
public enum ModelReference: Equatable, Sendable {
    /// A cross-Region inference profile ID: `us.anthropic.claude-sonnet-4-5-20250929-v1:0`.
    case inferenceProfile(geography: Geography, baseModelId: String)
    /// `arn:PARTITION:bedrock:REGION:ACCOUNT:application-inference-profile/ID`.
    case applicationProfileARN(region: String, account: String, profileId: String, arn: String)
    /// A system inference profile written as an ARN: `arn:aws:bedrock:REGION:ACCOUNT:inference-profile/us.anthropic…`.
    case inferenceProfileARN(region: String, geography: Geography, baseModelId: String, arn: String)

    /// The string Claude Code is given.
    public var identifier: String {
        switch self {
        case .inferenceProfile(let geography, let base): geography.prefix + base
        case .applicationProfileARN(_, _, _, let arn), .inferenceProfileARN(_, _, _, let arn): arn
        }
    }

    public var baseModelId: String? {
        switch self {
        case .inferenceProfile(_, let base), .inferenceProfileARN(_, _, let base, _): base
        case .applicationProfileARN: nil
        }
    }

    public var geography: Geography? {
        switch self {
        case .inferenceProfile(let geography, _), .inferenceProfileARN(_, let geography, _, _): geography
        case .applicationProfileARN: nil
        }
    }

    /// The Region an ARN is bound to; IDs are not bound to one.
    public var boundRegion: String? {
        switch self {
        case .inferenceProfile: nil
        case .applicationProfileARN(let region, _, _, _), .inferenceProfileARN(let region, _, _, _): region
        }
    }
}
