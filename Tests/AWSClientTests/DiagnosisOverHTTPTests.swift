import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// Each diagnosis issue 11 names, triggered for real over HTTP against the local fake (which
/// checks every SigV4 signature with botocore's signer), read the way AWS's models say.
@Suite("Diagnoses over HTTP: the right cause and fix", .timeLimit(.minutes(2)))
struct DiagnosisOverHTTPTests {
    let auth = CallAuthorization.sigV4(BedrockFake.credentials)
    let model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"

    func context(_ check: Check = .identity, model: String? = nil) -> DiagnosisContext {
        DiagnosisContext(check: check, region: "us-east-1", modelId: model)
    }

    func failure(_ body: () async throws(AWSFailure) -> Void) async -> AWSFailure? {
        do {
            try await body()
            return nil
        } catch { return error }
    }

    /// Verify with keys from the environment, against the fake for every service.
    func verify(_ fake: BedrockFake, _ setup: SetupProfile, secrets: Secrets = Secrets(), extra: [String: String] = [:])
        async -> [Diagnosis]
    {
        let environment = fake.environment.merging([
            "AWS_ACCESS_KEY_ID": BedrockFake.accessKey, "AWS_SECRET_ACCESS_KEY": BedrockFake.secretKey,
        ]) { $1 }
        .merging(extra) { $1 }
        let home = TestHome()
        let checker = SetupChecker(
            api: makeAPI(environment, maxAttempts: 1), environment: environment, files: try! home.files(),
            ssoCache: home.ssoCache)
        return await checker.verify(setup, secrets: secrets, invoke: false)
    }

    @Test func stsAnswerIsReadAsXMLNotBySubstring() async throws {
        let fake = try BedrockFake()
        let identity = try await makeAPI(fake.environment).getCallerIdentity(
            region: "us-east-1", credentials: BedrockFake.credentials)
        // The answer carries a decoy <Account> inside an XML comment before the real member.
        #expect(identity.account != "000000000000")
        #expect(identity.arn.hasSuffix(":user/dev") && identity.arn.contains(identity.account))
    }

