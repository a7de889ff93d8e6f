import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// Bedrock control-plane calls and every diagnosis, over real HTTP against the local fake,
/// which checks each signature with botocore's signer.
@Suite("Bedrock fake: calls and diagnoses", .timeLimit(.minutes(2)))
struct BedrockFakeTests {
    let auth = CallAuthorization.sigV4(BedrockFake.credentials)

    @Test func listInferenceProfilesFollowsEveryPage() async throws {
        let fake = try BedrockFake()
        try await fake.configure(["page_size": 3])
        let api = makeAPI(fake.environment)
        let profiles = try await api.listInferenceProfiles(
            region: "us-east-1", type: "SYSTEM_DEFINED", authorization: auth)
        let expected = Catalogue.bundled.profiles(usableFrom: "us-east-1").map(\.id)
        #expect(Set(profiles.map(\.id)) == Set(expected))
        let pages = try await fake.requests().filter { ($0["path"] as? String) == "/inference-profiles" }
        #expect(pages.count == (expected.count + 2) / 3)
        #expect(pages.allSatisfy { ($0["region"] as? String) == "us-east-1" })
        let sonnet = try #require(profiles.first { $0.id == "us.anthropic.claude-sonnet-4-5-20250929-v1:0" })
        #expect(sonnet.destinationRegions == ["us-east-1", "us-east-2", "us-west-1", "us-west-2"])
    }

