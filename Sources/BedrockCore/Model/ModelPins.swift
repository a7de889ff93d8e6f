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

/// Application-inference-profile ARN pins: Claude Code cannot tell which model one stands for, so
/// it needs `VAR_NAME` beside the pin (model-config docs); the backing model is looked up live.
extension SetupProfile {
    /// The pins that can carry a name, hold an application-inference-profile ARN and have no
    /// `_NAME` yet (one the person gave is never replaced): variable, ARN and the ARN's Region.
    public func unnamedProfileARNPins(validator: Validator) -> [(variable: String, arn: String, region: String)] {
        ModelSlot.allCases.compactMap { slot in
            guard ClaudeEnv.describedPins.contains(slot.envName), bedrock.pinLabels[slot.envName]?.name == nil,
                let value = self[pin: slot],
                case .applicationProfileARN(let region, _, _, let arn)? = try? validator.model(
                    value, slot: slot, region: nil)
            else { return nil }
            return (slot.envName, arn, region)
        }
    }

    /// The same setup with `VAR_NAME` set for each pin in `backing` (variable → the base model ID
    /// its profile routes to): the catalogue's name for it, else the base ID itself.
    public func namingProfileARNPins(backing: [String: String], catalogue: Catalogue) -> SetupProfile {
        var named = self
        for (variable, base) in backing where named.bedrock.pinLabels[variable]?.name == nil {
            let name = catalogue.model(baseModelId: base)?.name ?? base
            named.bedrock.pinLabels[variable] = BedrockOptions.PinLabel(
                name: name, capabilities: named.bedrock.pinLabels[variable]?.capabilities)
        }
        return named
    }
}
