import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

@Suite("Current setup and shadowing")
struct SetupStateTests {
    @Test func precedenceIsSettingsOverTheShellLocalOverProjectOverUser() throws {
        let home = TestHome()
        home.write(
            ".claude/settings.json",
            #"{"env": {"AWS_REGION": "us-east-1", "ANTHROPIC_MODEL": "user", "CLAUDE_CODE_USE_BEDROCK": "1"}}"#)
        home.write(
            home.work + "/.claude/settings.json", #"{"env": {"ANTHROPIC_MODEL": "project", "AWS_REGION": "us-west-2"}}"#
        )
        home.write(home.work + "/.claude/settings.local.json", #"{"env": {"ANTHROPIC_MODEL": "local"}}"#)
        home.extraEnvironment = ["AWS_REGION": "eu-west-1"]
        let current = CurrentSetup.read(paths: home.paths, sha1Hex: Digest.sha1Hex)
        // A settings `env` value wins over the exported one (facts §1).
        #expect(
            current.effective("AWS_REGION")
                == Sourced("us-west-2", from: .settings(.project, path: home.work + "/.claude/settings.json")))
        #expect(
            current.effective("ANTHROPIC_MODEL")
                == Sourced("local", from: .settings(.local, path: home.work + "/.claude/settings.local.json")))
        #expect(
            current.effective("CLAUDE_CODE_USE_BEDROCK")?.source
                == .settings(.user, path: home.home + "/.claude/settings.json"))
        #expect(current.bedrockEnabled)
    }

    @Test func claudeConfigDirMovesUserSettings() {
        let home = TestHome()
        home.write("alt-claude/settings.json", #"{"env": {"AWS_REGION": "ap-south-1"}}"#)
        home.extraEnvironment = ["CLAUDE_CONFIG_DIR": home.home + "/alt-claude"]
        #expect(
            CurrentSetup.read(paths: home.paths, sha1Hex: Digest.sha1Hex).effective("AWS_REGION")?.value == "ap-south-1"
        )
    }

    @Test func malformedSettingsAreAProblemNotACrash() {
        let home = TestHome()
        home.write(".claude/settings.json", "{oops")
        let current = CurrentSetup.read(paths: home.paths, sha1Hex: Digest.sha1Hex)
        #expect(current.problems.count == 1)
        #expect(current.effective("AWS_REGION") == nil)
    }

    /// A service tier this tool does not know survives the round trip from today's settings to what a re-run writes.
    @Test func anUnknownServiceTierInTodaysSettingsIsWrittenBack() throws {
        let home = TestHome()
        home.write(
            ".claude/settings.json",
            #"{"env": {"AWS_REGION": "us-east-1", "CLAUDE_CODE_USE_BEDROCK": "1", "ANTHROPIC_BEDROCK_SERVICE_TIER": "reserved"}}"#
        )
        let profile = try #require(CurrentSetup.read(paths: home.paths, sha1Hex: Digest.sha1Hex).asProfile())
        #expect(profile.bedrock.serviceTier == nil)
        #expect(profile.bedrock.environment.contains { $0 == ("ANTHROPIC_BEDROCK_SERVICE_TIER", "reserved") })
    }

    @Test func todaysSetupPrefillsAProfile() throws {
        let home = TestHome()
        home.write(".aws/config", "[profile corp]\nsso_session = c\n[sso-session c]\nsso_start_url = https://x\n")
        home.write(
            ".claude/settings.json",
            #"{"env": {"AWS_REGION": "eu-central-1", "AWS_PROFILE": "corp", "CLAUDE_CODE_USE_BEDROCK": "1", "ANTHROPIC_DEFAULT_HAIKU_MODEL": "eu.anthropic.claude-haiku-4-5-20251001-v1:0"}, "awsAuthRefresh": "aws sso login --profile 'corp'"}"#
        )
        let profile = try #require(CurrentSetup.read(paths: home.paths, sha1Hex: Digest.sha1Hex).asProfile())
        #expect(profile.credentials == .sso)
        #expect(profile.awsProfile == "corp")
        #expect(profile.region == "eu-central-1")
        #expect(profile.smallFastModel == "eu.anthropic.claude-haiku-4-5-20251001-v1:0")
        #expect(profile.authRefresh == .ssoLogin)
    }

    @Test func activeSavedProfileIsRecognised() throws {
        let home = TestHome()
        let profile = SetupProfile(name: "eu", credentials: .environment, region: "eu-west-1")
        let changes = try ActivationPlanner(paths: home.paths).plan(
            profile: profile, secrets: Secrets(), targets: [.user])
        _ = try FileWriter(lockPath: home.paths.lockFile).apply(changes)
        let current = CurrentSetup.read(paths: home.paths, sha1Hex: Digest.sha1Hex)
        #expect(current.savedProfiles == ["eu"])
        #expect(current.activeProfileName == "eu")
    }

    @Test func theShellDisagreeingWithSettingsIsReportedWithTheValueEachToolUses() {
        let home = TestHome()
        home.write(".claude/settings.json", #"{"env": {"AWS_PROFILE": "prod"}}"#)
        home.extraEnvironment = ["AWS_PROFILE": "dev"]
        #expect(
            CurrentSetup.read(paths: home.paths, sha1Hex: Digest.sha1Hex).shadowing() == [
                .shellDiffersFromSettings(
                    variable: "AWS_PROFILE", shellValue: "dev", settingsValue: "prod",
                    source: "user settings (\(home.home)/.claude/settings.json)")
            ])
    }

    @Test func aHigherSettingsFileOrAnAPIKeyOverridesWhatTheWizardWouldWrite() {
        let home = TestHome()
        home.write(home.work + "/.claude/settings.local.json", #"{"env": {"AWS_REGION": "us-east-1"}}"#)
        home.extraEnvironment = ["AWS_PROFILE": "old", "AWS_BEARER_TOKEN_BEDROCK": "tok"]
        let profile = SetupProfile(name: "n", credentials: .sso, awsProfile: "new", region: "eu-west-1")
        let found = CurrentSetup.read(paths: home.paths, sha1Hex: Digest.sha1Hex).shadowing(for: profile)
        // The shell's AWS_PROFILE does not win over settings; the local file's Region and the API key do.
        #expect(
            found.contains(
                .environmentOverridesSetting(
                    variable: "AWS_REGION", environmentValue: "us-east-1", chosen: "eu-west-1",
                    source: "local settings (\(home.work)/.claude/settings.local.json)")))
        #expect(found.contains(.bearerTokenOverridesCredentials))
        #expect(!found.contains { $0.description.contains("AWS_PROFILE=old") && $0.description.contains("wins") })
    }
}

