import BedrockCore
import WizardFlow

/// The smallest window the wizard draws in; below it, a clear message.
public let minimumSize = (width: 60, height: 18)

/// Draws the state into a frame: pure, so every screen can be snapshot-tested as text.
public func render(_ state: WizardState, width: Int, height: Int) -> Frame {
    var frame = Frame(width: width, height: height)
    guard width >= minimumSize.width, height >= minimumSize.height else {
        // Wrapped to the window, however narrow, so the message itself is never cut.
        let paragraphs = ["Make the window larger:", "bedrock-setup needs \(minimumSize.width)×\(minimumSize.height),", "this one is \(width)×\(height).",
                          "q quits."]
        let lines = paragraphs.enumerated().flatMap { index, text in wrap(text, width: max(1, width)).map { (index, $0) } }
        for (offset, (index, line)) in lines.enumerated() {
            let row = max(0, height / 2 - lines.count / 2) + offset
            frame.put(line, row: row, column: max(0, (width - line.count) / 2), style: Style(index == 0 ? .warning : .normal, bold: index == 0))
        }
        if state.demo { frame.put("DEMO", row: 0, column: max(0, width - 4), style: Style(.badge, bold: true)) }
        return frame
    }
    var painter = Painter(frame: frame, state: state)
    painter.titleBar()
    painter.body()
    painter.footer()
    if state.showHelp { painter.helpOverlay() }
    if state.confirmQuit { painter.confirmOverlay() }
    return painter.frame
}

let spinnerFrames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

struct Painter {
    var frame: Frame
    let state: WizardState
    var row = 2

    var width: Int { frame.width }
    var height: Int { frame.height }
    /// Rows the body may use: below the title and blank line, above message and hints.
    var bodyBottom: Int { height - 3 }

    init(frame: Frame, state: WizardState) {
        self.frame = frame
        self.state = state
    }

    mutating func line(_ text: String, _ style: Style = .normal, indent: Int = 2) {
        guard row <= bodyBottom else { return }
        frame.put(text, row: row, column: indent, style: style, limit: width - indent - 1)
        row += 1
    }

    mutating func wrapped(_ text: String, _ style: Style = .normal, indent: Int = 2) {
        for piece in wrap(text, width: width - indent - 2) { line(piece, style, indent: indent) }
    }

    mutating func blank() { row += 1 }

    var spinner: String { String(spinnerFrames[state.tick % spinnerFrames.count]) }

    // MARK: Chrome

    mutating func titleBar() {
        frame.fill(row: 0, style: Style(.title))
        frame.put(" bedrock-setup ", row: 0, column: 0, style: Style(.title, bold: true))
        let step = " Step \(state.screen.step)/\(Screen.allCases.count) · \(state.screen.title) "
        frame.put(step, row: 0, column: 16, style: Style(.title))
        var right = width
        if state.demo {
            right -= 6
            frame.put(" DEMO ", row: 0, column: right, style: Style(.badge, bold: true))
        }
        let dots = Screen.allCases.map { $0.rawValue < state.screen.rawValue ? "●" : $0 == state.screen ? "◉" : "○" }.joined()
        right -= dots.count + 1
        if right > 16 + step.count { frame.put(dots, row: 0, column: right, style: Style(.title)) }
    }

    /// Validation messages of text fields go under the field, in full, not in the footer.
    var messageIsInline: Bool {
        state.messageIsError && ((state.screen == .credentials && [.enterKeys, .enterAPIKey].contains(state.credentialsStage))
            || (state.screen == .review && state.reviewFocus == .name))
    }

