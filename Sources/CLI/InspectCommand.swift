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

    @Argument(help: "A cluster node, as HOST:PORT.")
    var address: String?

    @OptionGroup var interactive: InteractiveOptions
    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    /// Without an address or connection flags, a bare `slotscope` shows the help rather than
    /// dialing 127.0.0.1:6379 by surprise.
    func run() async throws {
        guard address != nil || connection.namesTarget else { throw CleanExit.helpRequest(SlotscopeCommand.self) }
        let request = try connection.resolve(address: address, environment: ProcessEnvironment.current)
        if let warning = request.passwordSource?.warning { printError(warning) }
        if case .signal(let signal) = try await InteractiveSession.run(request, flags: inspection, options: interactive) {
            InspectorApp.reraise(signal)
        }
    }
}
