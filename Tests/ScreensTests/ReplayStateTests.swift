import ClusterModel
import Screens
import Testing
import TestSupport
import UI

/// `slotscope replay`'s player, driven by ticks and keys without a terminal.
@Suite struct ReplayStateTests {
    let program = InspectorProgram()
    let size = Size(width: 80, height: 24)

    /// Four polls a second apart: healthy, healthy, failed over, failed over.
    func replayState() -> InspectorState {
        let healthy = SyntheticCluster(masters: 3, replicasPerMaster: 1)
        let failed = SyntheticCluster(masters: 3, replicasPerMaster: 1, failedOver: [1])
        let start = Fixture.time.milliseconds
        var frames: [PollResult] = []
        var previous: ClusterSnapshot?
        for (index, cluster) in [healthy, healthy, failed, failed].enumerated() {
            let snapshot = SyntheticSnapshots.build(cluster, at: Timestamp(milliseconds: start + Int64(index) * 1000))
            frames.append(PollResult(snapshot: snapshot, events: previous.map { diff($0, snapshot) } ?? []))
            previous = snapshot
        }
        var state = InspectorState(target: "replay", readOnly: true, glyphs: .unicode, size: size, now: Fixture.now)
        state.replay = ReplayState(source: "polls.jsonl", frames: frames)
        return state
    }

    func wall(_ seconds: Double) -> InspectorMessage { .tick(Timestamp(milliseconds: 5_000_000 + Int64(seconds * 1000))) }

    @Test func playsAtTheRecordedPaceAndStopsAtTheEnd() {
        var state = replayState()
        state = program.update(state, wall(0)).0
        #expect(state.replay?.shown == 1 && state.snapshot?.time == Fixture.time)
        state = program.update(state, wall(0.5)).0
        #expect(state.replay?.shown == 1)
        state = program.update(state, wall(2.0)).0
        #expect(state.replay?.shown == 3)
        #expect(state.events.contains { $0.kind == .failover }, "the failover was replayed")
        state = program.update(state, wall(9)).0
        #expect(state.replay?.isAtEnd == true && state.replay?.paused == true)
        #expect(state.status.contains("end of the recording"))
    }

    @Test func spacePausesDotStepsAndPlusMinusChangeTheSpeed() {
        var state = replayState()
        state = program.update(state, wall(0)).0
        state = program.update(state, .key(.char(" "))).0
        #expect(state.replay?.paused == true)
        state = program.update(state, wall(5)).0
        #expect(state.replay?.shown == 1, "paused: the clock stands still")
        for key in [".", "n"] { state = program.update(state, .key(.char(Character(key)))).0 }
        #expect(state.replay?.shown == 3 && state.status == "poll 3 of 4")
        #expect(state.now == state.snapshot?.time, "ages are measured on the replay clock")
        state = program.update(state, .key(.char("+"))).0
        #expect(state.replay?.speed == 2)
        state = program.update(state, .key(.char("-"))).0
        state = program.update(state, .key(.char("-"))).0
        #expect(state.replay?.speed == 0.5)
        state = program.update(state, .key(.char(" "))).0
        state = program.update(state, wall(7)).0  // 2 s at 0.5x: one recorded second
        #expect(state.replay?.shown == 4)
    }

    @Test func noActionNoPollingAndABanner() {
        var state = program.update(replayState(), wall(0)).0
        let (refused, effects) = program.update(state, .key(.char("f")))
        #expect(effects.isEmpty && refused.status.contains("not offered in a replay"))
        #expect(program.update(state, .key(.char("r"))).1.isEmpty)
        #expect(program.update(state, .key(.char("p"))).1.isEmpty)
        state.screen = .slots
        #expect(program.update(state, .key(.right)).1.isEmpty, "no key count: there is no server to ask")
        let text = program.render(state, size: size).text()
        assertReplayBanner(text)
        #expect(!text.contains("f fix"))
        state.screen = .log
        #expect(program.render(state, size: size).text().contains("nothing is sent to any server"))
        let help = program.render(program.update(state, .key(.char("?"))).0, size: Size(width: 120, height: 40)).text()
        #expect(help.contains("Replay") && help.contains("next poll") && help.contains("faster"))
        #expect(!help.contains("refresh") && !help.contains("forget node"), "no polling, no actions in a replay")
    }

    private func assertReplayBanner(_ text: String) {
        let first = text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.contains("REPLAY 1/4") && first.contains("no actions"), "\(first)")
    }
}
