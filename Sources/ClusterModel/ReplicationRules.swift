/// Replica coverage, lag, links, placement and versions.
func replicationRules(_ c: RuleContext) -> [Finding] {
    let s = c.snapshot
    var out: [Finding] = []
    let ghosts = Set(s.nodes.filter { isGhost($0, in: s) }.map(\.id))

    func isDown(_ r: NodeState) -> Bool {
        r.failure.state != .ok || r.replication?.linkUp == false
    }

    for shard in c.slotMasters {
        guard let master = s.node(shard.master), master.failure.state == .ok else { continue }
        let replicas = s.replicas(of: master.id).filter { !ghosts.contains($0.id) }
        if replicas.count < c.policy.minimumReplicas {
            out.append(Finding(
                severity: .warning, kind: .masterWithoutReplicas,
                title: "master \(c.name(master.id)) has \(replicas.isEmpty ? "no replica" : "only \(replicas.count) replica(s)")",
                explanation: "If it fails, its \(c.slotText(shard.slots)) go down with it and their data is lost.",
                slots: shard.slots, nodes: [master.id],
                fix: SuggestedFix(action: .addReplica(master: master.id), summary: "Attach a replica to it.",
                                  commands: ["redis-cli --cluster add-node NEW_HOST:PORT \(master.address) --cluster-slave --cluster-master-id \(master.id)"])))
        } else if !replicas.isEmpty && replicas.allSatisfy(isDown) {
            out.append(Finding(
                severity: .warning, kind: .allReplicasDown,
                title: "every replica of master \(c.name(master.id)) is down",
                explanation: "No failover candidate: if the master fails, its \(c.slotText(shard.slots)) go down.",
                slots: shard.slots, nodes: [master.id] + replicas.map(\.id)))
        }
    }

    var sameHost: [NodeID] = []
    for replica in s.nodes where replica.isReplica && !ghosts.contains(replica.id) {
        let master = replica.masterID.flatMap { s.node($0) }
        if let status = replica.replication {
            if status.linkUp == false {
                let since = status.linkDownSeconds.map { " for \($0) s" } ?? ""
                out.append(Finding(severity: .warning, kind: .replicaLinkDown,
                                   title: "replica \(c.name(replica.id)) has lost its link to \(replica.masterID.map(c.name) ?? "its master")\(since)",
                                   explanation: "It is not receiving writes; a failover to it would lose them.",
                                   nodes: [replica.id] + (replica.masterID.map { [$0] } ?? [])))
            } else {
                let bytes = status.lagBytes ?? 0, seconds = status.lagSeconds ?? 0
                if bytes > c.policy.maxReplicaLagBytes || seconds > c.policy.maxReplicaLagSeconds {
                    out.append(Finding(severity: .warning, kind: .replicaLagging,
                                       title: "replica \(c.name(replica.id)) lags \(bytes) bytes / \(seconds) s behind",
                                       explanation: "A failover now would lose the writes it has not received.",
                                       nodes: [replica.id] + (replica.masterID.map { [$0] } ?? [])))
                }
            }
        }
        if let master, !master.address.host.isEmpty, master.address.host == replica.address.host {
            sameHost.append(replica.id)
        }
    }
    if c.policy.reportReplicaOnMasterHost && !sameHost.isEmpty {
        out.append(Finding(severity: .info, kind: .replicaOnMasterHost,
                           title: "\(sameHost.count) replica(s) announce the same host as their master",
                           explanation: "If that host goes down, master and replica go together (expected on a test machine or behind one NAT address).",
                           nodes: sameHost))
    }

    if c.policy.reportMixedVersions {
        var byVersion: [String: [NodeID]] = [:]
        for node in s.nodes { if let v = node.displayVersion { byVersion[v, default: []].append(node.id) } }
        if byVersion.count > 1 {
            let list = byVersion.sorted { $0.key < $1.key }.map { "\($0.key) on \($0.value.count)" }.joined(separator: ", ")
            out.append(Finding(severity: .info, kind: .mixedVersions, title: "mixed server versions: \(list)",
                               explanation: "Normal during a rolling upgrade; otherwise replicas should run the same version as their masters.",
                               nodes: byVersion.values.flatMap { $0 }.sorted()))
        }
    }
    return out
}
