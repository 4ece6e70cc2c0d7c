#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Sandbox

/// `slotscope-bench entry`: what starting from a data node costs against starting from a
/// sentinel (issue 6, entry points). One Sentinel group (master, 2 replicas, 3 sentinels,
/// quorum 2) and one plain replication group (master, 2 replicas, no sentinel); whole
/// `slotscope check` processes, interleaved run by run:
///   a. `check --sentinel SENTINEL`                 (the baseline)
///   b. `check MASTER`  of the Sentinel group       (INFO both ways, NUMSUB, first hello)
///   c. `check REPLICA` of the Sentinel group
///   d. `check REPLICA --sentinel-port P`           (CLIENT LIST + a MYID probe at port P)
///   e. `check REPLICA` of the plain group          (NUMSUB says 0: no wait)
/// b and c wait for the first `__sentinel__:hello`, which each sentinel sends every 2 s: their
/// spread is that schedule, not Slotscope (the sandbox's sentinels do not listen on 26379, so
/// only d probes). Figures: median, min and max wall time.
enum EntryBenchmark {
    static let help = """
    usage: slotscope-bench entry [--runs 20] [--slotscope PATH]
    """

    static func run(_ arguments: [String]) -> Int32 {
        var runs = 20
        var slotscopePath: String?
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch arguments[index] {
            case "--runs": runs = max(1, value.flatMap { Int($0) } ?? runs); index += 1
            case "--slotscope": slotscopePath = value; index += 1
            case "--help", "-h": CheckBenchmark.say(help); return 0
            default:
                CheckBenchmark.say("slotscope-bench entry: unknown option \(arguments[index]) (see --help)")
                return 2
            }
            index += 1
        }
        let slotscope = slotscopePath ?? CheckBenchmark.siblingExecutable("slotscope")
        guard access(slotscope, X_OK) == 0 else {
            CheckBenchmark.say("slotscope-bench entry: no executable at \(slotscope); run `swift build -c release --product slotscope`")
            return 2
        }
        do {
            try measure(runs: runs, slotscope: slotscope)
            return 0
        } catch {
            CheckBenchmark.say("slotscope-bench entry: \(error)")
            return 1
        }
    }

    static func measure(runs: Int, slotscope: String) throws {
        let sandbox = try Sandbox()
        defer { BlockingTask.run { await sandbox.stopAll() } }
        let started: Result<(SentinelGroup, ReplicationGroup), Error> = BlockingTask.run {
            do {
                let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2)
                let plain = try await sandbox.startReplication(replicas: 2)
                return .success((group, plain))
            } catch {
                return .failure(error)
            }
        }
        let (group, plain) = try started.get()
        func address(_ process: ServerProcess) -> String { "127.0.0.1:\(process.port)" }
        let cases: [(String, [String])] = [
            ("a. check --sentinel SENTINEL", ["check", "--sentinel", address(group.sentinels[0])]),
            ("b. check MASTER (Sentinel group)", ["check", address(group.master)]),
            ("c. check REPLICA (Sentinel group)", ["check", address(group.replicas[0])]),
            ("d. check REPLICA --sentinel-port P", ["check", address(group.replicas[0]),
                                                     "--sentinel-port", String(group.sentinels[0].port)]),
            ("e. check REPLICA (no sentinel)", ["check", address(plain.replicas[0])]),
        ]
        let output = sandbox.root + "/entry-bench-output.txt"
        CheckBenchmark.say("slotscope: \(slotscope)\nmachine: \(CheckBenchmark.cores()) cores, load \(CheckBenchmark.loadAverage())")
        for (label, arguments) in cases {  // warm-up, and every case must be healthy
            let run = try TimedProcess.run(slotscope, arguments, outputPath: output, timeoutSeconds: 30)
            guard run.exitCode == 0 else { throw BenchError("warm-up \(label) exited \(run.exitCode):\n" + TimedProcess.tail(of: output)) }
        }
        var times: [[Double]] = Array(repeating: [], count: cases.count)
        for round in 0..<runs {
            for step in 0..<cases.count {
                let which = (step + round) % cases.count  // rotate who goes first
                let run = try TimedProcess.run(slotscope, cases[which].1, outputPath: output, timeoutSeconds: 30)
                guard run.exitCode == 0 else { throw BenchError("\(cases[which].0) exited \(run.exitCode)") }
                times[which].append(run.milliseconds)
            }
        }
        CheckBenchmark.say("load after: \(CheckBenchmark.loadAverage()); \(runs) runs each\n")
        CheckBenchmark.say("| case | median | min | max |\n|---|---|---|---|")
        for (index, (label, _)) in cases.enumerated() {
            let sorted = times[index].sorted()
            CheckBenchmark.say("| \(label) | \(FanoutBenchmark.format(Measure.median(sorted))) | "
                + "\(FanoutBenchmark.format(sorted.first ?? 0)) | \(FanoutBenchmark.format(sorted.last ?? 0)) |")
        }
    }
}
