import ClusterModel
@testable import Operations
import RESP
import Sandbox
import Testing
import Wire

/// The key census sent in the poll's own round trip (planned from the seed's view), on real
/// clusters: it must find exactly what a census of its own round finds, ask each master
/// once, and fall back to counting where its guess did not fit.
@Suite struct CensusWithPollTests {
    /// `calls` of each command in each master's `INFO commandstats`, counting from a
    /// `CONFIG RESETSTAT` sent before `body`.
    static func calls(of commands: [String], on cluster: SandboxCluster,
                      during body: () async throws -> Void) async throws -> [String: [Int]] {
        let pool = ConnectionPool(options: ConnectionOptions(connectTimeout: .seconds(2), requestTimeout: .seconds(2)))
        defer { pool.closeAll() }
        let masters = cluster.masters.map { Endpoint(host: "127.0.0.1", port: $0.port) }
        for endpoint in masters { _ = try await pool.connection(to: endpoint).send(RESPCommand("CONFIG", "RESETSTAT")) }
        try await body()
        var result: [String: [Int]] = [:]
        for endpoint in masters {
            let text = try await pool.connection(to: endpoint).send(RESPCommand("INFO", "commandstats")).string ?? ""
            for command in commands {
                let line = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("cmdstat_\(command):") }
                let calls = line.flatMap { $0.split(separator: ",").first?.split(separator: "=").last }.flatMap { Int($0) }
                result[command, default: []].append(calls ?? 0)
            }
        }
        return result
    }

    /// The masters' key counts per slot from the ordinary census, one master at a time.
    static func ordinaryCounts(_ snapshot: ClusterSnapshot, cluster: SandboxCluster) async -> [NodeAddress: [SlotKeyCount]] {
        let pool = ConnectionPool(options: ConnectionOptions(connectTimeout: .seconds(2), requestTimeout: .seconds(2), readOnly: true))
        defer { pool.closeAll() }
        var result: [NodeAddress: [SlotKeyCount]] = [:]
        for node in snapshot.masters {
            let connection = pool.connection(to: Endpoint(host: node.address.host, port: node.address.port))
            result[node.address] = await KeyCensus.census(of: connection, owned: node.ownSlots ?? [], expectedKeys: node.keys)
        }
        return result
    }

    /// Few keys (the seed lists, so every master lists): keys of a slot sitting on the seed,
    /// which does not own it, are found; each master answered one `DBSIZE` and one `SCAN`.
    @Test func aSparseClusterIsCountedInThePollsRoundTrip() async throws {
        let (sandbox, cluster) = try await freshCluster()
        _ = try await sandbox.loadKeys(into: cluster, slots: [0, 6000, 12000], keysPerSlot: 3, prefix: "sparse")
        let broken = try await sandbox.placeKeysOnNonOwner(in: cluster, slot: 6001, holder: cluster.masters[0])
        var snapshot: ClusterSnapshot?
        let calls = try await Self.calls(of: ["dbsize", "scan"], on: cluster) {
            snapshot = try await poller(for: cluster, settings: PollSettings(countKeys: true)).poll().snapshot
        }
        let polled = try #require(snapshot)
        #expect(calls["dbsize"] == [1, 1, 1])
        #expect(calls["scan"] == [1, 1, 1])
        let foreign = try #require(findings(polled).of(.keysOnNonOwner).first)
        #expect(foreign.slots == [SlotRange(slot: 6001)])
        #expect(foreign.nodes.contains(NodeID(broken.holder.id)))
        let ordinary = await Self.ordinaryCounts(polled, cluster: cluster)
        for node in polled.masters { #expect(node.slotKeyCounts == ordinary[node.address], "\(node.address)") }
        await sandbox.stopAll()
    }

    /// A dense seed (more keys than it owns slots): the others are counted slot by slot with
    /// their poll; where keys sit outside a master's slots its sum falls short of `DBSIZE`,
    /// and only that master is taken again the ordinary way (here a `SCAN`: it holds few keys).
    @Test func aDenseSeedCountsAndFallsBackWhereKeysSitOutside() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let seedRange = try #require(cluster.masters[0].slots.first)
        _ = try await sandbox.loadKeys(into: cluster, slots: Array(seedRange.lowerBound...seedRange.upperBound), keysPerSlot: 2,
                                       prefix: "dense")
        let broken = try await sandbox.placeKeysOnNonOwner(in: cluster, slot: 42, holder: cluster.masters[2])
        var snapshot: ClusterSnapshot?
        let calls = try await Self.calls(of: ["cluster|countkeysinslot", "scan"], on: cluster) {
            snapshot = try await poller(for: cluster, settings: PollSettings(countKeys: true)).poll().snapshot
        }
        let polled = try #require(snapshot)
        let owned = cluster.masters.map { $0.slots.reduce(0) { $0 + $1.count } }
        // Each master counted its own slots with the poll; the holder was listed after.
        #expect(calls["cluster|countkeysinslot"] == owned)
        #expect(calls["scan"] == [0, 0, 1])
        let foreign = try #require(findings(polled).of(.keysOnNonOwner).first)
        #expect(foreign.slots == [SlotRange(slot: 42)])
        #expect(foreign.nodes.contains(NodeID(broken.holder.id)))
        let ordinary = await Self.ordinaryCounts(polled, cluster: cluster)
        for node in polled.masters { #expect(node.slotKeyCounts == ordinary[node.address], "\(node.address)") }
        await sandbox.stopAll()
    }
}
