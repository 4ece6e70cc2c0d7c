import ClusterModel
import UI

/// Names each shard with a letter or digit and a colour, so the slot map, the nodes list
/// and the legend agree, and the meaning survives without colour. Shards are ordered by
/// their first slot; masters without slots come last, by address.
public struct ShardPalette: Sendable {
    /// Masters in shard order.
    public let masters: [NodeID]
    private let indexByMaster: [NodeID: Int]

    /// Letters first, then digits, then lowercase: 62 distinct marks, then `+` for the rest.
    static let marks = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz")
    /// Red is kept for problems.
    static let colors: [PaletteColor] = [.cyan, .green, .magenta, .blue, .yellow, .white]

    public init(snapshot: ClusterSnapshot) {
        // Sort keys, not nodes: a NodeState is large, and this runs on every frame.
        var keyed: [(first: Int, address: NodeAddress, id: NodeID)] = []
        for index in snapshot.nodes.indices where snapshot.nodes[index].isMaster {
            let id = snapshot.nodes[index].id
            keyed.append((snapshot.slots(of: id).first?.start ?? Int.max, snapshot.nodes[index].address, id))
        }
        keyed.sort { $0.first != $1.first ? $0.first < $1.first : $0.address < $1.address }
        masters = keyed.map(\.id)
        var index: [NodeID: Int] = [:]
        for (position, id) in masters.enumerated() { index[id] = position }
        indexByMaster = index
    }

    /// The shard position of a master.
    public func index(of master: NodeID) -> Int? { indexByMaster[master] }

    /// The mark of the shard at `index`.
    public static func mark(_ index: Int) -> Character { index < marks.count ? marks[index] : "+" }

    public static func color(_ index: Int) -> PaletteColor { colors[index % colors.count] }

    public func mark(of master: NodeID) -> Character { index(of: master).map(Self.mark) ?? "?" }
}