    mutating func footer() {
        if let message = state.message, !messageIsInline {
            frame.put(message, row: height - 2, column: 2, style: Style(state.messageIsError ? .error : .accent), limit: width - 3)
        } else if state.isBusy {
            frame.put("\(spinner) working… Esc cancels", row: height - 2, column: 2, style: Style(.accent))
        }
        frame.fill(row: height - 1, style: Style(.dim))
        // Whole hints only: on a narrow window the last ones go, none is cut in half.
        var shown = hints
        while shown.count + 1 > width, let cut = shown.range(of: " · ", options: .backwards) { shown = String(shown[..<cut.lowerBound]) }
        frame.put(" " + shown, row: height - 1, column: 0, style: Style(.dim), limit: width)
    }

    var hints: String {
        if state.confirmQuit { return "y leave without writing · any other key stays" }
        if state.showHelp { return "any key closes help" }
        switch state.screen {
        case .start: return state.switchList != nil ? "↑↓ choose · Enter switch · Esc back" : "↑↓ choose · Enter select · ? help · q quit"
        case .modelAccess: return "Enter continue · Esc back · ? help · q quit"
        case .credentials:
            switch state.credentialsStage {
            case .chooseMethod: return "↑↓ or a–d choose · Enter select · Esc back · ? help"
            case .chooseProfile: return "↑↓ choose · Enter select · l run aws sso login · Esc back"
            case .enterKeys: return "Tab next field · Enter check · Esc back"
            case .enterAPIKey: return "paste the key · Enter check · Esc back"
            case .checked: return state.identity.contains { $0.severity == .failure } ? "Enter check again · c continue anyway · Esc back" : "Enter continue · Esc choose again"
            }
        case .region: return "↑↓ PgUp PgDn move · Enter choose · s scan all · f small/fast Region · Esc back"
        case .models:
            if state.picker?.custom != nil { return "type an ID or ARN · Tab use suggestion · Enter accept · Esc back" }
            if state.picker != nil { return "↑↓ choose · Enter select · Esc close" }
            return "↑↓ move · Enter change / continue · Del clear · Esc back · ? help"
        case .verify: return state.showPolicy ? "↑↓ scroll · s save to a file · Esc close" : "Enter review · t one-token test call · p IAM policy · r re-check · Esc back"
        case .review: return "Enter write · Tab next field · Space toggle · ↑↓ scroll · Esc back"
        case .done: return "Enter or q exit"
        }
    }

    // MARK: Body

    mutating func body() {
        switch state.screen {
        case .start: start()
        case .modelAccess: modelAccess()
        case .credentials: credentials()
        case .region: region()
        case .models: models()
        case .verify: verify()
        case .review: review()
        case .done: done()
        }
    }

    /// A scrolling list: keeps the cursor in view within `rows` lines.
    mutating func list(_ items: [String], cursor: Int?, rows: Int, styles: [Style]? = nil) {
        // Keep the last row for "(a–b of n)" when the list scrolls.
        let visible = items.count > rows ? max(1, rows - 1) : max(1, rows)
        let top = cursor.map { max(0, min($0 - visible / 2, items.count - visible)) } ?? 0
        for index in top..<min(items.count, top + visible) {
            let selected = index == cursor
            let style = selected ? Style(.selected, bold: true) : (styles?[index] ?? .normal)
            line((selected ? "▸ " : "  ") + items[index], style)
        }
        if items.count > visible { line("  (\(top + 1)–\(min(items.count, top + visible)) of \(items.count))", Style(.dim)) }
    }

    mutating func start() {
        line("What is configured today", Style(.accent, bold: true))
        if state.info.summary.isEmpty {
            line("Nothing yet: Claude Code is not set up for Bedrock on this machine.", Style(.dim))
        }
        let labelWidth = (state.info.summary.map(\.label.count).max() ?? 0) + 2
        for item in state.info.summary {
            let text = item.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + item.value
            frame.put(text, row: row, column: 2, limit: width - 4)
            if let source = item.source, row <= bodyBottom {
                let column = 2 + min(text.count + 2, width - 20)
                frame.put("(\(source))", row: row, column: column, style: Style(.dim), limit: width - column - 1)
            }
            row += 1
        }
        for problem in state.info.problems { wrapped("⚠ " + problem, Style(.warning)) }
        blank()
        if let switchList = state.switchList {
            line("Switch to a saved profile", Style(.accent, bold: true))
            let items = state.info.savedProfiles.map { profile in
                "\(profile.name == state.info.activeProfile ? "●" : " ") \(profile.name)  \(profile.region)  \(profile.model ?? "default model")"
            }
            list(items, cursor: switchList.index, rows: bodyBottom - row + 1)
        } else {
            list(state.startChoices.map(\.label), cursor: state.startMenu.index, rows: bodyBottom - row + 1)
        }
    }

