import ClusterModel
import Testing
@testable import Operations

@Suite struct ErrorExplanationTests {
    @Test(arguments: [
        ("MOVED 1545 10.244.3.239:6379", "MOVED"), ("(error) MOVED 3999 127.0.0.1:7002", "MOVED"),
        ("-ASK 10 127.0.0.1:7001", "ASK"), ("CLUSTERDOWN Hash slot not served", "CLUSTERDOWN Hash slot not served"),
        ("CLUSTERDOWN The cluster is down", "CLUSTERDOWN: the cluster is down"),
        ("io.lettuce.core.RedisException: Failed to refresh slots cache", "Failed to refresh slots cache"),
        ("Error: getaddrinfo: Temporary failure in name resolution", "Name resolution failed"),
        ("LOADING Redis is loading the dataset in memory", "LOADING"), ("READONLY You can't write against a read only replica.", "READONLY"),
        ("NOAUTH Authentication required.", "NOAUTH"), ("WRONGPASS invalid username-password pair or user is disabled.", "WRONGPASS"),
        ("NOPERM this user has no permissions to run the 'cluster|setslot' command", "NOPERM"),
        ("CROSSSLOT Keys in request don't hash to the same slot", "CROSSSLOT"), ("TRYAGAIN Multiple keys request during rehashing of slot", "TRYAGAIN"),
        ("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.", "MASTERDOWN"),
    ])
    func recognisesWhatUsersPaste(text: String, titlePrefix: String) throws {
        let explanation = try #require(ErrorExplanation.match(text))
        #expect(explanation.title.hasPrefix(titlePrefix), "\(explanation.title)")
        #expect(!explanation.causes.isEmpty)
    }

    @Test func movedCarriesTheSlotAndTheAddress() throws {
        let moved = try #require(ErrorExplanation.match("MOVED 1545 10.244.3.239:6379"))
        #expect(moved.slot == 1545)
        #expect(moved.address == NodeAddress(host: "10.244.3.239", port: 6379))
        #expect(moved.causes.contains { $0.confirmedBy.contains(.announcedAddressUnreachable) })
        let hostname = try #require(ErrorExplanation.match("MOVED 12182 redis-cluster-2.redis-headless:6379"))
        #expect(hostname.address == NodeAddress(host: "redis-cluster-2.redis-headless", port: 6379))
    }

    @Test func unknownTextIsNotGuessed() {
        #expect(ErrorExplanation.match("everything is fine") == nil)
        #expect(ErrorExplanation.match("") == nil)
    }
}
