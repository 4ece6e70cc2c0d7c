import Operations
import Wire

/// What `check`, `snapshot` and `watch` inspect, decided once for all three: a cluster (its
/// first poll taken), Sentinel groups (from `--sentinel`, or found from a standalone master
/// or replica), or a plain replication group that no sentinel watches.
enum InspectionTarget {
    case cluster(Inspection, first: PollCycle)
    case sentinels(SentinelInspection)
    case plain(DataNodeEntry.PlainReplication)

    static func open(_ request: ConnectionRequest, seeds: [Endpoint], sentinel: SentinelTargetFlags,
                     sentinelAccess: SentinelAccess?, inspection: InspectionFlags,
                     countKeys: Bool) async throws(CLIError) -> InspectionTarget {
        if !seeds.isEmpty {
            return .sentinels(try SentinelInspection.start(request, seeds: seeds, masterNames: sentinel.masterNames,
                                                           inspection: inspection, sentinelAccess: sentinelAccess))
        }
        let session = try await Inspection.start(request, flags: inspection, countKeys: countKeys)
        switch try await session.firstPollOrStandalone() {
        case .cluster(let first):
            try sentinel.refuseMasterNames(clusterNode: request.address)
            return .cluster(session, first: first)
        case .standalone(let explanation):
            session.pool.closeAll()  // the group is polled through pools of its own
            switch try await DataNodeEntry.route(request, inspection: inspection, sentinel: sentinel,
                                                 sentinelAccess: sentinelAccess, standalone: explanation) {
            case .sentinels(let groups): return .sentinels(groups)
            case .plain(let plain): return .plain(plain)
            }
        }
    }
}
