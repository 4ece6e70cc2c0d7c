import Foundation
import RESP
import Testing
@testable import ClusterModel

/// The word-at-a-time scans (`ViewScan`, INFO and CLUSTER INFO line splitting) against
/// the plain parsers: on every captured fixture, on synthetic clusters, on edge cases
/// and on randomly damaged text.
@Suite("Word-at-a-time scans agree with the plain parsers")
struct FastScanTests {
    /// Every captured file whose name starts with `prefix`, parsed as a RESP value.
    static func fixtures(_ prefix: String) throws -> [(name: String, value: RESPValue)] {
        let root = Fixture.root
        let paths = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
            .filter { ($0 as NSString).lastPathComponent.hasPrefix(prefix) }
            .filter { $0.hasSuffix(".resp2") || $0.hasSuffix(".resp3") }
            .sorted()
        return try paths.map { path in
            var parser = RESPParser()
            parser.append(Array(try Data(contentsOf: root.appendingPathComponent(path))))
            guard let value = try parser.next() else { throw FixtureError.incomplete(path) }
            return (path, value)
        }
    }

    /// What the digest must say, computed from `ClusterNodesView` and a plain split of each line.
    struct Expected {
        var own: ClusterNodeEntry?
        var others: [ClusterNodeEntry] = []
        var addressTokens: [String] = []
        var ownership: [OwnedRange] = []
    }

