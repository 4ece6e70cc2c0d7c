import ClusterModel

/// A recording being played (`slotscope replay FILE`): its polls, which have been shown,
/// and the replay clock. The clock runs in recorded time: each wall-clock tick moves it by
/// the elapsed time times `speed`, and every poll recorded up to it is shown, in order.
/// Stepping pauses and shows exactly the next poll.
public struct ReplayState: Sendable {
    /// The file, as named on the command line.
    public var source: String
    /// The recorded polls, oldest first.
    public var frames: [PollResult]
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

    public init(source: String, frames: [PollResult]) {
        self.source = source
        self.frames = frames
        position = frames.first?.snapshot.time ?? Timestamp(milliseconds: 0)
    }

    public var isAtEnd: Bool { shown >= frames.count }

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
        let recorded = max(0, frames[shown].snapshot.time.milliseconds(since: position))
        return Int64((Double(recorded) / speed).rounded(.up))
    }

    /// Advances the clock to wall time `now` (unless paused) and returns the frames now due.
    mutating func advance(to now: Timestamp) -> [PollResult] {
        defer { lastTick = now }
        if !paused, let lastTick {
            let elapsed = Double(max(0, now.milliseconds(since: lastTick)))
            position = Timestamp(milliseconds: position.milliseconds + Int64(elapsed * speed))
        }
        var due: [PollResult] = []
        while !isAtEnd && frames[shown].snapshot.time <= position {
            due.append(frames[shown])
            shown += 1
        }
        if isAtEnd { paused = true }
        return due
    }

    /// Pauses and returns the next frame, moving the clock to it.
    mutating func step() -> PollResult? {
        paused = true
        guard !isAtEnd else { return nil }
        let frame = frames[shown]
        shown += 1
        position = max(position, frame.snapshot.time)
        return frame
    }
}
