import AWSClient
import Foundation
import TestSupport
import Testing

/// Our signer against botocore's on generated requests (fixed seed): a few hundred every run,
/// 10,000 with BEDROCK_SETUP_LONG_TESTS=1.
@Suite("SigV4 against botocore", .timeLimit(.minutes(5)))
struct SigV4DifferentialTests {
    static let segments = [
        "model", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc",
        "inference-profiles", "ሴ", "日本語", "a b", "x+y", "%41", "~tilde", ".", "..", "", "semi;colon", "eq=al",
        "at@sign", "(paren)", "*star",
    ]
    static let queryKeys = [
        "maxResults", "type", "nextToken", "a", "A", "b", "ሴ", "key with space", "", "x=y", "empty",
    ]
    static let queryValues = ["1000", "SYSTEM_DEFINED", "", "a/b", "value with space", "ü", "+plus", "%2F", "=", "&"]

    static func randomRequest(_ generator: inout SeededGenerator) -> HTTPRequest {
        let method = ["GET", "POST", "PUT", "DELETE"].randomElement(using: &generator)!
        var path = ""
        for _ in 0..<Int.random(in: 0...5, using: &generator) {
            // Path segments as our client sends them: each percent-encoded once.
            path += "/" + SigV4.uriEncode(segments.randomElement(using: &generator)!)
        }
        if path.isEmpty || Bool.random(using: &generator) { path += "/" }
        var pairs: [String] = []
        for _ in 0..<Int.random(in: 0...4, using: &generator) {
            let key = SigV4.uriEncode(queryKeys.randomElement(using: &generator)!)
            let value = SigV4.uriEncode(queryValues.randomElement(using: &generator)!)
            pairs.append("\(key)=\(value)")
        }
        var headers: [(String, String)] = []
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            let name = ["Content-Type", "X-Amz-Target", "My-Header", "x-custom-Header"].randomElement(
                using: &generator)!
            let value = ["application/json", "  padded  value  ", "a   b\tc", "UPPER lower", "x,y"].randomElement(
                using: &generator)!
            headers.append((name, value))
        }
        let body =
            method == "GET"
            ? []
            : Array(
                (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator)
                })
        return HTTPRequest(
            method: method,
            host: ["bedrock.us-east-1.amazonaws.com", "sts.eu-west-1.amazonaws.com", "127.0.0.1:8443"].randomElement(
                using: &generator)!,
            path: path, query: pairs.joined(separator: "&"), headers: headers, body: body)
    }

    @Test func zeroMismatchesWithBotocore() throws {
        let count = ProcessInfo.processInfo.environment["BEDROCK_SETUP_LONG_TESTS"] == "1" ? 10_000 : 400
        var generator = SeededGenerator(seed: 42)
        var lines: [String] = []
        let date = Date(timeIntervalSince1970: 1_764_000_000)
        for index in 0..<count {
            var request = Self.randomRequest(&generator)
            if let colon = request.host.firstIndex(of: ":") {
                request.port = Int(request.host[request.host.index(after: colon)...])
                request.host = String(request.host[..<colon])
            }
            let token = index % 3 == 0 ? "session/token+\(index)" : nil
            let credentials = AWSCredentials(
                accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                sessionToken: token)
            let service = ["bedrock", "sts", "awsssoportal"].randomElement(using: &generator)!
            let region = ["us-east-1", "eu-central-1", "ap-northeast-1"].randomElement(using: &generator)!
            let signing = SigV4.signing(request, credentials: credentials, region: region, service: service, date: date)
            var json: [String: Any] = [
                "method": request.method, "host": request.hostHeader, "path": request.path, "query": request.query,
                "headers": request.headers.map { [$0.0, $0.1] }, "body": Data(request.body).base64EncodedString(),
                "date": SigV4.amzDate(date), "access": credentials.accessKeyId, "secret": credentials.secretAccessKey,
                "region": region, "service": service, "signature": signing.signature,
                "canonical": signing.canonicalRequest,
            ]
            if let token { json["token"] = token }
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self))
        }
        let file = NSTemporaryDirectory() + "sigv4-cases-\(UUID().uuidString).jsonl"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let output = try run(["python3", TestPaths.repository + "/Tests/peers/sigv4_oracle.py", file])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(result["checked"] as? Int == count)
        #expect(result["mismatches"] as? Int == 0, "\(result["examples"] ?? "")")
        print("SigV4 vs botocore: \(result["checked"] ?? 0) requests, \(result["mismatches"] ?? 0) mismatches")
    }
}
