import BedrockCore
import Foundation
import TestSupport
import Testing

@Suite("Shell exports")
struct ShellTests {
    static let hostile = [
        "plain", "it's", "$(touch /tmp/pwned)", "`id`", "a\"b", "back\\slash", "semi;colon", "#hash", "  spaced  ",
        "new\nline", "tab\tbed", "日本語", "$HOME", "!!", "*", "'", "\\'",
    ]

    @Test("bash reads back exactly the values", arguments: hostile)
    func bashRoundTrip(_ value: String) throws {
        let home = TestHome()
        home.write(
            "env.sh", ShellExports.render([("ANTHROPIC_MODEL", value), ("AWS_REGION", "us-east-1")], shell: .bash))
        let output = try run([
            "bash", "-c", "set -a; . \"$1\"; printf '%s' \"$ANTHROPIC_MODEL\"", "bash", home.home + "/env.sh",
        ])
        #expect(output == value)
    }

    @Test(
        "fish reads back exactly the values",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/fish")), arguments: hostile)
    func fishRoundTrip(_ value: String) throws {
        let home = TestHome()
        home.write("env.fish", ShellExports.render([("ANTHROPIC_MODEL", value)], shell: .fish))
        let output = try run([
            "fish", "-c", "source $argv[1]; printf '%s' \"$ANTHROPIC_MODEL\"", home.home + "/env.fish",
        ])
        #expect(output == value)
    }

    @Test func staleVariablesAreUnset() throws {
        let text = ShellExports.render([("CLAUDE_CODE_USE_BEDROCK", "1"), ("AWS_REGION", "eu-west-1")], shell: .bash)
        let output = try run([
            "bash", "-c", "export ANTHROPIC_MODEL=old; eval \"$1\"; echo \"${ANTHROPIC_MODEL-unset}\"", "bash", text,
        ])
        #expect(output == "unset\n")
    }

    @Test func rcBlockIsReplacedNeverDuplicated() {
        let original = "# my bashrc\nalias ll='ls -l'\n"
        let first = RCBlock.install(
            RCBlock.block(sourcing: "/h/.config/bedrock-setup/env.sh", shell: .bash), into: original)
        let second = RCBlock.install(RCBlock.block(sourcing: "/other/env.sh", shell: .bash), into: first)
        #expect(second.components(separatedBy: RCBlock.begin).count == 2)
        #expect(second.contains("/other/env.sh") && !second.contains("/h/.config"))
        #expect(RCBlock.remove(from: second) == original)
        #expect(RCBlock.remove(from: RCBlock.install(RCBlock.block(sourcing: "/x", shell: .bash), into: "")) == "")
        let noNewline = "alias x=y"
        #expect(
            RCBlock.remove(from: RCBlock.install(RCBlock.block(sourcing: "/x", shell: .bash), into: noNewline))
                == noNewline + "\n")
    }
}
