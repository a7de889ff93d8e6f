import BedrockCore
import WizardFlow

/// The smallest window the wizard draws in; below it, a clear message.
public let minimumSize = (width: 60, height: 18)

/// Draws the wizard into a frame: pure, so every screen can be snapshot-tested as text.
/// The renderer draws; it decides nothing.
public func render(_ wizard: Wizard, width: Int, height: Int, glyphs: Glyphs = .unicode) -> Frame {
    var painter = Painter(frame: Frame(width: width, height: height), wizard: wizard, glyphs: glyphs)
    guard width >= minimumSize.width, height >= minimumSize.height else {
        painter.tooSmall()
        return painter.frame
    }
    painter.titleBar()
    painter.body()
    painter.footer()
    switch wizard.chrome.overlay {
    case .help: painter.helpOverlay()
    case .confirmQuit: painter.confirmOverlay()
    case nil: break
    }
    return painter.frame
}

extension Painter {
    /// One view per step, in `Views/`.
    mutating func body() {
        switch wizard.step {
        case .start(let step): StartView.draw(step, &self)
        case .modelAccess: ModelAccessView.draw(&self)
        case .credentials(let step): CredentialsView.draw(step, &self)
        case .region(let step): RegionView.draw(step, &self)
        case .models(let step): ModelsView.draw(step, &self)
        case .verify(let step): VerifyView.draw(step, &self)
        case .review(let step): ReviewView.draw(step, &self)
        case .done(let step): DoneView.draw(step, &self)
        case .ssoPortal(let step): SSOPortalView.draw(step, &self)
        case .ssoDeviceCode(let step): SSODeviceCodeView.draw(step, &self)
        case .ssoAccount(let step): SSOAccountView.draw(step, &self)
        case .ssoRole(let step): SSORoleView.draw(step, &self)
        case .ssoProfileName(let step): SSOProfileNameView.draw(step, &self)
        case .moreOptions(let step): MoreOptionsView.draw(step, &self)
        }
    }
}
