import ClusterModel
import Operations
import Wire

/// `check|snapshot|watch HOST:PORT` where HOST:PORT is a standalone master or replica:
/// follows `INFO replication` both ways to the whole group, finds its sentinels from the
/// data nodes (`SentinelHelloListener`: CLIENT LIST + a probe, or `__sentinel__:hello`), and
/// hands over to a Sentinel inspection when it finds one; otherwise the plain replication
/// group is inspected.
enum DataNodeEntry {
    /// Where the entry leads.
    enum Route {
        /// Sentinels announced themselves: inspect the group through them.
        case sentinels(SentinelInspection)
        /// No sentinel: the replication group as polled from the data nodes.
        case plain(PlainReplication)
    }

    /// A plain replication group: its poller, the pool to close, and the first poll.
    struct PlainReplication {
        let target: String
        let poller: ReplicationPoller
        let pool: ConnectionPool
        let first: SentinelPollCycle
    }

    /// - Parameter standalone: the line explaining what the seed is, kept for a server with
    ///   nothing more to find (no replica, no master, no sentinel).
    static func route(_ request: ConnectionRequest, inspection: InspectionFlags, sentinel: SentinelTargetFlags,
                      sentinelAccess: SentinelAccess?, standalone: String) async throws(CLIError) -> Route {
        if inspection.singleEndpoint {
            // Its group and sentinels are other endpoints: not dialed, so not looked for.
            throw CLIError(standalone + " (with --single-endpoint its replicas and sentinels are not looked for)")
        }
        var options = try request.connectionOptions()
        options.readOnly = true
        let map: AddressMap
        do {
            map = try AddressMap(inspection.maps)
        } catch {
            throw CLIError.usage("--map: \(error.description)")
        }
        let pool = ConnectionPool(options: options, addressMap: map)
        let poller = ReplicationPoller(seed: request.endpoint, pool: pool)
        let first = await poller.poll()
        let nodes = first.snapshot.groups.flatMap(\.dataNodes)
        let reachable = nodes.filter { $0.reachability == .reachable }
        let sentinelOptions = try sentinelAccess?.options(from: options) ?? options
        let heard = await SentinelHelloListener.listen(
            on: reachable.map(\.address), masters: Set(reachable.filter(\.isMaster).map(\.address)), pool: pool,
            sentinelOptions: sentinelOptions, probePorts: try sentinel.probePorts())

        if !heard.sentinels.isEmpty {
            pool.closeAll()
            let names = sentinel.masterNames.isEmpty ? heard.masterNames : sentinel.masterNames
            let seeds = heard.sentinels.map { Endpoint(host: $0.host, port: $0.port) }
            var session = try SentinelInspection.start(request, seeds: seeds, masterNames: names, inspection: inspection,
                                                       sentinelAccess: sentinelAccess)
            session.via = request.address
            printError("\(request.address) belongs to Sentinel group \(names.joined(separator: ", ")): "
                + "inspecting it through sentinel \(heard.sentinels.map(\.description).joined(separator: ", "))")
            return .sentinels(session)
        }
        if !sentinel.masterNames.isEmpty {
            pool.closeAll()
            throw CLIError("no sentinel announces itself on \(request.address)'s group, so --master-name "
                + "\(sentinel.masterNames.joined(separator: ", ")) cannot be found from it: give a sentinel with --sentinel HOST:PORT")
        }
        if nodes.count <= 1 {
            pool.closeAll()
            // master_replid2 set: it was promoted from a replica; its old group may still run with another master.
            let promoted = nodes.first?.wasPromoted == true
                ? "; it was promoted from a replica (master_replid2 is set): if its old group still runs, this is a second master" : ""
            throw CLIError(standalone + " (it has no replica and no master, and no sentinel announces itself on it\(promoted))")
        }
        if let problem = heard.problem { printError("note: \(problem); reporting the replication group without sentinels") }
        return .plain(PlainReplication(target: request.address, poller: poller, pool: pool, first: first))
    }
}
