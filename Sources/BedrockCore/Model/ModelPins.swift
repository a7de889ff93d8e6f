/// The one place that knows the model slots of a profile: which field holds each pin, and in
/// which Region each is called. Everything else iterates `ModelSlot.allCases`.
extension SetupProfile {
    public subscript(pin slot: ModelSlot) -> String? {
        get {
            switch slot {
            case .primary: model
            case .smallFast: smallFastModel
            case .sonnet: sonnetModel
            case .opus: opusModel
            case .fable: fableModel
            case .defaultModel: defaultModel
            }
        }
        set {
            switch slot {
            case .primary: model = newValue
            case .smallFast: smallFastModel = newValue
            case .sonnet: sonnetModel = newValue
            case .opus: opusModel = newValue
            case .fable: fableModel = newValue
            case .defaultModel: defaultModel = newValue
            }
        }
    }

    /// The Region a slot's model is called in: the small/fast model may have its own.
    public func region(for slot: ModelSlot) -> String {
        slot == .smallFast ? (smallFastRegion ?? region) : region
    }

    /// The pins carried over to the profile's (new) Regions: a pin still callable there is kept,
    /// else the same base model's inference profile for that Region is used, else the pin is
    /// cleared and reported in `unmapped`. The wizard's Region step, `apply` and `profiles use`
    /// share this, so a Region switch means the same thing everywhere.
    public func remappingPins(validator: Validator) -> (profile: SetupProfile, unmapped: [String]) {
        var moved = self
        var unmapped: [String] = []
        for slot in ModelSlot.allCases {
            guard let id = self[pin: slot] else { continue }
            let region = region(for: slot)
            if (try? validator.model(id, slot: slot, region: region)) != nil { continue }
            if let (_, base) = Geography.leading(id),
                let mapped = validator.catalogue.profileId(forBaseModel: base, region: region)
            {
                moved[pin: slot] = mapped
            } else {
                moved[pin: slot] = nil
                unmapped.append(id)
            }
        }
        return (moved, unmapped)
    }
}

/// The model an application-inference-profile ARN routes to (GetInferenceProfile), described as
/// Claude Code needs it: the catalogue's name and the capabilities Claude Code's rules give that model.
public struct BackingModel: Equatable, Sendable {
    public let baseModelId: String
    /// The catalogue's name, else the base ID itself.
    public let name: String
    /// nil when the bundled list does not know the model: its capabilities are then not guessed.
    public let capabilities: [ModelCapability]?

    public init(baseModelId: String, catalogue: Catalogue) {
        self.baseModelId = baseModelId
        let model = catalogue.model(baseModelId: baseModelId)
        name = model?.name ?? baseModelId
        capabilities = model?.capabilities
    }

    /// "…/0p4s6t7e8a9m", an ARN's short form for a line on screen.
    public static func shortForm(_ arn: String) -> String {
        guard let slash = arn.firstIndex(of: "/") else { return arn }
        return "…" + arn[slash...]
    }

    /// The `_SUPPORTED_CAPABILITIES` value to write; nil when there is nothing to say.
    public var capabilityList: String? {
        guard let capabilities, !capabilities.isEmpty else { return nil }
        return ModelCapability.list(capabilities)
    }

    /// How a pin's labels stand against this model: each missing or disagreeing label, in words.
    public func disagreements(with label: BedrockOptions.PinLabel?, variable: String) -> [String] {
        var found: [String] = []
        if let given = label?.name {
            if given.trimmingSpaces().lowercased() != name.lowercased() {
                found.append("\(variable)_NAME is \"\(given)\", not \(name)")
            }
        } else {
            found.append("\(variable)_NAME is missing")
        }
        guard let capabilities else { return found }
        if let given = label?.capabilities {
            let parsed = Set(ModelCapability.parse(given).known)
            if parsed != Set(capabilities) {
                found.append(
                    "\(variable)_SUPPORTED_CAPABILITIES is \"\(given)\", not \(capabilityList ?? "empty")")
            }
        } else if let list = capabilityList {
            found.append("\(variable)_SUPPORTED_CAPABILITIES is missing (\(list))")
        }
        return found
    }
}

