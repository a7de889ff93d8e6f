import AWSClient
import BedrockCore
import Foundation

/// The real adapters, wired once: every command and the wizard take what they need from here.
struct Services {
    let environment: [String: String]
    let paths: Paths
    let validator: Validator
    let catalogue: Catalogue

    init(environment: [String: String] = ProcessInfo.processInfo.environment,
         workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.environment = environment
        paths = Paths(environment: environment, workingDirectory: workingDirectory)
        catalogue = .bundled
        validator = Validator(catalogue: catalogue)
    }

    func current() -> CurrentSetup { CurrentSetup.read(paths: paths) }
    var ssoCache: SSOTokenCache { SSOTokenCache(directory: paths.ssoCacheDirectory, sha1Hex: Digest.sha1Hex) }
    var writer: FileWriter { FileWriter(lockPath: paths.lockFile) }
    var planner: ActivationPlanner { ActivationPlanner(paths: paths) }
    var store: ProfileStore { ProfileStore(paths: paths) }

    var api: AWSAPI {
        AWSAPI(caller: AWSCaller(transport: CurlTransport(environment: environment), endpoints: Endpoints(environment: environment)))
    }

    func checker(files: AWSSharedFiles) -> SetupChecker {
        SetupChecker(api: api, environment: environment, files: files, ssoCache: ssoCache, catalogue: catalogue)
    }
}
