import RESP
import Testing
@testable import ClusterModel

/// A newer or odder server must never crash a parser: every leaf of every real
/// reply is swapped for values of other shapes, and every parser runs on the result.
@Suite("Sentinel parsers never crash")
struct RobustnessTests {
    static let odd: [RESPValue] = [
        .null, .integer(-1), .integer(.max), .array([]), .map([]), .double(.nan), .boolean(true),
        .bulkString(Array("99999999999999999999".utf8)), .bulkString(Array("-1".utf8)),
        .bulkString(Array("70000".utf8)), .bulkString([]), .bulkString([0xff, 0xfe]), .error("ERR odd"),
    ]

    /// The value with its `n`th leaf replaced; nil when there are fewer leaves.
    static func replacing(_ value: RESPValue, leaf n: inout Int, with new: RESPValue) -> RESPValue {
        switch value {
        case .array(let items), .push(let items), .set(let items):
            let mapped = items.map { replacing($0, leaf: &n, with: new) }
            if case .push = value { return .push(mapped) }
            if case .set = value { return .set(mapped) }
            return .array(mapped)
        case .map(let pairs):
            return .map(pairs.map { RESPPair(key: replacing($0.key, leaf: &n, with: new), value: replacing($0.value, leaf: &n, with: new)) })
        default:
            n -= 1
            return n == -1 ? new : value
        }
    }

    static func leafCount(_ value: RESPValue) -> Int {
        switch value {
        case .array(let items), .push(let items), .set(let items): return items.reduce(0) { $0 + leafCount($1) }
        case .map(let pairs): return pairs.reduce(0) { $0 + leafCount($1.key) + leafCount($1.value) }
        default: return 1
        }
    }

    static func runEveryParser(_ value: RESPValue) {
        _ = try? SentinelMasterState(reply: value)
        _ = try? SentinelMasterState.list(reply: value)
        _ = try? SentinelReplicaState.list(reply: value)
        _ = try? SentinelPeerState.list(reply: value)
        _ = try? SentinelReply.masterAddress(reply: value)
        _ = try? SentinelReply.myID(reply: value)
        _ = try? QuorumCheck(reply: value)
        _ = try? SentinelInfo(reply: value)
        _ = try? RoleReply(reply: value)
        _ = try? SentinelMessage(frame: value)
    }

    @Test("Every leaf of every reply, swapped for odd values", arguments: Fixture.versions)
    func mutatedReplies(version: String) throws {
        var runs = 0
        for folder in ["sentinel", "sentinel-after-failover"] {
            for file in try Fixture.files(version, folder, suffix: "") where file.hasPrefix("sentinel-") || file.hasPrefix("role-") {
                let value = try Fixture.value(version, "\(folder)/\(file)")
                for leaf in 0..<Self.leafCount(value) {
                    for new in Self.odd {
                        var n = leaf
                        Self.runEveryParser(Self.replacing(value, leaf: &n, with: new))
                        runs += 1
                    }
                }
            }
        }
        // And the frames of the event streams.
        for file in try Fixture.files(version, "sentinel-failover", suffix: ".resp3") {
            for frame in try Fixture.frames(version, "sentinel-failover/\(file)") {
                for leaf in 0..<Self.leafCount(frame) {
                    for new in Self.odd {
                        var n = leaf
                        Self.runEveryParser(Self.replacing(frame, leaf: &n, with: new))
                        runs += 1
                    }
                }
            }
        }
        #expect(runs > 1000)
    }

    @Test("Payloads cut at every word and padded with junk parse without crashing", arguments: Fixture.versions)
    func truncatedPayloads(version: String) throws {
        for file in try Fixture.files(version, "sentinel-failover", suffix: ".resp2") {
            for frame in try Fixture.frames(version, "sentinel-failover/\(file)") {
                guard case .event(let event) = try SentinelMessage(frame: frame) else { continue }
                let words = event.payload.split(separator: " ")
                for cut in 0...words.count {
                    let text = words.prefix(cut).joined(separator: " ")
                    for payload in [text, text + " @", text + " #quorum", text + " #quorum x/y", text + " 1 2 3 4 5 6"] {
                        let parsed = SentinelEvent(type: event.type, parsing: payload)
                        #expect(parsed.payload == payload)
                    }
                }
            }
        }
        _ = SentinelHello(payload: ",,,,,,,")
        _ = SentinelHello(payload: "a,99999999,c,x,e,f,g,h")
    }

    @Test("Odd snapshots: empty input, sentinels with nothing, replicas of nowhere")
    func oddSnapshots() {
        let empty = SentinelSnapshot.build(sentinels: [], dataNodes: [])
        #expect(empty.groups.isEmpty && empty.findings.isEmpty)
        let weird = SentinelSnapshot.build(
            sentinels: [SentinelPoll(address: NodeAddress(host: "s", port: 1), time: Timestamp(milliseconds: 0),
                                     outcome: .replied(SentinelReplies(masters: .array([]), replicas: ["ghost": .null])))],
            dataNodes: [DataNodePoll(address: NodeAddress(host: "n", port: 2), time: Timestamp(milliseconds: 5),
                                     outcome: .replied(DataNodeReplies(info: .bulkString(Array("role:slave\r\nmaster_host:x\r\nmaster_port:1\r\nslave_repl_offset:-9223372036854775808\r\n".utf8)))))])
        #expect(weird.time == Timestamp(milliseconds: 5))
        #expect(weird.group("ghost") != nil)
        #expect(weird.unattachedNodes.map(\.address) == [NodeAddress(host: "n", port: 2)])
        #expect(weird.findings.contains { $0.kind == .unreadableReply })
    }
}
