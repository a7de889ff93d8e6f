/// The screens, in the order the wizard walks them. A new screen is a new case here; the
/// compiler then points at every switch that must know about it.
public enum StepID: Int, CaseIterable, Sendable {
    case start, modelAccess, credentials, region, models, verify, review, done
    /// The built-in IAM Identity Center sign-in, a detour from Credentials (option C).
    case ssoPortal, ssoDeviceCode, ssoAccount, ssoRole, ssoProfileName
    /// Bedrock options (service tier, Guardrails, gateway, Mantle, prompt caching), a detour from Models.
    case moreOptions

    public var title: String {
        switch self {
        case .start: "Start"
        case .modelAccess: "Model access"
        case .credentials: "Credentials"
        case .region: "Region"
        case .models: "Models"
        case .verify: "Verify"
        case .review: "Review"
        case .done: "Done"
        case .ssoPortal: "Credentials: new portal"
        case .ssoDeviceCode: "Credentials: sign in"
        case .ssoAccount: "Credentials: account"
        case .ssoRole: "Credentials: role"
        case .ssoProfileName: "Credentials: profile"
        case .moreOptions: "Models: more options"
        }
    }

    /// The walked step a detour belongs to: the sign-in screens count as Credentials.
    public var place: StepID {
        switch self {
        case .ssoPortal, .ssoDeviceCode, .ssoAccount, .ssoRole, .ssoProfileName: .credentials
        case .moreOptions: .models
        default: self
        }
    }
}

/// Which steps this run walks through, chosen on the Start screen.
public enum Route: Equatable, Sendable { case full, regionOnly, modelsOnly, switchProfile }

/// Navigation as data: the ordered steps, and the rule that skips some for a route. Enter
/// goes to the next walked step, Esc to the previous one; the step counter comes from here.
public enum Navigation {
    public static let order: [StepID] = StepID.allCases.filter { $0.place == $0 }

    /// Whether a route walks through a step; a step whose answers a team preset locks is skipped.
    public static func walks(_ step: StepID, on route: Route, skipping locked: Set<StepID> = []) -> Bool {
        if locked.contains(step) { return false }
        return switch route {
        case .full: true
        // Every route that changes a model or the Region checks it on Verify before Review.
        case .regionOnly: [.start, .region, .verify, .review, .done].contains(step)
        case .modelsOnly: [.start, .models, .verify, .review, .done].contains(step)
        case .switchProfile: [.start, .review, .done].contains(step)
        }
    }

    /// The next walked step after `step` (which need not be walked itself).
    public static func next(after step: StepID, on route: Route, skipping locked: Set<StepID> = []) -> StepID? {
        order.drop { $0 != step.place }.dropFirst().first { walks($0, on: route, skipping: locked) }
    }

    /// The walked step before `step`.
    public static func previous(before step: StepID, on route: Route, skipping locked: Set<StepID> = []) -> StepID? {
        if step.place != step { return step.place }  // a detour goes back to where it started
        return order.prefix { $0 != step }.last { walks($0, on: route, skipping: locked) }
    }

    /// "Step 3/8": the step's place in the whole order, the same for every route.
    public static func counter(_ step: StepID) -> (number: Int, total: Int) {
        ((order.firstIndex(of: step.place) ?? 0) + 1, order.count)
    }
}