    static func expected(_ bytes: [UInt8]) throws -> Expected {
        let view = try ClusterNodesView(bytes: bytes)
        var result = Expected()
        // Split bytes, not `String`: a String sees CR LF as one character.
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0 }
            .filter { !$0.isEmpty }
            .map { String(decoding: $0, as: UTF8.self) }
        #expect(lines.count == view.entries.count)
        var ranges: [OwnedRange] = []
        for (line, entry) in zip(lines, view.entries) {
            for range in entry.slots { ranges.append(OwnedRange(range: range, owner: entry.id)) }
            if entry.isMyself { result.own = entry; continue }
            result.others.append(entry)
            result.addressTokens.append(String(line.split(separator: " ")[1]))
        }
        result.ownership = ranges.sorted { $0.range.start < $1.range.start }
        return result
    }

    /// The digest of `bytes` equals what the plain parser reads, field by field.
    static func checkAgainstPlain(_ bytes: [UInt8], _ label: String) throws {
        let want = try expected(bytes)
        let digest = try ViewDigest(bytes: bytes)
        #expect(digest.own == want.own, "\(label)")
        #expect(digest.lines.count == want.others.count, "\(label)")
        #expect(digest.lines.map { digest.id($0) } == want.others.map(\.id), "\(label)")
        #expect(digest.lines.map { digest.entry($0) } == want.others.map { Optional($0) }, "\(label)")
        #expect(digest.ownership == want.ownership, "\(label)")
        for (line, entry) in zip(digest.lines, want.others) {
            var bits = entry.flags.bits
            bits &= ~UInt16(1)   // never myself here
            #expect(line.flagBits == bits, "\(label) \(entry.id)")
            #expect(line.epoch == entry.configEpoch, "\(label) \(entry.id)")
            #expect(line.linkDown == (entry.linkState == .disconnected), "\(label) \(entry.id)")
            #expect(line.isFail == entry.flags.contains(.fail) && line.isPossiblyFailing == entry.flags.contains(.possiblyFailing))
        }
        // Equal address tokens hash equal; different ones differ.
        for i in want.addressTokens.indices {
            for j in want.addressTokens.indices where j > i {
                #expect((want.addressTokens[i] == want.addressTokens[j]) == (digest.lines[i].addressHash == digest.lines[j].addressHash),
                        "\(label): \(want.addressTokens[i]) vs \(want.addressTokens[j])")
            }
        }
    }

    @Test("every captured CLUSTER NODES reply")
    func fixtures() throws {
        let replies = try Self.fixtures("cluster-nodes")
        #expect(replies.count > 50)
        var checked = 0
        for (name, value) in replies {
            guard let bytes = try? value.documentBytes(command: "CLUSTER NODES") else { continue }
            try Self.checkAgainstPlain(bytes, name)
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test("synthetic clusters of several shapes, LF and CRLF")
    func synthetic() throws {
        for (masters, replicas, failed) in [(1, 0, Set<Int>()), (3, 1, [1]), (7, 2, [0, 6]), (100, 1, [0])] {
            let cluster = SyntheticCluster(masters: masters, replicasPerMaster: replicas, failedOver: failed)
            for observer in [0, cluster.nodeCount - 1] {
                let text = cluster.clusterNodes(observer: observer, now: 1_800_000_000_000)
                try Self.checkAgainstPlain(Array(text.utf8), "\(masters)x\(replicas) observer \(observer)")
                let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
                try Self.checkAgainstPlain(Array(crlf.utf8), "\(masters)x\(replicas) CRLF")
            }
        }
    }

    static let me = "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca"
    static let peer = "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f"

    @Test("edge cases: spacing, ids, addresses, slot tokens, no final newline")
    func edgeCases() throws {
        let myself = "\(Self.me) 10.0.0.1:6379@16379 myself,master - 0 0 3 connected 0-100 [300->-\(Self.peer)]"
        let others = [
            "\(Self.peer) 10.0.0.2:6379@16379 slave \(Self.me) 0 1795564125635 3 connected",
            "  \(Self.peer)   10.0.0.2:6379@16379   master,fail?  -  0  1  4  disconnected  101-200   201  ",
            "\(Self.peer.uppercased()) 10.0.0.3:6379@16379 master - 0 0 5 connected 00300-00310",
            "node-a 10.0.0.4:6379@16379 master,nofailover - 0 0 6 connected 16383 16384 5-3 -5 5- 7-x [1-<-\(Self.me)] {x}",
            "\(Self.peer)0 10.0.0.5:6379@16379 slave - 0 0 7 connected",          // 41 characters
            "\(Self.peer.dropLast()) 10.0.0.6:6379@16379 slave - 0 0 8 connected",  // 39 characters
            "\(Self.peer.dropLast())g 10.0.0.7:6379@16379 slave - 0 0 9 connected", // 40, not hex
            "\(Self.peer) [2001:db8::1]:30001@40001,redis-0.svc,shard-id=abc,tls-port=0 master,handshake,newflag - 0 0 10 connected",
            "\(Self.peer) :0@0 noaddr,handshake - 0 0 0 connected",
            "\(Self.peer) 10.0.0.8:6379@16379 noflags \(Self.me) 0 0 -0 connected",
            "\(Self.peer) 10.0.0.9:6379@16379 slave - 0 0 11 weird-link-state",
            "\(Self.peer) 10.0.0.10:6379@16379 master - 0 0 12 connected 1-2\r3",   // a CR inside a line is a byte
        ]
        for (k, other) in others.enumerated() {
            for text in ["\(myself)\n\(other)\n", "\(other)\n\(myself)", "\(myself)\r\n\n\(other)\r\n\r\n",
                         "\(other)", "\(other)\r"] {
                try Self.checkAgainstPlain(Array(text.utf8), "case \(k): \(text.debugDescription)")
            }
        }
        // Every length of the last token near the end of the buffer (word loads past a token's end).
        for length in 1...20 {
            let slot = String(repeating: "0", count: length - 1) + "7"
            let text = "\(Self.peer) 10.0.0.2:6379@16379 master - 0 0 1 connected \(slot)"
            try Self.checkAgainstPlain(Array(text.utf8), "length \(length)")
            let address = "h" + String(repeating: "x", count: length) + ":1"
            try Self.checkAgainstPlain(Array("\(Self.peer) \(address) master - 0 0 1 connected".utf8), "address \(length)")
        }
    }

    @Test("malformed lines: same line number and text as the plain parser")
    func malformed() {
        let good = "\(Self.peer) 10.0.0.2:6379@16379 slave - 0 0 3 connected"
        for bad in ["\(Self.peer) 10.0.0.2:6379@16379 slave - 0 0 3",          // 7 fields
                    "\(Self.peer) 10.0.0.2@16379 slave - 0 0 3 connected",      // no colon
                    "\(Self.peer) 10.0.0.2:6379@16379 slave - 0 0 -1 connected", // negative epoch
                    "\(Self.peer) 10.0.0.2:6379@16379 slave - 0 0 x connected",
                    "oops not a line", "\(Self.peer) 10.0.0.2:6379@16379 slave -"] {
            for text in ["\(good)\n\(bad)\n", "\(good)\r\n\(bad)\r\n\(good)", "\(bad)"] {
                let bytes = Array(text.utf8)
                var plainError: ModelParseError?
                do { _ = try ClusterNodesView(bytes: bytes) } catch { plainError = error }
                do {
                    _ = try ViewDigest(bytes: bytes)
                    Issue.record("expected an error for \(text.debugDescription)")
                } catch {
                    #expect(error.line == plainError?.line, "\(text.debugDescription)")
                    #expect(error.text == plainError?.text, "\(text.debugDescription)")
                }
            }
        }
    }

    /// Damaged text: when the plain parser accepts it, the digest agrees with it; when the
    /// digest rejects it, the plain parser rejects it too, at that line or an earlier one.
    @Test("randomly damaged replies")
    func damaged() throws {
        let cluster = SyntheticCluster(masters: 4, replicasPerMaster: 1, failedOver: [2])
        let text = Array(cluster.clusterNodes(observer: 1, now: 1_800_000_000_000).utf8)
        let alphabet = Array(" \r\n-:,@[]0123456789abcdefABCDEFxyz?".utf8)
        var rng = SplitMix(seed: 42)
        var accepted = 0
        for _ in 0..<3000 {
            var bytes = text
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                default: bytes.remove(at: at)
                }
            }
            if Int(rng.next() % 8) == 0 { bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count)))) }
            let plain = Result { () throws(ModelParseError) -> ClusterNodesView in try ClusterNodesView(bytes: bytes) }
            let digest = Result { () throws(ModelParseError) -> ViewDigest in try ViewDigest(bytes: bytes) }
            switch (plain, digest) {
            case (.success, _):
                accepted += 1
                try Self.checkAgainstPlain(bytes, String(decoding: bytes, as: UTF8.self).debugDescription)
            case (.failure(let p), .failure(let d)):
                #expect((p.line ?? 0) <= (d.line ?? Int.max))
            case (.failure, .success):
                break   // the digest skips checks the builder does not need (ping/pong, whitespace-only lines)
            }
        }
        #expect(accepted > 300)
    }

    @Test("builder: ids spelled in upper case in one view still form one ownership view and one node each")
    func upperCaseTokens() throws {
        let t0 = Timestamp(milliseconds: 1_800_000_000_000)
        let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 1)
        let polls = cluster.polls(at: t0)
        var mixed = polls
        if case .replied(var r) = mixed[4].outcome, let text = r.clusterNodes?.string {
            // Upper-case every id token of other nodes' lines (not the `myself` line).
            let lines = text.split(separator: "\n").map { line -> String in
                line.contains("myself") ? String(line) : line.split(separator: " ").enumerated()
                    .map { $0.offset == 0 || $0.offset == 3 ? $0.element.uppercased() : String($0.element) }
                    .joined(separator: " ")
            }
            r.clusterNodes = .bulkString(Array((lines.joined(separator: "\n") + "\n").utf8))
            mixed[4].outcome = .replied(r)
        }
        let plain = ClusterSnapshot.build(from: polls, at: t0)
        let snap = ClusterSnapshot.build(from: mixed, at: t0)
        #expect(snap.ownershipViews.count == 1)
        #expect(snap.ownershipViews == plain.ownershipViews)
        #expect(snap.nodes.map(\.id) == plain.nodes.map(\.id))
        #expect(snap.nodes.map(\.failure) == plain.nodes.map(\.failure))
        #expect(snap.slotOwners == plain.slotOwners)
    }

    @Test("INFO key indexes follow declaration order; every key is found")
    func infoKeys() {
        for (offset, key) in InfoKey.allCases.enumerated() {
            #expect(key.index == offset)
            var name = Array(key.rawValue.utf8)
            let found = name.withUnsafeMutableBufferPointer { InfoKey.lookup($0.baseAddress!, 0, $0.count, limit: $0.count) }
            #expect(found == offset)
            name.append(UInt8(ascii: "x"))
            let longer = name.withUnsafeMutableBufferPointer { InfoKey.lookup($0.baseAddress!, 0, $0.count - 1, limit: $0.count) }
            #expect(longer == offset)
            let missing = name.withUnsafeMutableBufferPointer { InfoKey.lookup($0.baseAddress!, 0, $0.count, limit: $0.count) }
            #expect(missing == nil)
        }
        #expect(Array("Server".utf8).withUnsafeBufferPointer { lowercasedName($0) } == "server")
        #expect(Array("ÄB".utf8).withUnsafeBufferPointer { lowercasedName($0) } == "äb")
    }

    @Test("INFO: typed fields equal the plain key lookup on every capture")
    func infoFixtures() throws {
        let replies = try Self.fixtures("info")
        #expect(replies.count > 10)
        for (name, value) in replies {
            let info = try ServerInfo(reply: value)
            func int(_ key: String) -> Int64? { info[key].flatMap { Int64($0) } }
            #expect(info.server.version == info["redis_version"], "\(name)")
            #expect(info.server.runID == info["run_id"], "\(name)")
            #expect(info.server.tcpPort.map(Int64.init) == int("tcp_port"), "\(name)")
            #expect(info.replication?.role == info["role"], "\(name)")
            #expect(info.replication?.masterReplOffset == int("master_repl_offset"), "\(name)")
            #expect(info.replication?.replicaOffset == int("slave_repl_offset"), "\(name)")
            #expect(info.replication?.connectedReplicas.map(Int64.init) == int("connected_slaves"), "\(name)")
            #expect(info.replication?.replicas.count ?? 0 == info.sections.flatMap(\.fields).filter {
                $0.key.hasPrefix("slave") && Int($0.key.dropFirst(5)) != nil }.count, "\(name)")
            #expect(info.memory.usedMemory == int("used_memory"), "\(name)")
            #expect(info.persistence.loading == int("loading").map { $0 != 0 }, "\(name)")
            #expect(info.keyspace.count == info.sections.flatMap(\.fields).filter {
                $0.key.hasPrefix("db") && Int($0.key.dropFirst(2)) != nil }.count, "\(name)")
            #expect(info.sections.allSatisfy { $0.name == $0.name.lowercased() }, "\(name)")
        }
    }

    @Test("CLUSTER INFO: typed fields equal the plain key lookup on every capture")
    func clusterInfoFixtures() throws {
        let replies = try Self.fixtures("cluster-info")
        #expect(replies.count > 10)
        for (name, value) in replies {
            let info = try ClusterInfo(reply: value)
            func int(_ key: String) -> Int? { info[key].flatMap { Int($0) } }
            #expect(info.slotsAssigned == int("cluster_slots_assigned") && info.slotsOK == int("cluster_slots_ok"), "\(name)")
            #expect(info.slotsPFail == int("cluster_slots_pfail") && info.slotsFail == int("cluster_slots_fail"), "\(name)")
            #expect(info.knownNodes == int("cluster_known_nodes") && info.size == int("cluster_size"), "\(name)")
            #expect(info.currentEpoch == info["cluster_current_epoch"].flatMap { UInt64($0) }, "\(name)")
            #expect(info.myEpoch == info["cluster_my_epoch"].flatMap { UInt64($0) }, "\(name)")
            #expect(info.state == ClusterStateValue(Substring(info["cluster_state"] ?? "")), "\(name)")
        }
    }
}

/// Deterministic random numbers for the damage test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
