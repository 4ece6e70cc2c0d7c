/// Deterministic wire inputs for `slotscope-bench resp`.
enum RESPBenchInputs {
    /// A `CLUSTER NODES` reply (RESP2 bulk string) for 100 masters and 100 replicas, in the
    /// line format of Redis 7.0.15 (fixture redis-7.0.15/cluster-healthy/cluster-nodes.resp2):
    /// `<id> <ip:port@cport> <flags> <master|-> <ping> <pong> <epoch> <link> <slots>`.
    static func clusterNodes(masters: Int = 100) -> [UInt8] {
        var rng = SplitMix(state: 7000)
        func nodeID() -> String {
            var id = ""
            while id.count < 40 {
                let word = String(rng.next(), radix: 16)
                id += String(repeating: "0", count: 16 - word.count) + word
            }
            return String(id.prefix(40))
        }
        let masterIDs = (0..<masters).map { _ in nodeID() }
        let replicaIDs = (0..<masters).map { _ in nodeID() }
        let pong = 1_795_564_125_000
        var lines: [String] = []
        for index in 0..<masters {
            // Slots split as redis-cli does: contiguous ranges covering 0-16383.
            let first = index * 16384 / masters
            let last = (index + 1) * 16384 / masters - 1
            let port = 7000 + index
            let flags = index == 0 ? "myself,master" : "master"
            let pingTime = index == 0 ? 0 : pong + rng.next(below: 1000)
            lines.append("\(masterIDs[index]) 127.0.0.1:\(port)@\(port + 10000) \(flags) - 0 \(pingTime) \(index + 1) connected \(first)-\(last)")
            let replicaPort = 7000 + masters + index
            lines.append("\(replicaIDs[index]) 127.0.0.1:\(replicaPort)@\(replicaPort + 10000) slave \(masterIDs[index]) 0 \(pong + rng.next(below: 1000)) \(index + 1) connected")
        }
        // Redis lists nodes in hash-table order: shuffle deterministically.
        for index in stride(from: lines.count - 1, to: 0, by: -1) {
            lines.swapAt(index, rng.next(below: index + 1))
        }
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        return Array("$\(text.count)\r\n".utf8) + text + [13, 10]
    }

    /// `count` small pipelined replies, a mix like a poller sees: statuses, integers,
    /// short bulk strings, nils and small arrays.
    static func pipeline(count: Int = 10_000) -> [UInt8] {
        var rng = SplitMix(state: 42)
        var out: [UInt8] = []
        func bulk(_ length: Int) {
            out += Array("$\(length)\r\n".utf8)
            for _ in 0..<length { out.append(UInt8(ascii: "a") + UInt8(rng.next(below: 26))) }
            out += [13, 10]
        }
        for _ in 0..<count {
            switch rng.next(below: 20) {
            case 0..<5: out += Array("+OK\r\n".utf8)
            case 5..<10: out += Array(":\(rng.next(below: 100_000))\r\n".utf8)
            case 10..<16: bulk(3 + rng.next(below: 30))
            case 16: out += Array("$-1\r\n".utf8)
            case 17: out += Array("+PONG\r\n".utf8)
            default:
                let items = 2 + rng.next(below: 3)
                out += Array("*\(items)\r\n".utf8)
                for _ in 0..<items {
                    if rng.next(below: 2) == 0 { bulk(4 + rng.next(below: 12)) } else { out += Array(":\(rng.next(below: 16384))\r\n".utf8) }
                }
            }
        }
        return out
    }
}
