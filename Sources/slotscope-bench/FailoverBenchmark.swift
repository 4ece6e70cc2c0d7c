import Foundation
import Sandbox

/// `slotscope-bench failover`: how long `slotscope failover --yes` takes, end to end, in each
/// cluster mode and for a Sentinel group, on loopback servers with keys loaded.
///
/// Cluster (3 masters × 1 replica, 10,000 keys): one shard per mode is failed over back and
/// forth, at least 2 × node timeout apart (the masters refuse to vote twice for a shard within
/// that time), the modes interleaved run by run — default, TAKEOVER, FORCE (its master SIGSTOPped first, the
/// replica set to `cluster-replica-no-failover` so the cluster's own failover does not race it;
/// SIGCONT after). Between runs the old master must report a live link to the new one.
/// Sentinel (master, 2 replicas, 3 sentinels, quorum 2): `failover --sentinel` back and forth.
/// Figures per mode: medians of the process's wall time and of the time the tool itself
/// printed from "accepted" to the line that completed the failover (every node agrees, or
/// `+switch-master`). The sentinel verdict also waits for the old master's conversion to a
/// replica, which Sentinel delays by about 8 s (`SENTINEL_PUBLISH_PERIOD * 4`).
enum FailoverBenchmark {
    static let help = """
    usage: slotscope-bench failover [--runs N] [--slotscope PATH] [--no-sentinel]
      --runs N        runs per mode (default 5)
      --slotscope     the slotscope binary (default: next to this one; build it with -c release)
      --no-sentinel   cluster modes only
    """

    enum Mode: String, CaseIterable {
        case coordinated = "default", takeover = "--takeover", force = "--force"
    }

    struct Sample {
        var wallMilliseconds: Double
        /// What the tool printed as the time from "accepted" to completion.
        var followedMilliseconds: Double?
    }

