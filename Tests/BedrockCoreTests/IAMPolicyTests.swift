import BedrockCore
import Foundation
import TestSupport
import Testing

/// A small IAM evaluator, written here for the tests (no AWS peer evaluates identity policies
/// offline): Allow statements only, `*` and `?` wildcards in actions and resources, and the
/// condition operators the policy uses (StringEquals, StringLike, ArnEquals, ArnLike). A key
/// missing from the request context fails its condition, as in IAM.
struct IAMEvaluator {
    struct Request {
        let action: String
        let resource: String
        var context: [String: String] = [:]
    }

    let statements: [JSONValue]

    init(_ document: JSONValue) throws {
        guard case .array(let statements)? = document["Statement"] else { throw EvaluatorError.noStatements }
        self.statements = statements
    }

    enum EvaluatorError: Error { case noStatements }

    static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?: [text]
        case .array(let items)?: items.compactMap(\.stringValue)
        default: []
        }
    }

    /// IAM's wildcard match: `*` any run of characters (also none), `?` exactly one.
    static func matches(_ pattern: String, _ value: String, caseInsensitive: Bool = false) -> Bool {
        let p = Array(caseInsensitive ? pattern.lowercased() : pattern)
        let v = Array(caseInsensitive ? value.lowercased() : value)
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            if let known = memo[i * (v.count + 1) + j] { return known }
            let result: Bool
            if i == p.count {
                result = j == v.count
            } else if p[i] == "*" {
                result = match(i + 1, j) || (j < v.count && match(i, j + 1))
            } else {
                result = j < v.count && (p[i] == "?" || p[i] == v[j]) && match(i + 1, j + 1)
            }
            memo[i * (v.count + 1) + j] = result
            return result
        }
        return match(0, 0)
    }

    func conditionHolds(_ condition: JSONValue?, _ context: [String: String]) -> Bool {
        guard case .object(let operators)? = condition else { return true }
        for (op, block) in operators {
            guard case .object(let keys) = block else { return false }
            for (key, values) in keys {
                guard let actual = context[key] else { return false }
                let wanted = Self.strings(values)
                let ok: Bool =
                    switch op {
                    case "StringEquals", "ArnEquals": wanted.contains(actual)
                    case "StringLike", "ArnLike": wanted.contains { Self.matches($0, actual) }
                    default: false  // an operator this evaluator does not know never allows
                    }
                if !ok { return false }
            }
        }
        return true
    }

    func allows(_ request: Request) -> Bool {
        statements.contains { statement in
            statement["Effect"]?.stringValue == "Allow"
                && Self.strings(statement["Action"]).contains {
                    Self.matches($0, request.action, caseInsensitive: true)
                }
                && Self.strings(statement["Resource"]).contains { Self.matches($0, request.resource) }
                && conditionHolds(statement["Condition"], request.context)
        }
    }
}

@Suite("IAM policy, evaluated")
struct IAMPolicyTests {
    static let account = "123456789012"
    let catalogue = Catalogue.bundled
    /// Claude Code v2.1.219 and later, unpinned: Opus 5, Sonnet 4.5 in the background, Opus 4.8 before.
    func defaults(prefix: String) -> IAMPolicy.Defaults {
        IAMPolicy.Defaults(
            primary: "anthropic.claude-opus-5", background: "anthropic.claude-sonnet-4-5-20250929-v1:0",
            previousPrimary: "anthropic.claude-opus-4-8", prefix: prefix)
    }

    func policy(_ profile: SetupProfile, prefix: String, live: IAMPolicy.Live = .init()) throws -> (
        IAMEvaluator, [IAMPolicy.Statement]
    ) {
        let calls = IAMPolicy.modelCalls(
            for: profile, defaults: defaults(prefix: prefix), catalogue: catalogue, live: live)
        let statements = IAMPolicy.statements(for: profile, calls: calls, account: Self.account, live: live)
        let text = IAMPolicy.document(statements).serialized()
        return (try IAMEvaluator(try JSONParser.parse(text)), statements)
    }

    static func profileARN(_ id: String, _ region: String) -> String {
        "arn:aws:bedrock:\(region):\(account):inference-profile/\(id)"
    }
    static func model(_ base: String, _ region: String) -> String {
        "arn:aws:bedrock:\(region)::foundation-model/\(base)"
    }

