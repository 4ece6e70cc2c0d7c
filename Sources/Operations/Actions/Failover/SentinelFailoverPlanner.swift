import ClusterModel

/// Plans `SENTINEL FAILOVER NAME` from a Sentinel snapshot — pure, no I/O. The command
/// goes to the first sentinel (in `preferred` order) that answered with the group's state;
/// the replica it will pick is predicted from that sentinel's own view, with Sentinel's
/// rules (no `s_down`/`o_down`/`disconnected`, `replica-priority` not 0, link not down;
/// then priority, offset, run id).
public enum SentinelFailoverPlanner {
    public static func plan(_ snapshot: SentinelSnapshot, masterName: String,
                            preferred: [NodeAddress] = []) -> Result<SentinelFailoverPlan, SentinelFailoverRefusal> {
        guard let group = snapshot.group(masterName) else { return .failure(.noSentinelKnows(name: masterName)) }
        let answered = group.opinions.filter { $0.state != nil && $0.master != nil }
        let ordered = answered.sorted { rank($0.sentinel, preferred) < rank($1.sentinel, preferred) }
        guard let chosen = ordered.first, let master = chosen.master else { return .failure(.noSentinelKnows(name: masterName)) }
        let busy = answered.filter { $0.flags?.failoverInProgress == true }.map(\.sentinel)
        if !busy.isEmpty { return .failure(.inProgress(name: masterName, sentinels: busy)) }

        let candidates = chosen.replicas.compactMap { replica -> SentinelCandidate? in
            guard let address = replica.address else { return nil }
            let node = group.node(address)
            return SentinelCandidate(address: address, priority: replica.priority ?? node?.priority,
                                     offset: replica.replicationOffset ?? node?.offset, runID: replica.runID,
                                     lagBytes: node?.lagBytes, excluded: exclusion(replica))
        }.sorted(by: ranked)
        guard candidates.contains(where: { $0.excluded == nil }) else {
            return .failure(.noEligibleReplica(name: masterName, reasons: candidates.map { "\($0.address): \($0.excluded ?? "")" }))
        }

        var notes: [String] = []
        var risks = ["The sentinels promote the replica without waiting for it to catch up: writes the master accepted "
                     + "that it has not received yet are lost (SENTINEL FAILOVER asks no other sentinel to agree).",
                     "Clients that do not ask the sentinels for the master (or cache it) keep writing to the old one until "
                     + "it is reconfigured as a replica; those writes are lost."]
        if let pick = candidates.first(where: { $0.excluded == nil }) {
            notes.append("Likely new master: \(pick.address) — \(reason(pick, among: candidates)).")
            if let lag = pick.lagBytes, lag > 0 {
                risks.append("\(pick.address) is \(lag) bytes behind the master right now.")
            }
        }
        if let recent = recentRoleChange(chosen, master: master) { risks.append(recent) }
        let named = Set(answered.compactMap(\.master))
        if named.count > 1 {
            risks.append("The sentinels disagree on the master (\(named.sorted().map(\.description).joined(separator: ", "))): "
                         + "settle that first, or expect the failover to be followed by another reconfiguration.")
        }
        let unreachable = snapshot.sentinels.filter { $0.failure != nil }.map(\.address)
        if !unreachable.isEmpty {
            notes.append("Unreachable sentinels (they learn of the new master when they come back): "
                         + unreachable.map(\.description).joined(separator: ", ") + ".")
        }
        return .success(SentinelFailoverPlan(masterName: masterName, sentinel: chosen.sentinel, master: master,
                                             configEpoch: chosen.configEpoch, candidates: candidates, notes: notes, risks: risks))
    }

    /// Milliseconds within which a role change makes another failover risky: Sentinel
    /// converts an instance whose role disagrees with its config 8 s after noticing
    /// (`SENTINEL_PUBLISH_PERIOD × 4`); two failovers inside that window race each other's
    /// reconfiguration (seen in testing: a sentinel turned the just-promoted replica back
    /// into a replica, and an automatic failover followed).
    static let settleMilliseconds: Int64 = 15_000

    /// A risk line when the group has failed over before (config epoch above 0) and the
    /// master or a replica changed role within `settleMilliseconds` (Sentinel's
    /// `role-reported-time`, milliseconds since the change; a sentinel that just started
    /// reports small times for everything, hence the epoch).
    static func recentRoleChange(_ opinion: SentinelOpinion, master: NodeAddress) -> String? {
        guard (opinion.configEpoch ?? 0) > 0 else { return nil }
        var changes: [(NodeAddress, Int64)] = opinion.replicas.compactMap { replica in
            guard let address = replica.address, let age = replica.roleReportedTime, age < settleMilliseconds else { return nil }
            return (address, age)
        }
        if let age = opinion.state?.roleReportedTime, age < settleMilliseconds { changes.insert((master, age), at: 0) }
        guard !changes.isEmpty else { return nil }
        let list = changes.map { "\($0.0) \($0.1 / 1000) s ago" }.joined(separator: ", ")
        return "A failover happened recently (role changes as the sentinel saw them: \(list)): another one this soon can "
            + "race the sentinels' own reconfiguration and end with a different master — waiting \(settleMilliseconds / 1000) s is safer."
    }

    /// Why Sentinel skips this replica, or nil.
    static func exclusion(_ replica: SentinelReplicaState) -> String? {
        if replica.flags.subjectivelyDown || replica.flags.objectivelyDown { return "down (\(replica.flags))" }
        if replica.flags.disconnected { return "disconnected" }
        if replica.priority == 0 { return "replica-priority 0 (never promoted)" }
        if replica.masterLinkStatus == "err" {
            return "replication link down" + (replica.masterLinkDownTime.map { " for \($0 / 1000) s" } ?? "")
        }
        return nil
    }

    /// Sentinel's order: eligible, lower priority, higher offset, lower run id.
    static func ranked(_ a: SentinelCandidate, _ b: SentinelCandidate) -> Bool {
        if (a.excluded == nil) != (b.excluded == nil) { return a.excluded == nil }
        let pa = a.priority ?? 100, pb = b.priority ?? 100
        if pa != pb { return pa < pb }
        let oa = a.offset ?? -1, ob = b.offset ?? -1
        if oa != ob { return oa > ob }
        return (a.runID ?? "~") < (b.runID ?? "~")
    }

    /// Why `pick` comes first, in words.
    static func reason(_ pick: SentinelCandidate, among all: [SentinelCandidate]) -> String {
        let rivals = all.filter { $0.excluded == nil && $0.address != pick.address }
        let priority = "priority \(pick.priority.map(String.init) ?? "?")"
        let offset = "offset \(pick.offset.map(String.init) ?? "?")"
        guard !rivals.isEmpty else { return "the only eligible replica (\(priority), \(offset))" }
        // Rivals are ranked after the pick: none has a lower priority.
        let peers = rivals.filter { ($0.priority ?? 100) == (pick.priority ?? 100) }
        if peers.isEmpty { return "lowest replica-priority (\(priority), \(offset))" }
        if peers.allSatisfy({ ($0.offset ?? -1) < (pick.offset ?? -1) }) {
            return "same priority as the others, most data replicated (\(priority), \(offset))"
        }
        return "same priority and offset as another, lowest run id (\(priority), \(offset))"
    }

    private static func rank(_ address: NodeAddress, _ preferred: [NodeAddress]) -> Int {
        preferred.firstIndex(of: address) ?? preferred.count
    }
}
