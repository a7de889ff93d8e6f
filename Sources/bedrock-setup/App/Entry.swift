import ArgumentParser
import CProcess
import Dispatch

/// A command that can, for some options, finish without Swift concurrency.
protocol RunsWithoutConcurrency {
    var runsWithoutConcurrency: Bool { get }
    func runWithoutConcurrency() throws
}

/// The process entry. `--version`, `--help`, the synchronous commands (`env`, `policy`, ...) and
/// `doctor --offline` run on the main thread and exit: the concurrency runtime never starts, so no
/// thread is created. Only a command that awaits (AWS calls, the wizard) starts it, as an async
/// `main` would (docs/benchmarks.md).
@main
enum Entry {
    static func main() {
        // Before anything is parsed or read: from here on the process may hold a secret (the
        // environment already may), and a crash must not write it to disk.
        _ = bs_disable_core_dumps()
        let command: ParsableCommand
        do { command = try BedrockSetup.parseAsRoot() } catch { BedrockSetup.exit(withError: error) }
        if let quick = command as? RunsWithoutConcurrency, quick.runsWithoutConcurrency {
            do { try quick.runWithoutConcurrency() } catch { BedrockSetup.exit(withError: error) }
            BedrockSetup.exit()
        }
        guard let asynchronous = command as? AsyncParsableCommand else {
            var synchronous = command
            do { try synchronous.run() } catch { BedrockSetup.exit(withError: error) }
            BedrockSetup.exit()
        }
        nonisolated(unsafe) var pending = asynchronous
        Task { @MainActor in
            do { try await pending.run() } catch { BedrockSetup.exit(withError: error) }
            BedrockSetup.exit()
        }
        dispatchMain()
    }
}
