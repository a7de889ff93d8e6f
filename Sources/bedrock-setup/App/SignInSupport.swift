import AWSClient
import BedrockCore
import FoundationEssentials
import Glibc

/// The AWS CLI on PATH, as `aws --version` reports it: only v2 has `aws sso login`.
enum AWSCLIProbe {
    /// The major version of `aws` on PATH, or nil when there is none (or it does not answer in 20 s:
    /// v1 is a Python program and starts slowly on a busy machine).
    static func majorVersion(environment: [String: String]) -> Int? {
        guard let aws = executable(named: "aws", environment: environment) else { return nil }
        // Python 3's argparse prints the version on standard output (v1 on Python 2 used standard error,
        // which no supported v1 runs on any more).
        guard
            case .finished(status: 0, let output) = ChildProcess.run(
                aws, ["--version"], environment: environment, captured: true,
                timeout: 20)
        else { return nil }
        return parseMajor(String(decoding: output, as: UTF8.self))
    }

    /// `aws-cli/2.22.1 Python/3.12.6 …` → 2.
    static func parseMajor(_ text: String) -> Int? {
        guard let range = text.firstRange(of: "aws-cli/") else { return nil }
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
        AWSCLIProbe.majorVersion(environment: environment) == 2
            ? .ssoLogin : .builtInLogin(executable: selfPath(environment: environment))
    }

    /// This program's path as the user reaches it (a symlink such as /usr/local/bin/bedrock-setup
    /// stays a symlink, so an upgrade behind it keeps working).
    static func selfPath(environment: [String: String]) -> String {
        let argument = CommandLine.arguments.first ?? ""
        if argument.hasPrefix("/") { return PathText.normalized(argument) }
        if argument.contains("/"), let folder = currentFolder() { return PathText.normalized(folder + "/" + argument) }
        if let found = AWSCLIProbe.executable(named: argument, environment: environment) { return found }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : argument
    }

    private static func currentFolder() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
            let words = CommandLineWords.split(first)
            command = words.contains("%s") ? words.map { $0 == "%s" ? url : $0 } : words + [url]
        } else {
            #if os(macOS)
                command = ["/usr/bin/open", url]
            #else
                let display = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
                if display, let opener = AWSCLIProbe.executable(named: "xdg-open", environment: environment) {
                    command = [opener, url]
                }
            #endif
        }
        guard let command, let program = command.first else { return nil }
        // Started in the background by a shell that exits at once, so nothing here waits for the
        // browser and no child is left to reap; its output never reaches this terminal.
        guard let shell = AWSCLIProbe.executable(named: "sh", environment: ["PATH": "/bin:/usr/bin"]),
            case .finished(status: 0, _) = ChildProcess.run(
                shell, ["-c", "\"$@\" </dev/null >/dev/null 2>&1 &", "sh"] + command,
                environment: environment, captured: true, timeout: 5)
        else { return nil }
        return PathText.lastComponent(program)
    }
}

/// What every sign-in prints on standard error: the address, the code, and what happens next.
enum SignInMessages {
    static func prompt(_ authorization: DeviceAuthorization, target: SSOSignInTarget, opened: String?) -> String {
        let expires = TimeText.format(authorization.expiresAt, "%H:%M", utc: false)
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
