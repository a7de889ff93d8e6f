import AWSClient
import Foundation
import TestSupport
import Testing

/// AWS's published SigV4 test suite (aws-c-auth's copy), read in place from ../shared/vectors.
struct SigV4Case: CustomTestStringConvertible, Sendable {
    let name: String
    let folder: String
    var testDescription: String { name }

    static let root = TestPaths.vectors + "/sigv4/v4"

    static var all: [SigV4Case] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().map { SigV4Case(name: $0, folder: root + "/" + $0) }
    }

    func file(_ name: String) throws -> String { try String(contentsOfFile: folder + "/" + name, encoding: .utf8) }

    /// request.txt: a request line, headers (indented lines continue the previous one), a blank line, the body.
    func request() throws -> HTTPRequest {
        let text = try file("request.txt")
        let (head, body) =
            text.range(of: "\n\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) } ?? (
                text, ""
            )
        var lines = head.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix { $0 != " " })
        let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
        let (path, query) =
            target.firstIndex(of: "?").map { (String(target[..<$0]), String(target[target.index(after: $0)...])) } ?? (
                target, ""
            )
        var headers: [(String, String)] = []
        for line in lines {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let host = headers.first { $0.0.lowercased() == "host" }?.1 ?? "example.amazonaws.com"
        return HTTPRequest(
            method: method, host: host, path: path, query: query, headers: headers, body: Array(body.utf8))
    }

    /// The suite's `context.json`; its snake_case keys are decoded into Swift's names.
    struct Context: Decodable {
        struct Credentials: Decodable {
            let accessKeyId: String
            let secretAccessKey: String
            let token: String?
        }
        let credentials: Credentials
        let normalize: Bool
        let region: String
        let service: String
        let signBody: Bool
        let timestamp: String
        let omitSessionToken: Bool?
    }

    func context() throws -> Context {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Context.self, from: Data(try file("context.json").utf8))
    }

}

@Suite("SigV4")
struct SigV4SuiteTests {
    @Test func theWholeSuiteIsPresent() {
        #expect(SigV4Case.all.count == 38)
    }

    @Test("AWS SigV4 test suite", arguments: SigV4Case.all)
    func suiteCase(_ testCase: SigV4Case) throws {
        let context = try testCase.context()
        var options = SigV4.Options()
        options.normalizePath = context.normalize
        options.addContentHashHeader = context.signBody
        options.signSessionToken = !(context.omitSessionToken ?? false)
        let date = try #require(ISO8601DateFormatter().date(from: context.timestamp))
        let credentials = AWSCredentials(
            accessKeyId: context.credentials.accessKeyId,
            secretAccessKey: context.credentials.secretAccessKey, sessionToken: context.credentials.token)
        let result = SigV4.signing(
            try testCase.request(), credentials: credentials, region: context.region,
            service: context.service, date: date, options: options)
        #expect(result.canonicalRequest == (try testCase.file("header-canonical-request.txt")))
        #expect(result.stringToSign == (try testCase.file("header-string-to-sign.txt")))
        #expect(
            result.signature
                == (try testCase.file("header-signature.txt")).trimmingCharacters(in: .whitespacesAndNewlines))
        let expectedAuthorization = try testCase.file("header-signed-request.txt").components(separatedBy: "\n")
            .first { $0.hasPrefix("Authorization:") }?.dropFirst("Authorization:".count)
        #expect(result.request.header("Authorization") == expectedAuthorization.map(String.init))
    }

    // The three vectors of ../shared/vectors/README.md, computed with botocore for this product's calls.
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 20150830T123600Z
    static let example = AWSCredentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    @Test func listInferenceProfilesVector() {
        let request = HTTPRequest(
            method: "GET", host: "bedrock.us-east-1.amazonaws.com", path: "/inference-profiles",
            query: "maxResults=1000&type=SYSTEM_DEFINED")
        let result = SigV4.signing(
            request, credentials: Self.example, region: "us-east-1", service: "bedrock", date: Self.date)
        #expect(result.signature == "00ea0f54dada9a50f6b9a5a76f62f713c7a8921f5233031988318edf1c7e754e")
    }

    @Test func getCallerIdentityWithSessionTokenVector() {
        let request = HTTPRequest(
            method: "POST", host: "sts.us-east-1.amazonaws.com", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array("Action=GetCallerIdentity&Version=2011-06-15".utf8))
        let credentials = AWSCredentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: Self.example.secretAccessKey, sessionToken: "SESSIONTOKEN")
        let result = SigV4.signing(
            request, credentials: credentials, region: "us-east-1", service: "sts", date: Self.date)
        #expect(result.signature == "5947d8a67b7bc7d7ae6ad2e615583a1ceebd9851270eb8c60ddeb2702347b7dc")
        #expect(
            result.request.header("Authorization")?.contains(
                "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token") == true)
    }

    @Test func invokeModelVectorDoubleEncodesTheModelId() {
        let request = HTTPRequest(
            method: "POST", host: "bedrock-runtime.us-east-1.amazonaws.com",
            path: "/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/invoke",
            headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
        let result = SigV4.signing(
            request, credentials: Self.example, region: "us-east-1", service: "bedrock", date: Self.date)
        #expect(
            result.canonicalRequest.split(separator: "\n")[1]
                == "/model/us.anthropic.claude-3-5-haiku-20241022-v1%253A0/invoke")
        #expect(result.signature == "d6d18d601e9d45b4347d56e3e8a492b9f4f164774c76ac53b07af2678bb8312c")
    }

    @Test func datesAreFormattedInUTCWithoutAFormatter() {
        #expect(SigV4.amzDate(Self.date) == "20150830T123600Z")
        #expect(SigV4.amzDate(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
        #expect(SigV4.amzDate(Date(timeIntervalSince1970: 4_102_444_799)) == "20991231T235959Z")
    }

    @Test func credentialsNeverPrintTheirSecrets() {
        let credentials = AWSCredentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SECRETSECRET", sessionToken: "TOKENTOKEN")
        for text in ["\(credentials)", String(describing: credentials), String(reflecting: credentials)] {
            #expect(!text.contains("SECRETSECRET") && !text.contains("TOKENTOKEN"))
        }
    }
}
