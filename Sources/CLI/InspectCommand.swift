import ArgumentParser

/// `slotscope [inspect] HOST:PORT`: the interactive inspector, the default subcommand.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Open the interactive inspector on a cluster (the default: `slotscope HOST:PORT`).",
        discussion: """
        Screens: 1 Overview, 2 Nodes, 3 Slot map, 4 Events, 5 Findings, 6 Log; ? lists every key. \
        Needs a terminal; without one, use `slotscope watch` or `slotscope check`.
        """)

    @Argument(help: "A cluster node, as HOST:PORT (a standalone master or replica: its group is found, shown and watched as text).")
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
        // Sentinel groups (from --sentinel or a standalone master or replica) are shown and watched as text.
        let interval = try DurationParsing.parse(interactive.interval, flag: "--interval")
        if !seeds.isEmpty {
            return try await DataNodeInspect.show(request, seeds: seeds, inspection: inspection, sentinel: sentinel,
                                                  interval: interval)
        }
        if try await DataNodeInspect.run(request, inspection: inspection, sentinel: sentinel, interval: interval) { return }
        if case .signal(let signal) = try await InteractiveSession.run(request, flags: inspection, options: interactive) {
            InspectorApp.reraise(signal)
        }
    }
}
