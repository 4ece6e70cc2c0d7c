import Foundation
import Synchronization

/// Reads the lines appended to the command log since this tail was made, so the Log screen
/// shows exactly what was recorded on disk: `HH:MM:SS.mmmZ node command -> reply`.
final class LogTail: Sendable {
    let path: String
    private let offset: Mutex<UInt64>

    init(path: String) {
        self.path = path
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
        offset = Mutex(size)
    }

    /// Whole lines written since the last call (a line still being written waits).
    func newLines() -> [String] {
        offset.withLock { offset in
            guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
            defer { try? handle.close() }
            guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd(), !data.isEmpty,
                  let end = data.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
            let complete = data[data.startIndex...end]
            offset += UInt64(complete.count)
            return String(decoding: complete, as: UTF8.self).split(separator: "\n").map { Self.shortened(String($0)) }
        }
    }

    /// Drops the date of the leading ISO timestamp: the time is enough on screen.
    static func shortened(_ line: String) -> String {
        guard let space = line.firstIndex(of: " "), let t = line[..<space].firstIndex(of: "T") else { return line }
        return String(line[line.index(after: t)...])
    }
}
