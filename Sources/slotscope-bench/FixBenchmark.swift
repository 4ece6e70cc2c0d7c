#if canImport(Glibc)
import Glibc
#endif
import Foundation
import RESP
import Sandbox

/// `slotscope-bench fix`: `slotscope fix --yes` against `redis-cli --cluster fix` on a slot
/// left half-migrated (IMPORTING on the target, MIGRATING on the source) with 20,000 keys
/// still on the source, on a 3×1 loopback cluster. Each run breaks a slot of its own (the
/// next slot of the first master), contenders take turns, and after each run the bench
/// checks that the slot is closed everywhere with all its keys on the target and the
/// cluster's key total unchanged.
enum FixBenchmark {
    static let help = "usage: slotscope-bench fix [--runs 5] [--keys 20000] [--pipeline N (slotscope fix --pipeline; default its own)] [--slotscope PATH] [--timeout 900]"

    static func run(_ arguments: [String]) -> Int32 {
        var runs = 5, keys = 20_000, timeout = 900.0
        var slotscopePath: String?
        var pipeline: Int?
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch arguments[index] {
            case "--runs": runs = max(1, value.flatMap { Int($0) } ?? 5)
            case "--keys": keys = max(1, value.flatMap { Int($0) } ?? 20_000)
            case "--timeout": timeout = Double(value.flatMap { Int($0) } ?? 900)
            case "--slotscope": slotscopePath = value
            case "--pipeline": pipeline = value.flatMap { Int($0) }
            case "--help", "-h": CheckBenchmark.say(help); return 0
            default:
                CheckBenchmark.say("slotscope-bench fix: unknown option \(arguments[index]) (see --help)")
                return 2
            }
            index += 2
        }
        do {
            try measure(runs: runs, keys: keys, timeout: timeout, pipeline: pipeline,
                        slotscope: slotscopePath ?? CheckBenchmark.siblingExecutable("slotscope"))
            return 0
        } catch {
            CheckBenchmark.say("slotscope-bench fix: \(error)")
            return 1
        }
    }

    static func measure(runs: Int, keys: Int, timeout: Double, pipeline: Int?, slotscope: String) throws {
        guard access(slotscope, X_OK) == 0 else { throw BenchError("no executable at \(slotscope): swift build -c release --product slotscope") }
        let binaries = try RedisBinaries.locate()
        let sandbox = try Sandbox(binaries: binaries)
        defer { BlockingTask.run { await sandbox.stopAll() } }
        let cluster = try ActionBenchSupport.startCluster(sandbox)
        let seed = "127.0.0.1:\(cluster.masters[2].port)"
        let source = cluster.masters[0], target = cluster.masters[1]
        CheckBenchmark.say("""
            slotscope: \(slotscope)
            redis-cli: \(binaries.cli)
            machine: \(CheckBenchmark.cores()) cores, load average \(CheckBenchmark.loadAverage())
            cluster: 3 masters × 1 replica; each run: one slot MIGRATING on \(source.port), IMPORTING on \(target.port), \(keys) keys on the source
            """)
        let output = sandbox.root + "/fix-bench-output.txt"
        let journal = sandbox.root + "/bench-journal"
        let labels = ["slotscope fix --yes" + (pipeline.map { " --pipeline \($0)" } ?? ""), "redis-cli --cluster fix --cluster-yes"]
        var times: [[Double]] = [[], []]
        var cpu: [[Double]] = [[], []]
        var slot = 100
        for round in 0..<runs {
            var line: [String] = []
            for contender in round % 2 == 0 ? [0, 1] : [1, 0] {
                slot += 1
                let broken: Result<HalfFinishedMigration, Error> = BlockingTask.run { [slot] in
                    do { return .success(try await sandbox.leaveMigrationHalfFinished(in: cluster, slot: slot, to: target, keys: keys, moved: 0)) }
                    catch { return .failure(error) }
                }
                _ = try broken.get()
                let before = try ActionBenchSupport.total(cluster)
                let run = contender == 0
                    ? try TimedProcess.run(slotscope, ["fix", seed, "--yes", "--journal", journal] + (pipeline.map { ["--pipeline", String($0)] } ?? []), outputPath: output, timeoutSeconds: timeout)
                    : try TimedProcess.run(binaries.cli, ["--cluster", "fix", seed, "--cluster-yes"], outputPath: output, timeoutSeconds: timeout)
                guard run.exitCode == 0, !run.timedOut else {
                    throw BenchError("\(labels[contender]) exited \(run.exitCode)\(run.timedOut ? " (timed out)" : ""):\n" + TimedProcess.tail(of: output))
                }
                let onTarget = try ActionBenchSupport.keys(on: target, slots: [slot])
                let after = try ActionBenchSupport.total(cluster)
                guard onTarget == keys, after == before else {
                    throw BenchError("\(labels[contender]): \(onTarget) of \(keys) keys on the target, \(after) keys in all (was \(before))")
                }
                try ActionBenchSupport.waitForAgreement(cluster, probe: [slot], owner: target)
                times[contender].append(run.milliseconds)
                cpu[contender].append(run.cpuMilliseconds)
                line.append("\(labels[contender]) \(ActionBenchSupport.ms(run.milliseconds))")
            }
            CheckBenchmark.say("run \(round + 1)/\(runs) (slot closed, keys counted after each): " + line.joined(separator: " · "))
        }
        let medians = times.map { Measure.median($0) }
        CheckBenchmark.say("""

            medians over \(runs) runs (wall; child CPU), load average now \(CheckBenchmark.loadAverage()):
              \(labels[0].padding(toWidth: 42))\(ActionBenchSupport.ms(medians[0]).padding(toWidth: 10))CPU \(ActionBenchSupport.ms(Measure.median(cpu[0])))
              \(labels[1].padding(toWidth: 42))\(ActionBenchSupport.ms(medians[1]).padding(toWidth: 10))CPU \(ActionBenchSupport.ms(Measure.median(cpu[1])))
              ratio slotscope / redis-cli: \(CheckBenchmark.ratio3(medians[0] / medians[1]))
            """)
    }
}
