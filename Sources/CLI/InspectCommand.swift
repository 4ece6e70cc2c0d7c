import ArgumentParser

/// `slotscope [inspect] HOST:PORT`: the interactive inspector, the default subcommand.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Open the interactive inspector on a cluster (the default: `slotscope HOST:PORT`).",
        discussion: """
        Screens: 1 Overview, 2 Nodes, 3 Slot map, 4 Replication, 5 Events, 6 Findings, 7 Log; ? lists every key. \
        With --sentinel HOST:PORT (and --master-name NAME) it inspects Sentinel groups: screen 4 shows \
        every sentinel's opinion side by side. Needs a terminal; without one, use `slotscope watch` or `slotscope check`.
        """)

    @Argument(help: "A cluster node, as HOST:PORT (or a standalone master or replica: its group is found through its sentinels); or use --sentinel.")
    var address: String?

    @OptionGroup var interactive: InteractiveOptions
    @OptionGroup var sentinel: SentinelTargetFlags
    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    /// Without an address or connection flags, a bare `slotscope` shows the help rather than
    /// dialing 127.0.0.1:6379 by surprise.
    func run() async throws {
        guard address != nil || connection.namesTarget || sentinel.isGiven else {
            throw CleanExit.helpRequest(SlotscopeCommand.self)
        }
        let seeds = try sentinel.seeds(positional: address)
        let request = try connection.resolve(address: address, environment: ProcessEnvironment.current)
        if let warning = request.passwordSource?.warning { printError(warning) }
        let interval = try DurationParsing.parse(interactive.interval, flag: "--interval")
        let exit: InspectorApp.Exit
        if !seeds.isEmpty {
            let session = try SentinelInspection.start(request, seeds: seeds, masterNames: sentinel.masterNames,
                                                       inspection: inspection,
                                                       sentinelAccess: try sentinel.access(environment: ProcessEnvironment.current))
            exit = try await DataNodeInspect.open(session, request: request, options: interactive, interval: interval)
        } else if let dataNode = try await DataNodeInspect.run(request, inspection: inspection, sentinel: sentinel,
                                                                options: interactive, interval: interval) {
            exit = dataNode
        } else {
            exit = try await InteractiveSession.run(request, flags: inspection, options: interactive)
        }
        if case .signal(let signal) = exit { InspectorApp.reraise(signal) }
    }
}
