import BedrockCore
import FoundationEssentials
import Glibc

/// Region: where Claude Code calls Bedrock, with an optional live scan of every Region and a
/// separate Region for the small/fast model.
public struct RegionStep: StepFlow {
    public internal(set) var cursor: ListCursor
    /// Results of the last scan, by Region.
    public internal(set) var scan: [String: RegionRow] = [:]
    public internal(set) var scanning: RequestID?
    /// Letters typed to find a Region; forgotten a second after the last one.
    public internal(set) var search: Search?

    public struct Search: Equatable, Sendable {
        public let text: String
        public let tick: Int
    }

    enum Bindings {
        static let move = KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], "↑↓ PgUp PgDn", "move")
        static let choose = KeyBinding(.enter, "Enter", "choose")
        static let scan = KeyBinding(.character("s"), "s", "scan all")
        static let smallFast = KeyBinding(.character("f"), "f", "small/fast Region")
        static let find = KeyBinding.hint("letters", "find a Region by name or place")
    }

    static var help: [String] {
        [
            "Claude Code needs AWS_REGION set explicitly.", "s asks every Region at once which offer the model.",
            "f sets the highlighted Region for the small/fast model.",
        ]
    }

    static func enter(_ session: inout Session) -> (RegionStep, [Effect]) {
        let regions = session.catalogue.regions
        let preferred = session.answers.profileRegion ?? session.draft.region
        let index =
            regions.firstIndex { $0.name == preferred } ?? regions.firstIndex { $0.name == session.draft.region } ?? 0
        return (RegionStep(cursor: ListCursor(index: index, count: regions.count)), [])
    }

    var wrapped: Step { .region(self) }
    public var pending: RequestID? { scanning }

    mutating func cancel() -> Bool {
        scanning = nil
        return true
    }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        [Bindings.move, Bindings.choose, Bindings.scan, Bindings.smallFast, CommonBindings.back, Bindings.find]
    }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        if find(key, &session) { return .stay() }
        search = nil
        if cursor.apply(key, page: session.page) { return .stay() }
        let regions = session.catalogue.regions
        let selected = regions[cursor.index].name
        switch key {
        case Bindings.scan:
            scan = [:]
            session.say("Asking every Region at once…")
            let draft = session.draft
            // The primary model Claude Code will call: the pin, or the installed version's default.
            let model = draft.withModelsClaudeCodeCalls(version: session.context.info.claudeCodeVersion).model ?? ""
            let (id, effect) = session.request(.scanRegions(draft, session.answers.secrets, models: [model]))
            scanning = id
            return .stay([effect])
        case Bindings.smallFast:
            if session.draft.smallFastRegion == selected || selected == session.draft.region {
                session.draft.smallFastRegion = nil
                session.say("The small/fast model uses the main Region.")
            } else {
                session.draft.smallFastRegion = selected
                session.say(
                    "The small/fast model will be called in \(selected) (pin a small/fast model on the next screen).")
            }
            return .stay()
        case CommonBindings.back:
            return .back
        case Bindings.choose:
            session.draft.region = selected
            if session.draft.smallFastRegion == selected { session.draft.smallFastRegion = nil }
            // The same models, in the new Region's geography where one exists.
            let (moved, unmapped) = session.draft.remappingPins(validator: session.validator)
            session.draft = moved
            if session.answers.route == .regionOnly, !unmapped.isEmpty {
                let notice = Status(
                    text: "\(unmapped.joined(separator: ", ")) cannot be called from \(selected): choose again.",
                    isError: true)
                return .to(.models, notice: notice)
            }
            return .forward
        default:
            return .stay()
        }
    }

    /// Type-ahead: letters, digits and "-" find the first Region whose name starts with what was
    /// typed, else whose name or place contains it. `s` and `f` are commands unless a search is
    /// under way.
    mutating func find(_ key: Key, _ session: inout Session) -> Bool {
        guard case .character(let character) = key, character.isLetter || character.isNumber || character == "-" else {
            return false
        }
        let current = search.flatMap { session.tick - $0.tick <= 10 ? $0.text : nil } ?? ""
        if current.isEmpty, Bindings.scan ~= key || Bindings.smallFast ~= key { return false }
        let text = current + String(character).lowercased()
        search = Search(text: text, tick: session.tick)
        let regions = session.catalogue.regions
        let folded = { (value: String) in value.foldedForSearch() }
        if let index = regions.firstIndex(where: { $0.name.hasPrefix(text) })
            ?? regions.firstIndex(where: { $0.name.contains(text) || folded($0.place).contains(folded(text)) })
        {
            cursor.select(index)
        }
        return true
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        guard case .regions(let rows) = answer else { return .stay() }
        scanning = nil
        for row in rows { scan[row.region] = row }
        session.say("\(rows.filter(\.offered).count) of \(rows.count) Regions offer the chosen model.")
        return .stay()
    }
}
