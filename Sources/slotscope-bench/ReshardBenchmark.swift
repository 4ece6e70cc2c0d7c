#if canImport(Glibc)
import Glibc
#endif
import Foundation
import RESP
import Sandbox

/// `slotscope-bench reshard`: `slotscope reshard` against `redis-cli --cluster reshard` (its
/// default pipeline of 10 keys, and 100) on a 3×1 loopback cluster: 1000 slots holding
/// 200,000 keys of 100 B move from one master to another, then back, direction alternating
/// run by run. Contenders take turns (the order rotates each round); before every run the
/// bench waits until every node agrees who owns the slots (redis-cli refuses to start
/// otherwise) and after it checks the key counts: all keys on the target, the total unchanged.
enum ReshardBenchmark {
    struct Settings {
        var runs = 5
        var slots = 1000
        var keysPerSlot = 200
        var valueBytes = 100
        var timeoutSeconds = 900.0
        var slotscopePath: String?
        /// redis-cli to run instead of the sandbox's (e.g. a wrapper script for callgrind).
        var cliPath: String?
        /// slotscope's --pipeline values to time (nil: its default).
        var slotscopePipelines: [Int?] = [nil]
        var cliPipelines = [10, 100]
        /// Print the last lines slotscope wrote after each of its runs (its own timing).
        var showOutput = false
    }

    struct Contender: Hashable {
        var slotscope: Bool
        var pipeline: Int?
        var label: String {
            slotscope ? "slotscope reshard" + (pipeline.map { " --pipeline \($0)" } ?? "")
                : "redis-cli --cluster reshard" + (pipeline == 10 ? " (pipeline 10, default)" : " --cluster-pipeline \(pipeline ?? 10)")
        }
    }

    static let help = """
    usage: slotscope-bench reshard [--runs 5] [--slots 1000] [--keys-per-slot 200] [--value-bytes 100]
                                   [--slotscope-pipelines default,100,1000] [--cli-pipelines 10,100]
                                   [--slotscope PATH] [--cli PATH] [--timeout 900] [--show-output]
    """

