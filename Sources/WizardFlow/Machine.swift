import BedrockCore

/// Facts that reach the wizard: keys, size changes, clock ticks and the results of effects.
public enum Event: Equatable, Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case tick
    case identityChecked([Diagnosis], account: String?)
    case regionsScanned([RegionRow])
    case modelsListed([ModelOption], live: Bool, problem: String?)
    case verified([Diagnosis], account: String?)
    case planned([FileChange], error: String?)
    case written([WrittenFile], error: String?)
    case ssoLoginFinished(succeeded: Bool)
    case policySaved(path: String?, error: String?)
}

/// Requests the runner carries out; the machine itself does no I/O.
public enum Effect: Equatable, Sendable {
    case checkIdentity(SetupProfile, Secrets)
    case scanRegions(SetupProfile, Secrets, models: [String])
    case listModels(SetupProfile, Secrets)
    case verify(SetupProfile, Secrets, invoke: Bool)
    case plan(SetupProfile, Secrets, targets: Set<ActivationTarget>)
    case write([FileChange])
    case ssoLogin(profile: String)
    case savePolicy(String, profileName: String)
    case cancelChecks
    case exit(Int32)
}

extension WizardState {
    /// The one transition function: (state, event) → (state, effects).
    public mutating func handle(_ event: Event) -> [Effect] {
        switch event {
        case .tick:
            tick &+= 1
            return []
        case .resized(let width, let height):
            self.width = max(1, width)
            self.height = max(1, height)
            return []
        case .identityChecked(let lines, let account):
            guard case .running = identityCheck else { return [] }
            identityCheck = .done
            identity = lines
            self.account = account ?? self.account
            credentialsStage = .checked
            let failed = lines.contains { $0.severity == .failure }
            say(failed ? "Enter: check again · c: continue anyway · Esc: choose again" : nil, error: false)
            return []
        case .regionsScanned(let rows):
            guard case .running = scanCheck else { return [] }
            scanCheck = .done
            for row in rows { scan[row.region] = row }
            let offered = rows.filter(\.offered).count
            say("\(offered) of \(rows.count) Regions offer the chosen model.", error: false)
            return []
        case .modelsListed(let options, let live, let problem):
            guard case .running = modelsCheck else { return [] }
            modelsCheck = .done
            modelOptions = options
            modelsLive = live
            if var open = picker {
                // The list grew or shrank under an open picker: keep its cursor inside it.
                open.cursor = ListCursor(index: open.cursor.index, count: options.count + 2)
                picker = open
            }
            if let problem { say("Showing the bundled catalogue: \(problem)", error: false) }
            return []
        case .verified(let lines, let account):
            guard case .running = verifyCheck else { return [] }
            verifyCheck = .done
            verifyLines = lines
            self.account = account ?? self.account
            return []
        case .planned(let changes, let error):
            guard case .running = planCheck else { return [] }
            planCheck = .done
            plan = changes
            diffScroll = 0
            if let error { say(error, error: true) }
            if screen != .review, error == nil { go(.review) }
            return []
        case .written(let files, let error):
            guard case .running = writeCheck else { return [] }
            writeCheck = .done
            if let error {
                say(error, error: true)
                return []
            }
            written = files
            go(.done)
            say(nil)
            return []
        case .ssoLoginFinished(let succeeded):
            guard screen == .credentials else { return [] }
            if succeeded { return startIdentityCheck() }
            say("aws sso login did not finish; press Enter to try again.", error: true)
            return []
        case .policySaved(let path, let error):
            say(path.map { "Saved the IAM policy to \($0)." } ?? error ?? "", error: error != nil)
            return []
        case .key(let key):
            return handle(key)
        }
    }

    /// A validation error, shown whole: what is wrong, then how to fix it.
    mutating func report(_ error: SetupError) { say(error.message + " " + error.fix, error: true) }

    mutating func say(_ text: String?, error: Bool = false) {
        message = text
        messageIsError = error && text != nil
    }

