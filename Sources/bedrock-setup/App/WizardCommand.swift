import Foundation

/// Starts the interactive wizard; its screens live in WizardFlow / WizardUI / NcursesTerminal.
enum WizardCommand {
    static func run(demo: Bool) async -> Int32 {
        printError("the interactive wizard is not built yet in this version; use `bedrock-setup apply --help`.")
        return Exit.usage
    }
}
