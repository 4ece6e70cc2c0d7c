import ClusterModel
import Screens
import Testing
import UI

/// `slotscope replay` of a Sentinel recording: the player hands each recorded Sentinel poll to
/// the Sentinel inspector, with the sentinels' recorded events, on the replay clock.
@Suite struct SentinelReplayTests {
    let program = InspectorProgram()
    let size = Size(width: 120, height: 40)
    let start = Fixture.time.milliseconds

    func at(_ second: Int64) -> Timestamp { Timestamp(milliseconds: start + second * 1000) }

    /// Healthy, split (one sentinel flags the master s_down, another names 6431), healthy
    /// again; a recorded `+switch-master` rides with the second poll.
    func replayState() -> InspectorState {
        let switched = ClusterEvent(time: Timestamp(milliseconds: start + 600), kind: .failover, nodes: [],
                                    message: "+switch-master labmaster 127.0.0.1:6430 → 127.0.0.1:6431 (seen by 3 sentinels)")
        let frames: [ReplayFrame] = [
            .sentinel(SentinelPollResult(snapshot: SentinelFixture.snapshot(at: at(0), split: false))),
            .sentinel(SentinelPollResult(snapshot: SentinelFixture.snapshot(at: at(1), split: true), events: [switched])),
            .sentinel(SentinelPollResult(snapshot: SentinelFixture.snapshot(at: at(2), split: false))),
        ]
        var state = InspectorState(target: "replay of sentinel 127.0.0.1:6433", readOnly: true, mode: .sentinel,
                                   glyphs: .unicode, size: size, now: Fixture.now)
        state.replay = ReplayState(source: "sentinel.jsonl", frames: ReplayPolls(frames: frames))
        return state
    }

    func wall(_ seconds: Double) -> InspectorMessage { .tick(Timestamp(milliseconds: 9_000_000 + Int64(seconds * 1000))) }

    @Test func stepsThroughTheSentinelPollsWithTheirRecordedEvents() {
        var state = program.update(replayState(), .key(.char(" "))).0
        state = program.update(state, wall(0)).0
        #expect(state.replay?.shown == 1 && state.sentinel?.time == at(0) && state.snapshot == nil)
        #expect(state.events.isEmpty)
        state = program.update(state, .key(.char("n"))).0
        #expect(state.replay?.shown == 2 && state.status == "poll 2 of 3")
        let messages = state.events.map(\.message)
        #expect(messages.first?.hasPrefix("+switch-master") == true, "recorded events come in time order: \(messages)")
        #expect(messages.contains { $0.contains("127.0.0.1:6434 flags the master s_down") }, "\(messages)")
        #expect(state.now == at(1), "ages are measured on the replay clock")
        state = program.update(state, .key(.char("5"))).0
        let screen = program.render(state, size: size).text()
        #expect(screen.contains("+switch-master labmaster 127.0.0.1:6430 → 127.0.0.1:6431"), "\(screen)")
        #expect(screen.contains("REPLAY 2/3"))
    }

    @Test func sentinelPollsDueTogetherAreEachCompared() {
        var state = program.update(replayState(), wall(0)).0
        state = program.update(state, wall(5)).0
        #expect(state.replay?.isAtEnd == true && state.sentinel?.time == at(2))
        let messages = state.events.map(\.message)
        // Both changes are told: into the split, and out of it again.
        #expect(messages.contains { $0.contains("127.0.0.1:6434 flags the master s_down") }, "\(messages)")
        #expect(messages.contains { $0.contains("127.0.0.1:6434 no longer flags the master down") }, "\(messages)")
        #expect(state.status.contains("end of the recording (3 polls)"))
    }

    @Test func actionKeysAreRefusedAndTheSentinelScreensShow() {
        var state = program.update(replayState(), wall(0)).0
        state = program.update(state, .key(.char("4"))).0
        let replication = program.render(state, size: size).text()
        #expect(replication.contains("127.0.0.1:6433") && replication.contains("127.0.0.1:6435"), "\(replication)")
        state = program.update(state, .key(.char("r"))).0
        #expect(!state.status.isEmpty && state.status != "refreshing…", "nothing is polled in a replay: \(state.status)")
    }
}
