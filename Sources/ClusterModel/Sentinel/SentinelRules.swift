/// The health rules for Sentinel groups. Each rule reads the snapshot only.
enum SentinelRules {
    static func findings(_ snapshot: SentinelSnapshot, policy: SentinelPolicy) -> [SentinelFinding] {
        var result: [SentinelFinding] = []
        for status in snapshot.sentinels {
            if case .dns(let message)? = status.failure {
                result.append(unresolved(status.address, message, what: "Sentinel"))
            } else if let failure = status.failure {
                result.append(SentinelFinding(
                    severity: .warning, kind: .sentinelUnreachable, group: nil,
                    title: "Sentinel \(status.address) unreachable: \(failure)",
                    explanation: "Its opinion is missing from this view; if fewer sentinels than the quorum remain, no failover can start.",
                    addresses: [status.address], fix: "Check that the sentinel runs and that this host can reach it.",
                    commands: ["redis-cli -h \(status.address.host) -p \(status.address.port) PING"]))
            }
            if status.tilt == true {
                result.append(SentinelFinding(
                    severity: .warning, kind: .sentinelInTilt, group: nil,
                    title: "Sentinel \(status.address) is in TILT mode",
                    explanation: "It saw its clock jump (a stall or a time change) and will not act for 30 s: it neither votes nor starts a failover.",
                    addresses: [status.address], fix: "Look for stalls on its host (swap, CPU starvation, a paused VM)."))
            }
            if !status.errors.isEmpty { result.append(unreadable(status.address, status.errors)) }
        }
        for group in snapshot.groups { result += findings(group, policy: policy) }
        return result
    }

    static func unresolved(_ address: NodeAddress, _ message: String, what: String, group: String? = nil) -> SentinelFinding {
        SentinelFinding(
            severity: .warning, kind: .hostnameDoesNotResolve, group: group,
            title: "\(what) \(address): \(address.host) does not resolve from here",
            explanation: "\(message). Sentinels announcing hostnames (announce-hostnames, resolve-hostnames) that do not resolve cannot reach each other either; that is how every node of a group ends up master.",
            addresses: [address], fix: "Make the name resolvable here and on every sentinel, or announce IPs; to inspect from here, map it with --map.",
            commands: ["getent hosts \(address.host)"])
    }

    static func unreadable(_ address: NodeAddress, _ errors: [String]) -> SentinelFinding {
        SentinelFinding(severity: .warning, kind: .unreadableReply, group: nil,
                        title: "\(address): \(errors.count) repl\(errors.count == 1 ? "y" : "ies") could not be read",
                        explanation: errors.joined(separator: "; "), addresses: [address],
                        fix: "If it says NOPERM, grant the read-only ACL Slotscope prints with `slotscope acl`.")
    }

