import BedrockCore

/// The pins in `slots` carried to the profile's Region by the core's rule (`remappingPins`, which the wizard's Region
/// step uses): a pin callable there stays, a geography's profile becomes the same model's profile for the new Region,
/// each move said on standard error. A pin with no counterpart is left for the validator to refuse, naming it.
func carryingPins(_ profile: SetupProfile, slots: Set<ModelSlot>, validator: Validator) -> SetupProfile {
    var subset = profile
    for slot in ModelSlot.allCases where !slots.contains(slot) { subset[pin: slot] = nil }
    let moved = subset.remappingPins(validator: validator).profile
    var result = profile
    for slot in ModelSlot.allCases where slots.contains(slot) {
        guard let old = profile[pin: slot], let new = moved[pin: slot], new != old else { continue }
        result[pin: slot] = new
        writeError(
            "bedrock-setup: the \(slot.label) \(old) is not called from \(profile.region(for: slot)); "
                + "\(new), the same model there, is written instead.\n")
    }
    return result
}
