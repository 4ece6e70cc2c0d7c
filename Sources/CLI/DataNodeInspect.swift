import ClusterModel
import Operations
import RESP
import Wire

/// `slotscope HOST:PORT` (the inspector) given a standalone master or replica, or
/// `slotscope --sentinel HOST:PORT`. A Sentinel group (found from the node, see
/// `DataNodeEntry`) opens the inspector's Sentinel mode on a terminal; without one (e.g.
/// `kubectl exec` without `-t`) it is shown as the check report, then watched as text:
/// sentinel events deduplicated. A group without sentinels is always watched as text: each
/// change of a node's role, master, link or reachability.
enum DataNodeInspect {
    /// Handles the seed when it is a standalone data node and says how it ended; nil (having
    /// sent nothing but the handshake and one INFO) for anything else.
    static func run(_ request: ConnectionRequest, inspection: InspectionFlags, sentinel: SentinelTargetFlags,
                    options: InteractiveOptions, interval: Duration) async throws(CLIError) -> InspectorApp.Exit? {
        guard let role = try await standaloneRole(request) else { return nil }
        let sentinelAccess = try sentinel.access(environment: ProcessEnvironment.current)
        let explanation = EndpointKind.standalone(role: role).explanation(address: request.address) ?? request.address
        switch try await DataNodeEntry.route(request, inspection: inspection, sentinel: sentinel,
                                             sentinelAccess: sentinelAccess, standalone: explanation) {
        case .sentinels(let session):
            return try await open(session, request: request, options: options, interval: interval)
        case .plain(let plain):
            InterruptWatch.startForWatch()
            printNow(SentinelCheckReport(target: plain.target, cycle: plain.first).text)
            printError("no sentinel watches this group: watching its replication as text")
            await WatchCommand.watch(plain, pause: interval, count: nil, json: false)
            return .quit
        }
    }

    /// The inspector's Sentinel mode on a terminal; the report and the events as text without one.
    static func open(_ session: SentinelInspection, request: ConnectionRequest, options: InteractiveOptions,
                     interval: Duration) async throws(CLIError) -> InspectorApp.Exit {
        if (try? InspectorApp.requireTerminal()) != nil {
            return try await InteractiveSession.runSentinel(request, session: session, options: options)
        }
        try await show(session, interval: interval)
        return .quit
    }

    static func show(_ session: SentinelInspection, interval: Duration) async throws(CLIError) {
        InterruptWatch.startForWatch()
        let cycle = try await session.firstPoll()
        printNow(SentinelCheckReport(target: session.target, cycle: cycle).text)
        printError("no terminal for the inspector: watching the Sentinel group's events as text")
        try await SentinelWatch.run(session, pause: interval, count: nil, settle: .seconds(1), json: false)
    }

    /// `master` or `slave` when the seed is a standalone Redis server; nil for a cluster
    /// node, a sentinel or anything else (the inspector then says what it is).
    static func standaloneRole(_ request: ConnectionRequest) async throws(CLIError) -> String? {
        var options = try request.connectionOptions()
        options.readOnly = true
        let connection = Connection(endpoint: request.endpoint, options: options)
        defer { connection.close() }
        do {
            let session = try await connection.connect()
            if let mode = session.mode, mode != "standalone" { return nil }
            let info = try ServerInfo(reply: try await connection.send(RESPCommand("INFO")))
            guard info.server.mode == "standalone" else { return nil }
            return info.replication?.role ?? "master"
        } catch {
            return nil  // the inspector reports the connection problem in its own words
        }
    }
}
