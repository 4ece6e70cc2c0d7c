import ClusterModel

/// One recorded poll as a replay hands it to the inspector: a cluster poll or a Sentinel poll
/// (with the events the sentinels published since the previous one).
public enum ReplayFrame: Sendable, Hashable {
    case cluster(PollResult)
    case sentinel(SentinelPollResult)

    /// When the poll finished.
    public var time: Timestamp {
        switch self {
        case .cluster(let poll): poll.snapshot.time
        case .sentinel(let poll): poll.snapshot.time
        }
    }
}

/// The polls of a recording, oldest first. A file-backed source reads each poll when it is
/// shown, so a long recording of a large cluster is not held in memory all at once.
public protocol ReplaySource: Sendable {
    var count: Int { get }
    /// When poll `index` finished (known without reading the poll).
    func time(at index: Int) -> Timestamp
    /// Poll `index`; nil when it cannot be read any more.
    func frame(at index: Int) -> ReplayFrame?
}

/// Polls held in memory (tests, short recordings).
public struct ReplayPolls: ReplaySource {
    public var frames: [ReplayFrame]
    public init(_ polls: [PollResult]) { frames = polls.map(ReplayFrame.cluster) }
    public init(frames: [ReplayFrame]) { self.frames = frames }
    public var count: Int { frames.count }
    public func time(at index: Int) -> Timestamp { frames[index].time }
    public func frame(at index: Int) -> ReplayFrame? { frames[index] }
}

/// A recording being played (`slotscope replay FILE`): its polls, which have been shown,
/// and the replay clock. The clock runs in recorded time: each wall-clock tick moves it by
/// the elapsed time times `speed`, and every poll recorded up to it is shown, in order.
/// Stepping pauses and shows exactly the next poll.
public struct ReplayState: Sendable {
    /// The file, as named on the command line.
    public var source: String
    /// The recorded polls.
    public var frames: any ReplaySource
    /// How many frames have been shown (the next one to show is `frames[shown]`).
    public var shown = 0
    /// Recorded time per wall-clock time.
    public var speed: Double = 1
    public var paused = false
    /// The recorded moment the replay has reached.
    public var position: Timestamp
    /// The wall-clock time of the last tick (nil before the first).
    public var lastTick: Timestamp?

    /// The speeds `+` and `-` step through.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64]

    public init(source: String, frames: any ReplaySource) {
        self.source = source
        self.frames = frames
        position = frames.count > 0 ? frames.time(at: 0) : Timestamp(milliseconds: 0)
    }

    public init(source: String, frames: [PollResult]) {
        self.init(source: source, frames: ReplayPolls(frames))
    }

    public var isAtEnd: Bool { shown >= frames.count }

    /// How many polls the recording holds.
    public var count: Int { frames.count }

    /// "2x", "0.5x".
    public var speedLabel: String {
        speed == speed.rounded() ? "\(Int(speed))x" : "\(speed)x"
    }

    /// The next faster (`by: 1`) or slower (`by: -1`) speed, kept within `speeds`.
    public func speed(steppedBy step: Int) -> Double {
        let index = Self.speeds.firstIndex(of: speed) ?? 2
        return Self.speeds[min(Self.speeds.count - 1, max(0, index + step))]
    }

    /// Wall-clock milliseconds until the next poll is due at the current speed (nil when
    /// paused or at the end): how long the runtime may sleep without missing a beat.
    public var millisecondsUntilNextFrame: Int64? {
        guard !paused, !isAtEnd else { return nil }
        let recorded = max(0, frames.time(at: shown).milliseconds(since: position))
        return Int64((Double(recorded) / speed).rounded(.up))
    }

    /// Advances the clock to wall time `now` (unless paused) and returns the frames now due.
    mutating func advance(to now: Timestamp) -> [ReplayFrame] {
        defer { lastTick = now }
        if !paused, let lastTick {
            let elapsed = Double(max(0, now.milliseconds(since: lastTick)))
            position = Timestamp(milliseconds: position.milliseconds + Int64(elapsed * speed))
        }
        var due: [ReplayFrame] = []
        while !isAtEnd && frames.time(at: shown) <= position {
            if let frame = frames.frame(at: shown) { due += Self.merging(frame, after: due.popLast()) }
            shown += 1
        }
        if isAtEnd { paused = true }
        return due
    }

    /// Of two cluster polls due at once only the newer snapshot is shown; the older one only
    /// adds its events. Sentinel polls are all kept: their events come from comparing each
    /// snapshot with the one before, so none may be skipped.
    private static func merging(_ frame: ReplayFrame, after previous: ReplayFrame?) -> [ReplayFrame] {
        guard let previous else { return [frame] }
        guard case .cluster(let older) = previous, case .cluster(var newer) = frame else { return [previous, frame] }
        newer.events = older.events + newer.events
        return [.cluster(newer)]
    }

    /// Pauses and returns the next frame, moving the clock to it.
    mutating func step() -> ReplayFrame? {
        paused = true
        guard !isAtEnd else { return nil }
        let time = frames.time(at: shown)
        let frame = frames.frame(at: shown)
        shown += 1
        position = max(position, time)
        return frame
    }
}
