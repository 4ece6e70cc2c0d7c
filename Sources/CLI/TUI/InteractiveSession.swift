import ClusterModel
import Operations
import Screens
import Terminal
import Wire

/// Opens the interactive inspector: the root command (`slotscope HOST:PORT`, or
/// `--sentinel HOST:PORT`) and `slotscope demo` on a terminal all end up here.
enum InteractiveSession {
    /// Connects, polls once (refusing what is not a cluster node), then runs the UI until
    /// the user quits. Returns how it ended; the caller re-raises a termination signal
    /// after its own cleanup.
    static func run(_ request: ConnectionRequest, flags: InspectionFlags,
                    options: InteractiveOptions) async throws(CLIError) -> InspectorApp.Exit {
        try InspectorApp.requireTerminal()
        return try await InspectorApp.run([try await clusterPane(request, flags: flags, options: options)])
    }

    /// The same on Sentinel groups: the sentinels (and the data nodes they name) are polled
    /// every interval; the Replication screen shows each sentinel's opinion side by side.
    static func runSentinel(_ request: ConnectionRequest, session: SentinelInspection,
                            options: InteractiveOptions) async throws(CLIError) -> InspectorApp.Exit {
        try InspectorApp.requireTerminal()
        defer { session.close() }
        return try await InspectorApp.run([try await sentinelPane(request, session: session, options: options)])
    }

    /// `slotscope demo`: the cluster's pane with its drills, and, when the demo started a
    /// Sentinel group, the group's pane behind the view key (`v`), with drills of its own.
    static func runDemo(cluster request: ConnectionRequest, flags: InspectionFlags, drills: DemoDrills,
                        sentinel: (request: ConnectionRequest, session: SentinelInspection, drills: DemoDrills)?,
                        options: InteractiveOptions) async throws(CLIError) -> InspectorApp.Exit {
        try InspectorApp.requireTerminal()
        var clusterPane = try await clusterPane(request, flags: flags, options: options)
        if !request.readOnly { clusterPane.configuration.drills = drills }
        guard let sentinel else { return try await InspectorApp.run([clusterPane]) }
        defer { sentinel.session.close() }
        var groupPane = try await sentinelPane(sentinel.request, session: sentinel.session, options: options)
        if !sentinel.request.readOnly { groupPane.configuration.drills = sentinel.drills }
        clusterPane.configuration.otherView = "sentinel group"
        groupPane.configuration.otherView = "cluster"
        return try await InspectorApp.run([clusterPane, groupPane])
    }

    /// A cluster's pane: connected and polled once, with its actions unless read-only.
    private static func clusterPane(_ request: ConnectionRequest, flags: InspectionFlags,
                                    options: InteractiveOptions) async throws(CLIError) -> InspectorApp.Pane {
        let interval = try DurationParsing.parse(options.interval, flag: "--interval")
        let session = try await Inspection.start(request, flags: flags, countKeys: false)
        let first = try await session.firstPoll()
        var configuration = InspectorApp.Configuration(target: request.address, readOnly: request.readOnly,
                                                       interval: interval, terminal: terminal(options))
        if !request.readOnly {
            configuration.actions = ActionRunner.Setup(
                request: request, maps: flags.maps,
                journalDirectory: PlanJournal.defaultDirectory(environment: ProcessEnvironment.current),
                adapters: [.fix: FixAdapter(), .reshard: ReshardAdapter(), .failover: FailoverAdapter()])
        }
        return InspectorApp.Pane(feed: await InspectorApp.feed(session, first: first), configuration: configuration)
    }

    /// Sentinel groups' pane: the sentinels polled once (refusing what answers as none).
    private static func sentinelPane(_ request: ConnectionRequest, session: SentinelInspection,
                                     options: InteractiveOptions) async throws(CLIError) -> InspectorApp.Pane {
        let interval = try DurationParsing.parse(options.interval, flag: "--interval")
        let first = try await session.firstPoll()
        let poller = session.poller
        let feed = InspectorApp.Feed(first: .sentinelPolled(SentinelPollResult(first)),
                                     poll: { .sentinelPolled(SentinelPollResult(await poller.poll())) },
                                     countKeys: nil)
        return InspectorApp.Pane(feed: feed, configuration: InspectorApp.Configuration(
            target: "sentinel " + session.target, readOnly: request.readOnly, mode: .sentinel, interval: interval,
            terminal: terminal(options)))
    }

    static func terminal(_ options: InteractiveOptions) -> TerminalOptions {
        terminal(noColor: options.noColor, ascii: options.ascii)
    }

    /// The terminal options from the flags and the environment (`NO_COLOR`).
    static func terminal(noColor: Bool, ascii: Bool) -> TerminalOptions {
        TerminalOptions(noColor: noColor, forceASCII: ascii).applyingEnvironment(ProcessEnvironment.current)
    }
}
