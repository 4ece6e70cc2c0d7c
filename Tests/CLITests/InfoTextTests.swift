import Testing
@testable import CLI

@Suite struct InfoTextTests {
    @Test func crlfLinesSectionsAndValuesWithColons() {
        let text = "# Server\r\nredis_version:7.0.15\r\nexecutable:/usr/bin/redis-server\r\n\r\n# Cluster\r\ncluster_state:ok\r\nslave0:ip=127.0.0.1,port=7001,state=online\r\n"
        let fields = InfoText.fields(text)
        #expect(fields["redis_version"] == "7.0.15")
        #expect(fields["cluster_state"] == "ok")
        #expect(fields["slave0"] == "ip=127.0.0.1,port=7001,state=online")
        #expect(fields.count == 4)
    }
}
