import ClusterModel

/// Plans `CLUSTER FAILOVER` on one replica from a snapshot — pure, no I/O. Runs the
/// pre-checks an operator would: the id names a replica that answers and is not failing;
/// its master answers (default mode); its replication link is up and it has caught up
/// (whenever the master answers); a majority of the masters serving slots is up to vote
/// (default and FORCE). FORCE and TAKEOVER are only planned when asked for, with their risks.
public enum FailoverPlanner {
    /// Default `--max-lag`: bytes a replica may be behind its master.
    public static let defaultMaxLagBytes: Int64 = 1 << 20

    /// - Parameter maxLagBytes: the most bytes the replica may be behind a master that
    ///   answers; negative skips the check.
    public static func plan(_ snapshot: ClusterSnapshot, replica given: String, mode: FailoverMode,
                            maxLagBytes: Int64 = defaultMaxLagBytes) -> Result<FailoverPlan, FailoverRefusal> {
        let matches = snapshot.nodes(matchingID: given)
        guard let replica = matches.first else {
            return .failure(.noSuchNode(given: given, replicas: snapshot.replicas.map { name($0) }))
        }
        guard matches.count == 1 else { return .failure(.ambiguous(given: given, matches: matches.map { name($0) })) }
        if replica.isMaster {
            return .failure(.isMaster(node: name(replica), replicas: snapshot.replicas(of: replica.id).map { name($0) }))
        }
        guard replica.isReplica, let masterID = replica.masterID, let master = snapshot.node(masterID) else {
            return .failure(.noMaster(node: name(replica)))
        }
        if let why = replica.reachability.problem { return .failure(.replicaUnreachable(node: name(replica), why: why)) }
        if replica.failure.state != .ok {
            return .failure(.replicaFailing(node: name(replica), state: replica.failure.state.rawValue))
        }
        let masterUp = isUp(master)
        if mode.needsMaster && !masterUp {
            let why = master.reachability.problem ?? "flagged \(master.failure.state.rawValue) by the cluster"
            return .failure(.masterUnreachable(master: name(master), why: why))
        }
        var notes: [String] = []
        var risks = mode.risks
        if masterUp {
            if let refusal = replicationRefusal(replica, master: master, maxLagBytes: maxLagBytes) { return .failure(refusal) }
            let lag = replica.replication?.lagBytes.map { "\($0) bytes behind" } ?? "lag not checked"
            notes.append("\(name(replica)): replication link up, \(lag); its master \(name(master)) answers.")
        } else {
            let why = master.reachability.problem ?? "flagged \(master.failure.state.rawValue)"
            notes.append("Its master \(name(master)) is down (\(why)): that is what \(mode.rawValue) is for.")
            let offset = replica.replication?.offset.map { "offset \($0)" } ?? "an unknown offset"
            risks.append("The replica has replicated up to \(offset); whatever the master accepted after that is lost.")
        }
        let voters = snapshot.masters.filter { !snapshot.slots(of: $0.id).isEmpty }
        let down = voters.filter { !isUp($0) }
        if mode.needsMajority {
            let up = voters.count - down.count
            guard up * 2 > voters.count else {
                return .failure(.noMajority(up: up, voters: voters.count, down: down.map { name($0) }))
            }
            notes.append("\(up) of \(voters.count) masters serving slots are up: a majority (\(voters.count / 2 + 1)) can vote.")
        } else {
            notes.append("TAKEOVER asks no master for a vote (\(voters.count - down.count) of \(voters.count) masters serving slots are up).")
        }
        let others = snapshot.replicas(of: master.id).filter { $0.id != replica.id }
        if !others.isEmpty {
            notes.append("The other replicas of the shard (\(others.map { name($0) }.joined(separator: ", "))) follow the new master by themselves.")
        }
        if replica.flags.contains(.noFailover) {
            notes.append("\(name(replica)) has the nofailover flag: that only stops automatic failovers, not this one.")
        }
        let slots = snapshot.slots(of: master.id)
        if slots.isEmpty { notes.append("\(name(master)) serves no slots: clients see no change.") }
        let slotText = slots.isEmpty ? "no slots" : "slots " + slots.map(\.description).joined(separator: ",")
        let step = Step(.command(node: snapshot.planNode(replica), arguments: mode.arguments, tolerated: [], bestEffort: false),
                        why: "promote the replica to master of \(slotText) in place of \(name(master))"
                            + (mode == .coordinated ? ", coordinated with it" : " without its master's handshake"))
        let plan = Plan(steps: [step], risks: risks, notes: notes)
        return .success(FailoverPlan(plan: plan, mode: mode, replica: snapshot.planNode(replica),
                                     master: snapshot.planNode(master), slots: slots, masterEpoch: master.configEpoch))
    }

    /// Link down or too far behind, while the master answers.
    private static func replicationRefusal(_ replica: NodeState, master: NodeState, maxLagBytes: Int64) -> FailoverRefusal? {
        let status = replica.replication
        if status?.linkUp == false {
            return .linkDown(node: name(replica), master: name(master), seconds: status?.linkDownSeconds)
        }
        guard maxLagBytes >= 0 else { return nil }
        guard let lag = status?.lagBytes else { return .offsetUnknown(node: name(replica)) }
        return lag > maxLagBytes ? .lagging(node: name(replica), bytes: lag, limit: maxLagBytes) : nil
    }

    /// Read by Slotscope and not flagged failed by the cluster.
    static func isUp(_ node: NodeState) -> Bool { node.reachability.isReachable && node.failure.state != .failed }

    static func name(_ node: NodeState) -> String { "\(node.address) (\(node.id.short))" }
}
