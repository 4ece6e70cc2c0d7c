import ClusterModel
import Foundation
import Operations

/// `slotscope-bench sentinel --in-process`: the CPU part of `watch --sentinel`'s line path,
/// without sockets or processes. A recorded failover (every sentinel's `PSUBSCRIBE *` stream,
/// 51 copies of events; `Tests/SentinelModelTests/Fixtures/…/events-resp2.jsonl`) is fed, copy
/// by copy, through what the watch does per copy: parse the payload, `SentinelEventLog.add`,
/// `release`, `completedStories`, `oldMasterReturns`. Prints the wall time per copy and of
/// the `+switch-master` copy; under callgrind, run with N iterations and with 0 and divide
/// the difference by N × copies.
enum SentinelPathBenchmark {
    static let defaultEvents = "Tests/SentinelModelTests/Fixtures/redis-7.0.15/sentinel-failover/events-resp2.jsonl"

    struct Copy {
        var channel: String
        var payload: String
        var sentinel: NodeAddress
        var time: Timestamp
    }

    static func run(eventsPath: String, iterations: Int) -> Int32 {
        let copies: [Copy]
        do { copies = try load(eventsPath) } catch {
            CheckBenchmark.say("slotscope-bench sentinel --in-process: \(error) (run from the package root or pass --events PATH)")
            return 2
        }
        guard let switchIndex = copies.firstIndex(where: { $0.channel == "+switch-master" }) else {
            CheckBenchmark.say("slotscope-bench sentinel --in-process: no +switch-master in \(eventsPath)")
            return 2
        }
        var perCopy: [Double] = []
        var switchCopy: [Double] = []
        var lines = 0
        for _ in 0..<iterations {
            var log = SentinelEventLog(settle: 1_000)
            let clock = ContinuousClock()
            let started = clock.now
            for (index, copy) in copies.enumerated() {
                let before = clock.now
                let event = SentinelEvent(type: SentinelEventType(rawValue: copy.channel), parsing: copy.payload)
                log.add(ObservedSentinelEvent(event: event, sentinel: copy.sentinel, time: copy.time))
                lines += log.release(now: copy.time, expected: 3).count
                lines += log.completedStories().count + log.oldMasterReturns().count
                if index == switchIndex { switchCopy.append(microseconds(clock.now - before)) }
            }
            perCopy.append(microseconds(clock.now - started) / Double(copies.count))
        }
        if iterations > 0 {
            CheckBenchmark.say("""
            \(copies.count) copies of events per failover, \(iterations) iterations (\(lines) lines released)
            per copy: median \(format(Measure.median(perCopy))) µs
            the +switch-master copy (add + release + stories): median \(format(Measure.median(switchCopy))) µs
            """)
        }
        return 0
    }

    static func microseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1_000_000 + Double(parts.attoseconds) / 1e12
    }

    static func format(_ value: Double) -> String { String(Double(Int((value * 10).rounded())) / 10) }

    static func load(_ path: String) throws -> [Copy] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var copies: [Copy] = []
        for line in text.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["kind"] as? String == "pmessage", let channel = object["channel"] as? String,
                  let payload = object["payload"] as? String, let port = object["sentinel_port"] as? Int,
                  let ms = object["ms_since_kill"] as? Double else { continue }
            copies.append(Copy(channel: channel, payload: payload, sentinel: NodeAddress(host: "127.0.0.1", port: port),
                               time: Timestamp(milliseconds: 1_700_000_000_000 + Int64(ms.rounded()))))
        }
        return copies
    }
}
