import ClusterModel
import Foundation
import RESP
import Screens
import Testing
@testable import CLI

/// `replay` of a Sentinel recording written by the real `SentinelRecorder`: polls built from
/// replies captured from redis 7.0.15 (`SentinelReplies/`: master `labmaster` on 6430,
/// replicas 6431 and 6432, sentinels 6433-6435) and the events those sentinels published
/// during a real failover of 6430 to 6432 (`failover-events.jsonl`).
@Suite struct SentinelReplayRecordingTests {
    static let kill = Timestamp(milliseconds: 1_700_000_000_000)
    static func address(_ port: Int) -> NodeAddress { NodeAddress(host: "127.0.0.1", port: port) }
    static func at(_ milliseconds: Int64) -> Timestamp { Timestamp(milliseconds: kill.milliseconds + milliseconds) }

    static func resource(_ name: String) -> Data {
        let url = Bundle.module.resourceURL!.appendingPathComponent("SentinelReplies/\(name)")
        guard let data = try? Data(contentsOf: url) else { fatalError("SentinelReplies/\(name) is missing") }
        return data
    }

    static func reply(_ stem: String) -> RESPValue {
        var parser = RESPParser()
        parser.append(Array(resource("\(stem).resp2")))
        guard let value = try? parser.next() else { fatalError("SentinelReplies/\(stem).resp2 does not parse") }
        return value
    }

    static func bulk(_ text: String) -> RESPValue { .bulkString(Array(text.utf8)) }

    /// The captured `SENTINEL MASTERS` with the master at `masterPort`, config epoch `epoch`.
    static func masters(masterPort: Int, epoch: Int) -> RESPValue {
        guard case .array(let records) = reply("sentinel-masters") else { return reply("sentinel-masters") }
        return .array(records.map { record in
            guard case .array(var items) = record else { return record }
            for index in stride(from: 0, to: items.count - 1, by: 2) {
                switch items[index].string {
                case "port": items[index + 1] = bulk(String(masterPort))
                case "config-epoch": items[index + 1] = bulk(String(epoch))
                default: break
                }
            }
            return .array(items)
        })
    }

    /// Every sentinel naming the master at `masterPort`; the data node there answering as master.
    static func snapshot(at time: Timestamp, masterPort: Int, epoch: Int) -> SentinelSnapshot {
        let replies = SentinelReplies(masters: masters(masterPort: masterPort, epoch: epoch),
                                      replicas: ["labmaster": reply("sentinel-replicas")],
                                      sentinels: ["labmaster": reply("sentinel-sentinels")],
                                      masterAddress: ["labmaster": .array([bulk("127.0.0.1"), bulk(String(masterPort))])],
                                      quorumCheck: ["labmaster": reply("sentinel-ckquorum")], info: reply("info-sentinel"))
        let sentinels = [6433, 6434, 6435].map { SentinelPoll(address: address($0), time: time, outcome: .replied(replies)) }
        let master = DataNodePoll(address: address(masterPort), time: time,
                                  outcome: .replied(DataNodeReplies(info: reply("info-replication-master"))))
        return SentinelSnapshot.build(sentinels: sentinels, dataNodes: [master])
    }

    /// The sentinels' published events of the captured failover, as the watcher hands them over.
    static func failoverEvents() -> [ObservedSentinelEvent] {
        struct Captured: Decodable {
            var sentinel_port: Int
            var ms_since_kill: Double
            var kind: String
            var channel: String?
            var payload: String?
        }
        let rows = String(decoding: resource("failover-events.jsonl"), as: UTF8.self).split(separator: "\n")
        return rows.compactMap { row in
            guard let captured = try? JSONDecoder().decode(Captured.self, from: Data(row.utf8)), captured.kind == "pmessage",
                  let channel = captured.channel, let payload = captured.payload else { return nil }
            return ObservedSentinelEvent(event: SentinelEvent(type: SentinelEventType(rawValue: channel), parsing: payload),
                                         sentinel: address(captured.sentinel_port), time: at(Int64(captured.ms_since_kill)))
        }
    }