    /// Everything one model call needs: both invoke actions on the profile, on the foundation
    /// model in each destination through that profile, GetInferenceProfile, and the tool's check.
    func needs(profile id: String, from region: String, destinations: [String]) -> [IAMEvaluator.Request] {
        let arn = Self.profileARN(id, region)
        let base = Geography.leading(id)!.1
        return IAMPolicy.invokeActions.flatMap { action in
            [IAMEvaluator.Request(action: action, resource: arn)]
                + destinations.map {
                    IAMEvaluator.Request(
                        action: action, resource: Self.model(base, $0), context: ["bedrock:InferenceProfileArn": arn])
                }
        } + [
            IAMEvaluator.Request(action: "bedrock:GetInferenceProfile", resource: arn),
            IAMEvaluator.Request(action: "bedrock:GetFoundationModelAvailability", resource: Self.model(base, region)),
        ]
    }

    let always = [
        IAMEvaluator.Request(action: "bedrock:ListInferenceProfiles", resource: "*"),
        IAMEvaluator.Request(action: "bedrock:ListFoundationModels", resource: "*"),
        IAMEvaluator.Request(
            action: "aws-marketplace:Subscribe", resource: "*", context: ["aws:CalledViaLast": "bedrock.amazonaws.com"]),
        IAMEvaluator.Request(
            action: "aws-marketplace:ViewSubscriptions", resource: "*",
            context: ["aws:CalledViaLast": "bedrock.amazonaws.com"]),
    ]

    @Test func nothingPinnedInTheUSAllowsOpus5Sonnet45AndTheOpus48Fallback() throws {
        let profile = SetupProfile(name: "p", credentials: .sso, awsProfile: "corp", region: "us-east-1")
        let (iam, _) = try policy(profile, prefix: "us")
        let us = ["us-east-1", "us-east-2", "us-west-2"]
        let required =
            needs(profile: "us.anthropic.claude-opus-5", from: "us-east-1", destinations: us)
            + needs(profile: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", from: "us-east-1", destinations: us)
            + needs(profile: "us.anthropic.claude-opus-4-8", from: "us-east-1", destinations: us) + always
        for request in required { #expect(iam.allows(request), "\(request.action) \(request.resource)") }

        let opus5 = Self.profileARN("us.anthropic.claude-opus-5", "us-east-1")
        let denied: [IAMEvaluator.Request] = [
            .init(
                action: "bedrock:InvokeModel",
                resource: Self.profileARN("us.anthropic.claude-haiku-4-5-20251001-v1:0", "us-east-1")),
            .init(
                action: "bedrock:InvokeModel", resource: Self.profileARN("us.anthropic.claude-sonnet-5", "us-east-1")),
            .init(action: "bedrock:InvokeModel", resource: Self.profileARN("us.anthropic.claude-opus-5", "us-west-2")),
            // The foundation model directly (no profile), or through a profile this setup does not use.
            .init(action: "bedrock:InvokeModel", resource: Self.model("anthropic.claude-opus-5", "us-east-1")),
            .init(
                action: "bedrock:InvokeModel", resource: Self.model("anthropic.claude-opus-5", "us-east-1"),
                context: ["bedrock:InferenceProfileArn": Self.profileARN("eu.anthropic.claude-opus-5", "eu-west-1")]),
            // Another model through this profile's condition.
            .init(
                action: "bedrock:InvokeModel", resource: Self.model("anthropic.claude-sonnet-5", "us-east-1"),
                context: ["bedrock:InferenceProfileArn": opus5]),
            .init(action: "bedrock:CallWithBearerToken", resource: "*"),
            .init(action: "aws-marketplace:Subscribe", resource: "*"),
            .init(
                action: "aws-marketplace:Subscribe", resource: "*", context: ["aws:CalledViaLast": "ec2.amazonaws.com"]),
            .init(action: "bedrock:CreateModelInvocationJob", resource: "*"),
        ]
        for request in denied {
            #expect(!iam.allows(request), "\(request.action) \(request.resource) \(request.context)")
        }
    }

    @Test func sydneyAllowsTheProfilesClaudeCodeFindsThereWhenApacHasNone() throws {
        // ap-* gives the apac. prefix, which Opus 5 and Sonnet 4.5 lack: Claude Code takes a profile it finds (au. or global.).
        let profile = SetupProfile(name: "p", credentials: .awsProfile, awsProfile: "dev", region: "ap-southeast-2")
        let (iam, _) = try policy(profile, prefix: "apac")
        let au = ["ap-southeast-2", "ap-southeast-4"]
        let everywhere = ["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1", ""]
        for (base, name) in [
            ("anthropic.claude-opus-5", "opus 5"), ("anthropic.claude-sonnet-4-5-20250929-v1:0", "sonnet 4.5"),
        ] {
            for request in needs(profile: "au." + base, from: "ap-southeast-2", destinations: au)
                + needs(profile: "global." + base, from: "ap-southeast-2", destinations: everywhere)
            {
                #expect(iam.allows(request), "\(name): \(request.action) \(request.resource)")
            }
        }
        #expect(
            !iam.allows(
                .init(
                    action: "bedrock:InvokeModel",
                    resource: Self.profileARN("us.anthropic.claude-opus-5", "ap-southeast-2"))))
    }

    @Test func apiKeyPinsInTwoRegionsAndCallWithBearerToken() throws {
        var profile = SetupProfile(
            name: "p", credentials: .apiKey, region: "eu-west-1", smallFastRegion: "us-east-1",
            model: "eu.anthropic.claude-sonnet-5[1m]", smallFastModel: "global.anthropic.claude-haiku-4-5-20251001-v1:0"
        )
        profile.opusModel = "eu.anthropic.claude-opus-5"
        let (iam, statements) = try policy(profile, prefix: "eu")
        let required =
            needs(
                profile: "eu.anthropic.claude-sonnet-5", from: "eu-west-1", destinations: ["eu-central-1", "eu-west-3"])
            + needs(
                profile: "global.anthropic.claude-haiku-4-5-20251001-v1:0", from: "us-east-1",
                destinations: ["ap-south-1", ""])
            + needs(profile: "eu.anthropic.claude-opus-5", from: "eu-west-1", destinations: ["eu-north-1"])
            + always + [.init(action: "bedrock:CallWithBearerToken", resource: "*")]
        for request in required { #expect(iam.allows(request), "\(request.action) \(request.resource)") }
        // Pinned: no default model is allowed.
        #expect(
            !iam.allows(
                .init(
                    action: "bedrock:InvokeModel",
                    resource: Self.profileARN("eu.anthropic.claude-opus-4-8", "eu-west-1"))))
        #expect(
            !iam.allows(
                .init(
                    action: "bedrock:InvokeModel",
                    resource: Self.profileARN("eu.anthropic.claude-sonnet-5[1m]", "eu-west-1"))))
        #expect(statements.contains { $0.sid == "UseBedrockAPIKeys" })
    }

