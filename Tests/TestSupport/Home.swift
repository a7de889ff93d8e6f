import AWSClient
import BedrockCore
import Foundation

/// A throw-away HOME for one test; no test touches the real ~/.aws or ~/.claude.
public final class TestHome: @unchecked Sendable {
    public let root: String
    public let home: String
    public let work: String
    public var extraEnvironment: [String: String] = [:]

    public init() {
        root = NSTemporaryDirectory() + "bedrock-setup-test-" + UUID().uuidString
        home = root + "/home"
        work = root + "/work"
        try! FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try! FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    public var environment: [String: String] { ["HOME": home, "SHELL": "/bin/bash"].merging(extraEnvironment) { $1 } }
    public var paths: Paths { Paths(environment: environment, workingDirectory: work) }
    /// What a process run for this home gets: its environment, a PATH, no instance-metadata lookups.
    public var processEnvironment: [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"]
            .merging(environment) { $1 }
    }

    /// A working Bedrock setup against the local peers: profile `dev` with moto's keys (or `secret`
    /// in their place), user settings for us-east-1 and `model`, STS at moto, Bedrock at `bedrock`.
    public static func bedrockSetup(moto: MotoPeer, bedrock: String, model: String, secret: String? = nil) -> TestHome {
        let home = TestHome()
        home.write(
            ".aws/credentials",
            "[dev]\naws_access_key_id = \(moto.credentials.accessKeyId)\naws_secret_access_key = \(secret ?? moto.credentials.secretAccessKey)\n",
            mode: 0o600)
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev", "ANTHROPIC_MODEL": "\#(model)"}}"#
        )
        home.extraEnvironment = [
            "AWS_ENDPOINT_URL_STS": moto.url, "AWS_ENDPOINT_URL_BEDROCK": bedrock,
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": bedrock,
        ]
        home.installClaudeCode()
        return home
    }

    /// A stand-in `claude` on PATH that answers `--version` like Claude Code does (doctor and the
    /// wizard apply that version's rules).
    public func installClaudeCode(version: String = "2.1.240") {
        write("bin/claude", "#!/bin/sh\necho '\(version) (Claude Code)'\n", mode: 0o755)
        extraEnvironment["PATH"] = home + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    public func write(_ relative: String, _ text: String, mode: Int = 0o644) {
        let path = relative.hasPrefix("/") ? relative : home + "/" + relative
        try! FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode_t(mode))
    }

    public func read(_ relative: String) -> String? {
        let path = relative.hasPrefix("/") ? relative : home + "/" + relative
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    public func mode(_ relative: String) -> Int {
        var info = stat()
        stat(relative.hasPrefix("/") ? relative : home + "/" + relative, &info)
        return Int(info.st_mode & 0o7777)
    }

    /// Every file under the home, with its bytes: to prove "nothing on disk changed".
    public func snapshot() -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: path) ?? Data()
            }
        }
        return result
    }
}

/// Runs a program and returns its standard output; fails the caller on a non-zero exit.
@discardableResult
public func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw RunFailure(status: process.terminationStatus, stderr: String(decoding: errors, as: UTF8.self))
    }
    return String(decoding: output, as: UTF8.self)
}

/// Runs a long program (minutes: a build, an install) without holding up the other tests: it waits for the exit
/// on its own thread, not on one of the few Swift Testing runs every test on; and the child starts with nothing
/// open but its standard streams, so it cannot keep another test's pipe open (and that test waiting) for minutes.
public func runLong(_ arguments: [String], environment: [String: String] = [:]) async throws -> String {
    let folder = NSTemporaryDirectory() + "bedrock-setup-run-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, folder + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, folder + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addclosefrom(&actions, 3)
    let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
    let pid = try spawnWithCleanSignals("/usr/bin/env", arguments: arguments, environment: variables, actions: &actions)
    let status: Int32 = await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            continuation.resume(returning: status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f))
        }
    }
    let output = (try? String(contentsOfFile: folder + "/out", encoding: .utf8)) ?? ""
    guard status == 0 else {
        throw RunFailure(status: status, stderr: (try? String(contentsOfFile: folder + "/err", encoding: .utf8)) ?? "")
    }
    return output
}

/// glibc's closefrom for posix_spawn (2.34 and later); its header declares it only under _GNU_SOURCE.
// swift-format-ignore: AlwaysUseLowerCamelCase
// glibc's name, bound as it is spelled there.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func posix_spawn_file_actions_addclosefrom(
    _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32
) -> Int32

public struct RunFailure: Error, CustomStringConvertible {
    public let status: Int32
    public let stderr: String
    public var description: String { "exit \(status): \(stderr)" }
}

public enum TestPaths {
    /// The repository root, found from this source file, for the peers under Tests/peers.
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()
    /// ../shared/vectors beside the clone, used in place.
    public static let vectors = repository + "/../shared/vectors"
    /// The built command-line binary, beside the test bundle.
    public static var binary: String {
        // BEDROCK_SETUP_BINARY runs the whole-binary tests against another build (an older one,
        // to see a test fail before its fix).
        if let other = ProcessInfo.processInfo.environment["BEDROCK_SETUP_BINARY"], !other.isEmpty { return other }
        let bundle = URL(
            fileURLWithPath: CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? CommandLine.arguments[0])
        return bundle.deletingLastPathComponent().path + "/bedrock-setup"
    }
}

/// botocore's view of the AWS files under a test HOME.
public func botocoreView(_ home: TestHome) throws -> [String: Any] {
    let output = try run(
        ["python3", TestPaths.repository + "/Tests/peers/aws_oracle.py"],
        environment: [
            "HOME": home.home,
            "AWS_CONFIG_FILE": home.paths.awsConfig,
            "AWS_SHARED_CREDENTIALS_FILE": home.paths.awsCredentials,
        ])
    return try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
}

/// An IAM Identity Center profile `corp` with its `[sso-session corp]`, as `aws configure sso` writes them.
public enum SSOFixture {
    public static let corp = """
        [profile corp]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Developer
        region = eu-central-1
        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1

        """
}

extension TestHome {
    /// A cached SSO login for `key` (a session name or a legacy start URL), as `aws sso login` leaves it.
    public func writeSSOToken(key: String, token: String, expires: Date) {
        write(
            ".aws/sso/cache/\(Digest.sha1Hex(key)).json",
            #"{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "\#(token)", "expiresAt": "\#(ISO8601DateFormatter().string(from: expires))"}"#,
            mode: 0o600)
    }

    public func files() throws -> AWSSharedFiles { try AWSSharedFiles.read(paths: paths) }
    public var ssoCache: SSOTokenCache { SSOTokenCache(directory: paths.ssoCacheDirectory, sha1Hex: Digest.sha1Hex) }
}

/// One run of the built binary: exit status and both streams.
public struct CLIResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

extension TestHome {
    /// Runs `bedrock-setup` with this HOME, in this home's work folder, with a clean environment
    /// (PATH only, plus what the test adds), standard input from `input` (never a terminal).
    public func cli(
        _ arguments: [String], environment: [String: String] = [:], input: String = "", directory: String? = nil
    ) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.binary)
        process.arguments = arguments
        process.environment = processEnvironment.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? work)
        let out = Pipe()
        let err = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        // Read both pipes at once so neither fills and blocks the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}