    static func findings(_ group: SentinelGroup, policy: SentinelPolicy) -> [SentinelFinding] {
        var result: [SentinelFinding] = []
        let name = group.label
        let monitored = group.unmonitored != true
        func add(_ severity: Severity, _ kind: SentinelFindingKind, _ title: String, _ explanation: String,
                 _ addresses: [NodeAddress], fix: String? = nil, commands: [String] = []) {
            result.append(SentinelFinding(severity: severity, kind: kind, group: group.name, title: title,
                                          explanation: explanation, addresses: addresses, fix: fix, commands: commands))
        }
        let views = group.opinions

        // Sentinels disagreeing.
        let named = Set(views.compactMap(\.master))
        if named.count > 1 {
            let lines = views.map { "\($0.sentinel) → \($0.master?.description ?? "?")" }.joined(separator: ", ")
            add(.critical, .sentinelsDisagreeOnMaster, "Sentinels of \(name) name \(named.count) different masters",
                "Clients asking different sentinels write to different nodes: \(lines).", named.sorted(),
                fix: "Find why the sentinels do not talk (hostnames that do not resolve, announce-ip, firewalls); the one with the highest config-epoch is the newest view.")
        }
        let epochs = Set(views.compactMap(\.configEpoch))
        if epochs.count > 1 {
            let lines = views.map { "\($0.sentinel): \($0.configEpoch.map(String.init) ?? "?")" }.joined(separator: ", ")
            add(.warning, .sentinelsDisagreeOnEpoch, "Sentinels of \(name) report different config epochs",
                "A failover's new configuration has not reached every sentinel (normal for a second during a failover): \(lines).",
                views.map(\.sentinel))
        }

        // Roles of the data nodes.
        let masters = group.dataNodes.filter { $0.isMaster && $0.roleFromNode }
        if masters.count > 1 {
            var routes: [String] = []
            for view in views { routes.append("clients of sentinel \(view.sentinel) write to \(view.master?.description ?? "?")") }
            for master in masters {
                let followers = group.dataNodes.filter { $0.following == master.address && !$0.isMaster }.map(\.address)
                routes.append("\(master.address) accepts writes (replicas: \(followers.isEmpty ? "none" : followers.map(\.description).joined(separator: ", ")))")
            }
            let unnamed = masters.filter { $0.address != group.namedMaster }.map(\.address)
            add(.critical, .splitBrain, "Split brain in \(name): \(masters.count) nodes report role:master",
                "Writes land on more than one node and will be lost on the ones Sentinel later converts. " +
                routes.joined(separator: "; ") + ".", masters.map(\.address),
                fix: unnamed.isEmpty ? "Make the sentinels agree, then the extra masters follow the one they name."
                    : "Point \(unnamed.map(\.description).joined(separator: ", ")) at \(group.namedMaster?.description ?? "the named master") once its writes are saved, and fix what kept the sentinels apart.",
                commands: unnamed.map { "redis-cli -h \($0.host) -p \($0.port) INFO replication" })
        }
        let splitAddresses = Set(masters.count > 1 ? masters.map(\.address) : [])
        for node in group.dataNodes where node.isMaster && !node.roleFromNode && node.address != group.namedMaster
            && !splitAddresses.contains(node.address) {
            add(.warning, .replicaClaimsMaster, "\(node.address) still reports role master in \(name)",
                "Sentinel lists it as a replica of \(group.namedMaster?.description ?? "the master") but it reports itself master, as an old master does when it comes back; Sentinel normally sends it REPLICAOF within about 10 s (+convert-to-slave). Writes it accepts meanwhile are lost.",
                [node.address], fix: "Wait for +convert-to-slave; if it stays master, check that the sentinels can reach it.")
        }
        // In an unmonitored group every followed address is a member: chains are not a problem.
        if monitored, let namedMaster = group.namedMaster {
            for node in group.dataNodes where !node.isMaster && node.role != nil {
                if let following = node.following, following != namedMaster {
                    add(.warning, .replicaFollowsUnknownMaster,
                        "\(node.address) replicates from \(following), not from \(namedMaster)",
                        "The sentinels name \(namedMaster) as master of \(name); this replica serves data from another node.",
                        [node.address, following],
                        fix: "Sentinel reconfigures known replicas by itself; if it persists, check that the sentinels can reach the replica.")
                }
            }
        }

        // Quorum and sentinel count.
        for view in views {
            if let check = view.quorumCheck, !check.reachable {
                add(.critical, .quorumUnreachable, "Sentinel \(view.sentinel) cannot reach the quorum for \(name)",
                    "CKQUORUM: \(check.message). If the master fails now, no failover happens.", [view.sentinel],
                    fix: "Start or reconnect sentinels until CKQUORUM says OK.",
                    commands: ["redis-cli -h \(view.sentinel.host) -p \(view.sentinel.port) SENTINEL CKQUORUM \(name)"])
            }
        }
        let known = views.compactMap(\.knownSentinels)
        if let expected = policy.expectedSentinels ?? known.max() {
            for view in views {
                if let count = view.knownSentinels, count < expected {
                    add(.warning, .fewerSentinelsThanExpected,
                        "Sentinel \(view.sentinel) knows \(count) of \(expected) sentinels of \(name)",
                        "Sentinels find each other through hello messages on the data nodes; a missing one does not vote.",
                        [view.sentinel], fix: "Check announce-ip/announce-hostnames and that the missing sentinels reach the master.")
                }
                if let quorum = view.quorum, let count = view.knownSentinels, count < quorum {
                    add(.critical, .quorumUnreachable, "\(name): sentinel \(view.sentinel) knows \(count) sentinels, quorum is \(quorum)",
                        "The master can never be declared objectively down: no automatic failover.", [view.sentinel])
                }
            }
            if policy.expectedSentinels != nil, views.count < expected {
                add(.warning, .fewerSentinelsThanExpected, "\(views.count) of \(expected) sentinels answered for \(name)",
                    "The others were unreachable or do not monitor \(name).", views.map(\.sentinel))
            }
        }

        // Master state as sentinels see it.
        let down = views.filter { $0.flags?.objectivelyDown == true || $0.flags?.subjectivelyDown == true }
        if !down.isEmpty, let master = group.namedMaster {
            let objective = down.contains { $0.flags?.objectivelyDown == true }
            add(objective ? .critical : .warning, .masterDown,
                "Master \(master) of \(name) is \(objective ? "objectively" : "subjectively") down",
                "Seen down by \(down.map(\.sentinel.description).joined(separator: ", ")).", [master])
        }
        let failing = views.filter { $0.flags?.failoverInProgress == true }
        if !failing.isEmpty {
            add(.info, .failoverInProgress, "A failover of \(name) is in progress",
                "Flag failover_in_progress on \(failing.map(\.sentinel.description).joined(separator: ", ")).",
                failing.map(\.sentinel))
        }

        // Replicas.
        let replicas = group.dataNodes.filter { !$0.isMaster && $0.address != group.namedMaster }
        for node in replicas {
            if node.linkUp == false {
                add(.warning, .replicaLinkDown, "\(node.address): link to its master is down",
                    "It serves stale data and cannot be promoted safely.", [node.address])
            } else if (node.lagBytes ?? 0) > policy.maxReplicaLagBytes || (node.lagSeconds ?? 0) > policy.maxReplicaLagSeconds {
                add(.warning, .replicaLagging, "\(node.address) lags behind its master",
                    "\(node.lagBytes.map { "\($0) bytes" } ?? "? bytes"), \(node.lagSeconds.map { "\($0) s" } ?? "? s") behind; a failover now would lose that.",
                    [node.address])
            }
            if case .unreachable(.dns(let message)) = node.reachability {
                result.append(unresolved(node.address, message, what: "Replica", group: group.name))
            } else if case .unreachable(let failure) = node.reachability {
                add(.warning, .nodeUnreachable, "Replica \(node.address) unreachable: \(failure)",
                    "Slotscope could not read it; the sentinels' view is shown instead.", [node.address])
            }
        }
        let priorities = replicas.compactMap(\.priority)
        if monitored, !replicas.isEmpty, priorities.count == replicas.count, priorities.allSatisfy({ $0 == 0 }) {
            add(.critical, .noPromotableReplica, "No replica of \(name) can be promoted",
                "Every replica has replica-priority 0, so Sentinel will never fail over.", replicas.map(\.address),
                fix: "Give at least one replica a non-zero replica-priority.")
        }
        let reportedReplicas = views.compactMap { $0.state?.numSlaves }.max() ?? 0
        if let master = group.namedMaster, replicas.isEmpty, reportedReplicas == 0 {
            add(.warning, .masterWithoutReplicas, "Master \(master) of \(name) has no replica",
                "If it fails there is nothing to promote and its data is in one place.", [master],
                fix: "Add a replica (REPLICAOF \(master.host) \(master.port) on a new node).")
        }
        if !monitored {
            let master = group.namedMaster
            add(.info, .noSentinels, "No sentinel watches \(name)",
                "Slotscope listened on __sentinel__:hello on its data nodes and heard no sentinel: if the master fails, nothing promotes a replica.",
                master.map { [$0] } ?? [],
                fix: "Run sentinels monitoring it (three, quorum 2) or plan a manual failover (REPLICAOF NO ONE on a replica).",
                commands: master.map { ["redis-cli -h \($0.host) -p \($0.port) PUBSUB NUMSUB __sentinel__:hello"] } ?? [])
        }
        if let named = group.namedMaster, let master = group.node(named), case .unreachable(let failure) = master.reachability {
            if case .dns(let message) = failure { result.append(unresolved(named, message, what: "Master", group: group.name)) }
            add(.critical, .nodeUnreachable, "Master \(named) of \(name) unreachable: \(failure)",
                "Slotscope could not read the master the sentinels name.", [named])
        }
        return result
    }
}
