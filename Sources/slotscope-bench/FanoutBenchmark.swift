import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import RESP
import Sandbox
import Wire

/// `slotscope-bench fanout`: what one poll costs as a cluster grows.
///
/// Starts a real loopback cluster (default 30 nodes: 15 masters × 1 replica), connects to
/// every node through one `ConnectionPool` (one I/O loop), then times, interleaved so
/// machine noise hits all alike:
///   - single: `INFO` + `CLUSTER NODES` pipelined to one node (one round trip);
///   - fan-out: the same two commands to every node at once;
///   - sequential: the same, node after node (what a loop of blocking clients costs).
/// The bar is fan-out ≤ 2× single.
enum FanoutBenchmark {
    struct Settings: Sendable {
        var masters = 15
        var replicasPerMaster = 1
        var runs = 51
        var warmup = 5
    }

    static func run(_ arguments: [String]) -> Int32 {
        var settings = Settings()
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
            switch arguments[index] {
            case "--masters": settings.masters = value ?? settings.masters; index += 1
            case "--replicas": settings.replicasPerMaster = value ?? settings.replicasPerMaster; index += 1
            case "--runs": settings.runs = value ?? settings.runs; index += 1
            case "--help", "-h":
                print("usage: slotscope-bench fanout [--masters 15] [--replicas 1] [--runs 51]")
                return 0
            default:
                print("slotscope-bench fanout: unknown option \(arguments[index]) (see --help)")
                return 2
            }
            index += 1
        }
        let chosen = settings
        let outcome = BlockingTask.run { () async -> Int32 in
            do {
                try await measure(chosen)
                return 0
            } catch {
                print("slotscope-bench fanout: \(error)")
                return 1
            }
        }
        return outcome
    }

    static func measure(_ settings: Settings) async throws {
        let sandbox = try Sandbox()
        do {
            try await measure(settings, in: sandbox)
            await sandbox.stopAll()
        } catch {
            await sandbox.stopAll()
            throw error
        }
    }

    static func measure(_ settings: Settings, in sandbox: Sandbox) async throws {
        let nodeCount = settings.masters * (1 + settings.replicasPerMaster)
        print("starting a \(settings.masters)×\(settings.replicasPerMaster) loopback cluster (\(nodeCount) nodes) …")
        let clock = ContinuousClock()
        let startedAt = clock.now
        let cluster = try await sandbox.startCluster(masters: settings.masters, replicasPerMaster: settings.replicasPerMaster,
                                                     options: ServerOptions(nodeTimeoutMilliseconds: 15000, readyTimeoutSeconds: 120))
        print("cluster ok after \(format(clock.now - startedAt))")

        let pool = ConnectionPool(options: ConnectionOptions(connectTimeout: .seconds(5), requestTimeout: .seconds(5), readOnly: true))
        defer { pool.closeAll() }
        let endpoints = cluster.nodes.map { Endpoint(host: "127.0.0.1", port: $0.port) }
        let commands = [RESPCommand("INFO"), RESPCommand("CLUSTER", "NODES")]
        // Connect everything first: the figures are about polling, not connecting.
        for (endpoint, result) in await pool.fanOut(commands, to: endpoints) {
            if case .failure(let error) = result { throw BenchError("warm-up failed on \(endpoint): \(error)") }
        }

        var single: [Double] = []
        var fanOut: [Double] = []
        var sequential: [Double] = []
        let one = pool.connection(to: endpoints[0])
        for run in 0..<(settings.runs + settings.warmup) {
            let a = clock.now
            _ = try await one.pipeline(commands)
            let b = clock.now
            let results = await pool.fanOut(commands, to: endpoints)
            let c = clock.now
            for endpoint in endpoints { _ = try await pool.connection(to: endpoint).pipeline(commands) }
            let d = clock.now
            guard results.values.allSatisfy({ (try? $0.get()) != nil }) else { throw BenchError("a node failed during the run") }
            if run >= settings.warmup {
                single.append(milliseconds(b - a))
                fanOut.append(milliseconds(c - b))
                sequential.append(milliseconds(d - c))
            }
        }
        // The servers' own CPU time for the two commands (INFO commandstats, usec_per_call):
        // on a machine with fewer cores than nodes, the fan-out cannot beat their sum / cores.
        var serverMicroseconds = 0.0
        var firstNodeMicroseconds = 0.0
        for (position, endpoint) in endpoints.enumerated() {
            let stats = try await pool.connection(to: endpoint).send(RESPCommand("INFO", "commandstats")).string ?? ""
            var nodeMicroseconds = 0.0
            for line in stats.split(whereSeparator: \.isNewline)
            where line.hasPrefix("cmdstat_info:") || line.hasPrefix("cmdstat_cluster|nodes:") {
                if let field = line.split(separator: ",").first(where: { $0.hasPrefix("usec_per_call=") }),
                   let value = Double(field.dropFirst("usec_per_call=".count)) {
                    nodeMicroseconds += value
                }
            }
            serverMicroseconds += nodeMicroseconds
            if position == 0 { firstNodeMicroseconds = nodeMicroseconds }
        }
        let cores = Double(max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let floorMilliseconds = serverMicroseconds / 1000 / min(cores, Double(nodeCount))

        let singleMedian = Measure.median(single)
        let fanOutMedian = Measure.median(fanOut)
        let sequentialMedian = Measure.median(sequential)
        print("""

        INFO + CLUSTER NODES, \(settings.runs) runs each, interleaved; medians:
          one node (one round trip)   \(format(singleMedian))
          all \(nodeCount) nodes, fan-out     \(format(fanOutMedian))   = \(ratio(fanOutMedian, singleMedian))× one round trip  (bar ≤ 2×)
          all \(nodeCount) nodes, one by one  \(format(sequentialMedian))   = \(ratio(sequentialMedian, singleMedian))× one round trip
          server CPU for the two commands: \(format(firstNodeMicroseconds / 1000)) per node, \(format(serverMicroseconds / 1000)) for all;
          on \(Int(cores)) cores the fan-out cannot finish before \(format(floorMilliseconds)): fan-out = \(ratio(fanOutMedian, floorMilliseconds))× that floor
        """)
    }

    static func ratio(_ a: Double, _ b: Double) -> String {
        let value = a / max(b, 1e-9)
        return String(Double(Int(value * 100)) / 100)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func format(_ duration: Duration) -> String { format(milliseconds(duration)) }

    static func format(_ ms: Double) -> String {
        return ms < 10 ? "\(Double(Int(ms * 1000)) / 1000) ms" : "\(Int(ms.rounded())) ms"
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs async work to completion from synchronous `main` code.
enum BlockingTask {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let semaphore = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task {
            box.value = await body()
            semaphore.signal()
        }
        semaphore.wait()
        return box.value!
    }

    /// Written once by the task before the semaphore is signalled, read once after.
    final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }
}