    mutating func modelAccess() {
        line("Turn on model access in the AWS account", Style(.accent, bold: true))
        blank()
        wrapped("1. Open the Amazon Bedrock console for \(state.draft.region) and go to Model access (or Model catalog).")
        wrapped("2. Anthropic models need a one-time use-case form per account; submit it if the console asks.")
        wrapped("3. Enable the Claude models you want. Access is per account and Region.")
        blank()
        line("Console for \(state.draft.region):", Style(.dim))
        wrapped(Catalogue.consoleURL(state.draft.region), Style(.accent), indent: 4)
        blank()
        wrapped("The Verify step checks this for real, with your credentials, before anything is written.", Style(.dim))
    }

    mutating func credentials() {
        line("How will Claude Code sign in to AWS?", Style(.accent, bold: true))
        let methods = CredentialsMethod.allCases.map { method -> String in
            var text = "\(method.letter)) \(method.title)"
            if method == .environment, let keys = state.info.environmentKeys { text += "  · \(keys)" }
            if method == .apiKey, state.info.environmentAPIKey != nil { text += "  · found in AWS_BEARER_TOKEN_BEDROCK" }
            return text
        }
        let cursor: Int? = state.credentialsStage == .chooseMethod ? state.credentialsCursor.index : nil
        let chosen = CredentialsMethod.allCases.firstIndex(of: state.draft.credentials)
        let styles = methods.indices.map { $0 == chosen && cursor == nil ? Style(.accent, bold: true) : Style.normal }
        list(methods, cursor: cursor, rows: 4, styles: styles)
        for warning in state.info.shadowing { wrapped("⚠ " + warning, Style(.warning)) }
        blank()
        switch state.credentialsStage {
        case .chooseMethod: break
        case .chooseProfile:
            let choices = state.profileChoices
            line(state.draft.credentials == .sso ? "SSO profiles in ~/.aws/config" : "AWS profiles with keys", Style(.accent))
            var items = choices.map { "\($0.name)  \($0.region ?? "")  \($0.detail)" }
            var styles = choices.map { Style($0.needsLogin ? .warning : .normal) }
            if state.draft.credentials == .awsProfile {
                items.append("Enter new access keys…")
                styles.append(Style(.accent))
            }
            if items.isEmpty { line("No profiles found.", Style(.dim)) }
            list(items, cursor: state.profileCursor.index, rows: bodyBottom - row + 1, styles: styles)
        case .enterKeys:
            let labels = ["AWS profile name", "Access key ID", "Secret access key"]
            for (index, field) in state.keyFields.enumerated() {
                input(labels[index], field, focused: index == state.keyFocus)
            }
            inlineMessage()
            line("Written to ~/.aws/credentials and ~/.aws/config like `aws configure`.", Style(.dim))
        case .enterAPIKey:
            input("Bedrock API key", state.apiKeyField, focused: true)
            inlineMessage()
            line("Create one in the Bedrock console under API keys. Stored only in files readable by you (0600).", Style(.dim))
        case .checked:
            if case .running = state.identityCheck {
                line("\(spinner) Checking who you are…", Style(.accent))
            }
            diagnoses(state.identity)
        }
    }

