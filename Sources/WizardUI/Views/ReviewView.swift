import BedrockCore
import WizardFlow

/// Review: the name, the targets, and the diff of every file that would change.
enum ReviewView {
    static func draw(_ step: ReviewStep, _ painter: inout Painter) {
        let answers = painter.answers
        painter.heading("Review and write")
        painter.input("Profile name", step.name, focused: step.focus == .name)
        painter.fieldError(step.nameError)
        let targets = ActivationTarget.allCases.map { "[\(answers.targets.contains($0) ? "x" : " ")] \($0.label)" }
        painter.list(targets, cursor: step.focus == .targets ? step.targetCursor.index : nil, rows: 3)
        for warning in step.overrides { painter.wrapped("⚠ " + warning, Style(.warning)) }
        for note in step.credentialNotes { painter.wrapped("⚠ " + TerminalText.visible(note), Style(.warning)) }
        for note in step.labelNotes { painter.wrapped("• " + TerminalText.visible(note), Style(.dim)) }
        switch step.phase {
        case .planning:
            painter.line("\(painter.spinner) Preparing the changes…", Style(.accent))
            return
        case .failed(let reason):
            painter.wrapped("✗ " + reason, Style(.error))
            painter.wrapped(
                "Nothing will be written. Tab to the targets to choose another, or fix the file and press Enter.",
                Style(.dim))
            return
        case .writing:
            painter.line("\(painter.spinner) Writing…", Style(.accent))
        case .planned: break
        }
        let pending = step.pendingChanges
        if pending.isEmpty {
            painter.line("Nothing to change: every file already matches this setup.", Style(.ok))
            return
        }
        painter.line("Changes (\(pending.count) file\(pending.count == 1 ? "" : "s")):", Style(.dim))
        let secrets = [answers.secrets.apiKey, answers.secrets.secretAccessKey].compactMap { $0 }
        let diffLines = pending.flatMap { $0.diff(redacting: secrets).split(separator: "\n").map(String.init) }
        let visible = painter.rowsLeft
        let top = min(step.diffScroll, max(0, diffLines.count - visible))
        for text in diffLines[top..<min(diffLines.count, top + visible)] {
            let role: Style.Role =
                text.hasPrefix("+++") || text.hasPrefix("---")
                ? .accent
                : text.hasPrefix("+")
                    ? .ok
                    : text.hasPrefix("-") ? .error : text.hasPrefix("@@") ? .dim : .normal
            painter.line(text, Style(role), indent: 2)
        }
    }
}
