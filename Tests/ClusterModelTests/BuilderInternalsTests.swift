import RESP
import Testing
@testable import ClusterModel

@Suite("Snapshot builder internals")
struct BuilderInternalsTests {
    let t0 = Timestamp(milliseconds: 1_800_000_000_000)

    @Test("parsing ahead of time gives the same snapshot")
    func parsedAheadOfTime() {
        let polls = SyntheticCluster(masters: 5, replicasPerMaster: 2, failedOver: [1]).polls(at: t0)
        let direct = ClusterSnapshot.build(from: polls, at: t0)
        let parsed = polls.map(ParsedNodePoll.init)
        #expect(ClusterSnapshot.build(from: parsed, at: t0) == direct)
        #expect(parsed.filter { $0.nodeID == nil }.count == 1)   // the dead master timed out
    }

    @Test("id table keeps insertion indices across growth")
    func idTable() {
        let cluster = SyntheticCluster(masters: 600, replicasPerMaster: 0)
        var table = IDTable(capacity: 4)
        for i in 0..<600 { #expect(table.insert(cluster.id(i)) == (i, true)) }
        #expect(table.insert(cluster.id(17)) == (17, false))
        #expect(table.index(of: NodeID("not-hex")) == nil)
        #expect(table.insert(NodeID("not-hex")) == (600, true))
        #expect((0..<600).allSatisfy { table.index(of: cluster.id($0)) == $0 })
    }

    @Test("an unpolled node's address is what most views say")
    func addressMajority() throws {
        let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 1)
        var polls = cluster.polls(at: t0)
        polls[5].outcome = .failed(.timeout)
        polls.remove(at: 0)   // node 0 not polled at all
        // One view still has node 0's old address.
        if case .replied(var r) = polls[0].outcome, let text = r.clusterNodes?.string {
            r.clusterNodes = .bulkString(Array(text.replacingOccurrences(of: " 10.0.0.1:6379@", with: " 10.9.9.9:6379@").utf8))
            polls[0].outcome = .replied(r)
        }
        let snap = ClusterSnapshot.build(from: polls, at: t0)
        let node0 = try #require(snap.node(cluster.id(0)))
        #expect(node0.address == cluster.address(0))
        #expect(node0.reachability == .notPolled)
        #expect(snap.node(cluster.id(5))?.reachability == .unreachable(.timeout))
    }

    @Test("a reply that is an error or garbage is a problem, not a crash")
    func unreadableReplies() throws {
        let polls = [
            NodePoll(address: NodeAddress(host: "10.0.0.1", port: 6379), time: t0, outcome: .replied(NodeReplies(
                clusterNodes: .error("NOPERM this user has no permissions to run the 'cluster|nodes' command"),
                info: .bulkString(Array("garbage without colons".utf8))))),
        ]
        let snap = ClusterSnapshot.build(from: polls, at: t0)
        #expect(snap.nodes.isEmpty)
        #expect(snap.unidentified.count == 1)
        #expect(snap.unidentified[0].problems.count == 2)
        #expect(findings(snap).contains { $0.kind == .unreadableReply })
        #expect(snap.unassignedSlots == [SlotRange(0, 16383)])   // nothing known …
        #expect(!findings(snap).contains { $0.kind == .unassignedSlots })   // … is not "unassigned"
    }
}

@Suite("Fast paths agree with the plain parsers")
struct FastPathTests {
    @Test("node ids: every hex digit in every position, and near-misses")
    func nodeIDs() {
        let digits = Array("0123456789abcdef")
        for position in 0..<40 {
            for digit in digits {
                var text = Array(repeating: Character("0"), count: 40)
                text[position] = digit
                let id = NodeID(String(text))
                #expect(id.description == String(text))
                #expect(id.other == nil)
            }
            for bad: Character in ["g", "G", ":", "/", "`", "@", " ", "z"] {
                var text = Array(repeating: Character("a"), count: 40)
                text[position] = bad
                #expect(NodeID(String(text)).other == String(text))
            }
        }
        #expect(NodeID("0123456789ABCDEFabcdef0123456789abcdef01").description == "0123456789abcdefabcdef0123456789abcdef01")
        // Every byte value in every position of the eight-digit word.
        for position in 0..<8 {
            for byte in 0...255 {
                var bytes = [UInt8](repeating: UInt8(ascii: "7"), count: 40)
                bytes[position] = UInt8(byte)
                let id = bytes.withUnsafeBufferPointer { NodeID(bytes: $0) }!
                let isHex = hexValue(UInt8(byte)) != nil
                #expect((id.other == nil) == isHex, "byte \(byte) at \(position)")
                if isHex { #expect(id.description == String(decoding: bytes, as: UTF8.self).lowercased()) }
            }
        }
    }

    @Test("line digests: CRLF, blank lines and a broken line")
    func digests() throws {
        let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 1)
        let text = cluster.clusterNodes(observer: 2, now: 1000)
        let crlf = "\n" + text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        let plain = try ViewDigest(bytes: Array(text.utf8))
        let windows = try ViewDigest(bytes: Array(crlf.utf8))
        #expect(plain.own == windows.own)
        #expect(plain.own == (try ClusterNodesView(text: text)).myself)
        #expect(plain.ownership == windows.ownership)
        #expect(plain.lines.map { plain.id($0) } == windows.lines.map { windows.id($0) })
        #expect(windows.lines.compactMap { windows.entry($0) } == (try ClusterNodesView(text: crlf)).entries.filter { !$0.isMyself })
        do {
            _ = try ViewDigest(bytes: Array((text + "oops not a line\n").utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 7)
            #expect(error.text == "oops not a line")
        }
    }
}
