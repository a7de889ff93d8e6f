import BedrockCore
import WizardFlow

/// Region: every Bedrock Region that serves Claude, the current one marked, with scan results.
enum RegionView {
    static func draw(_ step: RegionStep, _ painter: inout Painter) {
        let catalogue = painter.context.catalogue
        let draft = painter.answers.draft
        painter.heading("Which Region should Claude Code call?")
        let pad = { (text: String, width: Int) in text.padded(to: width) }
        let items = catalogue.regions.map { info -> String in
            let mark = info.name == draft.region ? "●" : info.name == draft.smallFastRegion ? "◆" : " "
            let prefixes = catalogue.geographies(usableFrom: info.name).map(\.rawValue).sorted().joined(separator: " ")
            var text = "\(mark) \(pad(info.name, 15)) \(pad(info.place, 15)) \(pad(prefixes, 20))"
            if let result = step.scan[info.name] {
                if let problem = result.problem {
                    text += "✗ " + problem
                } else {
                    text += (result.offered ? "✓ " : "– ") + (result.latencyMs.map { "\($0) ms" } ?? "")
                }
            }
            return text
        }
        let styles = catalogue.regions.map { info -> Style in
            guard let result = step.scan[info.name] else { return .normal }
            return Style(result.problem != nil ? .error : result.offered ? .ok : .dim)
        }
        painter.line("  ● current  ◆ small/fast   Region          place           prefixes", Style(.dim))
        painter.list(items, cursor: step.cursor.index, rows: painter.rowsLeft, styles: styles)
    }
}
