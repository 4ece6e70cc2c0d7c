import ClusterModel
import Operations
import RESP
import Wire

/// `slotscope HOST:PORT` (the inspector) given a standalone master or replica, or
/// `slotscope --sentinel HOST:PORT`. The inspector's screens are for clusters, so the group
/// (found from the node, see `DataNodeEntry`) is shown as the check report, then watched live:
/// sentinel events deduplicated, or, without sentinels, each change of a node's role,
/// master, link or reachability.
enum DataNodeInspect {
    /// Handles the seed when it is a standalone data node and returns true; returns false
    /// (having sent nothing but the handshake and one INFO) for anything else.
    static func run(_ request: ConnectionRequest, inspection: InspectionFlags, sentinel: SentinelTargetFlags,
                    interval: Duration) async throws(CLIError) -> Bool {
        guard let role = try await standaloneRole(request) else { return false }
        let sentinelAccess = try sentinel.access(environment: ProcessEnvironment.current)
        let explanation = EndpointKind.standalone(role: role).explanation(address: request.address) ?? request.address
        switch try await DataNodeEntry.route(request, inspection: inspection, sentinel: sentinel,
                                             sentinelAccess: sentinelAccess, standalone: explanation) {
        case .sentinels(let session):
            try await show(session, interval: interval)
        case .plain(let plain):
            printNow(SentinelCheckReport(target: plain.target, cycle: plain.first).text)
            printError("the inspector's screens are for clusters: watching this replication group instead")
            await WatchCommand.watch(plain, pause: interval, count: nil, json: false)
        }
        return true
    }

    /// `slotscope --sentinel HOST:PORT`: the Sentinel groups' report, then their events.
    static func show(_ request: ConnectionRequest, seeds: [Endpoint], inspection: InspectionFlags,
                     sentinel: SentinelTargetFlags, interval: Duration) async throws(CLIError) {
        let session = try SentinelInspection.start(request, seeds: seeds, masterNames: sentinel.masterNames, inspection: inspection,
                                                   sentinelAccess: try sentinel.access(environment: ProcessEnvironment.current))
        try await show(session, interval: interval)
    }

    static func show(_ session: SentinelInspection, interval: Duration) async throws(CLIError) {
        let cycle = try await session.firstPoll()
        printNow(SentinelCheckReport(target: session.target, cycle: cycle).text)
        printError("the inspector's screens are for clusters: watching the Sentinel group's events instead")
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
