import ClusterModel
import UI

/// Everything the inspector shows, as one value: the latest snapshot and what was derived
/// from it, plus where the user is (screen, selections, filter, help). Only
/// `InspectorProgram.update` changes it; views only read it.
public struct InspectorState: Sendable {
    /// What the user asked to inspect ("127.0.0.1:7000"), shown in the tab bar.
    public var target: String
    /// Read-only mode: banner always on, dangerous keys hidden and refused. Fixed at start.
    public let readOnly: Bool
    /// What is inspected: a cluster or Sentinel groups. Fixed at start.
    public let mode: InspectorMode
    public var glyphs: Glyphs
    /// The terminal size the next frame is drawn at (screens page and move by it).
    public var size: Size

    public var screen: InspectorScreen = .overview
    /// The latest snapshot; nil until the first poll arrives (and always in Sentinel mode).
    public var snapshot: ClusterSnapshot?
    /// The latest Sentinel snapshot (Sentinel mode only).
    public var sentinel: SentinelSnapshot?
    /// Every event since start, oldest first, the oldest dropped past `eventLimit`.
    public var events: [ClusterEvent] = []
    /// `findings(snapshot)`, worst first.
    public var findings: [Finding] = []
    /// Announced address → endpoint dialed, where they differ.
    public var dialed: [NodeAddress: String] = [:]
    /// The reads of the last poll, for the Log screen.
    public var lastPoll: PollLog?

    /// The current time (the runtime sends ticks), for ages.
    public var now: Timestamp
    /// Added to UTC when showing clock times (the runtime passes the local offset; tests 0).
    public var utcOffsetSeconds: Int = 0

    /// Polling paused by the user (`p`).
    public var paused = false
    public var showHelp = false
    /// A filter or command being typed.
    public var input: TextInput?
    /// The filter of each filterable screen (empty: none).
    public var filters: [InspectorScreen: String] = [:]
    /// The selected row of each list screen, counted in the filtered rows.
    public var selection: [InspectorScreen: Int] = [:]
    /// The slot under the slot map's cursor.
    public var slotCursor = 0
    /// The key count of the slot under the cursor, as its owner last answered.
    public var cursorKeys: SlotKeyReading?
    /// A one-line message in the footer (the result of the last key, a refusal…).
    public var status = ""
    /// The action whose panel is open (plan, confirmation, progress, verdict), if any.
    public var action: ActionFlow?
    /// The mutating commands this session sent, with their replies (Log screen).
    public var changeLog: [String] = []
    /// The demo's drills (empty outside `slotscope demo`).
    public var drills: [DemoDrill] = []
    /// What the demo's view key shows instead of this view ("sentinel group", "cluster");
    /// nil outside `slotscope demo`, where the key is not bound.
    public var otherView: String?
    /// The order of the Nodes screen's rows (`s` cycles it).
    public var nodeSort: NodeSort = .shard
    /// The details panel of the selected node, event or finding (`enter` opens it).
    public var showDetails = false
    /// Playing a recording instead of polling (`slotscope replay`); nil when live.
    public var replay: ReplayState?

    /// How many events are kept.
    public static let eventLimit = 1000

    public init(target: String, readOnly: Bool, mode: InspectorMode = .cluster, glyphs: Glyphs, size: Size,
                now: Timestamp) {
        self.target = target
        self.readOnly = readOnly
        self.mode = mode
        self.glyphs = glyphs
        self.size = size
        self.now = now
    }

    /// The filter of the current screen, lowercased ("" when none).
    public func filter(for screen: InspectorScreen) -> String { (filters[screen] ?? "").lowercased() }

    /// The selected row of `screen`.
    public func selected(on screen: InspectorScreen) -> Int { selection[screen] ?? 0 }

    /// True while a recording plays: nothing is polled and no action is offered.
    public var isReplay: Bool { replay != nil }

    /// Whether a first poll (of either kind) has arrived.
    public var hasData: Bool { snapshot != nil || sentinel != nil }
}

/// What the inspector looks at.
public enum InspectorMode: Sendable, Hashable {
    /// A Redis Cluster, from a seed node.
    case cluster
    /// Sentinel-monitored groups, from seed sentinels.
    case sentinel
}

/// How many keys a slot held when its owner was asked.
public struct SlotKeyReading: Sendable, Hashable {
    public var slot: Int
    public var node: NodeAddress
    /// nil: the owner could not count (timeout, refused…).
    public var keys: Int?

    public init(slot: Int, node: NodeAddress, keys: Int?) {
        self.slot = slot
        self.node = node
        self.keys = keys
    }
}
