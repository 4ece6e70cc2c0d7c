import Operations
import Terminal

/// Opens the interactive inspector on a cluster: the root command (`slotscope HOST:PORT`)
/// and `slotscope demo` on a terminal both end up here.
enum InteractiveSession {
    /// Connects, polls once (refusing what is not a cluster node), then runs the UI until
    /// the user quits. Returns how it ended; the caller re-raises a termination signal
    /// after its own cleanup.
    static func run(_ request: ConnectionRequest, flags: InspectionFlags,
                    options: InteractiveOptions, drills: DemoDrills? = nil) async throws(CLIError) -> InspectorApp.Exit {
        try InspectorApp.requireTerminal()
        let interval = try DurationParsing.parse(options.interval, flag: "--interval")
        let session = try await Inspection.start(request, flags: flags, countKeys: false)
        let first = try await session.firstPoll()
        let terminal = TerminalOptions(noColor: options.noColor, forceASCII: options.ascii)
            .applyingEnvironment(ProcessEnvironment.current)
        var configuration = InspectorApp.Configuration(target: request.address, readOnly: request.readOnly,
                                                       interval: interval, terminal: terminal)
        if !request.readOnly {
            configuration.actions = ActionRunner.Setup(
                request: request, maps: flags.maps,
                journalDirectory: PlanJournal.defaultDirectory(environment: ProcessEnvironment.current),
                adapters: [.fix: FixAdapter()])
            configuration.drills = drills
        }
        return try await InspectorApp.run(session, first: first, configuration: configuration)
    }
}