/// Application-inference-profile ARN pins: Claude Code cannot tell which model one stands for, so
/// it needs `VAR_NAME` and `VAR_SUPPORTED_CAPABILITIES` beside the pin (model-config docs); the
/// backing model is looked up live.
extension SetupProfile {
    /// The pins that can carry labels and hold an application-inference-profile ARN: variable,
    /// ARN and the ARN's Region.
    public func profileARNPins(validator: Validator) -> [(variable: String, arn: String, region: String)] {
        ModelSlot.allCases.compactMap { slot in
            guard ClaudeEnv.describedPins.contains(slot.envName), let value = self[pin: slot],
                case .applicationProfileARN(let region, _, _, let arn)? = try? validator.model(
                    value, slot: slot, region: nil)
            else { return nil }
            return (slot.envName, arn, region)
        }
    }

    /// The ARN pins still missing `_NAME` or `_SUPPORTED_CAPABILITIES` (a label the person gave is
    /// never replaced).
    public func unlabelledProfileARNPins(validator: Validator) -> [(variable: String, arn: String, region: String)] {
        profileARNPins(validator: validator).filter { pin in
            let label = bedrock.pinLabels[pin.variable]
            return label?.name == nil || label?.capabilities == nil
        }
    }

    /// The same setup with each labelled pin whose value is a looked-up ARN (a key of `backing`)
    /// described as its backing model; a pin changed since the lookup gets nothing.
    public func labellingProfileARNPins(byARN backing: [String: BackingModel]) -> (
        profile: SetupProfile, filled: [String: [String]]
    ) {
        var byVariable: [String: BackingModel] = [:]
        for slot in ModelSlot.allCases where ClaudeEnv.describedPins.contains(slot.envName) {
            if let value = self[pin: slot], let model = backing[value] { byVariable[slot.envName] = model }
        }
        return labellingProfileARNPins(backing: byVariable)
    }

    /// The same setup with each pin in `backing` described as its backing model: `_NAME` and
    /// `_SUPPORTED_CAPABILITIES` filled where unset. `filled` says, per pin, which variables came
    /// from the backing model (for the review).
    public func labellingProfileARNPins(backing: [String: BackingModel]) -> (
        profile: SetupProfile, filled: [String: [String]]
    ) {
        var labelled = self
        var filled: [String: [String]] = [:]
        for (variable, model) in backing {
            var label = labelled.bedrock.pinLabels[variable] ?? BedrockOptions.PinLabel(name: nil, capabilities: nil)
            if label.name == nil {
                label.name = model.name
                filled[variable, default: []].append(variable + "_NAME")
            }
            if label.capabilities == nil, let list = model.capabilityList {
                label.capabilities = list
                filled[variable, default: []].append(variable + "_SUPPORTED_CAPABILITIES")
            }
            labelled.bedrock.pinLabels[variable] = label
        }
        return (labelled, filled)
    }
}

/// An application-inference-profile ARN pin as Claude Code will see it, with the labels beside it.
public struct ARNPin: Equatable, Sendable {
    public let variable: String
    public let arn: String
    /// The ARN's own Region, where GetInferenceProfile is asked.
    public let region: String
    public let label: BedrockOptions.PinLabel?

    /// The pins that can carry labels and hold an application-inference-profile ARN, read from the
    /// variables Claude Code will see (`value` answers for each name; nil when unset).
    public static func found(in value: (String) -> String?, validator: Validator) -> [ARNPin] {
        ModelSlot.allCases.compactMap { slot in
            let variable = slot.envName
            guard ClaudeEnv.describedPins.contains(variable), let pin = value(variable),
                case .applicationProfileARN(let region, _, _, let arn)? = try? validator.model(
                    pin, slot: slot, region: nil)
            else { return nil }
            let name = value(variable + "_NAME")
            let capabilities = value(variable + "_SUPPORTED_CAPABILITIES")
            let label =
                name == nil && capabilities == nil
                ? nil : BedrockOptions.PinLabel(name: name, capabilities: capabilities)
            return ARNPin(variable: variable, arn: arn, region: region, label: label)
        }
    }
}