    static func run(_ arguments: [String]) -> Int32 {
        var settings = Settings()
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            let number = value.flatMap { Int($0) }
            switch arguments[index] {
            case "--runs": settings.runs = max(1, number ?? 5)
            case "--slots": settings.slots = max(1, min(16000, number ?? 1000))
            case "--keys-per-slot": settings.keysPerSlot = max(0, number ?? 200)
            case "--value-bytes": settings.valueBytes = max(1, number ?? 100)
            case "--timeout": settings.timeoutSeconds = Double(number ?? 900)
            case "--slotscope": settings.slotscopePath = value
            case "--cli": settings.cliPath = value
            case "--slotscope-pipelines":
                settings.slotscopePipelines = (value ?? "").split(separator: ",").map { $0 == "default" ? nil : Int($0) }
            case "--cli-pipelines": settings.cliPipelines = (value ?? "").split(separator: ",").compactMap { Int($0) }
            case "--show-output": settings.showOutput = true; index -= 1
            case "--help", "-h": CheckBenchmark.say(help); return 0
            default:
                CheckBenchmark.say("slotscope-bench reshard: unknown option \(arguments[index]) (see --help)")
                return 2
            }
            index += 2
        }
        do {
            try measure(settings)
            return 0
        } catch {
            CheckBenchmark.say("slotscope-bench reshard: \(error)")
            return 1
        }
    }

    static func measure(_ settings: Settings) throws {
        let slotscope = settings.slotscopePath ?? CheckBenchmark.siblingExecutable("slotscope")
        guard access(slotscope, X_OK) == 0 else { throw BenchError("no executable at \(slotscope): swift build -c release --product slotscope") }
        let binaries = try RedisBinaries.locate()
        let sandbox = try Sandbox(binaries: binaries)
        defer { BlockingTask.run { await sandbox.stopAll() } }
        let cluster = try ActionBenchSupport.startCluster(sandbox)
        let a = cluster.masters[0], b = cluster.masters[1]
        let slots = Array(0..<settings.slots)
        let keys = try ActionBenchSupport.load(a, slots: slots, keysPerSlot: settings.keysPerSlot, valueBytes: settings.valueBytes, prefix: "rb")
        let total = try ActionBenchSupport.total(cluster)
        let seed = "127.0.0.1:\(cluster.masters[2].port)"
        CheckBenchmark.say("""
            slotscope: \(slotscope)
            redis-cli: \(binaries.cli)
            machine: \(CheckBenchmark.cores()) cores, load average \(CheckBenchmark.loadAverage())
            cluster: 3 masters × 1 replica; \(keys) keys of \(settings.valueBytes) B in slots 0-\(settings.slots - 1); seed \(seed)
            """)
        let contenders = settings.slotscopePipelines.map { Contender(slotscope: true, pipeline: $0) }
            + settings.cliPipelines.map { Contender(slotscope: false, pipeline: $0) }
        let journal = sandbox.root + "/bench-journal"
        let output = sandbox.root + "/reshard-bench-output.txt"
        var owner = a
        var times: [Contender: [Double]] = [:]
        var cpu: [Contender: [Double]] = [:]
        let probe = [0, settings.slots / 2, settings.slots - 1]
        for round in 0..<settings.runs {
            let order = Array(contenders[(round % contenders.count)...] + contenders[..<(round % contenders.count)])
            var line: [String] = []
            for contender in order {
                let target = owner.id == a.id ? b : a
                try ActionBenchSupport.waitForAgreement(cluster, probe: probe, owner: owner)
                guard try ActionBenchSupport.keys(on: owner, slots: slots) == keys else { throw BenchError("keys not all on the source before a run") }
                let arguments = contender.slotscope
                    ? ["reshard", seed, "--from", owner.id, "--to", target.id, "--slots", String(settings.slots), "--yes", "--journal", journal]
                        + (contender.pipeline.map { ["--pipeline", String($0)] } ?? [])
                    : ["--cluster", "reshard", seed, "--cluster-from", owner.id, "--cluster-to", target.id,
                       "--cluster-slots", String(settings.slots), "--cluster-yes", "--cluster-pipeline", String(contender.pipeline ?? 10)]
                let run = try TimedProcess.run(contender.slotscope ? slotscope : settings.cliPath ?? binaries.cli, arguments, outputPath: output,
                                               timeoutSeconds: settings.timeoutSeconds)
                guard run.exitCode == 0, !run.timedOut else {
                    throw BenchError("\(contender.label) exited \(run.exitCode)\(run.timedOut ? " (timed out)" : ""):\n" + TimedProcess.tail(of: output))
                }
                let onTarget = try ActionBenchSupport.keys(on: target, slots: slots)
                let after = try ActionBenchSupport.total(cluster)
                guard onTarget == keys, after == total else {
                    throw BenchError("\(contender.label): \(onTarget) of \(keys) keys on the target, \(after) keys in all (was \(total))")
                }
                if settings.showOutput && contender.slotscope { CheckBenchmark.say(TimedProcess.tail(of: output, limit: 400)) }
                owner = target
                times[contender, default: []].append(run.milliseconds)
                cpu[contender, default: []].append(run.cpuMilliseconds)
                line.append("\(contender.label) \(ActionBenchSupport.ms(run.milliseconds))")
            }
            CheckBenchmark.say("run \(round + 1)/\(settings.runs) (key counts checked before and after each): " + line.joined(separator: " · "))
        }
        var text = "\nmedians over \(settings.runs) runs (wall; child CPU), load average now \(CheckBenchmark.loadAverage()):\n"
        let first = contenders[0]
        for contender in contenders {
            let median = Measure.median(times[contender] ?? [])
            text += "  " + contender.label.padding(toWidth: 52) + ActionBenchSupport.ms(median).padding(toWidth: 10)
                + "CPU " + ActionBenchSupport.ms(Measure.median(cpu[contender] ?? [])).padding(toWidth: 10)
                + (contender == first ? "" : "slotscope/this: " + CheckBenchmark.ratio3(Measure.median(times[first] ?? []) / median))
                + "\n"
        }
        CheckBenchmark.say(text)
    }
}
