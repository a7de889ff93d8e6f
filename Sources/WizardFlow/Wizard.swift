import BedrockCore

/// The whole wizard as one value: the current step with its own state, the answers shared by
/// every step, and the chrome around them. `handle` is the only way to change it.
public struct Wizard: Equatable, Sendable {
    public let context: WizardContext
    public private(set) var step: Step
    public private(set) var answers: Answers
    public private(set) var chrome = Chrome()
    /// Steps left going forward, most recent last: Esc returns to them as they were.
    private var trail: [Step] = []
    private var lastRequest = 0

    public init(
        info: StartInfo, demo: Bool, catalogue: Catalogue = .bundled, preset: Preset? = nil, presetSource: String? = nil
    ) {
        context = WizardContext(
            info: info, demo: demo, catalogue: catalogue, preset: preset, presetSource: presetSource)
        let base = info.today ?? SetupProfile(name: "default", credentials: .sso, region: "us-east-1")
        answers = Answers(draft: preset?.applied(to: base) ?? base)
        answers.targets = preset?.targets.map(Set.init) ?? info.startingTargets
        var session = Session(answers: answers, context: context, tick: 0, page: 10, lastRequest: 0)
        step = Step.enter(.start, &session).0
    }

    /// Whether the current step waits for an answer.
    public var isBusy: Bool { step.pending != nil }

    /// Whether leaving now would lose answers (so `q` asks first).
    public var hasUnsavedAnswers: Bool { step.id != .start && step.id != .done }

    /// The one transition function: (wizard, event) → (wizard, effects).
    public mutating func handle(_ event: Event) -> [Effect] {
        switch event {
        case .tick:
            chrome.tick &+= 1
            return []
        case .resized(let width, let height):
            chrome.width = max(1, width)
            chrome.height = max(1, height)
            return []
        case .answered(let id, let answer):
            guard step.accepts(id) else { return [] }  // an answer nobody waits for any more
            return run { step, session in step.receive(answer, &session) }
        case .key(let key):
            return handle(key)
        }
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if key == .control("c") { return [.exit(130)] }
        switch chrome.overlay {
        case .confirmQuit:
            chrome.overlay = nil
            return key == .character("y") || key == .character("Y") ? [.exit(0)] : []
        case .help:
            chrome.overlay = nil
            return []
        case nil: break
        }
        if key == .escape, let pending = step.pending {
            // Esc cancels a request in flight; nothing is written, and a write is never stopped half-way.
            guard step.update({ $0.cancel() }) else { return [] }
            chrome.status = Status(text: "Cancelled.", isError: false)
            return [.cancel(pending)]
        }
        if !step.isEditingText {
            switch key {
            case CommonBindings.help:
                chrome.overlay = .help
                return []
            case CommonBindings.quit:
                if hasUnsavedAnswers {
                    chrome.overlay = .confirmQuit
                    return []
                }
                return [.exit(0)]
            default: break
            }
        }
        return run { step, session in step.handle(key, &session) }
    }

    /// Runs one step input with a session over the shared answers, then carries out the move.
    private mutating func run(_ body: (inout any StepFlow, inout Session) -> Transition) -> [Effect] {
        var session = Session(
            answers: answers, status: chrome.status, context: context, tick: chrome.tick,
            page: max(1, chrome.height - 10), lastRequest: lastRequest)
        let transition = step.update { flow in body(&flow, &session) }
        var effects = transition.effects
        switch transition.move {
        case .stay: break
        case .exit(let code): effects.append(.exit(code))
        case .forward:
            if let next = Navigation.next(after: step.id, on: session.answers.route, skipping: context.lockedSteps) {
                effects += move(to: next, &session, notice: transition.notice)
            }
        case .to(let next): effects += move(to: next, &session, notice: transition.notice)
        case .present(let next):
            effects += leave(&session)
            trail.append(step)
            step = next
            session.status = transition.notice
        case .back:
            if let previous = Navigation.previous(
                before: step.id, on: session.answers.route, skipping: context.lockedSteps)
            {
                effects += leave(&session)
                while let last = trail.last, last.id != previous { trail.removeLast() }
                if let last = trail.popLast() {
                    step = last
                } else {
                    let (entered, more) = Step.enter(previous, &session)
                    step = entered
                    effects += more
                }
                session.status = transition.notice
            } else {
                effects.append(.exit(0))
            }
        }
        answers = session.answers
        chrome.status = session.status
        lastRequest = session.lastRequest
        return effects
    }

    /// Leaves the current step for `next`, entered fresh; the one left stays on the trail.
    private mutating func move(to next: StepID, _ session: inout Session, notice: Status?) -> [Effect] {
        var effects = leave(&session)
        trail.append(step)
        session.status = nil
        let (entered, more) = Step.enter(next, &session)
        step = entered
        effects += more
        if let notice { session.status = notice }
        return effects
    }

    /// Cancels what the current step still waits for, so nothing answers into a step left behind.
    private mutating func leave(_ session: inout Session) -> [Effect] {
        session.status = nil
        guard let pending = step.pending else { return [] }
        _ = step.update { $0.cancel() }
        return [.cancel(pending)]
    }
}

/// Everything around the step: the window, the spinner's clock, an overlay, the status line.
public struct Chrome: Equatable, Sendable {
    public enum Overlay: Equatable, Sendable { case help, confirmQuit }
    public internal(set) var width = 80
    public internal(set) var height = 24
    public internal(set) var tick = 0
    public internal(set) var overlay: Overlay?
    public internal(set) var status: Status?
}