    @Test func systemAndApplicationProfilesTogether() async throws {
        let fake = try BedrockFake()
        let profiles = try await makeAPI(fake.environment).listAllInferenceProfiles(
            region: "eu-west-1", authorization: auth)
        #expect(
            profiles.contains {
                $0.type == "APPLICATION" && $0.arn.hasSuffix("application-inference-profile/a1b2c3d4e5f6")
            })
        #expect(profiles.contains { $0.id == "eu.anthropic.claude-sonnet-5" })
    }

    @Test func getProfileAvailabilityAndModels() async throws {
        let fake = try BedrockFake()
        let api = makeAPI(fake.environment)
        let arn = "arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/a1b2c3d4e5f6"
        #expect(
            try await api.getInferenceProfile(region: "us-west-2", identifier: arn, authorization: auth).type
                == "APPLICATION")
        let id = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
        #expect(try await api.getInferenceProfile(region: "us-west-2", identifier: id, authorization: auth).id == id)
        #expect(
            try await api.getFoundationModelAvailability(
                region: "us-west-2", modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
                authorization: auth
            ).isUsable)
        let models = try await api.listFoundationModels(region: "us-west-2", authorization: auth)
        #expect(models.count == Catalogue.bundled.models.filter { !$0.profiles.isEmpty }.count)
        // A model ID with ':' in the path is double-encoded in the signature and accepted.
        let invoked = try await api.invokeOneToken(region: "us-west-2", modelId: id, authorization: auth)
        #expect(invoked.stopReason == "max_tokens" && invoked.outputTokens == 1)
    }

    @Test(
        "Every AWS error maps to its diagnosis",
        arguments: [
            ("iam-deny", DiagnosisCode.iamDenied), ("scp-deny", .scpDenied), ("model-not-enabled", .modelNotEnabled),
            ("use-case-form", .useCaseFormMissing), ("on-demand", .onDemandNotSupported),
            ("invalid-model", .invalidModelIdentifier),
            ("legacy", .legacyModel), ("throttle", .throttled), ("server-error", .serviceError),
            ("truncated", .malformedResponse),
            ("wrong-content-type", .malformedResponse), ("expired-token", .expiredToken), ("invalid-key", .invalidKey),
        ])
    func diagnosis(mode: String, expected: DiagnosisCode) async throws {
        let fake = try BedrockFake()
        try await fake.configure(["fail": ["*": mode]])
        let api = makeAPI(fake.environment)
        let context = DiagnosisContext(
            check: .model(.primary), region: "us-east-1", awsProfile: "dev",
            modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0")
        do {
            _ = try await api.listInferenceProfiles(region: "us-east-1", type: "SYSTEM_DEFINED", authorization: auth)
            Issue.record("\(mode) did not fail")
        } catch {
            let diagnosis = Classifier.diagnose(error, context: context)
            #expect(diagnosis.code == expected, "\(diagnosis)")
            #expect(diagnosis.fix?.isEmpty == false)
            #expect(diagnosis.severity == (expected == .throttled ? .warning : .failure))
            if expected == .onDemandNotSupported {
                #expect(diagnosis.fix == "Use the inference profile ID us.anthropic.claude-sonnet-4-5-20250929-v1:0.")
            }
            if expected == .iamDenied {
                #expect(
                    diagnosis.cause
                        == "IAM does not allow bedrock:ListInferenceProfiles on arn:aws:bedrock:us-east-1:123456789012:inference-profile/*."
                )
            }
        }
        let attempts = try await fake.requests().filter { ($0["path"] as? String) == "/inference-profiles" }.count
        // Throttling and 5xx are retried (3 attempts in all); nothing else is.
        #expect(attempts == (["throttle", "server-error"].contains(mode) ? 3 : 1))
    }

    @Test func bareModelIdInvocationIsOnDemandWithTheProfileOffered() async throws {
        let fake = try BedrockFake()
        let bare = "anthropic.claude-haiku-4-5-20251001-v1:0"
        do {
            _ = try await makeAPI(fake.environment).invokeOneToken(
                region: "eu-central-1", modelId: bare, authorization: auth)
            Issue.record("a bare model ID was accepted")
        } catch {
            let diagnosis = Classifier.diagnose(
                error, context: DiagnosisContext(check: .testCall, region: "eu-central-1", modelId: bare))
            #expect(diagnosis.code == .onDemandNotSupported)
            #expect(diagnosis.fix == "Use the inference profile ID eu.\(bare).")
        }
    }

    /// The skew is measured when the answer arrives: here the answer is handed over 7 s late (a
    /// busy thread pool under load), which, measured after, read 16:32 and said "17 minutes".
    @Test func sixteenMinutesOfClockSkewIsSaidAsSuch() async throws {
        let fake = try BedrockFake()
        let skewed: @Sendable () -> Date = { Date().addingTimeInterval(16 * 60 + 25) }
        let late = LateTransport(inner: CurlTransport(environment: fake.environment), delay: 7)
        let api = AWSAPI(
            caller: AWSCaller(
                transport: late, endpoints: Endpoints(environment: fake.environment),
                timeouts: Timeouts(connect: 2, total: 10), now: skewed, sleep: { _ in }))
        do {
            _ = try await api.listInferenceProfiles(region: "us-east-1", type: "SYSTEM_DEFINED", authorization: auth)
            Issue.record("a skewed signature was accepted")
        } catch {
            let diagnosis = Classifier.diagnose(error, context: DiagnosisContext(check: .identity, region: "us-east-1"))
            #expect(diagnosis.code == .clockSkew)
            #expect(diagnosis.cause == "This computer's clock is 16 minutes ahead of AWS, so signatures are refused.")
        }
    }

    @Test func aStalledSocketTimesOutAndARefusedPortIsSaid() async throws {
        let fake = try BedrockFake()
        try await fake.configure(["fail": ["*": "stall"]])
        let api = makeAPI(fake.environment, timeouts: Timeouts(connect: 1, total: 1))
        let started = Date()
        do {
            _ = try await api.listInferenceProfiles(region: "us-east-1", type: "SYSTEM_DEFINED", authorization: auth)
            Issue.record("a stalled answer returned")
        } catch {
            #expect(
                Classifier.diagnose(error, context: DiagnosisContext(check: .identity, region: "us-east-1")).code
                    == .timeout)
        }
        #expect(Date().timeIntervalSince(started) < 30)  // bounded: one attempt, not retried

        let closed = makeAPI(["AWS_ENDPOINT_URL": "http://127.0.0.1:9"])
        do {
            _ = try await closed.listInferenceProfiles(region: "us-east-1", type: "SYSTEM_DEFINED", authorization: auth)
            Issue.record("port 9 answered")
        } catch {
            #expect(
                error
                    == .transport(
                        .connectionRefused(host: "127.0.0.1"), service: .bedrock, operation: "ListInferenceProfiles"))
            #expect(
                Classifier.diagnose(error, context: DiagnosisContext(check: .identity, region: "us-east-1")).code
                    == .connectFailed)
        }
    }

    @Test func aProxyThatIsNotThereIsAProxyFailure() async throws {
        let environment = ["AWS_ENDPOINT_URL": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9"]
        do {
            _ = try await makeAPI(environment).listFoundationModels(region: "us-east-1", authorization: auth)
            Issue.record("no proxy answered")
        } catch {
            #expect(
                Classifier.diagnose(error, context: DiagnosisContext(check: .identity, region: "us-east-1")).code
                    == .proxyFailure)
        }
    }

    @Test func bedrockAPIKeyIsSentAsABearerToken() async throws {
        let fake = try BedrockFake()
        try await fake.configure(["bearer_tokens": ["ABSKgoodkeygoodkeygoodkey"]])
        let api = makeAPI(fake.environment)
        #expect(
            try await api.listInferenceProfiles(
                region: "us-east-1", type: "SYSTEM_DEFINED", authorization: .bearer("ABSKgoodkeygoodkeygoodkey")
            ).count > 0)
        do {
            _ = try await api.listInferenceProfiles(
                region: "us-east-1", type: "SYSTEM_DEFINED", authorization: .bearer("ABSKbadbadbadbadbad"))
            Issue.record("a wrong API key was accepted")
        } catch {
            let diagnosis = Classifier.diagnose(error, context: DiagnosisContext(check: .identity, region: "us-east-1"))
            #expect(diagnosis.code == .invalidKey)
            #expect(!"\(diagnosis)".contains("ABSKbad") && !error.description.contains("ABSKbad"))
        }
        #expect(
            try await fake.requests().allSatisfy {
                ($0["authorization"] as? String) != "AWS4-HMAC-SHA256"
                    || ($0["path"] as? String)?.hasPrefix("/_fake") == true
            })
    }

    @Test func regionScanAsksEveryRegionAtOnce() async throws {
        let fake = try BedrockFake()
        try await fake.configure(["latency_ms": 200, "fail_regions": ["ap-south-2": "iam-deny"]])
        let scanner = RegionScanner(api: makeAPI(fake.environment))
        let regions = Catalogue.bundled.regions.map(\.name)
        let report = await scanner.scan(
            regions: regions, models: ["us.anthropic.claude-sonnet-4-5-20250929-v1:0"], authorization: auth)
        #expect(report.results.count == regions.count)
        #expect(report.results.first { $0.region == "ap-south-2" }?.problem?.code == .iamDenied)
        #expect(
            report.results.first { $0.region == "eu-west-2" }?.offered["anthropic.claude-sonnet-4-5-20250929-v1:0"]
                == "eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
        #expect(report.results.first { $0.region == "mx-central-1" }?.offered.isEmpty == true)
        // Measured, not asserted: the benchmark reports the same ratio.
        let slowest = report.results.compactMap(\.latency).max() ?? 0
        print(
            "region scan: \(regions.count) Regions, wall \(Int(report.wallTime * 1000)) ms, slowest single \(Int(slowest * 1000)) ms, ratio \(String(format: "%.2f", report.concurrencyRatio ?? 0))"
        )
    }
}

/// Hands each answer over `delay` seconds after it arrived, as a starved thread pool does.
struct LateTransport: HTTPTransport {
    let inner: any HTTPTransport
    let delay: Double

    func send(_ request: HTTPRequest, timeouts: Timeouts) async throws -> HTTPResponse {
        let response = try await inner.send(request, timeouts: timeouts)
        try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
        return response
    }
}
