import RESP
import Testing
@testable import Wire

@Suite struct AddressMapTests {
    @Test func mapsEndpointsHostsAndNetworks() throws {
        let map = try AddressMap(["10.244.3.239:6379=127.0.0.1:7001", "10.244.3.240=127.0.0.2",
                                  "10.244.0.0/16=127.0.0.3", "10.244.9.0/24=127.0.0.4", "[fd00::1]:6379=[::1]:7005"])
        #expect(map.map(Endpoint(host: "10.244.3.239", port: 6379)) == Endpoint(host: "127.0.0.1", port: 7001))
        #expect(map.map(Endpoint(host: "10.244.3.239", port: 6380)) == Endpoint(host: "127.0.0.3", port: 6380))
        #expect(map.map(Endpoint(host: "10.244.3.240", port: 6379)) == Endpoint(host: "127.0.0.2", port: 6379))
        #expect(map.map(Endpoint(host: "10.244.9.7", port: 6379)) == Endpoint(host: "127.0.0.4", port: 6379))  // longest prefix
        #expect(map.map(Endpoint(host: "10.245.0.1", port: 6379)) == Endpoint(host: "10.245.0.1", port: 6379))
        #expect(map.map(Endpoint(host: "fd00::1", port: 6379)) == Endpoint(host: "::1", port: 7005))
        #expect(map.map(Endpoint(host: "redis-0.redis", port: 6379)) == Endpoint(host: "redis-0.redis", port: 6379))
        #expect(AddressMap.identity.map(Endpoint(host: "10.0.0.1", port: 1)) == Endpoint(host: "10.0.0.1", port: 1))
    }

    @Test func describesRulesAsGiven() throws {
        let map = try AddressMap(["10.244.0.0/16=127.0.0.1", "10.0.0.5:6379=127.0.0.1:7000", "node-a=localhost"])
        #expect(map.rules.map(\.description) == ["10.244.0.0/16=127.0.0.1", "10.0.0.5:6379=127.0.0.1:7000", "node-a=localhost"])
    }

    @Test(arguments: ["10.0.0.1", "10.0.0.0/33=127.0.0.1", "10.0.0.0/x=127.0.0.1", "a=", "=b", "10.0.0.1:6379=host:0"])
    func rejectsBadRules(_ text: String) {
        #expect(throws: EndpointParseError.self) { try AddressMap([text]) }
    }

    @Test func poolDialsTheMappedAddress() async throws {
        let server = FakeServer { $0.serveLikeRedis() }
        defer { server.stop() }
        let announced = Endpoint(host: "10.244.3.239", port: 6379)
        let pool = ConnectionPool(options: testOptions(), addressMap: try AddressMap(["\(announced)=\(server.endpoint)"]))
        defer { pool.closeAll() }
        let results = await pool.fanOut(RESPCommand("PING"), to: [announced])
        #expect(try results[announced]?.get() == .simpleString("PONG"))
        #expect(pool.connection(to: announced).endpoint == server.endpoint)
    }
}
