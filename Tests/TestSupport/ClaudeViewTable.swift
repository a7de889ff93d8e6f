import AWSClient
import Foundation

/// The facts page, rule by rule (§1 settings, §2 Region, §3 credentials, §4 the shared files,
/// §5 default models, §7 the AWS CLI's differences through botocore).
public enum ClaudeViewTable {
    static func keys(_ section: String, _ id: String) -> String {
        "[\(section)]\naws_access_key_id = \(id)\naws_secret_access_key = secret\(id)secret\n"
    }
    static let devKeys = keys("dev", "AKIADEVDEVDEVDEV0001")
    static let defaultKeys = keys("default", "AKIADEFAULTDEFAU0002")
    static let envKeys = ["AWS_ACCESS_KEY_ID": "AKIAENVENVENVENV0003", "AWS_SECRET_ACCESS_KEY": "envsecretenvsecret"]
    static func settings(_ env: [String: String], extra: String = "") -> String {
        let members = env.keys.sorted().map { "\"\($0)\": \"\(env[$0]!)\"" }.joined(separator: ", ")
        return "{\"env\": {\(members)}\(extra)}"
    }
    static let processScript =
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCPROCPROC0008\", \"SecretAccessKey\": \"s\"}'\n"
    static let ssoCorp =
        "[profile corp]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"

