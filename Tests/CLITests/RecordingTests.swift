import ClusterModel
import Foundation
import Testing
@testable import CLI

/// `Recording`: what `replay` reads back from `record`'s files, and the one-line errors.
@Suite struct RecordingTests {
    static let time = Timestamp(milliseconds: 1_700_000_000_000)

    func line<T: Encodable>(_ value: T) -> String { JSONOutput.encode(value, pretty: false) }

    func polls(_ count: Int) -> [String] {
        let cluster = SyntheticCluster(masters: 3)
        return (0..<count).map { index in
            let time = Timestamp(milliseconds: Self.time.milliseconds + Int64(index) * 1000)
            return line(Recorder.Entry(snapshot: ClusterSnapshot.build(from: cluster.polls(at: time), at: time), events: []))
        }
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
        #expect(message(foreign) == "\(foreign) is a other/9 recording; this slotscope reads slotscope.recording/1")
        #expect(message(notJSON).contains("line 1 is not a slotscope recording header"))
        #expect(message("/nonexistent/x.jsonl").hasPrefix("cannot read /nonexistent/x.jsonl"))
    }
}