    /// A recording as `record --sentinel` writes it: polls every two seconds around the
    /// failover, each event written as it arrived, between them.
    static func record() throws -> String {
        let path = NSTemporaryDirectory() + "slotscope-sentinel-replay-\(UUID().uuidString).jsonl"
        let recorder = try SentinelRecorder(path: path, target: "127.0.0.1:6433", masterNames: ["labmaster"])
        let polls = [(-1000, 6430, 0), (2500, 6430, 0), (4000, 6432, 1), (9000, 6432, 1)].map { ms, port, epoch in
            SentinelRecording.Poll(snapshot: snapshot(at: at(Int64(ms)), masterPort: port, epoch: epoch), changes: [])
        }
        var events = failoverEvents()[...]
        for poll in polls {
            while let event = events.first, event.time <= poll.snapshot.time {
                recorder.write(event)
                events.removeFirst()
            }
            recorder.write(poll)
        }
        for event in events { recorder.write(event) }
        #expect(recorder.failure == nil)
        return path
    }

    @Test func theHeaderSaysSentinelAndThePollsComeWithTheirEvents() throws {
        let path = try Self.record()
        defer { unlink(path) }
        let file = try ReplayFile.open(path)
        #expect(file.mode == .sentinel && file.target == "sentinel 127.0.0.1:6433" && file.source.count == 4)
        #expect((0..<4).map(file.source.time(at:)) == [-1000, 2500, 4000, 9000].map { Self.at($0) })
        func events(_ index: Int) -> [ClusterEvent] {
            guard case .sentinel(let poll) = file.source.frame(at: index) else { return [] }
            return poll.events
        }
        #expect(events(0).isEmpty)
        let down = events(1).map(\.message)
        #expect(down.contains("+sdown master labmaster 127.0.0.1:6430 (seen by 3 sentinels)"), "\(down)")
        #expect(events(1).contains { $0.kind == .nodeFailed && $0.message.hasPrefix("+odown master labmaster 127.0.0.1:6430") })
        let switched = events(2)
        #expect(switched.contains { $0.kind == .failover
            && $0.message == "+switch-master labmaster 127.0.0.1:6430 → 127.0.0.1:6432 (seen by 3 sentinels)" },
                "\(switched.map(\.message))")
        let story = switched.first { $0.message.hasPrefix("failover story: ") }
        #expect(story?.message.hasPrefix("failover story: labmaster 127.0.0.1:6430 → 127.0.0.1:6432 in ") == true,
                "\(story?.message ?? "no story")")
        #expect(switched.map(\.time) == switched.map(\.time).sorted(), "oldest first")
        // What came after the last poll is shown with it: the old master's return.
        #expect(events(3).contains { $0.message.hasPrefix("+convert-to-slave") })
        guard case .sentinel(let last) = file.source.frame(at: 3) else { Issue.record("not a Sentinel poll"); return }
        #expect(last.snapshot.group("labmaster")?.namedMaster == Self.address(6432))
    }

    @Test func aDamagedOrForeignSentinelFileIsOneLine() throws {
        let path = try Self.record()
        defer { unlink(path) }
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[2] = "{\"poll\": 42}"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CLIError.self) { try ReplayFile.open(path) }
        do { _ = try ReplayFile.open(path) } catch {
            #expect(error.message.hasPrefix("\(path) line 3 is not a recorded poll"), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
        let header = "{\"schema\":\"slotscope.sentinel-recording/9\",\"target\":\"x\",\"started\":\"y\"}"
        try (header + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        do { _ = try ReplayFile.open(path); Issue.record("a /9 file was accepted") } catch {
            #expect(error.message == "\(path) is a slotscope.sentinel-recording/9 recording; this slotscope reads "
                + "slotscope.recording/2, slotscope.recording/1, slotscope.sentinel-recording/1")
        }
    }
}
