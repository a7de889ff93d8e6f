import BedrockCore

// The Credentials step's two forms, beside it to keep each file short.

/// Option A's form: new access keys for a profile, written like `aws configure`.
public struct KeyForm: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case profileName, accessKeyId, secretAccessKey

        public var label: String {
            switch self {
            case .profileName: "AWS profile name"
            case .accessKeyId: "Access key ID"
            case .secretAccessKey: "Secret access key"
            }
        }
    }

    public internal(set) var profileName: TextField
    public internal(set) var accessKeyId = TextField()
    public internal(set) var secretAccessKey = TextField(isSecret: true)
    public internal(set) var focus = Field.accessKeyId
    /// What is wrong with the keys as typed, shown under the fields.
    public internal(set) var error: String?

    init(profileName: String) { self.profileName = TextField(profileName) }

    public subscript(field: Field) -> TextField {
        switch field {
        case .profileName: profileName
        case .accessKeyId: accessKeyId
        case .secretAccessKey: secretAccessKey
        }
    }

    mutating func focusNext(by step: Int) {
        let count = Field.allCases.count
        focus = Field(rawValue: (focus.rawValue + step + count) % count) ?? .profileName
    }

    mutating func edit(_ key: Key) -> Bool {
        switch focus {
        case .profileName: profileName.apply(key)
        case .accessKeyId: accessKeyId.apply(key)
        case .secretAccessKey: secretAccessKey.apply(key)
        }
    }
}

extension CredentialsStep {
    /// The key form's Enter: checked keys become the draft's profile and secrets, then the identity check runs; a
    /// problem stays on the form (nil). An existing profile keeps its own Region, so the Region screen offers it.
    mutating func submit(_ form: inout KeyForm, _ session: inout Session) -> Transition? {
        do throws(SetupError) {
            let name = try session.validator.awsProfileName(form.profileName.text)
            let keyId = try session.validator.accessKeyId(form.accessKeyId.text.trimmingSpaces())
            let secret = try session.validator.secretAccessKey(form.secretAccessKey.text.trimmingSpaces())
            if name != session.draft.awsProfile {
                session.answers.profileRegion = session.context.info.awsProfiles.first { $0.name == name }?.region
            }
            session.draft.awsProfile = name
            session.answers.secrets = Secrets(accessKeyId: keyId, secretAccessKey: secret)
            session.presetAuthRefresh(AuthRefresh.none)
            return check(&session)
        } catch {
            form.error = error.message + " " + error.fix
            return nil
        }
    }
}

/// Option D's form: one masked field.
public struct APIKeyForm: Equatable, Sendable {
    public internal(set) var key: TextField
    public internal(set) var error: String?
}
