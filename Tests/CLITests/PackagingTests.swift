import Foundation
import TestSupport
import Testing

/// `make install` and `make uninstall` as a person uses them: the installed binary runs, `man` renders the page,
/// and bash, zsh and fish each load their completion script from where the install put it. The test installs
/// what people get: the release build (static Swift runtime, unused sections dropped, stripped), whose linking
/// the debug build does not exercise. `make install` is `make generated` (the release build, the manual plugin
/// and the completion scripts) then `make install-files`; `make test` runs the first before the tests, so here
/// only the copy runs, unless the generated files are missing or older than the binary.
@Suite("Packaging: make install and uninstall", .serialized, .timeLimit(.minutes(10)))
struct PackagingTests {
    static let release = ".build/release/bedrock-setup"
    static let installed = [
        "bin/bedrock-setup", "share/man/man1/bedrock-setup.1", "share/bash-completion/completions/bedrock-setup",
        "share/zsh/site-functions/_bedrock-setup", "share/fish/vendor_completions.d/bedrock-setup.fish",
    ]

    /// SwiftPM keeps its caches and mirror settings under the real HOME, whatever HOME the install sees; and
    /// `swift test` holds the build folder's lock while tests run (nothing builds meanwhile, so it is safe to pass).
    func make(_ arguments: [String], environment: [String: String] = [:]) async throws -> String {
        let options = [
            "CONFIGURATION=release", "SWIFT=env HOME=\(NSHomeDirectory()) swift", "SWIFTPM_FLAGS=--ignore-lock",
        ]
        return try await runLong(
            ["make", "--no-print-directory", "-C", TestPaths.repository] + options + arguments, environment: environment
        )
    }

    /// Every file under `root`, relative, with its permission bits.
    func files(under root: String) -> [String: Int] {
        var result: [String: Int] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var info = stat()
            guard lstat(root + "/" + relative, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { continue }
            result[relative] = Int(info.st_mode & 0o7777)
        }
        return result
    }

    /// `make generated` when its output is missing or older than the binary it describes.
    func generateIfStale() async throws {
        func modified(_ path: String) -> Date? {
            (try? FileManager.default.attributesOfItem(atPath: TestPaths.repository + "/" + path))?[.modificationDate]
                as? Date
        }
        let outputs = ["bedrock-setup.1", "bedrock-setup.bash", "_bedrock-setup", "bedrock-setup.fish"]
            .map { modified(".build/generated/release/" + $0) }
        guard let binary = modified(Self.release), outputs.allSatisfy({ ($0 ?? .distantPast) >= binary }) else {
            try await make(["generated"])
            return
        }
    }

    @Test func stagedInstallPutsExactlyTheGeneratedFilesUnderDestdirAndEachOneWorks() async throws {
        let home = TestHome()
        let stage = home.root + "/stage"
        try await generateIfStale()
        try await make(["install-files", "DESTDIR=\(stage)", "PREFIX=/usr/local"])
        let expected = Dictionary(
            uniqueKeysWithValues: Self.installed.map { ("usr/local/" + $0, $0.hasPrefix("bin/") ? 0o755 : 0o644) })
        #expect(files(under: stage) == expected)
        let prefix = stage + "/usr/local"

        // The binary is the release build, with no Swift runtime to find at run time, and it runs where it was put:
        // its version, and a real command (validation, regexes, JSON, the diff) in a throw-away HOME.
        let binary = prefix + "/bin/bedrock-setup"
        #expect(FileManager.default.contentsEqual(atPath: binary, andPath: TestPaths.repository + "/" + Self.release))
        let libraries = try run(["ldd", binary])
        #expect(!libraries.contains("libswift") && !libraries.contains("libFoundation"), "\(libraries)")
        // What every run loads (issue 16): the C library, libm and libgcc_s, and ncurses for the wizard. libstdc++ is
        // linked in, and libcurl, libcrypto and libqrencode are opened only when a command needs them.
        let loaded = Set(
            libraries.split(separator: "\n").compactMap { $0.split(whereSeparator: \.isWhitespace).first }.map(
                String.init
            )
            .filter { $0.hasPrefix("lib") })
        #expect(
            loaded == ["libncursesw.so.6", "libtinfo.so.6", "libm.so.6", "libgcc_s.so.1", "libc.so.6"],
            "\(libraries)")
        #expect(try run([binary, "--version"]).range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
        let dryRun = try run(
            [binary, "apply", "--credentials", "api-key", "--region", "eu-central-1", "--dry-run"],
            environment: ["HOME": home.home, "AWS_BEARER_TOKEN_BEDROCK": "ABSKQmVkcm9ja0FQSUtleS1yZWxlYXNlYnVpbGQ5"])
        #expect(dryRun.contains("+    \"AWS_REGION\": \"eu-central-1\""), "\(dryRun)")