    var isEditingText: Bool {
        switch screen {
        case .credentials: credentialsStage == .enterKeys || credentialsStage == .enterAPIKey
        case .models: picker?.custom != nil
        case .review: reviewFocus == .name
        default: false
        }
    }

    mutating func handle(_ key: Key) -> [Effect] {
        if key == .control("c") { return [.cancelChecks, .exit(130)] }
        if confirmQuit {
            switch key {
            case .character("y"), .character("Y"): return [.cancelChecks, .exit(0)]
            default:
                confirmQuit = false
                return []
            }
        }
        if showHelp {
            showHelp = false
            return []
        }
        if key == .escape, isBusy {
            // Esc cancels a check in flight; nothing is written.
            for keyPath in [\WizardState.identityCheck, \.scanCheck, \.modelsCheck, \.verifyCheck, \.planCheck] where self[keyPath: keyPath] != .done {
                if case .running = self[keyPath: keyPath] { self[keyPath: keyPath] = .idle }
            }
            if case .running = writeCheck { return [] }  // a write is never interrupted half-way
            if credentialsStage == .checked, identity.isEmpty { credentialsStage = .chooseMethod }
            say("Cancelled.", error: false)
            return [.cancelChecks]
        }
        if !isEditingText {
            switch key {
            case .character("?"):
                showHelp = true
                return []
            case .character("q"):
                if screen == .done { return [.exit(0)] }
                if hasUnsavedAnswers {
                    confirmQuit = true
                    return []
                }
                return [.exit(0)]
            default: break
            }
        }
        switch screen {
        case .start: return startKey(key)
        case .modelAccess: return modelAccessKey(key)
        case .credentials: return credentialsKey(key)
        case .region: return regionKey(key)
        case .models: return modelsKey(key)
        case .verify: return verifyKey(key)
        case .review: return reviewKey(key)
        case .done: return key == .enter || key == .escape ? [.exit(0)] : []
        }
    }

    // MARK: Start

    mutating func startKey(_ key: Key) -> [Effect] {
        if var list = switchList {
            if list.apply(key) {
                switchList = list
                return []
            }
            if key == .escape {
                switchList = nil
                return []
            }
            if key == .enter, info.savedProfiles.indices.contains(list.index) {
                let chosen = info.savedProfiles[list.index]
                draft = chosen
                nameField = TextField(chosen.name)
                route = .switchProfile
                switchList = nil
                return startPlan()
            }
            return []
        }
        if startMenu.apply(key) { return [] }
        switch key {
        case .escape: return [.exit(0)]
        case .enter:
            let choice = startChoices[startMenu.index]
            say(nil)
            switch choice {
            case .quit: return [.exit(0)]
            case .setUp, .update:
                route = .full
                go(.modelAccess)
            case .newProfile:
                route = .full
                let taken = Set(info.savedProfiles.map(\.name))
                let name = (2...99).map { "profile-\($0)" }.first { !taken.contains($0) } ?? "profile-new"
                draft.name = name
                nameField = TextField(name)
                go(.modelAccess)
            case .switchProfile:
                switchList = ListCursor(index: info.savedProfiles.firstIndex { $0.name == info.activeProfile } ?? 0, count: info.savedProfiles.count)
            case .regionOnly:
                route = .regionOnly
                go(.region)
            case .modelsOnly:
                route = .modelsOnly
                go(.models)
                return [listModels()]
            }
            return []
        default: return []
        }
    }

    mutating func go(_ next: Screen) {
        screen = next
        picker = nil
        showPolicy = false
        if next == .region { regionCursor = ListCursor(index: catalogue.regions.firstIndex { $0.name == draft.region } ?? 0, count: catalogue.regions.count) }
    }

    // MARK: Model access

    mutating func modelAccessKey(_ key: Key) -> [Effect] {
        switch key {
        case .enter:
            go(.credentials)
            credentialsStage = .chooseMethod
            credentialsCursor = ListCursor(index: CredentialsMethod.allCases.firstIndex(of: draft.credentials) ?? 0, count: CredentialsMethod.allCases.count)
            return []
        case .escape:
            go(.start)
            return []
        default: return []
        }
    }

