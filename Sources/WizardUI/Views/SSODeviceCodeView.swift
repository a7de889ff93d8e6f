import BedrockCore
import FoundationEssentials
import WizardFlow

/// The device sign-in: address, code and, where the window has room, the address as a QR code.
enum SSODeviceCodeView {
    static func draw(_ step: SSODeviceCodeStep, _ painter: inout Painter) {
        switch step.subject {
        case .profile(let name): painter.heading("Sign in again: profile \(TerminalText.visible(name))")
        case .portal(let portal, _): painter.heading("Sign in to \(TerminalText.visible(portal.startURL))")
        }
        painter.blank()
        switch step.phase {
        case .starting:
            painter.line("\(painter.spinner) Contacting IAM Identity Center…", Style(.accent))
        case .failed(let message):
            painter.wrapped("✗ " + message, Style(.error))
        case .waiting(let code, _):
            let qrWidth = (code.qrCode?.count ?? 0) + 2 * quietZone
            // The QR code sits on the right when the window has room for it beside the text.
            let textWidth = painter.width - (qrWidth > 0 ? qrWidth + 3 : 0)
            let showQR =
                code.qrCode != nil && painter.glyphs.unicode && textWidth >= 36
                && painter.rowsLeft >= (qrWidth + 1) / 2
            let top = painter.row
            let limit = showQR ? textWidth : painter.width
            var lines: [(String, Style)] = [("Open this address on this or any device:", .normal)]
            lines += wrap(TerminalText.visible(code.verificationURI), width: limit - 6).map {
                ($0, Style(.accent, bold: true))
            }
            lines += [
                ("", .normal), ("and confirm the code:", .normal),
                (TerminalText.visible(code.userCode), Style(.ok, bold: true)), ("", .normal),
            ]
            if let opened = code.openedWith {
                lines.append(("Opened it with \(TerminalText.visible(opened)).", Style(.dim)))
            }
            lines.append(
                (
                    "\(painter.spinner) Waiting for approval (the code expires at \(code.expiresClock))…",
                    Style(.dim)
                ))
            if code.qrCode != nil, !showQR {
                lines.append(("A larger window shows the address as a QR code for a phone.", Style(.dim)))
            } else if showQR {
                lines.append(("Or scan the QR code with a phone.", Style(.dim)))
            }
            for (text, style) in lines {
                for piece in wrap(painter.glyphs.text(text), width: limit - 4) {
                    painter.line(
                        piece, style,
                        indent: text.hasPrefix("http") || style.role == .accent || style.role == .ok ? 4 : 2)
                }
                if text.isEmpty {
                    painter.blank()
                    continue
                }
            }
            if showQR, let rows = code.qrCode { drawQR(rows, top: top, left: painter.width - qrWidth - 1, &painter) }
        }
    }

    /// One light module around the code: phone cameras read it, and it fits 80x24.
    static let quietZone = 1

    /// Two modules per character cell with half blocks; light modules are drawn (as `qrencode
    /// -t UTF8` does), so the code reads on the usual dark terminal background.
    static func drawQR(_ rows: [[Bool]], top: Int, left: Int, _ painter: inout Painter) {
        let size = rows.count + 2 * quietZone
        func light(_ row: Int, _ column: Int) -> Bool {
            let (r, c) = (row - quietZone, column - quietZone)
            guard rows.indices.contains(r), rows[r].indices.contains(c) else { return true }
            return !rows[r][c]
        }
        for cellRow in 0..<((size + 1) / 2) {
            var text = ""
            for column in 0..<size {
                let upper = light(cellRow * 2, column)
                let lower = cellRow * 2 + 1 < size ? light(cellRow * 2 + 1, column) : false
                text += upper && lower ? "█" : upper ? "▀" : lower ? "▄" : " "
            }
            painter.frame.put(text, row: top + cellRow, column: left)
        }
    }
}
