import ClusterModel
import RESP
import Testing
@testable import Operations

/// The key census that rides with the poll: which plan each master gets from the seed's
/// view, and when its replies may stand for the node's census (and when they may not).
@Suite struct CensusPlanTests {
    static let ids = (a: String(repeating: "a", count: 40), b: String(repeating: "b", count: 40),
                      c: String(repeating: "c", count: 40), r: String(repeating: "d", count: 40))

    /// Three masters and a replica of the first, as the first master (the seed) sees them.
    static let seedView = try! ClusterNodesView(text: """
        \(ids.a) 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460
        \(ids.b) 127.0.0.1:7001@17001 master - 0 0 2 connected 5461-10922
        \(ids.c) 127.0.0.1:7002@17002 master - 0 0 3 connected 10923-16383
        \(ids.r) 127.0.0.1:7003@17003 slave \(ids.a) 0 0 1 connected

        """)

    static func own(_ line: String) -> ClusterNodeEntry { try! ClusterNodesView(text: line + "\n").myself! }
    static let ownB = own("\(ids.b) 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922")

    static func page(cursor: String, keys: [String]) -> RESPValue {
        .array([.bulkString(Array(cursor.utf8)), .array(keys.map { .bulkString(Array($0.utf8)) })])
    }

    @Test func aSparseSeedListsEveryMastersKeys() {
        let plans = CensusPlan.plans(seedView: Self.seedView, seedKeys: 10)
        #expect(plans.count == 3)  // the replica gets none
        #expect(plans[NodeAddress(host: "127.0.0.1", port: 7001)] == CensusPlan(method: .listing(budget: 5462)))
        #expect(plans[NodeAddress(host: "127.0.0.1", port: 7003)] == nil)
    }

    @Test func aDenseSeedCountsSlotBySlot() {
        let plans = CensusPlan.plans(seedView: Self.seedView, seedKeys: 100_000)
        #expect(plans[NodeAddress(host: "127.0.0.1", port: 7000)] == CensusPlan(method: .counting(owned: [SlotRange(0, 5460)])))
        #expect(plans[NodeAddress(host: "127.0.0.1", port: 7002)] == CensusPlan(method: .counting(owned: [SlotRange(10923, 16383)])))
        #expect(CensusPlan(method: .counting(owned: [SlotRange(10923, 16383)])).commands.count == 5462)
    }

    @Test func noKeyCountNoPlan() {
        #expect(CensusPlan.plans(seedView: Self.seedView, seedKeys: nil).isEmpty)
    }

    @Test func aCompletePageIsHashedToSlots() throws {
        // "foo" hashes to slot 12182, "{foo}x" too; "bar" to 5061.
        let plan = CensusPlan(method: .listing(budget: 5462))
        let counts = try #require(plan.counts(from: [.integer(3), Self.page(cursor: "0", keys: ["foo", "{foo}x", "bar"])][...], own: Self.ownB))
        #expect(counts == [SlotKeyCount(slot: 5061, keys: 1), SlotKeyCount(slot: 12182, keys: 2)])
        #expect(plan.counts(from: [.integer(0), Self.page(cursor: "0", keys: [])][...], own: Self.ownB) == [])
    }

    @Test func whatCannotStandForTheCensus() {
        let listing = CensusPlan(method: .listing(budget: 128))
        let page = Self.page(cursor: "0", keys: ["foo"])
        // More pages to come, or more keys than the plan's budget: counted again.
        #expect(listing.counts(from: [.integer(1), Self.page(cursor: "17", keys: ["foo"])][...], own: Self.ownB) == nil)
        #expect(listing.counts(from: [.integer(500), page][...], own: Self.ownB) == nil)
        // A node that is a replica by its own view, or a refused command.
        let replica = Self.own("\(Self.ids.b) 127.0.0.1:7001@17001 myself,slave \(Self.ids.a) 0 0 2 connected")
        #expect(listing.counts(from: [.integer(1), page][...], own: replica) == nil)
        #expect(listing.counts(from: [.error("NOPERM no permissions to run the 'dbsize' command"), page][...], own: Self.ownB) == nil)
        #expect(listing.counts(from: [.integer(1), page][...], own: nil) == nil)
    }

    @Test func countingNeedsTheNodesOwnSlotsAndAMatchingTotal() {
        let owned = [SlotRange(5461, 5463)]
        let plan = CensusPlan(method: .counting(owned: owned))
        let three = Self.own("\(Self.ids.b) 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-5463")
        #expect(plan.counts(from: [.integer(4), .integer(0), .integer(4), .integer(0)][...], own: three)
                == [SlotKeyCount(slot: 5462, keys: 4)])
        // Keys outside the owned slots (DBSIZE says more): only counting all slots tells where.
        #expect(plan.counts(from: [.integer(5), .integer(0), .integer(4), .integer(0)][...], own: three) == nil)
        // The node owns other slots than the seed said.
        #expect(plan.counts(from: [.integer(4), .integer(0), .integer(4), .integer(0)][...], own: Self.ownB) == nil)
    }
}