    // MARK: Credentials

    mutating func credentialsKey(_ key: Key) -> [Effect] {
        switch credentialsStage {
        case .chooseMethod:
            if credentialsCursor.apply(key) { return [] }
            if case .character(let letter) = key, let index = ["a", "b", "c", "d"].firstIndex(of: letter.lowercased()) {
                credentialsCursor.index = index
                return chooseMethod()
            }
            if key == .enter { return chooseMethod() }
            if key == .escape { go(.modelAccess) }
            return []
        case .chooseProfile:
            if profileCursor.apply(key) { return [] }
            if key == .escape {
                credentialsStage = .chooseMethod
                say(nil)
                return []
            }
            guard key == .enter || key == .character("l") else { return [] }
            if draft.credentials == .awsProfile, profileCursor.index == profileChoices.count {
                credentialsStage = .enterKeys
                keyFields = [TextField(draft.awsProfile ?? "default"), TextField(), TextField(isSecret: true)]
                keyFocus = 1
                return []
            }
            guard profileChoices.indices.contains(profileCursor.index) else { return [] }
            let choice = profileChoices[profileCursor.index]
            draft.awsProfile = choice.name
            secrets = Secrets()
            if draft.credentials == .sso { draft.authRefresh = .ssoLogin }
            if choice.needsLogin || key == .character("l") { return [.ssoLogin(profile: choice.name)] }
            return startIdentityCheck()
        case .enterKeys:
            switch key {
            case .tab, .down:
                keyFocus = (keyFocus + 1) % keyFields.count
                return []
            case .backTab, .up:
                keyFocus = (keyFocus + keyFields.count - 1) % keyFields.count
                return []
            case .escape:
                credentialsStage = .chooseProfile
                say(nil)
                return []
            case .enter:
                do throws(SetupError) {
                    let name = try validator.awsProfileName(keyFields[0].text)
                    let keyId = try validator.accessKeyId(keyFields[1].text.trimmingCharacters(in: .whitespaces))
                    let secret = try validator.secretAccessKey(keyFields[2].text.trimmingCharacters(in: .whitespaces))
                    draft.awsProfile = name
                    secrets = Secrets(accessKeyId: keyId, secretAccessKey: secret)
                    draft.authRefresh = .none
                    return startIdentityCheck()
                } catch {
                    report(error)
                    return []
                }
            default:
                if keyFields[keyFocus].apply(key) { say(nil) }
                return []
            }
        case .enterAPIKey:
            switch key {
            case .escape:
                credentialsStage = .chooseMethod
                say(nil)
                return []
            case .enter:
                do throws(SetupError) {
                    secrets = Secrets(apiKey: try validator.apiKey(apiKeyField.text.trimmingCharacters(in: .whitespaces)))
                    draft.awsProfile = nil
                    draft.authRefresh = .none
                    return startIdentityCheck()
                } catch {
                    report(error)
                    return []
                }
            default:
                if apiKeyField.apply(key) { say(nil) }
                return []
            }
        case .checked:
            if case .running = identityCheck { return [] }
            let failed = identity.contains { $0.severity == .failure }
            switch key {
            case .enter:
                if failed { return startIdentityCheck() }
                return afterCredentials()
            case .character("c") where failed:
                return afterCredentials()
            case .escape:
                credentialsStage = .chooseMethod
                identity = []
                identityCheck = .idle
                say(nil)
                return []
            default: return []
            }
        }
    }

