import Foundation
import Testing

/// Compares `actual` with `__Snapshots__/<name>.txt` next to the calling test file. With
/// `SLOTSCOPE_RECORD_SNAPSHOTS=1` (or when the reference does not exist yet) it writes the
/// reference instead; a new reference still fails the test so it is never silently accepted.
public func assertSnapshot(_ actual: String, named name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent("\(name).txt")
    let recording = ProcessInfo.processInfo.environment["SLOTSCOPE_RECORD_SNAPSHOTS"] == "1"
    let existing = try? String(contentsOf: file, encoding: .utf8)
    if recording || existing == nil {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try (actual + "\n").write(to: file, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
            return
        }
        if !recording {
            Issue.record("recorded new snapshot \(name); check it and run again", sourceLocation: sourceLocation)
        }
        return
    }
    let expected = String(existing!.dropLast(existing!.hasSuffix("\n") ? 1 : 0))
    guard expected != actual else { return }
    Issue.record(Comment(rawValue: "snapshot \(name) differs (set SLOTSCOPE_RECORD_SNAPSHOTS=1 to re-record):\n"
                         + lineDiff(expected: expected, actual: actual)), sourceLocation: sourceLocation)
}

/// The differing lines, numbered: `-` the reference, `+` what was drawn; `|` marks the line ends.
public func lineDiff(expected: String, actual: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var output: [String] = []
    for index in 0..<max(old.count, new.count) {
        let before = index < old.count ? String(old[index]) : nil
        let after = index < new.count ? String(new[index]) : nil
        guard before != after else { continue }
        let number = String(index + 1).padding(toLength: 3, withPad: " ", startingAt: 0)
        if let before { output.append("\(number)-\(before)|") }
        if let after { output.append("\(number)+\(after)|") }
    }
    return output.joined(separator: "\n")
}
