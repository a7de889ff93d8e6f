extension ClaudeCodeView {
    /// The Bedrock settings beyond Region, credentials and models, each shown with its source
    /// and checked with the validator `apply` uses.
    func bedrockOptions(validator: Validator) -> [Diagnosis] {
        let values = environment.filter { !$0.value.value.isEmpty }
        let options = BedrockOptions(environment: values.mapValues(\.value))
        var lines: [Diagnosis] = []
        func show(_ key: String, _ detail: String) {
            guard let value = values[key] else { return }
            lines.append(.ok(.setting(key), "\(detail) (\(value.source))"))
        }
        if let tier = values[ClaudeEnv.serviceTier] {
            if options.serviceTier == nil {
                lines.append(
                    Diagnosis(
                        check: .setting(ClaudeEnv.serviceTier), severity: .failure, code: .badValue,
                        cause: "\"\(tier.value)\" (\(tier.source)) is not a service tier.",
                        fix: "Use default, flex or priority."))
            } else {
                show(ClaudeEnv.serviceTier, tier.value)
            }
        }
        if let headers = values[ClaudeEnv.customHeaders] {
            let guardrail = BedrockOptions.guardrail(in: headers.value)
            lines.append(
                .ok(
                    .setting(ClaudeEnv.customHeaders),
                    guardrail.map { "Guardrail \($0.identifier) version \($0.version) (\(headers.source))" }
                        ?? "custom headers, no Guardrail (\(headers.source))"))
        }
        if let prefix = values[ClaudeEnv.regionPrefix] {
            show(ClaudeEnv.regionPrefix, "built-in defaults use \(prefix.value).")
        }
        show(ClaudeEnv.baseURL, ClaudeEnv.shown(ClaudeEnv.baseURL, values[ClaudeEnv.baseURL]?.value ?? ""))
        show(ClaudeEnv.skipAuth, "no AWS authentication: the gateway at ANTHROPIC_BEDROCK_BASE_URL signs requests")
        show(ClaudeEnv.useMantle, "the Mantle endpoint (bare model IDs)")
        show(
            ClaudeEnv.mantleBaseURL,
            ClaudeEnv.shown(ClaudeEnv.mantleBaseURL, values[ClaudeEnv.mantleBaseURL]?.value ?? ""))
        show(ClaudeEnv.disablePromptCaching, "prompt caching off")
        show(ClaudeEnv.promptCaching1h, "1-hour prompt cache (billed at a higher rate)")
        // The same rules apply accepts, on what Claude Code will see.
        let profile = SetupProfile(
            name: "current", credentials: .environment, region: region?.value ?? "us-east-1",
            regionPrefix: values[ClaudeEnv.regionPrefix]?.value, bedrock: options)
        do { try validator.options(profile) } catch {
            lines.append(
                Diagnosis(
                    check: .bedrockOptions, severity: .failure, code: .badValue, cause: error.message, fix: error.fix))
        }
        return lines
    }
}