    mutating func chooseMethod() -> [Effect] {
        let method = CredentialsMethod.allCases[credentialsCursor.index]
        draft.credentials = method
        identity = []
        say(nil)
        switch method {
        case .awsProfile, .sso:
            if method == .sso && profileChoices.isEmpty {
                say("No SSO profiles in ~/.aws/config: run `aws configure sso` in another terminal, then choose C again.", error: true)
                return []
            }
            credentialsStage = .chooseProfile
            let index = profileChoices.firstIndex { $0.name == draft.awsProfile } ?? 0
            profileCursor = ListCursor(index: index, count: profileRowCount)
            return []
        case .environment:
            guard info.environmentKeys != nil else {
                say("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set in this environment.", error: true)
                return []
            }
            draft.awsProfile = nil
            draft.authRefresh = .none
            secrets = Secrets()
            return startIdentityCheck()
        case .apiKey:
            credentialsStage = .enterAPIKey
            apiKeyField = TextField(secrets.apiKey ?? info.environmentAPIKey ?? "", isSecret: true)
            return []
        }
    }

    mutating func startIdentityCheck() -> [Effect] {
        identityCheck = .running(since: tick)
        credentialsStage = .checked
        identity = []
        say(nil)
        return [.checkIdentity(draft, secrets)]
    }

    mutating func afterCredentials() -> [Effect] {
        say(nil)
        go(.region)
        return []
    }

    // MARK: Region

    mutating func regionKey(_ key: Key) -> [Effect] {
        if regionCursor.apply(key, page: max(1, height - 10)) { return [] }
        let selected = catalogue.regions[regionCursor.index].name
        switch key {
        case .character("s"):
            scan = [:]
            scanCheck = .running(since: tick)
            say("Asking every Region at once…", error: false)
            let models = [draft.model ?? catalogue.defaultModel(for: draft.region) ?? catalogue.claudeCodeDefaultModel]
            return [.scanRegions(draft, secrets, models: models)]
        case .character("f"):
            if draft.smallFastRegion == selected || selected == draft.region {
                draft.smallFastRegion = nil
                say("The small/fast model uses the main Region.", error: false)
            } else {
                draft.smallFastRegion = selected
                say("The small/fast model will be called in \(selected) (pin a small/fast model on the next screen).", error: false)
            }
            return []
        case .escape:
            go(route == .regionOnly ? .start : .credentials)
            return []
        case .enter:
            let previous = draft.region
            draft.region = selected
            if draft.smallFastRegion == selected { draft.smallFastRegion = nil }
            say(nil)
            if route == .regionOnly {
                // Same models, in the new Region's geography where one exists.
                let (remapped, unmapped) = remap(from: previous)
                if unmapped.isEmpty {
                    draft = remapped
                    return startPlan()
                }
                draft = remapped
                say("\(unmapped.joined(separator: ", ")) cannot be called from \(selected): choose again.", error: true)
                go(.models)
                return [listModels()]
            }
            let (remapped, _) = remap(from: previous)
            draft = remapped
            go(.models)
            return [listModels()]
        default: return []
        }
    }

    /// The draft's pins moved to the current Region: kept when still callable, else the same
    /// base model's profile for the new Region, else reported.
    func remap(from previous: String) -> (SetupProfile, [String]) {
        var profile = draft
        var unmapped: [String] = []
        func move(_ id: String?, region: String) -> String? {
            guard let id else { return nil }
            if (try? validator.model(id, slot: .primary, region: region)) != nil { return id }
            if let (_, base) = Geography.leading(id), let mapped = catalogue.profileId(forBaseModel: base, region: region) { return mapped }
            unmapped.append(id)
            return nil
        }
        profile.model = move(draft.model, region: draft.region)
        profile.smallFastModel = move(draft.smallFastModel, region: draft.smallFastRegion ?? draft.region)
        profile.sonnetModel = move(draft.sonnetModel, region: draft.region)
        profile.opusModel = move(draft.opusModel, region: draft.region)
        return (profile, unmapped)
    }

    // MARK: Models

    mutating func listModels() -> Effect {
        modelsCheck = .running(since: tick)
        modelOptions = []
        return .listModels(draft, secrets)
    }

    static let slots: [ModelSlot] = [.primary, .smallFast, .sonnet, .opus]

