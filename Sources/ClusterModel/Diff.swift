/// What changed from `old` to `new`, in a stable order (failovers first). Pure.
public func diff(_ old: ClusterSnapshot, _ new: ClusterSnapshot) -> [ClusterEvent] {
    var events: [ClusterEvent] = []
    let time = new.time
    func name(_ id: NodeID, in snapshot: ClusterSnapshot) -> String {
        guard let node = snapshot.node(id) else { return id.short }
        return node.address.isUnset ? id.short : "\(id.short) (\(node.address))"
    }
    func add(_ kind: ClusterEvent.Kind, _ nodes: [NodeID], _ slots: [SlotRange], _ message: String) {
        events.append(ClusterEvent(time: time, kind: kind, nodes: nodes, slots: slots, message: message))
    }

    // Joined and forgotten.
    // Lookups by index: `node(_:)` returns a copy of the whole NodeState (a retain per
    // field), which made these per-node loops most of diff's cost.
    for node in new.nodes where old.nodeIndex(node.id) == nil {
        add(.nodeJoined, [node.id], [], "\(name(node.id, in: new)) joined as \(node.role.rawValue)")
    }
    for node in old.nodes where new.nodeIndex(node.id) == nil {
        add(.nodeForgotten, [node.id], [], "\(name(node.id, in: old)) is no longer known to any node")
    }

    // Failovers and role changes.
    var promoted = Set<NodeID>()
    for node in new.nodes {
        guard let b = old.nodeIndex(node.id), old.nodes[b].role != node.role else { continue }
        let before = old.nodes[b]
        if before.role == .replica && node.role == .master {
            let oldMaster = before.masterID
            let oldMasterFailing = oldMaster.flatMap { new.node($0) }.map {
                $0.failure.state != .ok || $0.role == .replica || !$0.reachability.isReachable
            } ?? true
            if node.configEpoch > before.configEpoch || oldMasterFailing {
                promoted.insert(node.id)
                let replaced = oldMaster.map { " replacing \(name($0, in: new))" } ?? ""
                add(.failover, [node.id] + (oldMaster.map { [$0] } ?? []), new.slots(of: node.id),
                    "failover: \(name(node.id, in: new)) promoted to master\(replaced), config epoch \(before.configEpoch) → \(node.configEpoch)")
                continue
            }
        }
        add(.roleChanged, [node.id] + (node.masterID.map { [$0] } ?? []), [],
            "\(name(node.id, in: new)) changed role \(before.role.rawValue) → \(node.role.rawValue)"
                + (node.masterID.map { ", now replicating \(name($0, in: new))" } ?? ""))
    }

    // Failure flags and reachability.
    for node in new.nodes {
        guard let b = old.nodeIndex(node.id) else { continue }
        let before = old.nodes[b]
        let was = before.failure.state, now = node.failure.state
        if was != now {
            switch now {
            case .possiblyFailing:
                add(.nodePossiblyFailing, [node.id], [], "\(name(node.id, in: new)) flagged fail? by \(node.failure.possiblyFailing.count) node(s)")
            case .failed:
                add(.nodeFailed, [node.id], [], "\(name(node.id, in: new)) marked fail by the cluster")
            case .ok:
                add(.nodeRecovered, [node.id], [], "\(name(node.id, in: new)) recovered (no node flags it failing)")
            }
        }
        switch (before.reachability, node.reachability) {
        case (.reachable, .unreachable(let why)):
            add(.nodeUnreachable, [node.id], [], "\(name(node.id, in: new)) unreachable: \(why)")
        case (.unreachable, .reachable):
            add(.nodeReachable, [node.id], [], "\(name(node.id, in: new)) reachable again")
        default: break
        }
        if before.address != node.address && !before.address.isUnset && !node.address.isUnset {
            add(.addressChanged, [node.id], [], "\(node.id.short) moved from \(before.address) to \(node.address) (restarted?)")
        }
        if before.configEpoch != node.configEpoch && !promoted.contains(node.id) && node.isMaster {
            add(.configEpochChanged, [node.id], [], "\(name(node.id, in: new)) config epoch \(before.configEpoch) → \(node.configEpoch)")
        }
        if let a = before.masterReplID2, let b = node.masterReplID2, a != b {
            add(.replicationIDChanged, [node.id], [], "\(name(node.id, in: new)) master_replid2 changed (promoted at offset \(node.secondReplOffset ?? -1))")
        }
    }

    // Slot ownership, only when both snapshots read at least one view.
    if !old.ownershipViews.isEmpty && !new.ownershipViews.isEmpty {
        events.append(contentsOf: slotMoves(old, new, time: time, name: name))
    }

    // Open slots.
    func openKeys(_ s: ClusterSnapshot) -> Set<OpenKey> {
        Set(s.openSlots.flatMap { slot in
            slot.migrating.map { OpenKey(slot: slot.slot, node: $0.node, peer: $0.peer, direction: .migrating) }
                + slot.importing.map { OpenKey(slot: slot.slot, node: $0.node, peer: $0.peer, direction: .importing) }
        })
    }
    let before = openKeys(old), after = openKeys(new)
    for key in after.subtracting(before).sorted() {
        let verb = key.direction == .migrating ? "migrating to" : "importing from"
        add(.slotOpened, [key.node, key.peer], [SlotRange(slot: key.slot)],
            "slot \(key.slot) opened: \(name(key.node, in: new)) \(verb) \(name(key.peer, in: new))")
    }
    for key in before.subtracting(after).sorted() {
        let verb = key.direction == .migrating ? "migrating to" : "importing from"
        add(.slotClosed, [key.node, key.peer], [SlotRange(slot: key.slot)],
            "slot \(key.slot) closed on \(name(key.node, in: old)) (was \(verb) \(name(key.peer, in: old)))")
    }

    // Cluster-wide state and epoch.
    if let a = old.clusterState, let b = new.clusterState, a != b {
        add(.clusterStateChanged, [], [], "cluster_state \(a.text) → \(b.text)")
    }
    if let a = old.currentEpoch, let b = new.currentEpoch, b > a {
        add(.currentEpochBumped, [], [], "cluster current epoch \(a) → \(b)")
    }

    let order = Dictionary(uniqueKeysWithValues: ClusterEvent.Kind.allCases.enumerated().map { ($1, $0) })
    return events.enumerated().sorted { (order[$0.element.kind]!, $0.offset) < (order[$1.element.kind]!, $1.offset) }.map(\.element)
}