    mutating func input(_ label: String, _ field: TextField, focused: Bool) {
        guard row <= bodyBottom else { return }
        let labelText = label.padding(toLength: 20, withPad: " ", startingAt: 0)
        frame.put(labelText, row: row, column: 2, style: Style(focused ? .accent : .normal, bold: focused))
        let boxWidth = width - 24
        // Long values (ARNs) scroll so the cursor stays in view.
        let display = Array(field.display)
        let start = max(0, field.cursor - boxWidth + 2)
        let shown = String(display[min(start, display.count)..<min(display.count, start + boxWidth - 1)])
        frame.put("[", row: row, column: 22, style: Style(.dim))
        frame.put(shown.padding(toLength: boxWidth - 1, withPad: " ", startingAt: 0), row: row, column: 23, style: Style(focused ? .selected : .normal))
        frame.put("]", row: row, column: 23 + boxWidth - 1, style: Style(.dim))
        if focused { frame.cursor = (row, 23 + field.cursor - start) }
        row += 1
    }

    mutating func inlineMessage() {
        if messageIsInline, let message = state.message { wrapped(message, Style(.error), indent: 4) }
    }

    mutating func diagnoses(_ lines: [Diagnosis]) {
        for diagnosis in lines {
            let (symbol, role): (String, Style.Role) = switch diagnosis.severity {
            case .ok: ("✓", .ok)
            case .warning: ("⚠", .warning)
            case .failure: ("✗", .error)
            }
            guard row <= bodyBottom else { return }
            frame.put(symbol, row: row, column: 2, style: Style(role, bold: true))
            let text = "\(diagnosis.check): \(diagnosis.cause)"
            for (index, piece) in wrap(text, width: width - 7).enumerated() where row <= bodyBottom {
                frame.put(piece, row: row, column: 4, style: index == 0 ? .normal : .normal)
                row += 1
            }
            if let fix = diagnosis.fix, diagnosis.severity != .ok {
                for piece in wrap("fix: " + fix, width: width - 9) { line(piece, Style(.accent), indent: 6) }
            }
        }
    }

    mutating func region() {
        line("Which Region should Claude Code call?", Style(.accent, bold: true))
        let catalogue = state.catalogue
        let geographies = { (name: String) in
            catalogue.geographies(usableFrom: name).map(\.rawValue).sorted().joined(separator: " ")
        }
        let state = self.state
        let items = state.catalogue.regions.map { info -> String in
            let mark = info.name == state.draft.region ? "●" : info.name == state.draft.smallFastRegion ? "◆" : " "
            var text = "\(mark) \(info.name.padding(toLength: 15, withPad: " ", startingAt: 0)) \(info.place.padding(toLength: 15, withPad: " ", startingAt: 0)) \(geographies(info.name).padding(toLength: 20, withPad: " ", startingAt: 0))"
            if let result = state.scan[info.name] {
                if let problem = result.problem { text += "✗ " + problem }
                else { text += (result.offered ? "✓ " : "– ") + (result.latencyMs.map { "\($0) ms" } ?? "") }
            }
            return text
        }
        let styles = state.catalogue.regions.map { info -> Style in
            guard let result = state.scan[info.name] else { return .normal }
            return Style(result.problem != nil ? .error : result.offered ? .ok : .dim)
        }
        line("  ● current  ◆ small/fast   Region          place           prefixes", Style(.dim))
        list(items, cursor: state.regionCursor.index, rows: bodyBottom - row + 1, styles: styles)
    }