    public func value(of slot: ModelSlot) -> String? {
        switch slot {
        case .primary: draft.model
        case .smallFast: draft.smallFastModel
        case .sonnet: draft.sonnetModel
        case .opus: draft.opusModel
        case .fable: draft.fableModel
        case .defaultModel: draft.defaultModel
        }
    }

    mutating func set(_ slot: ModelSlot, _ value: String?) {
        switch slot {
        case .primary: draft.model = value
        case .smallFast: draft.smallFastModel = value
        case .sonnet: draft.sonnetModel = value
        case .opus: draft.opusModel = value
        case .fable: draft.fableModel = value
        case .defaultModel: draft.defaultModel = value
        }
    }

    mutating func modelsKey(_ key: Key) -> [Effect] {
        if modelsCheck == .idle, modelOptions.isEmpty, key != .escape {
            return [listModels()]
        }
        if var open = picker {
            if var custom = open.custom {
                switch key {
                case .escape:
                    open.custom = nil
                    open.error = nil
                    open.suggestion = nil
                    picker = open
                    return []
                case .tab:
                    if let suggestion = open.suggestion {
                        custom = TextField(suggestion)
                        open.custom = custom
                        validate(&open)
                        picker = open
                    }
                    return []
                case .enter:
                    validate(&open)
                    if open.error == nil {
                        set(open.slot, custom.text.trimmingCharacters(in: .whitespaces))
                        picker = nil
                    } else {
                        picker = open
                    }
                    return []
                default:
                    if custom.apply(key) {
                        open.custom = custom
                        validate(&open)
                        picker = open
                    }
                    return []
                }
            }
            if open.cursor.apply(key, page: max(1, height - 10)) {
                picker = open
                return []
            }
            switch key {
            case .escape:
                picker = nil
            case .enter:
                let index = open.cursor.index
                if index == 0 {
                    set(open.slot, nil)
                    picker = nil
                } else if index <= modelOptions.count {
                    set(open.slot, modelOptions[index - 1].id)
                    picker = nil
                } else {
                    open.custom = TextField(value(of: open.slot) ?? "")
                    validate(&open)
                    picker = open
                }
            default: break
            }
            return []
        }
        if modelCursor.apply(key) { return [] }
        switch key {
        case .escape:
            go(route == .modelsOnly ? .start : .region)
            return []
        case .delete, .backspace:
            if modelCursor.index < Self.slots.count { set(Self.slots[modelCursor.index], nil) }
            return []
        case .enter:
            if modelCursor.index == Self.slots.count { return finishModels() }
            let slot = Self.slots[modelCursor.index]
            let current = value(of: slot)
            let index = current.flatMap { id in modelOptions.firstIndex { $0.id == id }.map { $0 + 1 } } ?? (current == nil ? 0 : modelOptions.count + 1)
            picker = ModelPicker(slot: slot, cursor: ListCursor(index: index, count: modelOptions.count + 2))
            if index == modelOptions.count + 1 {
                picker?.custom = TextField(current ?? "")
            }
            return []
        default: return []
        }
    }

    mutating func validate(_ open: inout ModelPicker) {
        guard let text = open.custom?.text else { return }
        let region = open.slot == .smallFast ? (draft.smallFastRegion ?? draft.region) : draft.region
        do throws(SetupError) {
            _ = try validator.model(text, slot: open.slot, region: region)
            open.error = nil
            open.suggestion = nil
        } catch {
            open.error = text.isEmpty ? nil : error.message
            switch error {
            case .bareModelId(_, _, let suggestion), .foundationModelARN(_, let suggestion), .geographyNotServed(_, _, _, let suggestion):
                open.suggestion = suggestion
            default:
                open.suggestion = nil
            }
            if text.isEmpty { open.error = "Type an inference profile ID or an application inference profile ARN." }
        }
    }

    mutating func finishModels() -> [Effect] {
        do throws(SetupError) {
            _ = try validator.profile(draft)
        } catch {
            report(error)
            return []
        }
        say(nil)
        if route == .modelsOnly { return startPlan() }
        go(.verify)
        return startVerify(invoke: false)
    }

