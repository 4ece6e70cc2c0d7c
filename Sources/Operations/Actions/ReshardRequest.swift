import ClusterModel

/// Which slots a reshard moves.
public enum SlotSelection: Hashable, Sendable {
    /// This many slots, taken from the sources in proportion to what each owns.
    case count(Int)
    /// Exactly these slots (each must be owned by a source, or by anyone without `--from`).
    case ranges([SlotRange])
}

/// Where a reshard takes slots from.
public enum SourceSelection: Hashable, Sendable {
    /// Every master that owns slots, except the target.
    case all
    /// These masters, as node ids or unique prefixes of them.
    case nodes([String])
    /// Not given: with explicit slot ranges, each slot comes from its current owner.
    case owners
}

/// `slotscope reshard --from … --to … --slots …`.
public struct ReshardRequest: Hashable, Sendable {
    public var slots: SlotSelection
    public var sources: SourceSelection
    /// The target master's id or a unique prefix.
    public var target: String

    public init(slots: SlotSelection, sources: SourceSelection, target: String) {
        self.slots = slots
        self.sources = sources
        self.target = target
    }
}

/// `slotscope reshard --balance`, with redis-cli `--cluster rebalance`'s options.
public struct BalanceRequest: Hashable, Sendable {
    /// Weight per node id (or unique prefix); a master not named weighs 1, weight 0 empties it.
    public var weights: [String: Double]
    /// Also give slots to masters that own none.
    public var useEmptyMasters: Bool
    /// Move nothing unless some master is this many percent off its share.
    public var thresholdPercent: Double

    public init(weights: [String: Double] = [:], useEmptyMasters: Bool = false, thresholdPercent: Double = 2) {
        self.weights = weights
        self.useEmptyMasters = useEmptyMasters
        self.thresholdPercent = thresholdPercent
    }
}

/// Why a reshard cannot be planned: one line naming what was wrong and what to do.
public struct ReshardPlanError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// Node ids as people type them: the whole id or any prefix that names one node.
struct NodeIDResolver {
    let snapshot: ClusterSnapshot

    /// The master `text` names; `what` (`--to`, `--from`, `--weight`) goes into the error.
    func master(_ text: String, what: String) throws(ReshardPlanError) -> NodeState {
        let prefix = text.lowercased()
        guard !prefix.isEmpty else { throw ReshardPlanError("\(what) needs a node id (or a unique prefix of one)") }
        let matches = snapshot.nodes.filter { $0.id.description.hasPrefix(prefix) }
        guard !matches.isEmpty else {
            throw ReshardPlanError("\(what) \(text): no node id starts with that; slotscope check lists the ids")
        }
        guard matches.count == 1 else {
            let shown = matches.map { "\($0.id.short) (\($0.address))" }.joined(separator: ", ")
            throw ReshardPlanError("\(what) \(text) matches \(matches.count) nodes (\(shown)); give more characters of the id")
        }
        let node = matches[0]
        guard node.isMaster else {
            throw ReshardPlanError("\(what) \(text) is \(node.address), a replica; slots move between masters")
        }
        return node
    }
}