    mutating func models() {
        let source = state.modelsLive ? "live inference profiles in \(state.draft.region)" : "bundled catalogue for \(state.draft.region)"
        line("Which models? (\(source))", Style(.accent, bold: true))
        if case .running = state.modelsCheck { line("\(spinner) Listing inference profiles…", Style(.accent)) }
        let rows = WizardModelsLayout.slots.map { slot -> String in
            let value = state.value(of: slot) ?? "Claude Code's default"
            return slot.label.capitalizedFirst.padding(toLength: 18, withPad: " ", startingAt: 0) + value
        } + ["[ Continue ]"]
        list(rows, cursor: state.picker == nil ? state.modelCursor.index : nil, rows: 5)
        if state.draft.smallFastRegion != nil {
            line("Small/fast Region: \(state.draft.smallFastRegion!)", Style(.dim))
        }
        guard let picker = state.picker else { return }
        blank()
        line("Choose the \(picker.slot.label)", Style(.accent, bold: true))
        if let custom = picker.custom {
            input("ID or ARN", custom, focused: true)
            if let error = picker.error { wrapped(error, Style(.error), indent: 4) }
            if let suggestion = picker.suggestion { wrapped("Tab: use \(suggestion)", Style(.accent), indent: 4) }
            if picker.error == nil, !custom.text.isEmpty { line("✓ valid for \(state.draft.region)", Style(.ok), indent: 4) }
            return
        }
        let options = ["Claude Code's default (leave unset)"] + state.modelOptions.map { "\($0.id)  \($0.name)" } + ["Custom ID or ARN…"]
        list(options, cursor: picker.cursor.index, rows: bodyBottom - row + 1)
    }

    mutating func verify() {
        if state.showPolicy {
            line("Least-privilege IAM policy for this setup", Style(.accent, bold: true))
            let lines = state.policyText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let visible = bodyBottom - row + 1
            let top = min(state.policyScroll, max(0, lines.count - visible))
            for text in lines[top..<min(lines.count, top + visible)] { line(text, .normal, indent: 4) }
            return
        }
        line("Does it really work?", Style(.accent, bold: true))
        if case .running = state.verifyCheck { line("\(spinner) Checking identity, Region, permissions and models…", Style(.accent)) }
        diagnoses(state.verifyLines)
        if case .done = state.verifyCheck, state.verifyLines.contains(where: { $0.severity == .failure }) {
            blank()
            wrapped("You can still review and write the setup; fix the ✗ lines first for Claude Code to work.", Style(.warning))
        }
    }

    mutating func review() {
        line("Review and write", Style(.accent, bold: true))
        input("Profile name", state.nameField, focused: state.reviewFocus == .name)
        inlineMessage()
        let targetItems = ActivationTarget.allCases.map { "[\(state.targets.contains($0) ? "x" : " ")] \($0.label)" }
        let cursor: Int? = state.reviewFocus == .targets ? state.targetCursor.index : nil
        list(targetItems, cursor: cursor, rows: 3)
        if case .running = state.planCheck {
            line("\(spinner) Preparing the changes…", Style(.accent))
            return
        }
        if case .running = state.writeCheck { line("\(spinner) Writing…", Style(.accent)) }
        let pending = state.plan.filter { !$0.isNoOp }
        if pending.isEmpty {
            line("Nothing to change: every file already matches this setup.", Style(.ok))
            return
        }
        line("Changes (\(pending.count) file\(pending.count == 1 ? "" : "s")):", Style(.dim))
        let diffLines = pending.flatMap { change in
            change.diff(redacting: [state.secrets.apiKey, state.secrets.secretAccessKey].compactMap { $0 }).split(separator: "\n").map(String.init)
        }
        let visible = bodyBottom - row + 1
        let top = min(state.diffScroll, max(0, diffLines.count - visible))
        for text in diffLines[top..<min(diffLines.count, top + visible)] {
            let role: Style.Role = text.hasPrefix("+++") || text.hasPrefix("---") ? .accent : text.hasPrefix("+") ? .ok
                : text.hasPrefix("-") ? .error : text.hasPrefix("@@") ? .dim : .normal
            line(text, Style(role), indent: 2)
        }
    }

