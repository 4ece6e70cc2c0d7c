import ClusterModel
import Foundation
import Testing
@testable import CLI

/// The Sentinel recording as `record --sentinel` writes it, read back; and the one-line
/// errors when it cannot be written.
@Suite struct SentinelRecorderTests {
    static func event(_ ms: Int64) -> ObservedSentinelEvent {
        ObservedSentinelEvent(event: SentinelEvent(type: .sdown, parsing: "master g 127.0.0.1 7001"),
                              sentinel: NodeAddress(host: "127.0.0.1", port: 26379), time: Timestamp(milliseconds: ms))
    }

    @Test func writesAHeaderThenOneLinePerEvent() throws {
        let path = NSTemporaryDirectory() + "slotscope-recorder-\(getpidValue()).jsonl"
        defer { removeFile(path) }
        let recorder = try SentinelRecorder(path: path, target: "127.0.0.1:26379", masterNames: ["g"])
        recorder.write(Self.event(1))
        recorder.write(Self.event(2))
        #expect(recorder.failure == nil)
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { Data($0.utf8) }
        #expect(rows.count == 3)
        let header = try JSONDecoder().decode(SentinelRecording.Header.self, from: rows[0])
        #expect(header.schema == "slotscope.sentinel-recording/1" && header.target == "127.0.0.1:26379")
        let lines = try rows.dropFirst().map { try JSONDecoder().decode(SentinelRecording.Line.self, from: $0) }
        #expect(lines == [.event(Self.event(1)), .event(Self.event(2))])
    }

    @Test func aFileThatCannotBeWrittenIsOneLine() {
        for path in ["/nonexistent-dir/x.jsonl", NSTemporaryDirectory()] {
            do {
                _ = try SentinelRecorder(path: path, target: "t", masterNames: nil)
                Issue.record("\(path) was accepted")
            } catch {
                #expect(error.description.contains("cannot write the recording to \(path): "), "\(error.description)")
                #expect(!error.description.contains("\n"))
            }
        }
    }
}