    // MARK: Verify

    mutating func startVerify(invoke: Bool) -> [Effect] {
        verifyCheck = .running(since: tick)
        verifyLines = []
        return [.verify(draft, secrets, invoke: invoke)]
    }

    public var policyText: String {
        IAMPolicy.render(for: draft, account: account, broad: false, catalogue: catalogue,
                         defaults: .newest(region: draft.region, prefixOverride: draft.regionPrefix)).document.serialized()
    }

    mutating func verifyKey(_ key: Key) -> [Effect] {
        if showPolicy {
            switch key {
            case .up: policyScroll = max(0, policyScroll - 1)
            case .down: policyScroll += 1
            case .pageUp: policyScroll = max(0, policyScroll - 10)
            case .pageDown: policyScroll += 10
            case .character("s"): return [.savePolicy(policyText, profileName: draft.name)]
            case .escape, .character("p"), .enter: showPolicy = false
            default: break
            }
            return []
        }
        switch key {
        case .character("t"):
            say("Calling \(draft.model ?? catalogue.defaultModel(for: draft.region) ?? "the default model") with one token…", error: false)
            return startVerify(invoke: true)
        case .character("r"):
            return startVerify(invoke: false)
        case .character("p"):
            showPolicy = true
            policyScroll = 0
            return []
        case .escape:
            go(.models)
            return []
        case .enter:
            if case .running = verifyCheck { return [] }
            return startPlan()
        default: return []
        }
    }

    // MARK: Review

    mutating func startPlan() -> [Effect] {
        planCheck = .running(since: tick)
        return [.plan(draft, secrets, targets: targets)]
    }

    mutating func reviewKey(_ key: Key) -> [Effect] {
        if key == .tab || key == .backTab {
            let order: [ReviewFocus] = [.name, .targets, .diff]
            let index = order.firstIndex(of: reviewFocus)!
            let leavingName = reviewFocus == .name
            reviewFocus = order[(index + (key == .tab ? 1 : 2)) % 3]
            if leavingName, nameField.text != draft.name { return renameAndPlan() }
            return []
        }
        switch reviewFocus {
        case .name:
            switch key {
            case .enter: return renameAndPlan()
            case .escape:
                nameField = TextField(draft.name)
                reviewFocus = .diff
                return []
            default:
                _ = nameField.apply(key)
                return []
            }
        case .targets:
            if targetCursor.apply(key) { return [] }
            if key == .character(" ") {
                let target = ActivationTarget.allCases[targetCursor.index]
                if targets.contains(target) {
                    if targets.count > 1 { targets.remove(target) } else { say("At least one target is needed.", error: true) }
                } else {
                    targets.insert(target)
                }
                return startPlan()
            }
        case .diff:
            switch key {
            case .up: diffScroll = max(0, diffScroll - 1)
            case .down: diffScroll += 1
            case .pageUp: diffScroll = max(0, diffScroll - max(1, height - 10))
            case .pageDown: diffScroll += max(1, height - 10)
            case .home: diffScroll = 0
            default: break
            }
        }
        switch key {
        case .escape:
            go(route == .full ? .verify : route == .modelsOnly ? .models : route == .regionOnly ? .region : .start)
            return []
        case .enter:
            if case .running = planCheck { return [] }
            guard messageIsError == false || plan.contains(where: { !$0.isNoOp }) else { return [] }
            let pending = plan.filter { !$0.isNoOp }
            if pending.isEmpty {
                written = [WrittenFile(path: "", action: "unchanged", backup: nil)]
                go(.done)
                return []
            }
            writeCheck = .running(since: tick)
            return [.write(pending)]
        default: return []
        }
    }

    mutating func renameAndPlan() -> [Effect] {
        do throws(SetupError) {
            draft.name = try validator.profileName(nameField.text)
            say(nil)
            reviewFocus = .diff
            return startPlan()
        } catch {
            report(error)
            return []
        }
    }
}
