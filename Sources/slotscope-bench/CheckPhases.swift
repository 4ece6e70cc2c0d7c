import RESP
import Sandbox
import Wire

/// `slotscope-bench check --phases`: the network-and-server part of `slotscope check`, timed
/// from inside this process with the same `Wire` pool, so what is left of a whole run is
/// the client's own work (process start, parsing, snapshot, findings).
///
/// Interleaved per run:
///   - poll5: a fresh pool, connect to every node and pipeline the five poll commands
///     (`CLUSTER NODES`, `CLUSTER INFO`, `CLUSTER SLOTS`, `INFO`, `CLUSTER SHARDS`), as
///     `check` does (but in one round, without first asking the seed alone);
///   - poll3: the same without `CLUSTER SLOTS` and `CLUSTER SHARDS`;
///   - census as built: on connected masters, `DBSIZE` + one `COUNTKEYSINSLOT` per owned
///     slot, commands built per run from `String(slot)` as `KeyCensus` does, through a
///     read-only pool (every command passes `ReadOnlyGuard` twice);
///   - census, prebuilt: the same commands built once, through a pool that is not
///     read-only (the guard only checks for empty commands).
enum CheckPhases {
    static func measure(cluster: SandboxCluster, runs: Int) async throws -> [(String, [Double])] {
        let endpoints = cluster.nodes.map { Endpoint(host: "127.0.0.1", port: $0.port) }
        let masters = cluster.masters.map { master in
            (endpoint: Endpoint(host: "127.0.0.1", port: master.port), slots: master.slots.flatMap { Array($0) })
        }
        let poll5 = [RESPCommand("CLUSTER", "NODES"), RESPCommand("CLUSTER", "INFO"), RESPCommand("CLUSTER", "SLOTS"),
                     RESPCommand("INFO"), RESPCommand("CLUSTER", "SHARDS")]
        let poll3 = [RESPCommand("CLUSTER", "NODES"), RESPCommand("CLUSTER", "INFO"), RESPCommand("INFO")]
        let options = ConnectionOptions(connectTimeout: .seconds(5), requestTimeout: .seconds(10))
        var readOnlyOptions = options
        readOnlyOptions.readOnly = true
        let guarded = ConnectionPool(options: readOnlyOptions)
        let plain = ConnectionPool(options: options)
        defer {
            guarded.closeAll()
            plain.closeAll()
        }
        let prebuilt = masters.map { master in
            [RESPCommand("DBSIZE")] + master.slots.map { RESPCommand("CLUSTER", "COUNTKEYSINSLOT", String($0)) }
        }
        _ = try await census(guarded, masters.map(\.endpoint), prebuilt)  // connect both pools
        _ = try await census(plain, masters.map(\.endpoint), prebuilt)

        let clock = ContinuousClock()
        var figures: [(String, [Double])] = [("poll, 5 commands, fresh connections", []),
                                             ("poll, 3 commands (no SLOTS, SHARDS), fresh connections", []),
                                             ("census as built (String(slot) per run, read-only guard)", []),
                                             ("census prebuilt commands, no read-only guard", [])]
        for round in 0..<runs {
            for step in (0..<4).map({ ($0 + round) % 4 }) {
                let started = clock.now
                switch step {
                case 0, 1:
                    let pool = ConnectionPool(options: readOnlyOptions)
                    let results = await pool.fanOut(step == 0 ? poll5 : poll3, to: endpoints)
                    pool.closeAll()
                    guard results.values.allSatisfy({ (try? $0.get()) != nil }) else { throw BenchError("poll failed") }
                case 2:
                    let built = masters.map { master in
                        [RESPCommand("DBSIZE")] + master.slots.map { RESPCommand("CLUSTER", "COUNTKEYSINSLOT", String($0)) }
                    }
                    _ = try await census(guarded, masters.map(\.endpoint), built)
                default:
                    _ = try await census(plain, masters.map(\.endpoint), prebuilt)
                }
                figures[step].1.append(FanoutBenchmark.milliseconds(clock.now - started))
            }
        }
        return figures
    }

    /// Every master's pipeline at once; the number of replies.
    static func census(_ pool: ConnectionPool, _ endpoints: [Endpoint], _ pipelines: [[RESPCommand]]) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (endpoint, commands) in zip(endpoints, pipelines) {
                let connection = pool.connection(to: endpoint)
                group.addTask { try await connection.pipeline(commands).count }
            }
            return try await group.reduce(0, +)
        }
    }
}
