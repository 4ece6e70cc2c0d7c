import ClusterModel
@testable import Operations
import RESP
import Testing
import Wire

/// The pure parts of fix: balancing, the printed commands, the MIGRATE built for the wire.
@Suite struct FixPlannerUnitTests {
    private let a = NodeID(String(repeating: "a", count: 40))
    private let b = NodeID(String(repeating: "b", count: 40))
    private let c = NodeID(String(repeating: "c", count: 40))

    @Test func freeSlotsEvenOutTheMastersInContiguousRuns() {
        let shares = SlotBalancer.assign(Array(0..<300), to: [(a, 5000), (b, 5100), (c, 5200)])
        let counts = Dictionary(uniqueKeysWithValues: shares.map { ($0.id, $0.slots.count) })
        // Levels: 5000+x = 5100+y = 5200+z with x+y+z = 300 → 200, 100, 0.
        #expect(counts == [a: 200, b: 100])
        #expect(shares.flatMap(\.slots) == Array(0..<300))
        #expect(SlotBalancer.ranges(shares[0].slots) == [SlotRange(0, 199)])
        #expect(SlotBalancer.ranges([1, 2, 3, 7, 9, 10]) == [SlotRange(1, 3), SlotRange(slot: 7), SlotRange(9, 10)])
    }

    @Test func dryRunLinesNameTheTargetsOwnAddressAndHideThePassword() {
        let source = PlanNode(id: a, address: NodeAddress(host: "10.0.0.1", port: 6379))
        let target = PlanNode(id: b, address: NodeAddress(host: "10.0.0.2", port: 6380))
        let step = Step(.moveKeys(slot: 42, source: source, target: target, expectedKeys: 3), why: "test")
        let lines = step.commandLines(move: MoveSettings(keysPerBatch: 10, migrateTimeoutMilliseconds: 3000, replace: true, authenticated: true))
        #expect(lines[0] == "10.0.0.1:6379 CLUSTER GETKEYSINSLOT 42 10")
        #expect(lines[1].hasPrefix("10.0.0.1:6379 MIGRATE 10.0.0.2 6380 \"\" 0 3000 REPLACE AUTH *** KEYS"))
    }

    @Test func migrateCarriesAuthOrAuth2AndUnwrapsTheTargetsError() {
        let source = PlanNode(id: a, address: NodeAddress(host: "10.0.0.1", port: 6379))
        let target = PlanNode(id: b, address: NodeAddress(host: "10.0.0.2", port: 6380))
        func mover(_ credentials: Credentials) -> KeyMover {
            let unused = Connection(endpoint: Endpoint(host: "127.0.0.1", port: 1))
            return KeyMover(step: 0, slot: 42, source: source, target: target, sourceConnection: unused,
                            targetConnection: unused, settings: MoveSettings(), credentials: credentials)
        }
        let keys: [[UInt8]] = [Array("k1".utf8), Array("k2".utf8)]
        let plain = mover(Credentials(password: "pw")).migrate(keys, replace: false).arguments.map { String(decoding: $0, as: UTF8.self) }
        #expect(plain == ["MIGRATE", "10.0.0.2", "6380", "", "0", "5000", "AUTH", "pw", "KEYS", "k1", "k2"])
        let acl = mover(Credentials(user: "ops", password: "pw")).migrate(keys, replace: true).arguments.map { String(decoding: $0, as: UTF8.self) }
        #expect(acl == ["MIGRATE", "10.0.0.2", "6380", "", "0", "5000", "REPLACE", "AUTH2", "ops", "pw", "KEYS", "k1", "k2"])
        let busy = KeyMover.classify(.error("ERR Target instance replied with error: BUSYKEY Target key name already exists."))
        guard case .busyKey? = busy else { Issue.record("\(String(describing: busy))"); return }
        #expect(KeyMover.classify(.simpleString("NOKEY")) == nil)
    }
}
