import BedrockCore

/// What Claude Code calls for the slots the draft leaves unpinned: the defaults of the installed
/// version (the newest when Claude Code is not installed) for the Region, with its prefix rule.
public struct UnpinnedModels: Equatable, Sendable {
    /// nil: Claude Code is not installed, so the newest version's defaults apply.
    public let version: ClaudeCodeVersion?
    /// The primary model Claude Code calls; nil when the draft pins one.
    public let primary: String?
    public let primaryName: String?
    /// The background (Haiku/small-fast) model Claude Code calls; nil when pinned or taken from the primary pin.
    public let background: String?
    /// The docs' cost warning: an unpinned primary is billed at the Opus rate.
    public let billedAsOpus: Bool

    /// nil when every slot that has a default is pinned.
    static func of(_ draft: SetupProfile, version: ClaudeCodeVersion?, offered: [String]?, catalogue: Catalogue)
        -> UnpinnedModels?
    {
        let called = draft.withModelsClaudeCodeCalls(version: version, offered: offered)
        let readsDefault = version.follows(.defaultModelVariable)
        let primary = draft.model == nil && (draft.defaultModel == nil || !readsDefault) ? called.model : nil
        let background = draft.model == nil && draft.smallFastModel == nil ? called.smallFastModel : nil
        guard primary != nil || background != nil else { return nil }
        let base = primary.flatMap { Geography.leading($0)?.1 }
        let model = base.flatMap { catalogue.model(baseModelId: $0) }
        return UnpinnedModels(
            version: version, primary: primary, primaryName: model?.name, background: background,
            billedAsOpus: model?.tier == "opus")
    }
}

extension ModelsStep {
    /// What Claude Code calls with the draft's empty slots, for the note under the slots.
    public func unpinned(_ answers: Answers, _ context: WizardContext) -> UnpinnedModels? {
        let offered = isLive ? options.map(\.id) : nil
        return UnpinnedModels.of(
            answers.draft, version: context.info.claudeCodeVersion, offered: offered, catalogue: context.catalogue)
    }

    /// The rows a slot's picker offers: each model, and after a model that has a 1M-token context
    /// behind Claude Code's `[1m]` suffix, the same model "with 1M context", as Claude Code's own
    /// `/model` picker does. The background slot gets no 1M rows (its short tasks never need them), nor
    /// the Fable pin (Claude Code ignores `[1m]` there).
    public func choices(for slot: ModelSlot, catalogue: Catalogue) -> [ModelOption] {
        options.flatMap { option -> [ModelOption] in
            guard slot != .smallFast, slot != .fable, !option.id.hasPrefix("arn:"),
                !option.id.hasSuffix(ModelReference.longContextSuffix),
                let base = Geography.leading(option.id)?.1,
                catalogue.model(baseModelId: base)?.longContext == .suffix
            else { return [option] }
            let long = ModelOption(
                id: option.id + ModelReference.longContextSuffix, name: option.name + " with 1M context")
            return [option, long]
        }
    }
}
