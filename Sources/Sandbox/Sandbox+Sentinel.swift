import Foundation

extension Sandbox {
    /// Starts a master with `replicas` replicas and `sentinels` sentinels monitoring it as
    /// `masterName` with `quorum`. Returns when every replica is in sync and every sentinel
    /// sees the master (flags `master`), all replicas and the other `sentinels - 1` sentinels.
    ///
    /// - Parameters:
    ///   - downAfterMilliseconds: `sentinel down-after-milliseconds` (default 5000; tests of
    ///     failover usually want 2000).
    ///   - failoverTimeoutMilliseconds: `sentinel failover-timeout`.
    ///   - options: the data nodes' options (their password becomes `sentinel auth-pass`).
    ///   - sentinelOptions: the sentinels' own options (`requirepass` + `sentinel sentinel-pass`,
    ///     ACL users); TLS is taken from `options` when this is nil.
    public func startSentinelGroup(masterName: String = "mymaster", replicas: Int = 2, sentinels: Int = 3,
                                   quorum: Int = 2, downAfterMilliseconds: Int = 5000,
                                   failoverTimeoutMilliseconds: Int = 10000,
                                   options: ServerOptions = ServerOptions(),
                                   sentinelOptions: ServerOptions? = nil) async throws -> SentinelGroup {
        guard sentinels >= 1, quorum >= 1, quorum <= sentinels, replicas >= 0 else {
            throw SandboxError.invalidConfiguration("sentinel group needs 1 <= quorum <= sentinels and replicas >= 0")
        }
        let sentinelOptions = sentinelOptions ?? ServerOptions(tls: options.tls, readyTimeoutSeconds: options.readyTimeoutSeconds)
        let group = try await startReplication(replicas: replicas, options: options)
        let masterPort = group.master.port
        let started = try await withThrowingTaskGroup(of: (Int, ServerProcess).self) { tasks in
            for index in 0..<sentinels {
                tasks.addTask {
                    let sentinel = try await self.launch(kind: .sentinel, options: sentinelOptions) { port, directory in
                        ConfigWriter.sentinel(port: port, directory: directory, masterName: masterName,
                                              masterPort: masterPort, quorum: quorum,
                                              downAfterMilliseconds: downAfterMilliseconds,
                                              failoverTimeoutMilliseconds: failoverTimeoutMilliseconds,
                                              dataOptions: options, options: sentinelOptions)
                    }
                    return (index, sentinel)
                }
            }
            var result: [(Int, ServerProcess)] = []
            for try await item in tasks { result.append(item) }
            return result.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let sentinelGroup = SentinelGroup(masterName: masterName, master: group.master, replicas: group.replicas,
                                          sentinels: started, quorum: quorum,
                                          downAfterMilliseconds: downAfterMilliseconds, options: options)
        try await waitForSentinelDiscovery(sentinelGroup, timeout: max(options.readyTimeoutSeconds, 30))
        return sentinelGroup
    }

    /// Waits until every sentinel reports the master, all replicas and all other sentinels.
    public func waitForSentinelDiscovery(_ group: SentinelGroup, timeout: Double = 30) async throws {
        var last = ""
        try await Poll.until("sentinels to discover replicas and each other", timeout: timeout, interval: 0.1,
                             lastObservation: { last }) {
            for sentinel in group.sentinels {
                let master = SentinelReply.pairs(try await self.command(sentinel, "SENTINEL", "MASTER", group.masterName))
                let ok = master["flags"] == "master"
                    && master["num-slaves"] == String(group.replicas.count)
                    && master["num-other-sentinels"] == String(group.sentinels.count - 1)
                if !ok {
                    last = "sentinel \(sentinel.port): flags \(master["flags"] ?? "?"), replicas \(master["num-slaves"] ?? "?"), other sentinels \(master["num-other-sentinels"] ?? "?")"
                    return false
                }
            }
            return true
        }
    }
}
