import WizardFlow

/// Verify: the checklist, or the IAM policy when it is open.
enum VerifyView {
    static func draw(_ step: VerifyStep, _ painter: inout Painter) {
        if let scroll = step.policyScroll {
            painter.heading("Least-privilege IAM policy for this setup")
            let text = VerifyStep.policyText(painter.answers, context: painter.context)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let visible = painter.rowsLeft
            let top = min(scroll, max(0, lines.count - visible))
            for text in lines[top..<min(lines.count, top + visible)] { painter.line(text, .normal, indent: 4) }
            return
        }
        painter.heading("Does it really work?")
        if step.pending != nil {
            painter.line("\(painter.spinner) Checking identity, Region, permissions and models…", Style(.accent))
        }
        painter.diagnoses(step.lines)
        if step.pending == nil, step.lines.contains(where: { $0.severity == .failure }) {
            painter.blank()
            painter.wrapped(
                "You can still review and write the setup; fix the ✗ lines first for Claude Code to work.",
                Style(.warning))
        }
    }
}