    public static let cases: [ViewCase] = [
        // §1 Settings files and the environment
        ViewCase(
            "§1 a settings env value wins over the exported one",
            files: [".claude/settings.json": settings(["AWS_REGION": "us-west-2"])],
            shell: ["AWS_REGION": "eu-west-1"], version: "2.1.240",
            expect: ["region.value": "us-west-2", "region.source": "user settings ({HOME}/.claude/settings.json)"],
            codes: ["shellOverridden"]),
        ViewCase(
            "§1 managed > local > project > user",
            files: [
                ".claude/settings.json": settings(["ANTHROPIC_MODEL": "user"]),
                "@/.claude/settings.json": settings(["ANTHROPIC_MODEL": "project"]),
                "@/.claude/settings.local.json": settings(["ANTHROPIC_MODEL": "local", "AWS_REGION": "us-east-2"]),
                "managed-settings.json": settings(["AWS_REGION": "eu-central-1"]),
            ],
            version: "2.1.240",
            expect: [
                "models.primary": "local", "region.value": "eu-central-1",
                "region.source": "managed settings ({HOME}/managed-settings.json)",
            ]),
        ViewCase(
            "§1 the local file lives at the git root since 2.1.211",
            files: [
                "@/.git/HEAD": "ref: refs/heads/main\n",
                "@/.claude/settings.local.json": settings(["AWS_REGION": "ap-south-1"]),
            ],
            version: "2.1.240", directory: "sub/folder",
            expect: [
                "region.value": "ap-south-1", "region.source": "local settings ({WORK}/.claude/settings.local.json)",
            ]),
        ViewCase(
            "§1 before 2.1.211 the local file is read in the start folder only",
            files: [
                "@/.git/HEAD": "ref: refs/heads/main\n",
                "@/.claude/settings.local.json": settings(["AWS_REGION": "ap-south-1"]),
            ],
            shell: ["AWS_REGION": "us-west-1"], version: "2.1.200", directory: "sub",
            expect: ["region.value": "us-west-1"]),
        ViewCase(
            "§1 run from the home folder, ~/.claude/settings.json is user settings, read once",
            files: [".claude/settings.json": settings(["AWS_REGION": "eu-west-2"])], version: "2.1.240", directory: "~",
            expect: ["region.source": "user settings ({HOME}/.claude/settings.json)"]),
        ViewCase(
            "§1 AWS_CONFIG_FILE and the key variables set in settings are used",
            files: [
                ".claude/settings.json": settings(["AWS_CONFIG_FILE": "~/team/config", "AWS_PROFILE": "team"]),
                "team/config":
                    "[profile team]\nregion = eu-north-1\naws_access_key_id = AKIATEAMTEAMTEAM0004\naws_secret_access_key = s\n",
            ],
            version: "2.1.240",
            expect: [
                "credentials.source": "profile", "credentials.profile": "team", "credentials.method": "static-keys",
                "credentials.accessKeyId": "****0004", "region.value": "eu-north-1",
            ]),
        ViewCase(
            "§1 env keys in settings are Claude Code's", files: [".claude/settings.json": settings(envKeys)],
            version: "2.1.240",
            expect: ["credentials.source": "environment", "credentials.accessKeyId": "****0003"]),

        // §2 Region
        ViewCase(
            "§2 a Region only in ~/.aws/config is used since 2.1.172",
            files: [".aws/config": "[default]\nregion = eu-west-3\n", ".aws/credentials": defaultKeys],
            version: "2.1.240",
            expect: ["region.value": "eu-west-3", "region.source": "[default] in {HOME}/.aws/config line 2"],
            absentCodes: ["regionMissing"]),
        ViewCase(
            "§2 before 2.1.172 only AWS_REGION counts",
            files: [".aws/config": "[default]\nregion = eu-west-3\n", ".aws/credentials": defaultKeys],
            version: "2.1.150", expect: ["region": nil], codes: ["regionMissing"]),
        ViewCase(
            "§2 AWS_DEFAULT_REGION after AWS_REGION", shell: ["AWS_DEFAULT_REGION": "ca-central-1"], version: "2.1.240",
            expect: ["region.value": "ca-central-1", "region.source": "environment variable AWS_DEFAULT_REGION"]),
        ViewCase(
            "§2 AWS_REGION first", shell: ["AWS_DEFAULT_REGION": "ca-central-1", "AWS_REGION": "sa-east-1"],
            version: "2.1.240",
            expect: ["region.value": "sa-east-1"]),
        ViewCase(
            "§2 a value not shaped like a Region is ignored (2.1.232)",
            shell: ["AWS_REGION": "Frankfurt", "AWS_DEFAULT_REGION": "eu-central-1"],
            version: "2.1.240", expect: ["region.value": "eu-central-1"], codes: ["badValue"]),
        ViewCase(
            "§2 nothing set: us-east-1", version: "2.1.240",
            expect: ["region.value": "us-east-1", "region.source": "Claude Code's default"],
            codes: ["regionDefaulted"]),
        ViewCase(
            "§2 the active profile's region, credentials file over config",
            files: [
                ".aws/config": "[profile dev]\nregion = eu-west-1\n",
                ".aws/credentials": devKeys + "region = eu-south-1\n",
            ],
            shell: ["AWS_PROFILE": "dev"], version: "2.1.240", expect: ["region.value": "eu-south-1"]),

        // §3 Credentials, in the JS SDK's order
        ViewCase(
            "§3.1 a Bedrock API key",
            shell: ["AWS_BEARER_TOKEN_BEDROCK": "ABSKbedrockkeybedrockkey1234", "AWS_PROFILE": "dev"],
            files: [".aws/credentials": devKeys], version: "2.1.240",
            expect: ["credentials.source": "api-key", "credentials.method": nil]),
        ViewCase(
            "§3.1 an empty API key counts as unset (2.1.97)", shell: ["AWS_BEARER_TOKEN_BEDROCK": ""],
            files: [".aws/credentials": defaultKeys],
            version: "2.1.240", expect: ["credentials.source": "profile", "credentials.profile": "default"]),
        ViewCase(
            "§3.1 an empty API key before 2.1.97", shell: ["AWS_BEARER_TOKEN_BEDROCK": ""],
            files: [".aws/credentials": defaultKeys],
            version: "2.1.90",
            expect: [
                "credentials.source": "api-key", "credentials.ok": "false", "credentials.problem": "invalidAPIKey",
            ]),
        ViewCase(
            "§3.2 CLAUDE_CODE_SKIP_BEDROCK_AUTH", shell: ["CLAUDE_CODE_SKIP_BEDROCK_AUTH": "1"], version: "2.1.240",
            expect: ["credentials.source": "skip-auth"]),
        ViewCase(
            "§3.3 awsCredentialExport without awsAuthRefresh overrides the chain",
            files: [
                ".claude/settings.json": settings(
                    ["AWS_PROFILE": "dev"], extra: #", "awsCredentialExport": "cat ~/creds.json""#),
                ".aws/credentials": devKeys,
            ],
            version: "2.1.240", expect: ["credentials.source": "credential-export"]),
        ViewCase(
            "§3.3 with awsAuthRefresh the chain is used",
            files: [
                ".claude/settings.json": settings(
                    ["AWS_PROFILE": "dev"], extra: #", "awsCredentialExport": "x", "awsAuthRefresh": "aws sso login""#),
                ".aws/credentials": devKeys,
            ],
            version: "2.1.240", expect: ["credentials.source": "profile", "credentials.profile": "dev"]),
        ViewCase(
            "§3.4 AWS_PROFILE and env keys: the profile", shell: envKeys.merging(["AWS_PROFILE": "dev"]) { $1 },
            files: [".aws/credentials": devKeys],
            version: "2.1.240",
            expect: [
                "credentials.source": "profile", "credentials.profile": "dev", "credentials.accessKeyId": "****0001",
            ],
            codes: ["shadowed", "toolsDisagree"]),
        ViewCase(
            "§3.4 AWS_PROFILE naming a missing profile with env keys fails",
            shell: envKeys.merging(["AWS_PROFILE": "nope"]) { $1 },
            version: "2.1.240",
            expect: [
                "credentials.source": "profile", "credentials.ok": "false", "credentials.problem": "profileMissing",
            ]),
        ViewCase(
            "§3.4 env keys alone", shell: envKeys, files: [".aws/credentials": defaultKeys], version: "2.1.240",
            expect: ["credentials.source": "environment", "credentials.accessKeyId": "****0003"]),
        ViewCase(
            "§3.4 one key variable alone is ignored", shell: ["AWS_ACCESS_KEY_ID": "AKIAENVENVENVENV0003"],
            files: [".aws/credentials": defaultKeys],
            version: "2.1.240",
            expect: ["credentials.source": "profile", "credentials.profile": "default", "credentials.ok": "true"],
            absentCodes: ["incompleteKeys"]),
        ViewCase(
            "§3.4 the secret alone is ignored", shell: ["AWS_SECRET_ACCESS_KEY": "x"],
            files: [".aws/credentials": defaultKeys],
            version: "2.1.240", expect: ["credentials.source": "profile", "credentials.profile": "default"]),
        ViewCase(
            "§3.5 AWS_DEFAULT_PROFILE is never read", shell: ["AWS_DEFAULT_PROFILE": "dev"],
            files: [".aws/credentials": defaultKeys + devKeys],
            version: "2.1.240", expect: ["credentials.profile": "default", "credentials.accessKeyId": "****0002"],
            codes: ["toolsDisagree"]),
        ViewCase(
            "§3.5 an empty AWS_PROFILE means default", shell: ["AWS_PROFILE": ""],
            files: [".aws/credentials": defaultKeys],
            version: "2.1.240", expect: ["credentials.profile": "default"]),
        ViewCase(
            "§3.5 no credentials anywhere", version: "2.1.240",
            expect: ["credentials.source": "none", "credentials.problem": "noCredentials"]),
        ViewCase(
            "§3.5 a role with a source profile", shell: ["AWS_PROFILE": "admin"],
            files: [
                ".aws/config":
                    "[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = dev\n",
                ".aws/credentials": devKeys,
            ],
            version: "2.1.240",
            expect: ["credentials.method": "role", "credentials.profile": "admin", "credentials.ok": "true"]),
        ViewCase(
            "§3.5 a source_profile hop prefers static keys", shell: ["AWS_PROFILE": "admin"],
            files: [
                ".aws/config":
                    "[profile admin]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = mid\n[profile mid]\nrole_arn = arn:aws:iam::1:role/M\nsource_profile = admin\n",
                ".aws/credentials": keys("mid", "AKIAMIDMIDMIDMIDM005"),
            ],
            version: "2.1.240", expect: ["credentials.method": "role", "credentials.ok": "true"]),
        ViewCase(
            "§3.5 a source_profile loop fails", shell: ["AWS_PROFILE": "a"],
            files: [
                ".aws/config":
                    "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n"
            ],
            version: "2.1.240", expect: ["credentials.ok": "false", "credentials.problem": "roleSourceLoop"]),
        ViewCase(
            "§3.5 a missing source profile fails", shell: ["AWS_PROFILE": "a"],
            files: [".aws/config": "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = gone\n"],
            version: "2.1.240", expect: ["credentials.ok": "false", "credentials.problem": "sourceProfileMissing"]),
        ViewCase(
            "§3.5 source_profile with credential_source fails", shell: ["AWS_PROFILE": "a"],
            files: [
                ".aws/config":
                    "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = dev\ncredential_source = Environment\n",
                ".aws/credentials": devKeys,
            ],
            version: "2.1.240", expect: ["credentials.ok": "false", "credentials.problem": "roleSourceConflict"]),
        ViewCase(
            "§3.5 a role_arn with neither fails", shell: ["AWS_PROFILE": "a"],
            files: [".aws/config": "[profile a]\nrole_arn = arn:aws:iam::1:role/A\n"],
            version: "2.1.240", expect: ["credentials.ok": "false", "credentials.problem": "roleSourceMissing"]),
        ViewCase(
            "§3.5 static keys win over credential_process in one profile", shell: ["AWS_PROFILE": "both"],
            files: [
                ".aws/config":
                    "[profile both]\ncredential_process = {HOME}/bin/creds\naws_access_key_id = AKIABOTHBOTHBOTH0006\naws_secret_access_key = s\n",
                "bin/creds": processScript,
            ],
            version: "2.1.240", expect: ["credentials.method": "static-keys", "credentials.accessKeyId": "****0006"],
            codes: ["toolsDisagree"]),
        // botocore differs only when the keys are in the config file: keys in the credentials file win there too.
        ViewCase(
            "§3.5 static keys in the credentials file win over credential_process for both tools",
            shell: ["AWS_PROFILE": "both"],
            files: [
                ".aws/config": "[profile both]\ncredential_process = {HOME}/bin/creds\n",
                ".aws/credentials": "[both]\naws_access_key_id = AKIABOTHBOTHBOTH0016\naws_secret_access_key = s\n",
                "bin/creds": processScript,
            ],
            version: "2.1.240", expect: ["credentials.method": "static-keys", "credentials.accessKeyId": "****0016"],
            absentCodes: ["toolsDisagree"]),
        ViewCase(
            "§3.5 a key id in one file and the secret in the other are merged", shell: ["AWS_PROFILE": "dev"],
            files: [
                ".aws/config": "[profile dev]\naws_access_key_id = AKIASPLITSPLITSP0007\n",
                ".aws/credentials": "[dev]\naws_secret_access_key = s\n",
            ],
            version: "2.1.240", expect: ["credentials.method": "static-keys", "credentials.accessKeyId": "****0007"]),
        ViewCase(
            "§3.5 web identity", shell: ["AWS_PROFILE": "web"],
            files: [
                ".aws/config": "[profile web]\nrole_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = /tmp/token\n"
            ],
            version: "2.1.240", expect: ["credentials.method": "web-identity"]),
        ViewCase(
            "§3.6 credential_process", shell: ["AWS_PROFILE": "tool"],
            files: [
                ".aws/config": "[profile tool]\ncredential_process = \"$HOME/bin/creds\" --profile x\n",
                "bin/creds": processScript,
            ],
            version: "2.1.240", expect: ["credentials.method": "credential-process", "credentials.ok": "true"],
            codes: ["toolsDisagree"]),
        ViewCase(
            "§3.6 credential_process with an absolute path",
            shell: ["AWS_PROFILE": "tool", "AWS_DEFAULT_REGION": "us-east-1"],
            files: [
                ".aws/config": "[profile tool]\ncredential_process = {HOME}/bin/creds\n", "bin/creds": processScript,
            ],
            version: "2.1.240", expect: ["credentials.method": "credential-process"], absentCodes: ["toolsDisagree"]),
        ViewCase(
            "§3.7 an sso_session naming a missing section fails", shell: ["AWS_PROFILE": "corp"],
            files: [
                ".aws/config":
                    "[profile corp]\nsso_session = gone\nsso_account_id = 111122223333\nsso_role_name = Dev\n"
            ],
            version: "2.1.240", expect: ["credentials.method": nil, "credentials.problem": "ssoSessionMissing"]),
        ViewCase(
            "§3.7 an SSO profile without sso_account_id fails", shell: ["AWS_PROFILE": "corp"],
            files: [".aws/config": ssoCorp.replacingOccurrences(of: "sso_account_id = 111122223333\n", with: "")],
            version: "2.1.240", expect: ["credentials.problem": "ssoIncomplete"]),
        ViewCase(
            "§3.7 a legacy SSO profile without sso_region fails", shell: ["AWS_PROFILE": "old"],
            files: [
                ".aws/config":
                    "[profile old]\nsso_start_url = https://x.awsapps.com/start\nsso_account_id = 1\nsso_role_name = R\n"
            ],
            version: "2.1.240", expect: ["credentials.problem": "ssoIncomplete"]),
        ViewCase(
            "§3.7 a profile with only sso_start_url fails", shell: ["AWS_PROFILE": "old"],
            files: [".aws/config": "[profile old]\nsso_start_url = https://x.awsapps.com/start\n"],
            version: "2.1.240", expect: ["credentials.problem": "ssoIncomplete"]),
        ViewCase(
            "§3.7 an [sso-session] in the credentials file is not read", shell: ["AWS_PROFILE": "corp"],
            files: [
                ".aws/config": "[profile corp]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n",
                ".aws/credentials":
                    "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
            ],
            version: "2.1.240", expect: ["credentials.problem": "ssoSessionMissing"]),
        ViewCase(
            "§3.7 an expired SSO token with a valid registration is refreshed silently", shell: ["AWS_PROFILE": "corp"],
            files: [
                ".aws/config": ssoCorp,
                ".aws/sso/cache/\(sha1("corp")).json":
                    #"{"accessToken": "t", "expiresAt": "2020-01-01T00:00:00Z", "refreshToken": "r", "clientId": "c", "clientSecret": "s", "registrationExpiresAt": "2099-01-01T00:00:00Z", "region": "eu-west-1", "startUrl": "https://corp.awsapps.com/start"}"#,
            ],
            version: "2.1.240", expect: ["credentials.method": "sso", "credentials.ok": "true"]),
        // defaultProvider tries fromSSO before fromIni: an SSO profile that also has static keys signs in with SSO.
        ViewCase(
            "§3.5 SSO before static keys in one profile (fromSSO runs before fromIni)", shell: ["AWS_PROFILE": "corp"],
            files: [
                ".aws/config": ssoCorp,
                ".aws/credentials": "[corp]\naws_access_key_id = AKIACORPCORPCORP0017\naws_secret_access_key = s\n",
                ".aws/sso/cache/\(sha1("corp")).json":
                    #"{"accessToken": "t", "expiresAt": "2099-01-01T00:00:00Z", "region": "eu-west-1", "startUrl": "https://corp.awsapps.com/start"}"#,
            ],
            version: "2.1.240", expect: ["credentials.method": "sso", "credentials.ok": "true"]),
        ViewCase(
            "§3.7 an expired SSO token without a refresh token fails", shell: ["AWS_PROFILE": "corp"],
            files: [
                ".aws/config": ssoCorp,
                ".aws/sso/cache/\(sha1("corp")).json": #"{"accessToken": "t", "expiresAt": "2020-01-01T00:00:00Z"}"#,
            ],
            version: "2.1.240",
            expect: ["credentials.method": "sso", "credentials.ok": "false", "credentials.problem": "ssoTokenExpired"]),
        ViewCase(
            "§3.8 an aws login profile", shell: ["AWS_PROFILE": "console"],
            files: [".aws/config": "[profile console]\nlogin_session = arn:aws:iam::111122223333:user/dev\n"],
            version: "2.1.240", expect: ["credentials.method": "login", "credentials.ok": "true"]),

        // §4 How the JS SDK parses the shared files
        ViewCase(
            "§4 [profile<TAB>dev] defines dev", shell: ["AWS_PROFILE": "dev"],
            files: [
                ".aws/config": "[profile\tdev]\naws_access_key_id = AKIATABTABTABTAB0009\naws_secret_access_key = s\n"
            ],
            version: "2.1.240", expect: ["credentials.accessKeyId": "****0009", "credentials.ok": "true"]),
        ViewCase(
            "§4 [profile  dev] with two spaces is no profile for the JS SDK", shell: ["AWS_PROFILE": "dev"],
            files: [
                ".aws/config": "[profile  dev]\naws_access_key_id = AKIATWOTWOTWOTWO0010\naws_secret_access_key = s\n"
            ],
            version: "2.1.240", expect: ["credentials.problem": "profileMissing"],
            codes: ["ambiguousConfig", "toolsDisagree"]),
        ViewCase(
            "§4 [ profile dev ] is not dev", shell: ["AWS_PROFILE": "dev"],
            files: [
                ".aws/config": "[ profile dev ]\naws_access_key_id = AKIASPACESPACESP0011\naws_secret_access_key = s\n"
            ],
            version: "2.1.240", expect: ["credentials.problem": "profileMissing"]),
        ViewCase(
            "§4 [profile dev extra] is not dev", shell: ["AWS_PROFILE": "dev"],
            files: [
                ".aws/config":
                    "[profile dev extra]\naws_access_key_id = AKIAEXTRAEXTRAEX0012\naws_secret_access_key = s\n"
            ],
            version: "2.1.240", expect: ["credentials.problem": "profileMissing"]),
        ViewCase(
            "§4 credentials [ dev ] is not dev", shell: ["AWS_PROFILE": "dev"],
            files: [
                ".aws/credentials": "[ dev ]\naws_access_key_id = AKIASPACESPACESP0013\naws_secret_access_key = s\n"
            ],
            version: "2.1.240", expect: ["credentials.problem": "profileMissing"], codes: ["ambiguousConfig"]),
        ViewCase(
            "§4 [profile default] wins over [default] in the JS SDK",
            files: [
                ".aws/config": "[profile default]\nregion = eu-west-1\n[default]\nregion = us-west-2\n",
                ".aws/credentials": defaultKeys,
            ],
            version: "2.1.240", expect: ["region.value": "eu-west-1"], codes: ["ambiguousConfig", "toolsDisagree"]),
        ViewCase(
            "§4 an inline comment is stripped",
            files: [".aws/config": "[default]\nregion = eu-west-1 # office\n", ".aws/credentials": defaultKeys],
            version: "2.1.240", expect: ["region.value": "eu-west-1"], codes: ["ambiguousConfig"]),
        ViewCase(
            "§4 keys are case-sensitive", shell: ["AWS_PROFILE": "dev"],
            files: [".aws/credentials": "[dev]\nAWS_ACCESS_KEY_ID = AKIACAPSCAPSCAPS0014\nAWS_SECRET_ACCESS_KEY = s\n"],
            version: "2.1.240", expect: ["credentials.ok": "false", "credentials.problem": "noCredentials"],
            codes: ["toolsDisagree"]),
        ViewCase(
            "§4 ':' is not a separator",
            files: [".aws/config": "[default]\nregion: eu-west-1\n", ".aws/credentials": defaultKeys],
            version: "2.1.240", expect: ["region.value": "us-east-1"], codes: ["ambiguousConfig"]),
        ViewCase(
            "§4 an indented line after `key =` is a sub-section, after a value it is ignored",
            files: [
                ".aws/config": "[default]\ns3 =\n  region = ap-east-1\nregion = eu-west-1\n  output = json\n",
                ".aws/credentials": defaultKeys,
            ],
            version: "2.1.240", expect: ["region.value": "eu-west-1"]),
        ViewCase(
            "§4 duplicate keys: the later wins (the AWS CLI refuses the file)",
            files: [
                ".aws/config": "[default]\nregion = us-west-1\nregion = eu-west-1\n", ".aws/credentials": defaultKeys,
            ],
            version: "2.1.240", expect: ["region.value": "eu-west-1"], codes: ["ambiguousConfig", "toolsDisagree"]),
        ViewCase(
            "§4 a byte-order mark is read (the AWS CLI refuses the file)",
            files: [".aws/config": "\u{FEFF}[default]\nregion = eu-west-1\n", ".aws/credentials": defaultKeys],
            version: "2.1.240", expect: ["region.value": "eu-west-1"], codes: ["ambiguousConfig"]),
        ViewCase(
            "§4 AWS_CONFIG_FILE with ~/ moves the file",
            shell: ["AWS_CONFIG_FILE": "~/elsewhere/config", "AWS_SHARED_CREDENTIALS_FILE": "~/elsewhere/credentials"],
            files: ["elsewhere/config": "[default]\nregion = me-south-1\n", "elsewhere/credentials": defaultKeys],
            version: "2.1.240", expect: ["region.value": "me-south-1", "credentials.accessKeyId": "****0002"]),

        // §5 Models
        ViewCase(
            "§5 defaults since 2.1.219: Opus 5 primary, Sonnet 4.5 background, us prefix",
            shell: ["AWS_REGION": "us-west-2"], version: "2.1.240",
            expect: [
                "models.primary": "us.anthropic.claude-opus-5",
                "models.background": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            ]),
        ViewCase(
            "§5 eu- and ap- and other Regions", shell: ["AWS_REGION": "eu-west-3"], version: "2.1.240",
            expect: ["models.primary": "eu.anthropic.claude-opus-5"]),
        ViewCase(
            "§5 a prefix whose profile the Region lacks falls back to a listed profile of the model",
            shell: ["AWS_REGION": "ap-northeast-1"], version: "2.1.240",
            expect: ["models.primary": "global.anthropic.claude-opus-5"]),
        ViewCase(
            "§5 a Region outside us/eu/ap is global", shell: ["AWS_REGION": "ca-central-1"], version: "2.1.240",
            expect: ["models.primary": "global.anthropic.claude-opus-5"]),
        ViewCase(
            "§5 ANTHROPIC_BEDROCK_REGION_PREFIX overrides (2.1.224)",
            shell: ["AWS_REGION": "eu-west-1", "ANTHROPIC_BEDROCK_REGION_PREFIX": "global"],
            version: "2.1.240", expect: ["models.primary": "global.anthropic.claude-opus-5"]),
        ViewCase(
            "§5 Opus 4.8 from 2.1.207 to 2.1.218", shell: ["AWS_REGION": "eu-west-1"], version: "2.1.210",
            expect: ["models.primary": "eu.anthropic.claude-opus-4-8"]),
        ViewCase(
            "§5 ANTHROPIC_MODEL is also the background model",
            shell: ["AWS_REGION": "us-east-1", "ANTHROPIC_MODEL": "us.anthropic.claude-sonnet-5"],
            version: "2.1.240",
            expect: [
                "models.primary": "us.anthropic.claude-sonnet-5", "models.background": "us.anthropic.claude-sonnet-5",
            ]),
        ViewCase(
            "§5 a Haiku pin is the background model",
            shell: [
                "AWS_REGION": "us-east-1", "ANTHROPIC_MODEL": "us.anthropic.claude-sonnet-5",
                "ANTHROPIC_DEFAULT_HAIKU_MODEL": "us.anthropic.claude-haiku-4-5-20251001-v1:0",
            ],
            version: "2.1.240", expect: ["models.background": "us.anthropic.claude-haiku-4-5-20251001-v1:0"]),
        ViewCase(
            "§5 Claude Code not installed: the newest rules", shell: ["AWS_REGION": "us-east-1"],
            expect: ["version": nil, "models.primary": "us.anthropic.claude-opus-5"],
            codes: ["claudeCodeNotFound"]),
    ]

    static func sha1(_ text: String) -> String { Digest.sha1Hex(text) }
}