    static func run(_ arguments: [String]) -> Int32 {
        var runs = 5
        var slotscope: String?
        var sentinel = true
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--runs": runs = max(1, Int(arguments[safe: index + 1] ?? "") ?? runs); index += 1
            case "--slotscope": slotscope = arguments[safe: index + 1]; index += 1
            case "--no-sentinel": sentinel = false
            case "--help", "-h": CheckBenchmark.say(help); return 0
            default: CheckBenchmark.say("slotscope-bench failover: unknown option \(arguments[index]) (see --help)"); return 2
            }
            index += 1
        }
        let binary = slotscope ?? CheckBenchmark.siblingExecutable("slotscope")
        guard access(binary, X_OK) == 0 else {
            CheckBenchmark.say("slotscope-bench failover: no executable at \(binary); run `swift build -c release --product slotscope`")
            return 2
        }
        // The runs' command log goes to a scratch folder, not the user's own.
        setenv("XDG_STATE_HOME", NSTemporaryDirectory() + "slotscope-bench-state", 1)
        CheckBenchmark.say("slotscope: \(binary)\nmachine: \(CheckBenchmark.cores()) cores, load average at start \(CheckBenchmark.loadAverage())")
        do {
            try cluster(runs: runs, slotscope: binary)
            if sentinel { try sentinelGroup(runs: runs, slotscope: binary) }
        } catch {
            CheckBenchmark.say("slotscope-bench failover: \(error)")
            return 1
        }
        return 0
    }

    static func cluster(runs: Int, slotscope: String) throws {
        let sandbox = try Sandbox()
        defer { BlockingTask.run { await sandbox.stopAll() } }
        let started: Result<SandboxCluster, Error> = BlockingTask.run {
            do {
                let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1)
                try await sandbox.loadKeys(into: cluster, slots: Array(stride(from: 0, to: 16384, by: 164)), keysPerSlot: 100)
                return .success(cluster)
            } catch {
                return .failure(error)
            }
        }
        let cluster = try started.get()
        // Never the FORCE shard's nodes: its master is stopped during those runs.
        let seed = "127.0.0.1:\(cluster.masters[1].port)"
        // One shard per mode (shards 1, 2 and 0 for FORCE), each failed over back and forth.
        var pairs: [Mode: (master: ClusterNode, replica: ClusterNode)] = [:]
        for (mode, shard) in zip(Mode.allCases, [1, 2, 0]) {
            let master = cluster.masters[shard]
            guard let replica = cluster.replicas(of: master.id).first else { throw BenchError("shard \(shard) has no replica") }
            pairs[mode] = (master, replica)
        }
        // The masters refuse a second vote for the same shard within 2 × node timeout.
        let rest = Duration.milliseconds(2 * cluster.options.nodeTimeoutMilliseconds + 1000)
        var last: [Mode: ContinuousClock.Instant] = [:]
        let clock = ContinuousClock()
        let output = sandbox.root + "/failover-bench-output.txt"
        var samples: [Mode: [Sample]] = [:]
        for run in 0..<runs {
            for mode in Mode.allCases {
                guard let (master, replica) = pairs[mode] else { continue }
                if let previous = last[mode], clock.now - previous < rest { Thread.sleep(forTimeInterval: seconds(rest - (clock.now - previous))) }
                var arguments = ["failover", seed, "--replica", replica.id, "--yes", "--timeout", "1s"]
                if mode != .coordinated { arguments.append(mode.rawValue) }
                if mode == .force {
                    let promoted = replica.process
                    _ = try blocking { try await sandbox.command(promoted, "CONFIG", "SET", "cluster-replica-no-failover", "yes") }
                    guard master.process.pause() else { throw BenchError("cannot SIGSTOP \(master.process)") }
                }
                let timed = try TimedProcess.run(slotscope, arguments, outputPath: output, timeoutSeconds: 60)
                if mode == .force { _ = master.process.resume() }
                guard timed.exitCode == 0 else {
                    throw BenchError("\(mode.rawValue) run \(run + 1) exited \(timed.exitCode): \(TimedProcess.tail(of: output))")
                }
                let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
                samples[mode, default: []].append(Sample(wallMilliseconds: timed.milliseconds, followedMilliseconds: lastProgress(text)))
                try waitUntilReplica(master.process, of: replica.process, sandbox: sandbox)
                last[mode] = clock.now
                pairs[mode] = (replica, master)
            }
        }
        for mode in Mode.allCases {
            report("cluster \(mode.rawValue)", samples[mode] ?? [])
        }
    }

    static func sentinelGroup(runs: Int, slotscope: String) throws {
        let sandbox = try Sandbox()
        defer { BlockingTask.run { await sandbox.stopAll() } }
        let group = try blocking {
            try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2, downAfterMilliseconds: 2000)
        }
        let output = sandbox.root + "/failover-bench-output.txt"
        var samples: [Sample] = []
        for run in 0..<runs {
            // Back-to-back forced failovers race the sentinels' own reconfiguration (one seen
            // here: a non-leader sentinel converted the just-promoted replica back, and an
            // automatic failover followed 27 s later); operators do not fail over every 10 s.
            if run > 0 { sleep(15) }
            let timed = try TimedProcess.run(slotscope, ["failover", "--sentinel", "127.0.0.1:\(group.sentinels[run % 3].port)",
                                                         "--master-name", group.masterName, "--yes", "--wait", "60s"],
                                             outputPath: output, timeoutSeconds: 90)
            guard timed.exitCode == 0 else {
                throw BenchError("sentinel run \(run + 1) exited \(timed.exitCode): \(TimedProcess.tail(of: output))")
            }
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            let switchLine = text.split(separator: "\n").first { $0.contains("  +switch-master ") }
            samples.append(Sample(wallMilliseconds: timed.milliseconds, followedMilliseconds: switchLine.flatMap(elapsed)))
        }
        report("sentinel (to +switch-master)", samples)
    }

    /// Polls `INFO replication` on `old` until it replicates `new` with the link up (30 s at most).
    static func waitUntilReplica(_ old: ServerProcess, of new: ServerProcess, sandbox: Sandbox) throws {
        for _ in 0..<300 {
            let info = try blocking { try await sandbox.command(old, "INFO", "replication") }
            if info.contains("master_port:\(new.port)") && info.contains("master_link_status:up") { return }
            usleep(100_000)
        }
        throw BenchError("\(old) did not become a replica of port \(new.port) with its link up within 30 s")
    }

    /// Milliseconds of the last progress line (`   0.23 s  …`) before the verdict.
    static func lastProgress(_ text: String) -> Double? {
        text.split(separator: "\n").filter { $0.hasPrefix(" ") && $0.contains(" s  ") }.last.flatMap(elapsed)
    }

    static func elapsed(_ line: Substring) -> Double? {
        let words = line.split(separator: " ")
        guard words.count > 1, words[1] == "s", let seconds = Double(words[0]) else { return nil }
        return seconds * 1000
    }

    static func report(_ label: String, _ samples: [Sample]) {
        let walls = samples.map(\.wallMilliseconds)
        let followed = samples.compactMap(\.followedMilliseconds)
        CheckBenchmark.say("\(label): \(samples.count) runs, wall median \(Int(Measure.median(walls))) ms "
            + "(min \(Int(walls.min() ?? 0)), max \(Int(walls.max() ?? 0))); accepted → done median \(Int(Measure.median(followed))) ms "
            + "(min \(Int(followed.min() ?? 0)), max \(Int(followed.max() ?? 0)))")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let result: Result<T, Error> = BlockingTask.run {
            do { return .success(try await body()) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
