import Foundation
import RESP
import Testing

/// Replies captured from real Redis servers (copied from the shared fixtures, see
/// Fixtures/README.md): each parses to its end, the same however it is split.
@Suite struct FixtureTests {
    static let files = resourceFiles("Fixtures").filter { $0.name.hasSuffix(".resp2") || $0.name.hasSuffix(".resp3") }

    static func load(_ name: String) throws -> RESPValue {
        let file = try #require(files.first { $0.name == name }, "missing fixture \(name)")
        let outcome = parseAll(Array(try Data(contentsOf: file.url)), feed: .allAtOnce)
        #expect(outcome.error == nil && outcome.values.count == 1 && outcome.pendingBytes == 0)
        return try #require(outcome.values.first)
    }

    @Test func everyFixtureIsPresent() {
        // 686 files in four server folders; a missing folder means a broken copy.
        #expect(Self.files.count == 686)
        for server in ["redis-6.0.9/", "redis-6.2.14/", "redis-7.0.15/", "redis-8.2.3/"] {
            #expect(Self.files.contains { $0.name.hasPrefix(server) }, "\(server)")
        }
    }

    @Test(arguments: files.map(\.name))
    func parsesToItsEndInEveryFeed(name: String) throws {
        let url = try #require(Self.files.first { $0.name == name }).url
        let input = Array(try Data(contentsOf: url))
        let expected = parseAll(input, feed: .allAtOnce)
        #expect(expected.error == nil, "\(name)")
        #expect(expected.pendingBytes == 0, "\(name): bytes left over")
        if url.lastPathComponent.hasPrefix("psubscribe-") {
            #expect(expected.values.count >= 1, "\(name)")  // a stream of pub/sub messages
        } else {
            #expect(expected.values.count == 1, "\(name)")
        }
        for feed in Feed.all.dropFirst() {
            #expect(parseAll(input, feed: feed) == expected, "\(name) fed \(feed)")
        }
    }

    // MARK: - Semantic facts

    @Test func sentinelMasterMapAndFlatArrayGiveTheSamePairs() throws {
        let resp2 = try Self.load("redis-7.0.15/sentinel/sentinel-master.resp2")
        let resp3 = try Self.load("redis-7.0.15/sentinel/sentinel-master.resp3")
        guard case .map = resp3, case .array = resp2 else { Issue.record("expected a map and an array"); return }
        let pairs2 = try #require(resp2.pairs), pairs3 = try #require(resp3.pairs)
        #expect(pairs2.map { $0.key.string } == pairs3.map { $0.key.string })
        for key in ["name", "ip", "port", "quorum", "flags"] {
            let value2 = pairs2.first { $0.key.string == key }?.value.string
            #expect(value2 != nil && value2 == pairs3.first { $0.key.string == key }?.value.string, "\(key)")
        }
        #expect(pairs3.first { $0.key.string == "name" }?.value.string == "labmaster")
    }

    @Test func clusterShardsAgreeAcrossProtocols() throws {
        let resp2 = try #require(try Self.load("redis-7.0.15/cluster-healthy/cluster-shards.resp2").elements)
        let resp3 = try #require(try Self.load("redis-7.0.15/cluster-healthy/cluster-shards.resp3").elements)
        #expect(resp2.count == 3 && resp3.count == 3)
        for (shard2, shard3) in zip(resp2, resp3) {
            #expect(shard2.pairs?.map(\.key.string) == ["slots", "nodes"])
            #expect(shard3.pairs?.map(\.key.string) == ["slots", "nodes"])
        }
    }

    @Test func clusterNodesIsTextInBothProtocols() throws {
        let resp2 = try Self.load("redis-7.0.15/cluster-healthy/cluster-nodes.resp2")
        let resp3 = try Self.load("redis-7.0.15/cluster-healthy/cluster-nodes.resp3")
        guard case .bulkString = resp2, case .verbatim(let format, _) = resp3 else {
            Issue.record("expected a bulk string and a verbatim string"); return
        }
        #expect(format == "txt")
        let ids2 = try #require(resp2.string).split(separator: "\n").map { $0.prefix(40) }.sorted()
        let ids3 = try #require(resp3.string).split(separator: "\n").map { $0.prefix(40) }.sorted()
        #expect(ids2.count == 6 && ids2 == ids3)
    }

    @Test func nilsErrorsAndHello() throws {
        #expect(try Self.load("redis-7.0.15/cluster-healthy/get-nil.resp2") == .null)
        #expect(try Self.load("redis-7.0.15/cluster-healthy/get-nil.resp3") == .null)
        for name in ["moved.resp2", "moved.resp3"] {
            let moved = try Self.load("redis-7.0.15/cluster-healthy/" + name)
            #expect(moved.isError && moved.errorMessage?.hasPrefix("MOVED ") == true)
        }
        let hello2 = try #require(try Self.load("redis-7.0.15/cluster-healthy/hello-2.resp2").pairs)
        let hello3 = try #require(try Self.load("redis-7.0.15/cluster-healthy/hello-3.resp3").pairs)
        #expect(hello2.first { $0.key.string == "proto" }?.value == .integer(2))
        #expect(hello3.first { $0.key.string == "proto" }?.value == .integer(3))
        #expect(hello2.map(\.key) == hello3.map(\.key))
    }

    @Test func sentinelEventStreamHoldsPubSubMessages() throws {
        let file = try #require(Self.files.first { $0.name.hasPrefix("redis-7.0.15/sentinel-failover/psubscribe-") && $0.name.hasSuffix(".resp3") })
        let values = parseAll(Array(try Data(contentsOf: file.url)), feed: .allAtOnce).values
        #expect(values.count > 10)
        // RESP3 delivers pub/sub messages as pushes: pmessage, pattern, channel, payload.
        let channels = values.compactMap { value -> String? in
            guard case .push(let items) = value, items.first?.string == "pmessage", items.count == 4 else { return nil }
            return items[2].string
        }
        #expect(channels.contains("+switch-master"))
    }
}
