/// Ghosts, failing, unreachable, stalled, loading and unreadable nodes.
func nodeRules(_ c: RuleContext) -> [Finding] {
    let s = c.snapshot
    var out: [Finding] = []
    let ghosts = Set(s.nodes.filter { isGhost($0, in: s) }.map(\.id))

    for node in s.nodes where ghosts.contains(node.id) {
        let others = c.liveNodes.filter { $0.id != node.id && !ghosts.contains($0.id) }.map(\.id)
        let replacedBy = s.nodes.first { $0.id != node.id && $0.address == node.address && !node.address.isUnset }
        out.append(Finding(
            severity: .warning, kind: .ghostNode,
            title: "ghost node \(node.id.short) (\(node.flags.description)) lingers in the cluster",
            explanation: (replacedBy.map { "Its address is now used by \(c.name($0.id)); " } ?? "It has no address and is marked failed; ")
                + "it counts toward the cluster's size and failure votes. redis-cli --cluster check does not show it and del-node refuses it.",
            nodes: [node.id],
            fix: SuggestedFix(action: .forgetNode(id: node.id, on: others),
                              summary: "Send CLUSTER FORGET to every other node within 60 s (the id is banned for 60 s after each FORGET).",
                              commands: ["slotscope fix \(c.seed)"] + others.map { c.cli($0, "CLUSTER FORGET \(node.id)") })))
    }

    for node in s.nodes where !ghosts.contains(node.id) {
        let slots = s.slots(of: node.id)
        let servesSlots = node.isMaster && !slots.isEmpty
        let replicas = s.replicas(of: node.id).filter { $0.failure.state == .ok }

        if node.failure.state != .ok {
            let how = node.failure.state == .failed ? "marked fail by the cluster (\(node.failure.failed.count) view(s))"
                : "flagged fail? (unreachable) by \(node.failure.possiblyFailing.count) of \(node.failure.observers) node(s)"
            var explanation: String
            var fix: SuggestedFix
            if servesSlots {
                explanation = "Clients cannot reach its \(c.slotText(slots)) until a replica takes over"
                if let r = replicas.first {
                    explanation += "; replica \(c.name(r.id)) should be promoted within the node timeout."
                    fix = SuggestedFix(action: .wait(reason: "automatic failover"),
                                       summary: "Wait for the failover; if it does not happen, force it on the replica.",
                                       commands: [c.cli(r.id, "CLUSTER FAILOVER FORCE")])
                } else {
                    explanation += "; it has no healthy replica, so they stay down until it returns."
                    fix = SuggestedFix(action: .investigate(reason: "failed master without replica"),
                                       summary: "Restart the node, or assign its slots elsewhere (its data is lost).",
                                       commands: ["slotscope check \(c.seed)"])
                }
            } else if node.isMaster {
                explanation = "It serves no slots (a former master after failover): restarted, it rejoins as a replica; gone for good, forget it."
                let others = c.liveNodes.filter { $0.id != node.id }.map(\.id)
                fix = SuggestedFix(action: .forgetNode(id: node.id, on: others),
                                   summary: "Restart it, or if it is gone for good, forget it on every other node within 60 s "
                                       + "(the id is banned for 60 s after each FORGET).",
                                   commands: others.map { c.cli($0, "CLUSTER FORGET \(node.id)") })
            } else {
                explanation = "A replica that is down gives its master no failover candidate."
                fix = SuggestedFix(action: .investigate(reason: "failed replica"), summary: "Restart the replica or replace it.",
                                   commands: ["slotscope check \(c.seed)"])
            }
            out.append(Finding(severity: servesSlots ? .critical : .warning, kind: .nodeFailing,
                               title: "\(node.isMaster ? "master" : "replica") \(c.name(node.id)) \(how)",
                               explanation: explanation, slots: servesSlots ? slots : [], nodes: [node.id], fix: fix))
        }

        if case .unreachable(let why) = node.reachability {
            let clusterSeesItUp = node.failure.state == .ok && node.failure.observers > 0
                && node.failure.linkDown.count * 2 < node.failure.observers
            if clusterSeesItUp || isAddressProblem(why) {
                out.append(Finding(
                    severity: .warning, kind: .announcedAddressUnreachable,
                    title: "cannot reach \(c.name(node.id)) at its announced address: \(why)",
                    explanation: clusterSeesItUp
                        ? "The other nodes see it up, so the address it announces is not reachable from here (NAT, Kubernetes pod IPs, another network)."
                        : "The address it announces cannot be resolved or reached from here.",
                    nodes: [node.id],
                    fix: SuggestedFix(action: .useAddressMap(announced: [node.address]),
                                      summary: "Map the announced address to one reachable from here.",
                                      commands: ["slotscope check \(c.seed) --map \(node.address)=REACHABLE_HOST:PORT"])))
            } else if node.failure.state == .ok {
                out.append(Finding(
                    severity: servesSlots ? .critical : .warning, kind: .nodeUnreachable,
                    title: "\(c.name(node.id)) could not be read: \(why)",
                    explanation: "Slotscope has no current data for it; the other nodes do not report it down (yet).",
                    nodes: [node.id]))
            }
            // If the cluster flags it failing, the node-failing finding already says so.
        }

        if node.reachability.isReachable, let age = node.dataAge(at: s.time), age > c.policy.stalledAfterMilliseconds {
            out.append(Finding(severity: .warning, kind: .nodeStalled,
                               title: "\(c.name(node.id)) has not answered for \(age / 1000) s",
                               explanation: "Its data is older than \(c.policy.stalledAfterMilliseconds / 1000) s: it may be stopped (SIGSTOP), swapping or blocked by a slow command.",
                               nodes: [node.id]))
        }
        if node.isLoading {
            out.append(Finding(severity: .warning, kind: .nodeLoading,
                               title: "\(c.name(node.id)) is loading its dataset",
                               explanation: "It answers LOADING to most commands until the load finishes; this is a state, not a failure.",
                               nodes: [node.id],
                               fix: SuggestedFix(action: .wait(reason: "loading"), summary: "Wait for the load to finish.", commands: [])))
        }
        if !node.problems.isEmpty {
            // A monitoring user missing a rule: say which rule, so the fix is one ACL line.
            let rules = ACLHint.rules(in: node.problems)
            let fix = rules.isEmpty ? nil : SuggestedFix(
                action: .investigate(reason: "ACL rules missing"),
                summary: "Allow what Slotscope could not read: add \(rules.joined(separator: " ")) to the user's ACL (see `slotscope acl`).",
                commands: ["ACL SETUSER <user> " + rules.joined(separator: " ")])
            out.append(Finding(severity: .warning, kind: .unreadableReply,
                               title: "\(c.name(node.id)): \(node.problems.count) reply(ies) could not be read",
                               explanation: node.problems.joined(separator: "; "), nodes: [node.id], fix: fix))
        }
    }

    for u in s.unidentified {
        if case .unreachable(let why) = u.reachability {
            out.append(Finding(severity: .warning, kind: isAddressProblem(why) ? .announcedAddressUnreachable : .nodeUnreachable,
                               title: "\(u.address) could not be read: \(why)",
                               explanation: "No node's view names this address, so Slotscope cannot tell which node it is.",
                               addresses: [u.address]))
        } else if !u.problems.isEmpty {
            out.append(Finding(severity: .warning, kind: .unreadableReply,
                               title: "\(u.address) answered but not as a cluster node",
                               explanation: u.problems.joined(separator: "; "), addresses: [u.address]))
        }
    }
    return out
}

/// A ghost: not readable, and either without an address or failed with its address now used by another node.
func isGhost(_ node: NodeState, in s: ClusterSnapshot) -> Bool {
    guard !node.reachability.isReachable else { return false }
    if node.flags.contains(.noAddress) || node.address.isUnset { return true }
    guard node.failure.state == .failed else { return false }
    return s.nodes.contains { $0.id != node.id && $0.address == node.address && $0.failure.state == .ok }
}

func isAddressProblem(_ failure: PollFailure) -> Bool {
    if case .dns = failure { return true }
    return false
}