        // man renders the page, without a single warning, with every command in it.
        let manual = prefix + "/share/man/man1/bedrock-setup.1"
        let page = Process()
        page.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        page.arguments = ["man", "-l", manual]
        page.environment = ["LANG": "C.UTF-8", "MANWIDTH": "80", "MANPAGER": "cat", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        let err = Pipe()
        page.standardOutput = out
        page.standardError = err
        try page.run()
        let rendered = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        page.waitUntilExit()
        #expect(page.terminationStatus == 0)
        #expect(warnings.isEmpty, "man -l printed: \(warnings)")
        #expect(rendered.hasPrefix("BEDROCK-SETUP(1)"))
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION"] { #expect(rendered.contains("\n\(section)\n")) }
        for command in ["apply", "doctor", "regions", "policy", "env", "profiles", "reset"] {
            #expect(rendered.contains("\n     \(command)"), "no \(command) in the man page")
        }

        // bash: the script registers a completion, and the completion function completes a subcommand.
        let bashScript = prefix + "/share/bash-completion/completions/bedrock-setup"
        #expect(
            try run(["bash", "-c", "source \"$1\"; complete -p bedrock-setup", "-", bashScript])
                .contains("-F _bedrock-setup bedrock-setup"))
        let bashWords = try run(
            [
                "bash", "-c",
                """
                source "$1"; COMP_WORDS=(bedrock-setup ap); COMP_CWORD=1; COMP_LINE='bedrock-setup ap'; COMP_POINT=16
                _bedrock-setup bedrock-setup ap bedrock-setup; printf '%s\\n' "${COMPREPLY[@]}"
                """, "-", bashScript,
            ], environment: ["PATH": prefix + "/bin:/usr/bin:/bin"])
        #expect(bashWords == "apply\n")

        // zsh: compinit finds _bedrock-setup on fpath and binds it to the command.
        let zshBinding = try run([
            "zsh", "-f", "-c",
            "fpath=(\"$1\" $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[bedrock-setup]",
            "-", prefix + "/share/zsh/site-functions",
        ])
        #expect(zshBinding == "_bedrock-setup\n")

        // fish: vendor completions under XDG_DATA_DIRS, as a system-wide install is found.
        let fishWords = try run(
            ["fish", "-c", "complete -C 'bedrock-setup ap'"],
            environment: ["HOME": home.home, "XDG_DATA_DIRS": prefix + "/share", "PATH": prefix + "/bin:/usr/bin:/bin"])
        #expect(fishWords.hasPrefix("apply\t"), "fish completed: \(fishWords)")
    }

    @Test func defaultPrefixIsFoundByEachToolAndUninstallRemovesExactlyWhatInstallPut() async throws {
        let home = TestHome()
        let local = home.home + "/.local"
        // Someone else's files in the same folders must survive the uninstall.
        home.write(".local/bin/other-tool", "#!/bin/sh\n", mode: 0o755)
        home.write(".local/share/bash-completion/completions/other-tool", "complete -W x other-tool\n")
        let before = files(under: home.root)

        let systemPath = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .filter { $0 != local + "/bin" }.joined(separator: ":")
        // Installing with ~/.local/bin not yet on PATH says how to add it.
        try await generateIfStale()
        let output = try await make(["install-files"], environment: ["HOME": home.home, "PATH": systemPath])
        #expect(output.contains("\(local)/bin is not on PATH: add  export PATH=\"\(local)/bin:$PATH\""))
        #expect(
            Set(files(under: local).keys)
                == Set(Self.installed + ["bin/other-tool", "share/bash-completion/completions/other-tool"]))

        // With it on PATH, each tool finds its file under ~/.local by itself: man from PATH, fish from ~/.local/share.
        let environment = ["HOME": home.home, "PATH": local + "/bin:" + systemPath]
        #expect(
            try run(["man", "-w", "bedrock-setup"], environment: environment) == local
                + "/share/man/man1/bedrock-setup.1\n")
        #expect(
            try run(["fish", "-c", "complete -C 'bedrock-setup doc'"], environment: environment).hasPrefix("doctor\t"))
        #expect(try run(["bedrock-setup", "--help"], environment: environment).contains("USAGE: bedrock-setup"))

        try await make(["uninstall"], environment: environment)
        #expect(files(under: home.root) == before)
    }
}
