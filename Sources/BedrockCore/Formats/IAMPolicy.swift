/// The least-privilege IAM policy a profile needs, as JSON an admin can paste.
public enum IAMPolicy {
    public static let invokeActions = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
    /// ListInferenceProfiles has no resource type in IAM, so it can only be granted on "*".
    public static let listAction = "bedrock:ListInferenceProfiles"
    public static let getAction = "bedrock:GetInferenceProfile"

    /// Resources are narrowed to the profile's inference profiles and the foundation models in
    /// each profile's destination Regions, where the catalogue knows them. `broad` allows every
    /// Anthropic model and profile instead, for accounts that switch models often.
    public static func render(for profile: SetupProfile, account: String?, broad: Bool, catalogue: Catalogue) -> JSONValue {
        let partition = Partition(region: profile.region).rawValue
        let accountPart = account ?? "*"
        var invokeResources: [String] = []
        func add(_ resource: String) { if !invokeResources.contains(resource) { invokeResources.append(resource) } }

        // Each pin with the Region it is called from (the small/fast model may have its own).
        var pins: [(id: String, region: String)] = []
        if let model = profile.model { pins.append((model, profile.region)) }
        if let small = profile.smallFastModel { pins.append((small, profile.smallFastRegion ?? profile.region)) }
        if let sonnet = profile.sonnetModel { pins.append((sonnet, profile.region)) }
        if let opus = profile.opusModel { pins.append((opus, profile.region)) }
        if pins.isEmpty, let fallback = catalogue.defaultModel(for: profile.region) { pins.append((fallback, profile.region)) }
        if broad {
            add("arn:\(partition):bedrock:*:\(accountPart):inference-profile/*anthropic.*")
            add("arn:\(partition):bedrock:*:\(accountPart):application-inference-profile/*")
            add("arn:\(partition):bedrock:*::foundation-model/anthropic.*")
        } else {
            for (id, region) in pins {
                if id.hasPrefix("arn:") {
                    add(id)
                    // An application profile routes to models we cannot see offline.
                    add("arn:\(partition):bedrock:*::foundation-model/*")
                    continue
                }
                add("arn:\(partition):bedrock:\(region):\(accountPart):inference-profile/\(id)")
                guard let (_, base) = Geography.leading(id) else { continue }
                if let destinations = catalogue.destinations(ofProfile: id) {
                    for destination in destinations.sorted() {
                        add("arn:\(partition):bedrock:\(destination)::foundation-model/\(base)")
                    }
                } else {
                    // Global profiles (and models newer than the catalogue) route to any Region.
                    add("arn:\(partition):bedrock:*::foundation-model/\(base)")
                }
            }
        }
        let statements: [JSONValue] = [
            .object([
                ("Sid", .string("InvokeClaudeThroughInferenceProfiles")),
                ("Effect", .string("Allow")),
                ("Action", .array(invokeActions.map(JSONValue.string))),
                ("Resource", .array(invokeResources.map(JSONValue.string))),
            ]),
            .object([
                ("Sid", .string("ListInferenceProfiles")),
                ("Effect", .string("Allow")),
                ("Action", .array([.string(listAction)])),
                ("Resource", .string("*")),
            ]),
            .object([
                ("Sid", .string("ReadInferenceProfiles")),
                ("Effect", .string("Allow")),
                ("Action", .array([.string(getAction)])),
                ("Resource", .array([
                    .string("arn:\(partition):bedrock:\(broad ? "*" : profile.region):\(accountPart):inference-profile/*"),
                    .string("arn:\(partition):bedrock:\(broad ? "*" : profile.region):\(accountPart):application-inference-profile/*"),
                ])),
            ]),
        ]
        return .object([("Version", .string("2012-10-17")), ("Statement", .array(statements))])
    }
}
