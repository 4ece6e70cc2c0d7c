import RESP

/// Generates realistic poll results for a cluster of any size, without servers:
/// for tests, benchmarks and demos. Replies are the bytes a real node would send.
public struct SyntheticCluster: Sendable {
    public var masters: Int
    public var replicasPerMaster: Int
    /// Masters whose first replica has taken over: the old master is dead (`fail`, unreachable)
    /// and the replica serves its slots with a higher epoch.
    public var failedOver: Set<Int>

    public init(masters: Int, replicasPerMaster: Int = 1, failedOver: Set<Int> = []) {
        self.masters = masters
        self.replicasPerMaster = replicasPerMaster
        self.failedOver = failedOver
    }

    public var nodeCount: Int { masters * (1 + replicasPerMaster) }

    /// Node `i`: masters are 0..<masters, then replicas grouped by master.
    public func id(_ i: Int) -> NodeID { NodeID(idText(i)) }

    func idText(_ i: Int) -> String {
        let hex = String(UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return String((padded + padded + padded).prefix(40))
    }

    public func address(_ i: Int) -> NodeAddress { NodeAddress(host: "10.0.\(i / 250).\(i % 250 + 1)", port: 6379) }

    /// Index of the master that node `i` replicates, or nil for a master.
    func masterOf(_ i: Int) -> Int? { i < masters ? nil : (i - masters) / replicasPerMaster }

    func slots(ofMaster m: Int) -> SlotRange {
        let per = clusterSlotCount / masters
        return SlotRange(m * per, m == masters - 1 ? clusterSlotCount - 1 : (m + 1) * per - 1)
    }

    /// Whether node `i` is master now (after the configured failovers), and who it follows.
    func current(_ i: Int) -> (isMaster: Bool, master: Int?, epoch: Int, dead: Bool) {
        if let m = masterOf(i) {
            let promoted = failedOver.contains(m) && (i - masters) % replicasPerMaster == 0
            return promoted ? (true, nil, masters + 1 + m, false) : (false, failedOver.contains(m) ? masters + m * replicasPerMaster : m, m + 1, false)
        }
        return failedOver.contains(i) ? (true, nil, i + 1, true) : (true, nil, i + 1, false)
    }

    /// The index of the node serving master `m`'s slots now.
    func servingNode(_ m: Int) -> Int { failedOver.contains(m) ? masters + m * replicasPerMaster : m }

    /// The CLUSTER NODES text as node `observer` writes it.
    public func clusterNodes(observer: Int, now: Int64) -> String {
        var out = ""
        out.reserveCapacity(nodeCount * 120)
        for i in 0..<nodeCount {
            let state = current(i)
            var flags = i == observer ? "myself," : ""
            flags += state.isMaster ? "master" : "slave"
            if state.dead { flags += ",fail" }
            let masterID = state.master.map(idText) ?? "-"
            let a = address(i)
            out += "\(idText(i)) \(a.host):\(a.port)@16379 \(flags) \(masterID) 0 \(now - Int64(i % 7)) \(state.epoch) "
            out += state.dead ? "disconnected" : "connected"
            if state.isMaster && !state.dead {
                let m = i < masters ? i : masterOf(i)!
                out += " \(slots(ofMaster: m))"
            }
            out += "\n"
        }
        return out
    }

    public func clusterInfo(observer: Int) -> String {
        let epoch = masters + failedOver.count
        return """
        cluster_state:ok\r
        cluster_slots_assigned:16384\r
        cluster_slots_ok:16384\r
        cluster_slots_pfail:0\r
        cluster_slots_fail:0\r
        cluster_known_nodes:\(nodeCount)\r
        cluster_size:\(masters)\r
        cluster_current_epoch:\(epoch)\r
        cluster_my_epoch:\(current(observer).epoch)\r
        cluster_stats_messages_sent:123456\r
        cluster_stats_messages_received:123456\r
        total_cluster_links_buffer_limit_exceeded:0\r

        """
    }

    /// INFO (server, clients, memory, persistence, stats, replication, keyspace) of node `i`.
    public func info(_ i: Int) -> String {
        let state = current(i)
        let offset = 1_000_000 + i * 10
        var replication = "# Replication\r\n"
        if state.isMaster {
            let replicas = (0..<nodeCount).filter { current($0).master == i }
            replication += "role:master\r\nconnected_slaves:\(replicas.count)\r\n"
            for (k, r) in replicas.enumerated() {
                replication += "slave\(k):ip=\(address(r).host),port=\(address(r).port),state=online,offset=\(offset - 5),lag=0\r\n"
            }
            replication += "master_failover_state:no-failover\r\nmaster_replid:\(idText(i))\r\n"
            replication += "master_replid2:\(i >= masters ? idText(masterOf(i)!) : String(repeating: "0", count: 40))\r\n"
            replication += "master_repl_offset:\(offset)\r\nsecond_repl_offset:\(i >= masters ? offset / 2 : -1)\r\n"
        } else {
            let m = state.master!
            replication += "role:slave\r\nmaster_host:\(address(m).host)\r\nmaster_port:\(address(m).port)\r\n"
            replication += "master_link_status:up\r\nmaster_last_io_seconds_ago:0\r\nmaster_sync_in_progress:0\r\n"
            replication += "slave_read_repl_offset:\(1_000_000 + m * 10 - 5)\r\nslave_repl_offset:\(1_000_000 + m * 10 - 5)\r\n"
            replication += "slave_priority:100\r\nslave_read_only:1\r\nreplica_announced:1\r\nconnected_slaves:0\r\n"
            replication += "master_failover_state:no-failover\r\nmaster_replid:\(idText(m))\r\n"
            replication += "master_replid2:0000000000000000000000000000000000000000\r\nmaster_repl_offset:\(offset)\r\nsecond_repl_offset:-1\r\n"
        }
        replication += "repl_backlog_active:1\r\nrepl_backlog_size:1048576\r\nrepl_backlog_first_byte_offset:1\r\nrepl_backlog_histlen:\(offset)\r\n"
        return """
        # Server\r
        redis_version:7.2.4\r
        redis_mode:cluster\r
        os:Linux 6.1.0 x86_64\r
        arch_bits:64\r
        process_id:\(1000 + i)\r
        run_id:\(idText(i))\r
        tcp_port:6379\r
        uptime_in_seconds:86400\r
        hz:10\r
        executable:/usr/local/bin/redis-server\r
        config_file:/etc/redis/redis.conf\r
        \r
        # Clients\r
        connected_clients:42\r
        cluster_connections:\(nodeCount * 2)\r
        maxclients:10000\r
        blocked_clients:0\r
        tracking_clients:0\r
        \r
        # Memory\r
        used_memory:104857600\r
        used_memory_human:100.00M\r
        used_memory_rss:125829120\r
        used_memory_peak:134217728\r
        maxmemory:4294967296\r
        maxmemory_policy:noeviction\r
        mem_fragmentation_ratio:1.20\r
        \r
        # Persistence\r
        loading:0\r
        async_loading:0\r
        rdb_changes_since_last_save:100\r
        rdb_bgsave_in_progress:0\r
        rdb_last_bgsave_status:ok\r
        aof_enabled:0\r
        \r
        # Stats\r
        total_connections_received:1000\r
        total_commands_processed:1000000\r
        instantaneous_ops_per_sec:1500\r
        rejected_connections:0\r
        expired_keys:10\r
        evicted_keys:0\r
        keyspace_hits:5000\r
        keyspace_misses:100\r
        \r
        \(replication)\r
        # Keyspace\r
        db0:keys=\(10_000 + i),expires=10,avg_ttl=0\r

        """
    }

    /// One poll cycle: every node's replies at `time` (dead masters time out).
    public func polls(at time: Timestamp) -> [NodePoll] {
        (0..<nodeCount).map { i in
            if current(i).dead {
                return NodePoll(address: address(i), time: time, outcome: .failed(.timeout))
            }
            let replies = NodeReplies(clusterNodes: .bulkString(Array(clusterNodes(observer: i, now: time.milliseconds).utf8)),
                                      clusterInfo: .bulkString(Array(clusterInfo(observer: i).utf8)),
                                      info: .bulkString(Array(info(i).utf8)))
            return NodePoll(address: address(i), time: time, outcome: .replied(replies))
        }
    }
}
