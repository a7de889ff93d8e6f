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

    /// Takes the portal's answer; returns the one item when there is exactly one (to be said and
    /// taken), else nil. An empty listing fails with `empty`, which says what to do.
    /// The list arrived: the item to take at once (the only one, or the one a team preset names), else nil and
    /// the list is shown.
    mutating func receive(
        _ result: Result<[Item], Failure>, empty: String, preferring preferred: (Item) -> Bool = { _ in false }
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