    @Test func liveDestinationsAreListedAndNothingElse() throws {
        let profile = SetupProfile(
            name: "p", credentials: .environment, region: "us-east-1", model: "us.anthropic.claude-opus-5")
        let live = IAMPolicy.Live(destinations: [
            "us.anthropic.claude-opus-5": [
                Self.model("anthropic.claude-opus-5", "us-east-1"),
                Self.model("anthropic.claude-opus-5", "us-west-2"),
            ]
        ])
        let (iam, statements) = try policy(profile, prefix: "us", live: live)
        for request in needs(
            profile: "us.anthropic.claude-opus-5", from: "us-east-1", destinations: ["us-east-1", "us-west-2"])
        {
            #expect(iam.allows(request), "\(request.resource)")
        }
        #expect(
            !iam.allows(
                .init(
                    action: "bedrock:InvokeModel", resource: Self.model("anthropic.claude-opus-5", "eu-west-1"),
                    context: ["bedrock:InferenceProfileArn": Self.profileARN("us.anthropic.claude-opus-5", "us-east-1")]
                )))
        #expect(!statements.contains { $0.condition != nil && $0.actions == IAMPolicy.invokeActions })
    }

    @Test func applicationProfilePinAllowsItsBackingModelNotEveryModel() throws {
        let arn = "arn:aws:bedrock:us-east-1:\(Self.account):application-inference-profile/a1b2c3d4e5f6"
        let profile = SetupProfile(name: "p", credentials: .sso, awsProfile: "corp", region: "us-east-1", model: arn)
        let backing = [
            Self.model("anthropic.claude-opus-5", "us-east-1"), Self.model("anthropic.claude-opus-5", "us-east-2"),
        ]
        let (iam, statements) = try policy(profile, prefix: "us", live: IAMPolicy.Live(destinations: [arn: backing]))
        for action in IAMPolicy.invokeActions {
            #expect(iam.allows(.init(action: action, resource: arn)))
            for model in backing {
                #expect(
                    iam.allows(.init(action: action, resource: model, context: ["bedrock:InferenceProfileArn": arn])))
            }
            #expect(
                !iam.allows(
                    .init(
                        action: action, resource: Self.model("anthropic.claude-sonnet-5", "us-east-1"),
                        context: ["bedrock:InferenceProfileArn": arn])))
        }
        #expect(iam.allows(.init(action: "bedrock:GetInferenceProfile", resource: arn)))
        #expect(!IAMPolicy.document(statements).serialized().contains("foundation-model/*"))
    }

    @Test func aliasesAndModelARNs() throws {
        var profile = SetupProfile(
            name: "p", credentials: .sso, awsProfile: "corp", region: "us-west-2", model: "opusplan")
        profile.sonnetModel = "us.anthropic.claude-sonnet-5"
        let (iam, _) = try policy(profile, prefix: "us")
        // opusplan plans with opus (Opus 4.6 on Bedrock, no Opus pin) and works with the Sonnet pin.
        #expect(
            iam.allows(
                .init(
                    action: "bedrock:InvokeModel",
                    resource: Self.profileARN("us.anthropic.claude-opus-4-6-v1", "us-west-2"))))
        #expect(
            iam.allows(
                .init(
                    action: "bedrock:InvokeModel",
                    resource: Self.profileARN("us.anthropic.claude-sonnet-5", "us-west-2"))))
        #expect(
            !iam.allows(
                .init(
                    action: "bedrock:InvokeModel",
                    resource: Self.profileARN("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-west-2"))))

        let provisioned = "arn:aws:bedrock:us-west-2:\(Self.account):provisioned-model/abc123def456"
        let pinned = SetupProfile(
            name: "p", credentials: .sso, awsProfile: "corp", region: "us-west-2", model: provisioned)
        let (direct, _) = try policy(pinned, prefix: "us")
        #expect(direct.allows(.init(action: "bedrock:InvokeModelWithResponseStream", resource: provisioned)))
    }

    @Test func everyStatementIsExplained() throws {
        let profile = SetupProfile(name: "p", credentials: .apiKey, region: "us-east-1")
        let (_, statements) = try policy(profile, prefix: "us")
        let text = IAMPolicy.explanation(statements)
        for statement in statements {
            #expect(text.contains(statement.sid + "\n  "))
            #expect(!statement.why.isEmpty)
        }
        #expect(Set(statements.map(\.sid)).count == statements.count)
    }

    @Test func govCloudUsesItsPartition() throws {
        let profile = SetupProfile(
            name: "g", credentials: .awsProfile, awsProfile: "g", region: "us-gov-west-1",
            model: "us-gov.anthropic.claude-opus-4-8")
        let (iam, statements) = try policy(profile, prefix: "us-gov")
        let text = IAMPolicy.document(statements).serialized()
        #expect(
            iam.allows(
                .init(
                    action: "bedrock:InvokeModel",
                    resource:
                        "arn:aws-us-gov:bedrock:us-gov-west-1:\(Self.account):inference-profile/us-gov.anthropic.claude-opus-4-8"
                )))
        #expect(!text.contains("arn:aws:"))
    }

    @Test func theEvaluatorItself() {
        #expect(IAMEvaluator.matches("arn:aws:bedrock:*::foundation-model/x", "arn:aws:bedrock:::foundation-model/x"))
        #expect(IAMEvaluator.matches("a?c", "abc") && !IAMEvaluator.matches("a?c", "ac"))
        #expect(
            !IAMEvaluator.matches(
                "arn:aws:bedrock:us-east-1:*:inference-profile/us.x",
                "arn:aws:bedrock:us-east-1:1:inference-profile/us.xy"))
        #expect(IAMEvaluator.matches("Bedrock:invoke*", "bedrock:InvokeModel", caseInsensitive: true))
    }
}