@Suite("Activation plan")
struct ActivationPlanTests {
    @Test func everyTargetAndTheProfileFile() throws {
        let home = TestHome()
        home.write(".bashrc", "# mine\n")
        let profile = SetupProfile(
            name: "work", credentials: .apiKey, region: "us-west-2", model: "us.anthropic.claude-opus-4-8")
        let changes = try ActivationPlanner(paths: home.paths).plan(
            profile: profile, secrets: Secrets(apiKey: "ABSKsecretsecretsecret9876"),
            targets: [.user, .project, .shell])
        #expect(
            changes.map(\.path) == [
                home.paths.profileFile("work"), home.paths.userSettings, home.paths.localSettings,
                home.paths.envSh, home.paths.bashrc,
            ])
        #expect(
            changes.filter(\.holdsSecret).map(\.label) == [
                "profile work", "Claude Code user settings", "project-local settings", "env.sh",
            ])
        let diff = changes.map { $0.diff(redacting: ["ABSKsecretsecretsecret9876"]) }.joined()
        #expect(diff.contains("****9876") && !diff.contains("ABSKsecret"))

        _ = try FileWriter(lockPath: home.paths.lockFile).apply(changes)
        let env = try run(
            ["bash", "-c", "set -a; . \"$HOME/.config/bedrock-setup/env.sh\"; env"], environment: ["HOME": home.home])
        #expect(env.contains("AWS_BEARER_TOKEN_BEDROCK=ABSKsecretsecretsecret9876\n"))
        #expect(env.contains("ANTHROPIC_MODEL=us.anthropic.claude-opus-4-8\n"))
        for path in [home.paths.profileFile("work"), home.paths.userSettings, home.paths.envSh] {
            #expect(home.mode(path) == 0o600)
        }
        // An interactive bash reads the block and so sees the values.
        let interactive = try run(["bash", "-ic", "printf %s \"$AWS_REGION\""], environment: ["HOME": home.home])
        #expect(interactive.hasSuffix("us-west-2"))
    }

    @Test func applyingTwiceLeavesOneBlockAndChangesNothing() throws {
        let home = TestHome()
        let planner = ActivationPlanner(paths: home.paths)
        let profile = SetupProfile(name: "a", credentials: .environment, region: "eu-west-1")
        _ = try FileWriter(lockPath: home.paths.lockFile).apply(
            try planner.plan(profile: profile, secrets: Secrets(), targets: [.shell, .user]))
        let second = try planner.plan(profile: profile, secrets: Secrets(), targets: [.shell, .user])
        #expect(second.allSatisfy { $0.isNoOp })
        #expect(home.read(".bashrc")?.components(separatedBy: RCBlock.begin).count == 2)
    }

    @Test func apiKeyWithoutAKeyIsRefusedBeforeAnythingIsPlanned() {
        let home = TestHome()
        #expect(throws: SetupError.missingSecret(field: "Bedrock API key", variable: "AWS_BEARER_TOKEN_BEDROCK")) {
            try ActivationPlanner(paths: home.paths).plan(
                profile: SetupProfile(name: "d", credentials: .apiKey, region: "us-east-1"),
                secrets: Secrets(), targets: [.user])
        }
    }
}
