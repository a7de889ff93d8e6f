import AWSClient
import BedrockCore
import Foundation

/// A Python peer on 127.0.0.1, started for a test and stopped with it (and with the test
/// process: the peers watch their parent).
public final class PythonPeer: @unchecked Sendable {
    public let process = Process()
    public let firstLine: String

    public init(script: String, arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", TestPaths.repository + "/Tests/peers/" + script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        let deadline = Date().addingTimeInterval(60)
        while !buffer.contains(0x0A), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += chunk
        }
        guard let line = String(data: buffer, encoding: .utf8)?.split(separator: "\n").first else {
            kill(process.processIdentifier, SIGKILL)
            throw PeerError.didNotStart(script)
        }
        firstLine = String(line)
    }

    deinit {
        // SIGKILL: the test runner's children may inherit a mask that blocks SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

public enum PeerError: Error { case didNotStart(String) }

/// The Bedrock control-plane / SSO-portal fake (Tests/peers/bedrock_fake.py).
public final class BedrockFake: @unchecked Sendable {
    public static let accessKey = "AKIAFAKEEXAMPLE00001"
    public static let secretKey = "fakeSecretKey0000000000000000000000000001"
    public static let credentials = AWSCredentials(accessKeyId: accessKey, secretAccessKey: secretKey)

    public let peer: PythonPeer
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)" }

    public init() throws {
        peer = try PythonPeer(
            script: "bedrock_fake.py",
            arguments: [TestPaths.repository + "/Sources/BedrockCore/Resources/catalogue.json"])
        port = Int(peer.firstLine)!
    }

    public func configure(_ settings: [String: Any]) async throws {
        _ = try await control("POST", "/_fake/config", settings)
    }

    public func addKey(_ key: String, secret: String, token: String? = nil) async throws {
        var body: [String: Any] = ["access_key_id": key, "secret_access_key": secret]
        if let token { body["session_token"] = token }
        _ = try await control("POST", "/_fake/keys", body)
    }

    public func requests() async throws -> [[String: Any]] {
        let response = try await control("GET", "/_fake/requests", nil)
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
    }

    /// Control calls go through libcurl too: blocking Foundation networking would starve
    /// Swift's two-thread cooperative pool on this machine.
    private func control(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> HTTPResponse {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let request = HTTPRequest(
            method: method, scheme: "http", host: "127.0.0.1", port: port, path: path, body: Array(data))
        return try await CurlTransport(environment: [:]).send(request, timeouts: Timeouts(connect: 2, total: 10))
    }

    /// A fake that also accepts moto's keys: one set of credentials passes STS (moto) and Bedrock (this fake).
    public static func trusting(_ moto: MotoPeer) async throws -> BedrockFake {
        let fake = try BedrockFake()
        try await fake.addKey(moto.credentials.accessKeyId, secret: moto.credentials.secretAccessKey)
        return fake
    }

    /// Every service pointed at this fake, as the SDK endpoint variables do it.
    public var environment: [String: String] { ["AWS_ENDPOINT_URL": url] }
}

/// moto's server with authentication enforced (Tests/peers/moto_peer.py), shared by the suite.
public final class MotoPeer: @unchecked Sendable {
    public let peer: PythonPeer
    public let port: Int
    public let credentials: AWSCredentials
    public let roleArn: String
    public let account: String

    public static let shared: Result<MotoPeer, Error> = Result { try MotoPeer() }
    /// A moto that does not enforce request signatures: its STS then answers the unsigned
    /// AssumeRoleWithWebIdentity as AWS does (moto with auth on fails it with HTTP 500).
    public static let open: Result<MotoPeer, Error> = Result { try MotoPeer(arguments: ["--open"]) }

    private init(arguments: [String] = []) throws {
        peer = try PythonPeer(script: "moto_peer.py", arguments: arguments)
        let json = try JSONSerialization.jsonObject(with: Data(peer.firstLine.utf8)) as? [String: Any] ?? [:]
        port = json["port"] as? Int ?? 0
        credentials = AWSCredentials(
            accessKeyId: json["access_key_id"] as? String ?? "",
            secretAccessKey: json["secret_access_key"] as? String ?? "")
        roleArn = json["role_arn"] as? String ?? ""
        account = json["account"] as? String ?? ""
    }

    public var url: String { "http://127.0.0.1:\(port)" }
}

public func makeAPI(
    _ environment: [String: String], timeouts: Timeouts = Timeouts(connect: 2, total: 10), maxAttempts: Int = 3,
    now: @escaping @Sendable () -> Date = Date.init
) -> AWSAPI {
    AWSAPI(
        caller: AWSCaller(
            transport: CurlTransport(environment: environment), endpoints: Endpoints(environment: environment),
            timeouts: timeouts, maxAttempts: maxAttempts, now: now, sleep: { _ in }))
}
