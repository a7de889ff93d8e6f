import AWSClient
import BedrockCore
import Foundation

/// The AWS CLI on PATH, as `aws --version` reports it: only v2 has `aws sso login`.
enum AWSCLIProbe {
    /// The major version of `aws` on PATH, or nil when there is none (or it does not answer in 20 s:
    /// v1 is a Python program and starts slowly on a busy machine).
    static func majorVersion(environment: [String: String]) -> Int? {
        guard let aws = executable(named: "aws", environment: environment) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: aws)
        process.arguments = ["--version"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output  // v1 on older Pythons prints its version on standard error
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        DispatchQueue.global().async {
            box.data = output.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        if done.wait(timeout: .now() + 20) == .timedOut {
            process.terminate()
            return nil
        }
        process.waitUntilExit()
        return parseMajor(String(decoding: box.data, as: UTF8.self))
    }

    /// `aws-cli/2.22.1 Python/3.12.6 …` → 2.
    static func parseMajor(_ text: String) -> Int? {
        guard let range = text.range(of: "aws-cli/") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    static func executable(named name: String, environment: [String: String]) -> String? {
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let path = folder + "/" + name
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }
}

/// The refresh command Claude Code should run when SSO credentials expire: `aws sso login`
/// only where the AWS CLI v2 is installed, else this program's own `login`, by absolute path.
enum AuthRefreshChoice {
    static func defaultForSSO(environment: [String: String]) -> AuthRefresh {
        AWSCLIProbe.majorVersion(environment: environment) == 2 ? .ssoLogin : .builtInLogin(executable: selfPath(environment: environment))
    }

    /// This program's path as the user reaches it (a symlink such as /usr/local/bin/bedrock-setup
    /// stays a symlink, so an upgrade behind it keeps working).
    static func selfPath(environment: [String: String]) -> String {
        let argument = CommandLine.arguments.first ?? ""
        if argument.hasPrefix("/") { return (argument as NSString).standardizingPath }
        if argument.contains("/") {
            return ((FileManager.default.currentDirectoryPath + "/" + argument) as NSString).standardizingPath
        }
        if let found = AWSCLIProbe.executable(named: argument, environment: environment) { return found }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? argument
    }
}

/// Opens the sign-in page without ever waiting for the browser: `$BROWSER`, else `xdg-open`
/// (or macOS `open`) when a display exists. Returns what it started, for the message.
enum BrowserOpener {
    static func open(_ url: String, environment: [String: String]) -> String? {
        var command: [String]?
        if let browser = environment["BROWSER"], !browser.isEmpty {
            // Python's webbrowser convention: a list of commands separated by ':', `%s` for the address.
            let first = browser.split(separator: ":").first.map(String.init) ?? browser
            let words = CommandLineSplitter.split(first)
            command = words.contains("%s") ? words.map { $0 == "%s" ? url : $0 } : words + [url]
        } else {
            #if os(macOS)
            command = ["/usr/bin/open", url]
            #else
            let display = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
            if display, let opener = AWSCLIProbe.executable(named: "xdg-open", environment: environment) { command = [opener, url] }
            #endif
        }
        guard let command, let program = command.first else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : "/usr/bin/env")
        process.arguments = program.contains("/") ? Array(command.dropFirst()) : command
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        return (program as NSString).lastPathComponent
    }
}

/// What every sign-in prints on standard error: the address, the code, and what happens next.
enum SignInMessages {
    static func prompt(_ authorization: DeviceAuthorization, target: SSOSignInTarget, opened: String?) -> String {
        let expires = DateFormatter.localizedString(from: authorization.expiresAt, dateStyle: .none, timeStyle: .short)
        var text = """
        To sign in to \(TerminalText.visible(target.portal.startURL)) for profile \(target.profile), open this address \
        (on this or any other device) and confirm the code:

            \(TerminalText.visible(authorization.browserURL))

            Code: \(TerminalText.visible(authorization.userCode))

        """
        text += opened.map { "Opened it with \($0). " } ?? ""
        text += "Waiting for approval (the code expires at \(expires))…\n"
        return text
    }

    static func stale(_ reason: SSOStaleReason, target: SSOSignInTarget) -> String {
        "Profile \(target.profile): \(reason); signing in.\n"
    }
}