    @Test func stsAccessDeniedNamesGetCallerIdentity() async throws {
        let fake = try BedrockFake()
        try await fake.configure(["fail": ["GetCallerIdentity": "sts-deny"]])
        let error = await failure { () async throws(AWSFailure) in
            _ = try await makeAPI(fake.environment).getCallerIdentity(
                region: "us-east-1", credentials: BedrockFake.credentials)
        }
        let diagnosis = Classifier.diagnose(try #require(error), context: context(.identity))
        #expect(diagnosis.code == .stsDenied)
        #expect(diagnosis.cause.contains("sts:GetCallerIdentity") && !diagnosis.cause.contains("bedrock:"))
    }

    @Test func anInvalidAPIKeyIsNotAnAccessKeyProblem() async throws {
        let fake = try BedrockFake()
        let lines = await verify(
            fake, SetupProfile(name: "k", credentials: .apiKey, region: "us-east-1", model: model),
            secrets: Secrets(apiKey: "ABSKnotarealkeynotarealkey0001"))
        let identity = try #require(lines.first { $0.check == .identity })
        #expect(identity.code == .invalidAPIKey)
        #expect(identity.fix?.contains("API key") == true && identity.fix?.contains("access key") == false)
    }

    @Test func theAPIKeyProbeAsksOnePage() async throws {
        let fake = try BedrockFake()
        try await fake.configure(["bearer_tokens": ["ABSKgoodkeygoodkeygood0001"], "page_size": 1])
        let lines = await verify(
            fake, SetupProfile(name: "k", credentials: .apiKey, region: "us-east-1", model: model),
            secrets: Secrets(apiKey: "ABSKgoodkeygoodkeygood0001"))
        #expect(lines.first { $0.check == .identity }?.severity == .ok)
        let probes = try await fake.requests().filter {
            ($0["path"] as? String) == "/inference-profiles" && ($0["query"] as? [String: String])?["maxResults"] == "1"
        }
        #expect(probes.count == 1, "the identity probe asked \(probes.count) pages")
    }

    @Test func expiredSessionKeysAreNotAnSSOLogin() async throws {
        let fake = try BedrockFake()
        try await fake.configure(["fail": ["ListInferenceProfiles": "expired-token"]])
        let lines = await verify(
            fake, SetupProfile(name: "e", credentials: .environment, region: "us-east-1", model: model))
        let listing = try #require(lines.first { $0.check == .listInferenceProfiles })
        #expect(listing.code == .expiredToken)
        #expect(listing.fix?.contains("sso") == false, "\(listing.fix ?? "")")
    }

    @Test func availabilityEntitlementAndRegionAreNotIAMDenials() async throws {
        for (field, code) in [
            ("entitlementAvailability", DiagnosisCode.modelNotEntitled), ("regionAvailability", .modelNotInRegion),
        ] {
            let fake = try BedrockFake()
            try await fake.configure(["availability": [field: "NOT_AVAILABLE"]])
            let lines = await verify(
                fake, SetupProfile(name: "m", credentials: .environment, region: "us-east-1", model: model))
            let check = try #require(lines.first { $0.check == .model(.primary) })
            #expect(check.code == code, "\(field): \(check)")
            #expect(check.code != .iamDenied)
        }
    }

    @Test func unavailableTimeoutQuotaAndNamespacedCodes() async throws {
        let cases: [(String, DiagnosisCode)] = [
            ("unavailable", .serviceUnavailable), ("request-timeout", .timeout), ("quota", .quotaExceeded),
        ]
        for (mode, code) in cases {
            let fake = try BedrockFake()
            try await fake.configure([
                "fail": ["ListInferenceProfiles": mode], "error_namespace": "com.amazon.coral.service#",
            ])
            let error = await failure { () async throws(AWSFailure) in
                _ = try await makeAPI(fake.environment, maxAttempts: 3).listInferenceProfiles(
                    region: "us-east-1", type: "SYSTEM_DEFINED", authorization: auth)
            }
            guard case .service(let response, _, _, _)? = error else {
                Issue.record("\(mode): \(String(describing: error))")
                continue
            }
            #expect(response.code?.contains("#") == false, "the namespace is stripped: \(response.code ?? "")")
            #expect(Classifier.diagnose(error!, context: context()).code == code, "\(mode)")
            let asked = try await fake.requests().filter { ($0["path"] as? String) == "/inference-profiles" }.count
            if mode == "quota" { #expect(asked == 1, "a quota error is not retried (\(asked) requests)") }
        }
    }

    @Test func aMissingInferenceProfileIsNamedAsSuch() async throws {
        let fake = try BedrockFake()
        let id = "us.anthropic.claude-nonexistent-v1:0"
        let error = await failure { () async throws(AWSFailure) in
            _ = try await makeAPI(fake.environment).getInferenceProfile(
                region: "us-east-1", identifier: id, authorization: auth)
        }
        #expect(Classifier.diagnose(try #require(error), context: context(model: id)).code == .inferenceProfileNotFound)
    }

    @Test func aListingWithoutItsListMemberIsEmpty() async throws {
        let fake = try BedrockFake()
        try await fake.configure(["omit_list": true])
        let profiles = try await makeAPI(fake.environment).listInferenceProfiles(
            region: "us-east-1", type: "SYSTEM_DEFINED", authorization: auth)
        #expect(profiles.isEmpty)
    }

    @Test func verifyChecksTheModelsClaudeCodeWillCallWhenNothingIsPinned() async throws {
        let fake = try BedrockFake()
        let lines = await verify(fake, SetupProfile(name: "d", credentials: .environment, region: "us-east-1"))
        let checked = lines.filter { $0.check.isModel }.map(\.cause)
        let defaults = ClaudeCodeDefaults.of(nil).models(region: "us-east-1", prefixOverride: nil, version: nil)
        #expect(checked.contains { $0.contains(defaults.primary) }, "\(checked)")
        #expect(checked.contains { $0.contains(defaults.background) }, "\(checked)")
    }
}
