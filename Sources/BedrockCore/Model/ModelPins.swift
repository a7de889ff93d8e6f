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
            if let (_, base) = Geography.leading(id), let mapped = validator.catalogue.profileId(forBaseModel: base, region: region) {
                moved[pin: slot] = mapped
            } else {
                moved[pin: slot] = nil
                unmapped.append(id)
            }
        }
        return (moved, unmapped)
    }
}
