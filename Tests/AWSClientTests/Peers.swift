import AWSClient
import BedrockCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A Python peer on 127.0.0.1, started for a test and stopped with it (and with the test
/// process: the peers watch their parent).
final class PythonPeer: @unchecked Sendable {
    let process = Process()
    let firstLine: String

    init(script: String, arguments: [String] = []) throws {
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
            process.terminate()
            throw PeerError.didNotStart(script)
        }
        firstLine = String(line)
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}

enum PeerError: Error { case didNotStart(String) }

/// The Bedrock control-plane / SSO-portal fake (Tests/peers/bedrock_fake.py).
final class BedrockFake: @unchecked Sendable {
    static let accessKey = "AKIAFAKEEXAMPLE00001"
    static let secretKey = "fakeSecretKey0000000000000000000000000001"
    static let credentials = AWSCredentials(accessKeyId: accessKey, secretAccessKey: secretKey)

    let peer: PythonPeer
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    init() throws {
        peer = try PythonPeer(script: "bedrock_fake.py", arguments: [TestPaths.repository + "/Resources/catalogue.json"])
        port = Int(peer.firstLine)!
    }

    func configure(_ settings: [String: Any]) throws {
        try post("/_fake/config", settings)
    }

    func addKey(_ key: String, secret: String, token: String? = nil) throws {
        var body: [String: Any] = ["access_key_id": key, "secret_access_key": secret]
        if let token { body["session_token"] = token }
        try post("/_fake/keys", body)
    }

    func requests() throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(string: url + "/_fake/requests")!)
        return try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
    }

    private func post(_ path: String, _ body: [String: Any]) throws {
        var request = URLRequest(url: URL(string: url + path)!)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var error: Error? }
        let box = Box()
        URLSession.shared.dataTask(with: request) { _, _, error in
            box.error = error
            done.signal()
        }.resume()
        done.wait()
        if let error = box.error { throw error }
    }

    /// Every service pointed at this fake, as the SDK endpoint variables do it.
    var environment: [String: String] { ["AWS_ENDPOINT_URL": url] }
}

/// moto's server with authentication enforced (Tests/peers/moto_peer.py), shared by the suite.
final class MotoPeer: @unchecked Sendable {
    let peer: PythonPeer
    let port: Int
    let credentials: AWSCredentials
    let roleArn: String
    let account: String

    static let shared: Result<MotoPeer, Error> = Result { try MotoPeer() }

    private init() throws {
        peer = try PythonPeer(script: "moto_peer.py")
        let json = try JSONSerialization.jsonObject(with: Data(peer.firstLine.utf8)) as? [String: Any] ?? [:]
        port = json["port"] as? Int ?? 0
        credentials = AWSCredentials(accessKeyId: json["access_key_id"] as? String ?? "", secretAccessKey: json["secret_access_key"] as? String ?? "")
        roleArn = json["role_arn"] as? String ?? ""
        account = json["account"] as? String ?? ""
    }

    var url: String { "http://127.0.0.1:\(port)" }
}

func makeAPI(_ environment: [String: String], timeouts: Timeouts = Timeouts(connect: 2, total: 10), maxAttempts: Int = 3,
             now: @escaping @Sendable () -> Date = Date.init) -> AWSAPI {
    AWSAPI(caller: AWSCaller(transport: CurlTransport(environment: environment), endpoints: Endpoints(environment: environment),
                             timeouts: timeouts, maxAttempts: maxAttempts, now: now, sleep: { _ in }))
}

/// A throw-away HOME with AWS files, for chain tests.
final class ScratchHome: @unchecked Sendable {
    let path = NSTemporaryDirectory() + "bedrock-setup-aws-" + UUID().uuidString

    init() { try! FileManager.default.createDirectory(atPath: path + "/.aws/sso/cache", withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String, mode: Int = 0o600) {
        let file = path + "/" + relative
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, mode_t(mode))
    }

    var paths: Paths { Paths(environment: ["HOME": path], workingDirectory: path) }
    func files() throws -> AWSSharedFiles { try AWSSharedFiles.read(paths: paths) }
    var ssoCache: SSOTokenCache { SSOTokenCache(directory: paths.ssoCacheDirectory, sha1Hex: Digest.sha1Hex) }
}
