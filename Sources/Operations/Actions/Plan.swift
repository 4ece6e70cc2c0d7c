import ClusterModel

/// A node a step runs on: its id and the address the cluster announces for it (the
/// executor dials it through the pool's address map; MIGRATE names it unmapped).
public struct PlanNode: Hashable, Sendable, Codable, CustomStringConvertible {
    public var id: NodeID
    public var address: NodeAddress

    public init(id: NodeID, address: NodeAddress) {
        self.id = id
        self.address = address
    }

    /// `127.0.0.1:7001 (1a2b3c4d)`.
    public var description: String { "\(address) (\(id.short))" }
}

/// What one step does.
public enum StepAction: Hashable, Sendable, Codable {
    /// One command on one node. An error reply starting with one of `tolerated` counts as
    /// done (e.g. `ERR Unknown node` for a FORGET); with `bestEffort`, any error reply is a
    /// warning, not a failure (SETSLOT NODE on bystander masters: gossip tells them anyway).
    case command(node: PlanNode, arguments: [String], tolerated: [String], bestEffort: Bool)
    /// Every key of `slot` from `source` to `target`: `CLUSTER GETKEYSINSLOT` on the source,
    /// then multi-key `MIGRATE` to the target's cluster address, until the source has none.
    /// The slot must be open on the source (migrating or importing) so MIGRATE runs there.
    case moveKeys(slot: Int, source: PlanNode, target: PlanNode, expectedKeys: Int?)
    /// The same command on every node at once, all within `withinSeconds` (CLUSTER FORGET
    /// must reach every node inside the 60 s ban window).
    case commandOnAll(nodes: [PlanNode], arguments: [String], tolerated: [String], withinSeconds: Int)
    /// A window of whole slot moves (reshard), each in redis-cli's order: `SETSLOT IMPORTING`
    /// on the target, `SETSLOT MIGRATING` on the source, every key moved, then `SETSLOT NODE`
    /// on the target, the source and the other `masters`. The window's commands are
    /// pipelined per node and different sources run in parallel; re-running the window
    /// after an interruption finishes whatever it had left.
    case moveSlots(moves: [SlotMove], masters: [PlanNode])
}

/// One slot changing hands in a reshard.
public struct SlotMove: Hashable, Sendable, Codable {
    public var slot: Int
    public var source: PlanNode
    public var target: PlanNode
    /// Keys counted in the slot on the source when planning (nil: not counted).
    public var keys: Int?

    public init(slot: Int, source: PlanNode, target: PlanNode, keys: Int?) {
        self.slot = slot
        self.source = source
        self.target = target
        self.keys = keys
    }
}

/// One step of a plan: what it does and why.
public struct Step: Hashable, Sendable, Codable {
    public var action: StepAction
    /// One plain sentence: why this step is needed.
    public var why: String

    public init(_ action: StepAction, why: String) {
        self.action = action
        self.why = why
    }

    /// Every node the step sends a command to.
    public var nodes: [PlanNode] {
        switch action {
        case .command(let node, _, _, _): return [node]
        case .moveKeys(_, let source, let target, _): return [source, target]
        case .commandOnAll(let nodes, _, _, _): return nodes
        case .moveSlots(let moves, let masters):
            var seen: Set<NodeID> = []
            return (moves.flatMap { [$0.source, $0.target] } + masters).filter { seen.insert($0.id).inserted }
        }
    }

    /// The slots whose keys this step moves (one for `moveKeys`, the window for `moveSlots`).
    public var movedSlots: [Int] {
        switch action {
        case .moveKeys(let slot, _, _, _): return [slot]
        case .moveSlots(let moves, _): return moves.map(\.slot)
        case .command, .commandOnAll: return []
        }
    }

    /// The slot whose keys this step moves, if it moves keys.
    public var movedSlot: Int? {
        switch action {
        case .moveKeys(let slot, _, _, _): return slot
        case .moveSlots(let moves, _): return moves.first?.slot
        case .command, .commandOnAll: return nil
        }
    }
}

/// How keys move: the knobs of `GETKEYSINSLOT` + `MIGRATE`.
public struct MoveSettings: Hashable, Sendable, Codable {
    /// Keys per `GETKEYSINSLOT` / `MIGRATE` batch (redis-cli's `--cluster-pipeline`).
    public var keysPerBatch: Int
    /// MIGRATE's own I/O timeout, in milliseconds.
    public var migrateTimeoutMilliseconds: Int
    /// Overwrite keys that exist on the target with a different value (`MIGRATE … REPLACE`).
    public var replace: Bool
    /// MIGRATE carries `AUTH`/`AUTH2` (the cluster needs a password). Shown as `AUTH ***`.
    public var authenticated: Bool

    public init(keysPerBatch: Int = 100, migrateTimeoutMilliseconds: Int = 5000, replace: Bool = false,
                authenticated: Bool = false) {
        self.keysPerBatch = keysPerBatch
        self.migrateTimeoutMilliseconds = migrateTimeoutMilliseconds
        self.replace = replace
        self.authenticated = authenticated
    }
}

/// An action, spelled out before anything runs: ordered steps (exact commands, the node
/// each goes to, why), what moves, what can go wrong, and what it leaves alone.
public struct Plan: Hashable, Sendable, Codable {
    public var steps: [Step]
    /// Slots the plan changes (assigns, closes or moves keys of), sorted.
    public var slots: [Int]
    /// Keys the plan expects to move, as last counted.
    public var keysToMove: Int
    /// What can go wrong, one sentence each.
    public var risks: [String]
    /// Choices the planner made and why (e.g. keeping the configured owner).
    public var notes: [String]
    /// Problems the plan does not repair, one line each.
    public var unresolved: [String]
    public var move: MoveSettings

    public init(steps: [Step] = [], slots: [Int] = [], keysToMove: Int = 0, risks: [String] = [],
                notes: [String] = [], unresolved: [String] = [], move: MoveSettings = MoveSettings()) {
        self.steps = steps
        self.slots = slots
        self.keysToMove = keysToMove
        self.risks = risks
        self.notes = notes
        self.unresolved = unresolved
        self.move = move
    }

    public var isEmpty: Bool { steps.isEmpty }

    /// Every node some step talks to, once, in first-use order.
    public var nodes: [PlanNode] {
        var seen: Set<NodeID> = []
        return steps.flatMap(\.nodes).filter { seen.insert($0.id).inserted }
    }
}
