import Testing
import WizardFlow

@Suite("Step: Model access")
struct ModelAccessStepTests {
    @Test func enterGoesOnAndEscGoesBack() {
        var run = Transcript()
        run.press(.enter)
        #expect(run.step == .modelAccess)
        #expect(run.screen.contains("https://us-east-1.console.aws.amazon.com/bedrock"))
        run.press(.escape)
        #expect(run.step == .start)
        run.press(.enter, .enter)
        #expect(run.step == .credentials)
    }
}
