#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// slotscope-bench: measurements that back the numbers in BENCHMARKS.md.
// Each subcommand lives in its own file and exposes `run(_ arguments:) -> Int32`.

/// A benchmark subcommand: its name, a one-line summary and its entry point.
struct BenchCommand {
    var name: String
    var summary: String
    var run: ([String]) -> Int32
}

/// Add new subcommands here (e.g. `fanout`), implemented in their own files.
let commands: [BenchCommand] = [
    BenchCommand(name: "resp", summary: "RESP parser throughput against hiredis's reader", run: RESPBenchmark.run),
    BenchCommand(name: "pollcycle", summary: "parse + snapshot + diff + findings of a synthetic cluster, no network", run: PollCycleBenchmark.run),
    BenchCommand(name: "fanout", summary: "INFO + CLUSTER NODES to every node of a real cluster vs one round trip", run: FanoutBenchmark.run),
    BenchCommand(name: "check", summary: "slotscope check vs redis-cli --cluster check on real clusters of 6-100 nodes", run: CheckBenchmark.run),
    BenchCommand(name: "sentinel", summary: "watch --sentinel: master SIGKILL to the +switch-master line, minus the sentinels' own time", run: SentinelBenchmark.run),
    BenchCommand(name: "entry", summary: "check from a master or replica (sentinels heard on hello) vs from a sentinel", run: EntryBenchmark.run),
    BenchCommand(name: "failover", summary: "slotscope failover end to end: cluster default/TAKEOVER/FORCE and Sentinel", run: FailoverBenchmark.run),
    BenchCommand(name: "reshard", summary: "slotscope reshard vs redis-cli --cluster reshard: 1000 slots, 200,000 keys", run: ReshardBenchmark.run),
    BenchCommand(name: "fix", summary: "slotscope fix vs redis-cli --cluster fix: a half-migrated slot of 20,000 keys", run: FixBenchmark.run),
    BenchCommand(name: "recording", summary: "one recorded 200-node poll: size and decode time per part, recording/1 vs /2", run: RecordingBenchmark.run),
    BenchCommand(name: "tui", summary: "inspector: first frame (30 nodes), render + flush at 250x70, idle CPU/RSS vs htop", run: TUIBenchmark.run),
]

@MainActor func usage() -> String {
    var text = "usage: slotscope-bench <command> [options]\n\ncommands:\n"
    for command in commands {
        text += "  " + command.name.padding(toWidth: 10) + command.summary + "\n"
    }
    text += "\nRun `slotscope-bench <command> --help` for a command's options. Build with -c release."
    return text
}

extension String {
    func padding(toWidth width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let command = commands.first(where: { $0.name == name }) else {
    print(usage())
    exit(arguments.isEmpty || ["-h", "--help", "help"].contains(arguments[0]) ? 0 : 2)
}
exit(command.run(Array(arguments.dropFirst())))
