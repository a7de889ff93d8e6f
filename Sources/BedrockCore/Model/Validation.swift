import Foundation

/// Every check on user input, in one place: the wizard (as the user types) and `apply` call
/// these same functions and show the same messages.
public struct Validator: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue = .bundled) { self.catalogue = catalogue }

    static var regionPattern: Regex<(Substring, Substring?)> { /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$/ }
    static var profileNamePattern: Regex<Substring> { /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/ }
    static var baseModelPattern: Regex<Substring> { /^anthropic\.[a-z0-9][a-z0-9.:-]*$/ }
    static var accountPattern: Regex<Substring> { /^[0-9]{12}$/ }
    static var applicationProfileIdPattern: Regex<Substring> { /^[a-z0-9]{1,64}$/ }
    static var accessKeyPattern: Regex<Substring> { /^[A-Z0-9]{16,128}$/ }

    public func region(_ raw: String) throws(SetupError) -> String {
        let name = raw.trimmingCharacters(in: .whitespaces)
        guard !name.contains(where: \.isNewline) else { throw .lineBreakInValue(field: "Region") }
        guard name.wholeMatch(of: Self.regionPattern) != nil else {
            if let suggestion = catalogue.closestRegion(to: name) { throw .unknownRegion(name, suggestion: suggestion) }
            throw .malformedRegion(name)
        }
        guard catalogue.region(named: name) != nil else {
            throw .unknownRegion(name, suggestion: catalogue.closestRegion(to: name))
        }
        return name
    }

    /// Parses a model setting and checks it against the setup's Region.
    public func model(_ raw: String, slot: ModelSlot, region: String?) throws(SetupError) -> ModelReference {
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard !value.contains(where: \.isNewline) else { throw .lineBreakInValue(field: slot.label) }
        guard !value.isEmpty else { throw .emptyModel(slot) }

        if value.hasPrefix("arn:") { return try arn(value, slot: slot, region: region) }
        if value.hasPrefix("anthropic.") {
            throw .bareModelId(slot, id: value, suggestion: region.flatMap { catalogue.profileId(forBaseModel: value, region: $0) })
        }
        guard let (geography, base) = Geography.leading(value), base.wholeMatch(of: Self.baseModelPattern) != nil else {
            throw .malformedModelId(slot, id: value)
        }
        if let region { try check(geography: geography, base: base, id: value, slot: slot, region: region) }
        return .inferenceProfile(geography: geography, baseModelId: base)
    }

    private func check(geography: Geography, base: String, id: String, slot: ModelSlot, region: String) throws(SetupError) {
        let regionIsGov = Partition(region: region) == .awsUSGov
        if (geography == .usGov) != regionIsGov { throw .partitionMismatch(slot, id: id, region: region) }
        let usable = catalogue.profiles(usableFrom: region)
        let known = catalogue.model(baseModelId: base) != nil
        // For a model the catalogue knows, the exact profile must be callable from the Region;
        // for a newer model, at least its geography must be one the Region serves.
        let served = known ? usable.contains { $0.id == id } : usable.contains { $0.geography == geography }
        if !served {
            throw .geographyNotServed(slot, id: id, region: region,
                                      suggestion: catalogue.profileId(forBaseModel: base, region: region))
        }
    }

    private func arn(_ value: String, slot: ModelSlot, region: String?) throws(SetupError) -> ModelReference {
        let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, ["aws", "aws-us-gov", "aws-cn"].contains(parts[1]), parts[2] == "bedrock",
              parts[3].wholeMatch(of: Self.regionPattern) != nil else {
            throw .malformedARN(slot, arn: value)
        }
        let arnRegion = parts[3], account = parts[4], resource = parts[5]
        if resource.hasPrefix("foundation-model/") {
            let base = String(resource.dropFirst("foundation-model/".count))
            throw .foundationModelARN(slot, suggestion: catalogue.profileId(forBaseModel: base, region: region ?? arnRegion))
        }
        guard account.wholeMatch(of: Self.accountPattern) != nil else { throw .malformedARN(slot, arn: value) }
        if let region, region != arnRegion { throw .arnRegionMismatch(slot, arnRegion: arnRegion, region: region) }
        if resource.hasPrefix("application-inference-profile/") {
            let id = String(resource.dropFirst("application-inference-profile/".count))
            guard id.wholeMatch(of: Self.applicationProfileIdPattern) != nil else { throw .malformedARN(slot, arn: value) }
            return .applicationProfileARN(region: arnRegion, account: account, profileId: id, arn: value)
        }
        if resource.hasPrefix("inference-profile/") {
            let id = String(resource.dropFirst("inference-profile/".count))
            guard let (geography, base) = Geography.leading(id), base.wholeMatch(of: Self.baseModelPattern) != nil else {
                throw .malformedARN(slot, arn: value)
            }
            try check(geography: geography, base: base, id: id, slot: slot, region: arnRegion)
            return .inferenceProfileARN(region: arnRegion, geography: geography, baseModelId: base, arn: value)
        }
        throw .malformedARN(slot, arn: value)
    }

    public func profileName(_ name: String) throws(SetupError) -> String {
        if name.contains(where: \.isNewline) { throw .lineBreakInValue(field: "profile name") }
        if name.isEmpty { throw .invalidProfileName(name, reason: "is empty") }
        if name.contains("/") || name.contains("\\") {
            throw .invalidProfileName(name, reason: "contains a slash, which would place the file in another folder")
        }
        if name == "." || name == ".." || name.wholeMatch(of: Self.profileNamePattern) == nil {
            throw .invalidProfileName(name, reason: "has characters other than letters, digits, dots, dashes and underscores")
        }
        return name
    }

    /// AWS profile names go into INI section headers: anything that could end the header or
    /// start a new line is refused, without echoing the value.
    public func awsProfileName(_ name: String) throws(SetupError) -> String {
        if name.contains(where: \.isNewline) || name.contains("\0") { throw .lineBreakInValue(field: "AWS profile name") }
        if name.isEmpty { throw .invalidAWSProfileName(reason: "is empty") }
        if name != name.trimmingCharacters(in: .whitespaces) { throw .invalidAWSProfileName(reason: "has spaces at one end") }
        if name.contains("[") || name.contains("]") { throw .invalidAWSProfileName(reason: "contains a bracket") }
        if name.contains(where: { $0 == "#" || $0 == ";" || $0 == "=" || $0.isWhitespace }) {
            throw .invalidAWSProfileName(reason: "contains a space, '#', ';' or '='")
        }
        return name
    }

    public func accessKeyId(_ value: String) throws(SetupError) -> String {
        if value.contains(where: \.isNewline) { throw .lineBreakInValue(field: "access key ID") }
        guard value.wholeMatch(of: Self.accessKeyPattern) != nil else { throw .invalidAccessKeyId }
        return value
    }

    public func secretAccessKey(_ value: String) throws(SetupError) -> String {
        if value.contains(where: \.isNewline) { throw .lineBreakInValue(field: "secret access key") }
        guard value.count >= 16, !value.contains(where: { $0.isWhitespace || $0 == "\0" }) else { throw .invalidSecretAccessKey }
        return value
    }

    /// Long-term keys are IAM service-specific credentials (ABSK…); short-term keys are
    /// presigned tokens from the token generator (bedrock-api-key-…).
    static let apiKeyPrefixes = ["ABSK", "bedrock-api-key-"]

    public func apiKey(_ value: String) throws(SetupError) -> String {
        if value.contains(where: \.isNewline) { throw .lineBreakInValue(field: "Bedrock API key") }
        guard !value.isEmpty, !value.contains(where: { $0.isWhitespace || $0 == "\0" }),
              Self.apiKeyPrefixes.contains(where: value.hasPrefix) else { throw .invalidAPIKey }
        return value
    }

    /// Checks a whole profile; the first problem wins, in the order the wizard asks.
    public func profile(_ profile: SetupProfile) throws(SetupError) -> SetupProfile {
        var checked = profile
        checked.name = try profileName(profile.name)
        if profile.credentials.usesAWSProfile {
            guard let name = profile.awsProfile else { throw .missingAWSProfile(profile.credentials) }
            checked.awsProfile = try awsProfileName(name)
        }
        checked.region = try region(profile.region)
        if let smallFastRegion = profile.smallFastRegion {
            guard profile.smallFastModel != nil else { throw .smallFastRegionWithoutModel }
            checked.smallFastRegion = try region(smallFastRegion)
        }
        checked.model = try profile.model.map { (value) throws(SetupError) in try model(value, slot: .primary, region: checked.region).identifier }
        checked.smallFastModel = try profile.smallFastModel.map { (value) throws(SetupError) in
            try model(value, slot: .smallFast, region: checked.smallFastRegion ?? checked.region).identifier
        }
        checked.sonnetModel = try profile.sonnetModel.map { (value) throws(SetupError) in try model(value, slot: .sonnet, region: checked.region).identifier }
        checked.opusModel = try profile.opusModel.map { (value) throws(SetupError) in try model(value, slot: .opus, region: checked.region).identifier }
        if case .command(let command) = profile.authRefresh, command.contains(where: \.isNewline) {
            throw .lineBreakInValue(field: "auth refresh command")
        }
        return checked
    }
}
