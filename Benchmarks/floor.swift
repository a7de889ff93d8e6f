// The floor for start-up (issue 16): the least a Swift program must do to answer "what is
// configured?": read one file (~/.aws/config), decode a small JSON value, print a line.
// Benchmarks/run builds it as the release build is built (-O, static Swift runtime) and times
// bedrock-setup against it in the same run. It imports Foundation, as the issue defines the floor;
// it uses only what FoundationEssentials provides, so no ICU is linked.
import Foundation

struct Settings: Decodable { let env: [String: String] }

let home = ProcessInfo.processInfo.environment["HOME"] ?? "/"
let config = FileManager.default.contents(atPath: home + "/.aws/config") ?? Data()
let settings = try? JSONDecoder().decode(Settings.self, from: Data(#"{"env":{"AWS_REGION":"us-east-1","AWS_PROFILE":"dev"}}"#.utf8))
print("\(config.count) bytes of config; region \(settings?.env["AWS_REGION"] ?? "none")")
