import ClusterModel
import Foundation
import Testing
@testable import CLI

/// `Recording`: what `replay` reads back from `record`'s files, and the one-line errors.
@Suite struct RecordingTests {
    static let time = Timestamp(milliseconds: 1_700_000_000_000)

    func line<T: Encodable>(_ value: T) -> String { JSONOutput.encode(value, pretty: false) }

    func entries(_ count: Int) -> [Recorder.Entry] {
        let cluster = SyntheticCluster(masters: 3)
        return (0..<count).map { index in
            let time = Timestamp(milliseconds: Self.time.milliseconds + Int64(index) * 1000)
            return Recorder.Entry(snapshot: ClusterSnapshot.build(from: cluster.polls(at: time), at: time), events: [])
        }
    }

    /// The lines `record` writes (`slotscope.recording/2`).
    func polls(_ count: Int) -> [String] {
        let encoder = ClusterRecording.encoder()
        return entries(count).map { String(decoding: (try? encoder.encode($0)) ?? Data(), as: UTF8.self) }
    }

    func file(_ lines: [String], trailing: String = "\n") throws -> String {
        let path = NSTemporaryDirectory() + "slotscope-recording-\(UUID().uuidString).jsonl"
        try (lines.joined(separator: "\n") + trailing).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    var header: String { line(Recorder.Header(target: "127.0.0.1:7000", started: "2023-11-14T22:13:20Z")) }

    @Test func readsTimesUpFrontAndEachPollWhenAsked() throws {
        let path = try file([header] + polls(3))
        defer { unlink(path) }
        let recording = try Recording(path: path)
        #expect(try ReplayFile.open(path).mode == .cluster)
        #expect(recording.count == 3 && recording.target == "127.0.0.1:7000")
        #expect((0..<3).map { recording.time(at: $0) } == [0, 1, 2].map { Timestamp(milliseconds: Self.time.milliseconds + $0 * 1000) })
        #expect(recording.poll(at: 2)?.snapshot.nodes.count == 6)
    }

    @Test func aLastLineCutShortIsLeftOut() throws {
        var lines = polls(2)
        lines[1] = String(lines[1].prefix(lines[1].count / 2))
        let path = try file([header] + lines, trailing: "")
        defer { unlink(path) }
        #expect(try Recording(path: path).count == 1)
    }

    @Test func damageAndWrongFilesAreOneLineNamingTheFile() throws {
        var lines = polls(3)
        lines[1] = "{\"snapshot\": 42}"
        let damaged = try file([header] + lines)
        let foreign = try file(["{\"schema\":\"other/9\",\"target\":\"x\",\"started\":\"y\"}"] + polls(1))
        let notJSON = try file(["hello"])
        defer { for path in [damaged, foreign, notJSON] { unlink(path) } }
        func message(_ path: String) -> String {
            do { _ = try Recording(path: path); return "" } catch { return error.message }
        }
        #expect(message(damaged).hasPrefix("\(damaged) line 3 is not a recorded poll"))
        #expect(message(foreign) == "\(foreign) is a other/9 recording; this slotscope reads "
            + "slotscope.recording/2, slotscope.recording/1, slotscope.sentinel-recording/1")
        #expect(message(notJSON).contains("line 1 is not a slotscope recording header"))
        #expect(message("/nonexistent/x.jsonl").hasPrefix("cannot read /nonexistent/x.jsonl"))
    }

    /// Recordings made before `/2` (INFO as `sections`, as `snapshot --json` writes it) still play.
    @Test func aFirstFormatRecordingStillPlays() throws {
        let first = line(Recorder.Header(schema: ClusterRecording.firstSchema, target: "127.0.0.1:7000", started: "2023-11-14T22:13:20Z"))
        let path = try file([first] + entries(2).map { line($0) })
        defer { unlink(path) }
        let recording = try Recording(path: path)
        #expect(recording.count == 2)
        #expect(recording.poll(at: 1)?.snapshot == entries(2)[1].snapshot)
    }

    /// `/2` writes each node's INFO as its text: the same snapshot back, in a fraction of the bytes.
    @Test func theSecondFormatRoundTripsInFewerBytes() throws {
        let entry = entries(1)[0]
        let compact = try ClusterRecording.encoder().encode(entry)
        let first = Data(line(entry).utf8)
        let decoded = try ClusterRecording.decoder(for: ClusterRecording.schema).decode(Recorder.Entry.self, from: compact)
        #expect(decoded == entry)
        #expect(decoded.snapshot.nodes.map { $0.info?.memory.usedMemory } == entry.snapshot.nodes.map { $0.info?.memory.usedMemory })
        #expect(compact.count * 2 < first.count, "\(compact.count) bytes against \(first.count)")
        // snapshot --json keeps its documented `sections`.
        #expect(first.range(of: Data("\"sections\"".utf8)) != nil && compact.range(of: Data("\"sections\"".utf8)) == nil)
        // A `/2` line read as `/1` is damage, not a silently wrong snapshot.
        #expect(throws: DecodingError.self) {
            try ClusterRecording.decoder(for: ClusterRecording.firstSchema).decode(Recorder.Entry.self, from: compact)
        }
    }
}