struct OpenKey: Hashable, Comparable {
    var slot: Int
    var node: NodeID
    var peer: NodeID
    var direction: SlotMigration.Direction
    static func < (a: OpenKey, b: OpenKey) -> Bool { (a.slot, a.node, a.direction.rawValue) < (b.slot, b.node, b.direction.rawValue) }
}

extension ClusterStateValue {
    /// `ok`, `fail`, or the server's word.
    public var text: String {
        switch self {
        case .ok: return "ok"
        case .fail: return "fail"
        case .other(let word): return word
        }
    }
}

/// Slot runs whose owner changed, one event per (from, to) pair.
func slotMoves(_ old: ClusterSnapshot, _ new: ClusterSnapshot, time: Timestamp,
               name: (NodeID, ClusterSnapshot) -> String) -> [ClusterEvent] {
    // Translate old node indices into new ones so the arrays compare directly.
    var translate = [UInt16](repeating: SlotMap.unowned - 1, count: old.nodes.count)
    for (i, node) in old.nodes.enumerated() {
        if let j = new.nodeIndex(node.id) { translate[i] = UInt16(j) }
    }
    var moves: [MovePair: [SlotRange]] = [:]
    var order: [MovePair] = []
    old.slotOwners.owners.withUnsafeBufferPointer { a in
        new.slotOwners.owners.withUnsafeBufferPointer { b in
            var runStart = -1
            var runPair = MovePair(from: 0, to: 0)
            func close(_ end: Int) {
                guard runStart >= 0 else { return }
                if moves[runPair] == nil { order.append(runPair) }
                moves[runPair, default: []].append(SlotRange(runStart, end))
                runStart = -1
            }
            for slot in 0..<clusterSlotCount {
                let before = a[slot] == SlotMap.unowned ? SlotMap.unowned : translate[Int(a[slot])]
                let after = b[slot]
                if before == after { close(slot - 1); continue }
                let pair = MovePair(from: a[slot], to: after)
                if runStart >= 0 && pair != runPair { close(slot - 1) }
                if runStart < 0 { runStart = slot; runPair = pair }
            }
            close(clusterSlotCount - 1)
        }
    }
    return order.map { pair in
        let ranges = moves[pair]!
        let from = pair.from == SlotMap.unowned ? nil : old.nodes[Int(pair.from)].id
        let to = pair.to == SlotMap.unowned ? nil : new.nodes[Int(pair.to)].id
        let text = ranges.count > 4 ? "\(ranges.slotCount) slots" : "slots \(ranges.compactDescription)"
        let message: String
        switch (from, to) {
        case let (from?, to?): message = "\(text) moved from \(name(from, old)) to \(name(to, new))"
        case let (from?, nil): message = "\(text) lost their owner \(name(from, old)): unassigned"
        case let (nil, to?): message = "\(text) assigned to \(name(to, new))"
        case (nil, nil): message = "\(text) changed owner"
        }
        return ClusterEvent(time: time, kind: .slotsMoved, nodes: [from, to].compactMap { $0 }, slots: ranges, message: message)
    }
}

/// Old owner index (in the old snapshot) and new owner index (in the new one).
struct MovePair: Hashable {
    var from: UInt16
    var to: UInt16
}
