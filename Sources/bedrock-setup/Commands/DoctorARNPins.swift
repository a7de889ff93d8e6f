import AWSClient
import BedrockCore

/// doctor on application-inference-profile ARN pins: online, the model behind each (GetInferenceProfile) and
/// whether `_NAME` / `_SUPPORTED_CAPABILITIES` are missing or disagree with it; offline, the labels present.
struct ARNPinReport {
    let pin: ARNPin
    /// GetInferenceProfile's answer; nil when it was not asked (`notLookedUp` says why).
    let lookup: PinLookup?
    let notLookedUp: String?

    var line: Diagnosis {
        let variable = pin.variable
        let short = BackingModel.shortForm(pin.arn)
        guard let lookup else {
            let reason = notLookedUp ?? "not looked up"
            let present = labelsPresent
            if present.isEmpty {
                return Diagnosis(
                    check: .setting(variable), severity: .warning, code: nil,
                    cause:
                        "\(short) has no \(variable)_NAME or _SUPPORTED_CAPABILITIES, so Claude Code shows the ARN and gives it no effort or adaptive thinking; its backing model was not looked up (\(reason)).",
                    fix: Self.applyFix)
            }
            return .ok(
                .setting(variable),
                "\(short): \(present.joined(separator: ", ")); its backing model was not looked up (\(reason)).")
        }
        switch lookup.result {
        case .failure(let failure):
            return failure.warning(
                variable, cause: "\(short): its backing model could not be looked up (\(failure.diagnosis.cause)).",
                fix: failure.diagnosis.fix)
        case .success(let model):
            let head = "\(short) → \(model.name) (its backing model, \(model.baseModelId))"
            let found = model.disagreements(with: pin.label, variable: variable)
            if found.isEmpty {
                return .ok(.setting(variable), head + "; _NAME and _SUPPORTED_CAPABILITIES match it")
            }
            let missingOnly = found.allSatisfy { $0.contains(" is missing") }
            return Diagnosis(
                check: .setting(variable), severity: .warning, code: nil,
                cause: head + "; " + found.joined(separator: "; ") + ".",
                fix: missingOnly
                    ? Self.applyFix
                    : "Give the backing model's values with `bedrock-setup apply --pin-name \(variable)=\"\(model.name)\" --pin-capabilities \(variable)=\(model.capabilityList ?? "LIST")` (apply --verify fills only what is missing)."
            )
        }
    }

    static let applyFix =
        "Run `bedrock-setup apply --verify` to write them from the backing model, or give them with --pin-name and --pin-capabilities."

    /// "_NAME \"Claude Opus 4.6\"", "_SUPPORTED_CAPABILITIES effort,thinking".
    var labelsPresent: [String] {
        [
            pin.label?.name.map { "\(pin.variable)_NAME \"\($0)\"" },
            pin.label?.capabilities.map { "\(pin.variable)_SUPPORTED_CAPABILITIES \($0)" },
        ]
        .compactMap { $0 }
    }

    var json: JSONValue {
        var backing = JSONValue.null
        var problem = JSONValue.null
        var disagreements: [JSONValue] = []
        if case .success(let model)? = lookup?.result {
            backing = .object([
                ("id", .string(model.baseModelId)), ("name", .string(model.name)),
                ("capabilities", model.capabilityList.map(JSONValue.string) ?? .null),
            ])
            disagreements = model.disagreements(with: pin.label, variable: pin.variable).map(JSONValue.string)
        }
        if case .failure(let failure)? = lookup?.result {
            problem = failure.diagnosis.code.map { .string($0.rawValue) } ?? .string("otherError")
        }
        return .object([
            ("variable", .string(pin.variable)), ("arn", .string(pin.arn)),
            ("name", pin.label?.name.map(JSONValue.string) ?? .null),
            ("capabilities", pin.label?.capabilities.map(JSONValue.string) ?? .null),
            ("lookedUp", .bool(lookup != nil)), ("backingModel", backing), ("problem", problem),
            ("disagreements", .array(disagreements)),
        ])
    }

    /// One report per ARN pin Claude Code will see; `lookups` from the online checks, or nil with the reason
    /// they did not run.
    static func reports(_ view: ClaudeCodeView, validator: Validator, lookups: [PinLookup]?, reason: String)
        -> [ARNPinReport]
    {
        ARNPin.found(in: view.value, validator: validator).map { pin in
            let lookup = lookups?.first { $0.variable == pin.variable && $0.arn == pin.arn }
            return ARNPinReport(
                pin: pin, lookup: lookup,
                notLookedUp: lookup == nil ? (lookups == nil ? reason : "no credentials to sign the lookup with") : nil)
        }
    }
}
