import BedrockCore
import Testing

/// A checklist line's identity is a value; its label is what `doctor`, `verify` and the wizard print.
@Suite struct CheckTests {
    @Test func labelsAreThePrintedOnesAndTellChecksApart() {
        #expect(Check.regionReachable("eu-west-1").description == "Region eu-west-1")
        #expect(Check.model(.primary).description == "Model primary model")
        #expect(Check.model(nil).description == "Model")
        #expect(Check.setting("ANTHROPIC_BEDROCK_SERVICE_TIER").description == "ANTHROPIC_BEDROCK_SERVICE_TIER")
        let checks: [Check] =
            [
                .files, .claudeCode, .bedrockEnabled, .credentials, .awsCLICredentials, .shellAndSettings, .awsFiles,
                .region, .models, .awsCLI, .bedrockOptions, .gateway, .managedSettings, .onlineChecks, .identity,
                .listInferenceProfiles, .testCall, .regionReachable("us-east-1"),
            ]
            + ModelSlot.allCases.map { .model($0) }
        #expect(Set(checks.map(\.description)).count == checks.count)
        #expect(Check.model(.opus).isModel && !Check.models.isModel)
    }

    @Test func diagnosesCompareByIdentityNotByLabel() {
        let reachable = Diagnosis.ok(.regionReachable("us-east-1"), "reachable")
        #expect(reachable.check != .region)
        #expect(reachable.check == .regionReachable("us-east-1"))
    }
}
