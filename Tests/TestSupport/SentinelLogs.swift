import Foundation
import Sandbox

/// The earliest Unix ms at which one of `sentinels` logged `event` (their log lines carry
/// local time with ms precision): the sentinels' own clock for an event, to compare with
/// when Slotscope showed it.
public func firstLogged(_ event: String, in sentinels: [ServerProcess]) -> Int64? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "dd MMM yyyy HH:mm:ss.SSS"
    var times: [Int64] = []
    for sentinel in sentinels {
        guard let text = try? String(contentsOfFile: sentinel.logPath, encoding: .utf8) else { continue }
        for line in text.split(separator: "\n") where line.contains(" \(event) ") {
            // "1234:X 25 Nov 2026 14:24:16.123 # +switch-master …"
            let words = line.split(separator: " ")
            guard words.count > 5, let date = formatter.date(from: words[1...4].joined(separator: " ")) else { continue }
            times.append(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        }
    }
    return times.min()
}
