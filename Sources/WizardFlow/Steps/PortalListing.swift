import BedrockCore

/// What the account and role screens share: a listing from the IAM Identity Center portal,
/// loading, to choose from, or failed with the reason.
public enum PortalListing<Item: Equatable & Sendable>: Equatable, Sendable {
    case loading(RequestID)
    case choosing([Item], ListCursor)
    case failed(String)

    /// What a key did to the listing.
    enum Outcome: Equatable {
        case stay
        case chosen(Item)
        case back
        case retry
    }

    var pending: RequestID? {
        if case .loading(let id) = self { id } else { nil }
    }

    var bindings: [KeyBinding] {
        switch self {
        case .loading: [CommonBindings.back]
        case .choosing: [CommonBindings.move, PortalListingBindings.select, CommonBindings.back]
        case .failed: [PortalListingBindings.tryAgain, CommonBindings.back]
        }
    }

    mutating func handle(_ key: Key, page: Int) -> Outcome {
        switch self {
        case .loading: return .stay
        case .choosing(let items, var list):
            if list.apply(key, page: page) {
                self = .choosing(items, list)
                return .stay
            }
            switch key {
            case PortalListingBindings.select: return .chosen(items[list.index])
            case CommonBindings.back: return .back
            default: return .stay
            }
        case .failed:
            switch key {
            case PortalListingBindings.tryAgain: return .retry
            case CommonBindings.back: return .back
            default: return .stay
            }
        }
    }

    /// Takes the portal's answer. Returns the item to take at once with what to say about it: the one a team
    /// preset names (`wanted`, matched by `key`), else the only one; nil shows the list (with a note when the
    /// preset names an item the list lacks). An empty listing fails with `empty`, which says what to do.
    mutating func take(
        _ result: Result<[Item], Failure>, empty: String, wanted: String?, key: (Item) -> String,
        label: (Item) -> String, kind: String, missing: String, _ session: inout Session
    ) -> (item: Item, said: String)? {
        guard let pick = receive(result, empty: empty, preferring: { key($0) == wanted }) else {
            if let wanted, case .choosing = self {
                session.say("The team preset names \(kind) \(wanted), \(missing): choose one.", error: true)
            }
            return nil
        }
        let shown = TerminalText.visible(label(pick))
        return (
            pick,
            key(pick) == wanted ? "The team preset's \(kind): \(shown)." : "One \(kind): \(shown), so it is the one."
        )
    }

    private mutating func receive(
        _ result: Result<[Item], Failure>, empty: String, preferring preferred: (Item) -> Bool
    )
        -> Item?
    {
        switch result {
        case .failure(let failure): self = .failed(failure.message)
        case .success(let items) where items.isEmpty: self = .failed(empty)
        case .success(let items):
            self = .choosing(items, ListCursor(count: items.count))
            if let match = items.first(where: preferred) { return match }
            if items.count == 1 { return items[0] }
        }
        return nil
    }
}

enum PortalListingBindings {
    static let select = KeyBinding(.enter, "Enter", "select")
    static let tryAgain = KeyBinding(.enter, "Enter", "try again")
}