    mutating func done() {
        line("✓ Claude Code is set up on Amazon Bedrock", Style(.ok, bold: true))
        blank()
        for file in state.written {
            if file.action == "unchanged" {
                line("Nothing changed: every file already matched.", Style(.dim))
                continue
            }
            wrapped("\(file.action) \(file.path)")
            if let backup = file.backup { wrapped("backup: \(backup)", Style(.dim), indent: 6) }
        }
        blank()
        line("Next:", Style(.accent, bold: true))
        if state.targets.contains(.shell) { line("open a new terminal (or `source ~/.config/bedrock-setup/env.sh`), then", .normal, indent: 4) }
        line("claude", Style(.accent), indent: 4)
        line("/status   (inside Claude Code: shows Bedrock, the Region and the model)", .normal, indent: 4)
        line("bedrock-setup doctor   (checks everything again, any time)", .normal, indent: 4)
        if state.demo {
            blank()
            wrapped("Demo: nothing was written to your real configuration; everything above is in \(state.info.demoFolder ?? "a temporary folder").",
                    Style(.badge))
        }
    }

    // MARK: Overlays

    mutating func box(_ title: String, _ lines: [String]) {
        let boxWidth = min(width - 4, max(title.count + 4, (lines.map(\.count).max() ?? 0) + 4))
        let boxHeight = min(height - 4, lines.count + 2)
        let top = max(1, (height - boxHeight) / 2), left = max(1, (width - boxWidth) / 2)
        for y in top..<(top + boxHeight) {
            for x in left..<(left + boxWidth) { frame[y, x] = Cell(" ", Style(.selected)) }
        }
        frame.put(" " + title + " ", row: top, column: left + 1, style: Style(.selected, bold: true))
        for (index, text) in lines.prefix(boxHeight - 2).enumerated() {
            frame.put(text, row: top + 1 + index, column: left + 2, style: Style(.selected), limit: boxWidth - 3)
        }
    }

    mutating func helpOverlay() {
        let text: [String] = switch state.screen {
        case .start: ["Update keeps today's answers; Enter keeps each one.", "Region only / models only reach Review in a few keys.",
                      "Switch activates a saved profile.", "Nothing is written before the Review screen."]
        case .modelAccess: ["Bedrock serves Claude only after model access is enabled", "per account and Region. Verify checks it for real."]
        case .credentials: ["A: static keys in ~/.aws (pick one, or enter new ones: masked).", "B: keys already exported in this shell.",
                            "C: IAM Identity Center; an expired login runs aws sso login.", "D: a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK).",
                            "Each choice is checked live with STS (or Bedrock for D)."]
        case .region: ["Claude Code needs AWS_REGION set explicitly.", "s asks every Region at once which offer the model.",
                       "f sets the highlighted Region for the small/fast model."]
        case .models: ["IDs with a geography prefix (us., eu., apac., jp., au., global.)", "or application inference profile ARNs.",
                       "A bare anthropic.… ID fails on Bedrock; the profile form is offered.", "Leave a slot on Claude Code's default to let it choose."]
        case .verify: ["Every ✗ has a one-line fix.", "t makes a one-token test call (a fraction of a cent).", "p shows the least-privilege IAM policy; s saves it."]
        case .review: ["Every file is shown as a diff before it is written.", "Writes are atomic, backed up, 0600 where secrets are inside.",
                       "Targets: user settings, project-local settings, shell files."]
        case .done: ["Run claude, then /status inside it."]
        }
        box("Help: \(state.screen.title)", text + ["", "Ctrl-C leaves at once, writing nothing."])
    }

    mutating func confirmOverlay() {
        box("Leave?", ["Leave without writing anything?", "", "y: leave    any other key: stay"])
    }
}

enum WizardModelsLayout {
    static let slots: [ModelSlot] = [.primary, .smallFast, .sonnet, .opus]
}

/// Greedy word wrap to `width` columns (long words are cut).
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 4 else { return [text] }
    var lines: [String] = [], current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        var word = String(word)
        while word.count > width {
            if !current.isEmpty { lines.append(current); current = "" }
            lines.append(String(word.prefix(width)))
            word = String(word.dropFirst(width))
        }
        if current.isEmpty { current = word } else if current.count + 1 + word.count <= width { current += " " + word } else {
            lines.append(current)
            current = word
        }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
}


extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
