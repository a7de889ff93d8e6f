import BedrockCore
import FoundationEssentials
import Glibc
import WizardFlow

/// What the terminal hands the wizard: a key or a new size.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
}

/// A screen the wizard draws on and reads keys from: ncurses in the program, an in-memory one
/// in tests (so a whole run is tested in-process, like swift-nio's EmbeddedChannel).
public protocol Terminal: AnyObject, Sendable {
    var size: (width: Int, height: Int) { get }
    /// Unicode symbols, or ASCII stand-ins when the locale is not UTF-8.
    var glyphs: Glyphs { get }
    func draw(_ frame: Frame)
    /// Keys and resizes as they arrive, read on their own; finishes when the terminal closes.
    func inputs() -> AsyncStream<TerminalInput>
    /// Hands the terminal to another program (`aws sso login`), then takes it back.
    func suspend()
    func resume()
    /// Leaves the terminal as it was found; safe to call twice.
    func restore()
}

/// A terminal in memory: inputs are sent by the test, frames are kept, and a test can wait
/// until the screen shows some text.
public final class InMemoryTerminal: Terminal, @unchecked Sendable {
    public let size: (width: Int, height: Int)
    public let glyphs: Glyphs
    private let lock = ThreadLock()
    private var frames: [Frame] = []
    private var waiters: [(id: UUID, text: String, continuation: CheckedContinuation<String?, Never>)] = []
    private let stream: AsyncStream<TerminalInput>
    private let continuation: AsyncStream<TerminalInput>.Continuation
    public private(set) var suspensions = 0

    public init(width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode) {
        size = (width, height)
        self.glyphs = glyphs
        (stream, continuation) = AsyncStream.makeStream(of: TerminalInput.self)
    }

    public func draw(_ frame: Frame) {
        let text = frame.text
        let ready = lock.withLock {
            frames.append(frame)
            let ready = waiters.filter { text.contains($0.text) }
            waiters.removeAll { text.contains($0.text) }
            return ready
        }
        for waiter in ready { waiter.continuation.resume(returning: text) }
    }

    public func inputs() -> AsyncStream<TerminalInput> { stream }

    public func suspend() { lock.withLock { suspensions += 1 } }
    public func resume() {}
    public func restore() { continuation.finish() }

    /// The terminal goes away (its window closed): inputs end.
    public func close() { continuation.finish() }

    /// Types keys, as a person would.
    public func send(_ keys: Key...) {
        for key in keys { continuation.yield(.key(key)) }
    }

    public func send(_ input: TerminalInput) { continuation.yield(input) }

    /// The text of the last frame drawn.
    public var screen: String { lock.withLock { frames.last?.text ?? "" } }

    public var frameCount: Int { lock.withLock { frames.count } }

    /// Waits until a drawn frame contains `text` (the current one included) and returns that
    /// screen; nil if none did within `timeout` seconds.
    public func waitFor(_ text: String, timeout: Double = 600) async -> String? {
        let id = UUID()
        return await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            let current: String? = lock.withLock {
                if let last = frames.last?.text, last.contains(text) { return last }
                waiters.append((id, text, continuation))
                return nil
            }
            if let current { return continuation.resume(returning: current) }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                let expired = lock.withLock {
                    let expired = waiters.filter { $0.id == id }
                    waiters.removeAll { $0.id == id }
                    return expired
                }
                for waiter in expired { waiter.continuation.resume(returning: nil) }
            }
        }
    }
}
