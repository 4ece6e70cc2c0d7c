import ClusterModel
import RESP
import Testing
@testable import Operations

/// Which views discovery parses in full: only those that may name a node the seed does not.
@Suite struct DiscoveryTests {
    func poll(_ lines: [String]) -> NodePoll {
        let text = lines.joined(separator: "\n") + "\n"
        return NodePoll(address: NodeAddress(host: "127.0.0.1", port: 7001), time: Timestamp(milliseconds: 0),
                        outcome: .replied(NodeReplies(clusterNodes: .bulkString(Array(text.utf8)))))
    }

    let a = "07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460"
    let b = "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:7001@17001 master - 0 0 2 connected 5461-10922"
    let c = "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:7002@17002 master - 0 0 3 connected 10923-16383"
    let d = "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:7003@17003 slave 07c37dfeb235213a872192d90877d0cd55635b91 0 0 1 connected"

    @Test func aViewOfTheSeedsSizeIsNotParsedAgain() {
        #expect(ClusterPoller.viewWorthParsing(poll([a, b, c]), comparedWith: 3) == nil)
    }

    @Test func aViewNamingMoreNodesIsParsedAndYieldsTheNewOne() throws {
        let view = try #require(ClusterPoller.viewWorthParsing(poll([a, b, c, d]), comparedWith: 3))
        let addresses = ClusterPoller.addresses(in: view).map(\.0)
        #expect(addresses.contains(NodeAddress(host: "127.0.0.1", port: 7003)))
    }

    @Test func withoutASeedViewEveryViewIsParsed() {
        #expect(ClusterPoller.viewWorthParsing(poll([a, b, c]), comparedWith: nil) != nil)
    }

    @Test func errorRepliesAreNotViews() {
        let failed = NodePoll(address: NodeAddress(host: "127.0.0.1", port: 7001), time: Timestamp(milliseconds: 0),
                              outcome: .replied(NodeReplies(clusterNodes: .error("LOADING Redis is loading"))))
        #expect(ClusterPoller.viewWorthParsing(failed, comparedWith: 3) == nil)
    }
}
