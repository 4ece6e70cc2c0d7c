import RESP
import Sandbox
import Testing
import Wire

/// The ACL that `slotscope acl` prints loads on a real server and allows exactly the reads.
@Suite struct MonitoringACLIntegrationTests {
    @Test func monitoringUserCanPollButNotChange() async throws {
        let (_, cluster) = try await SharedCluster.get()
        let node = cluster.masters[0]
        let admin = Connection(endpoint: endpoint(node), options: testOptions())
        let set = try await admin.send(RESPCommand(MonitoringACL.setUser("monitor-test", passwordPlaceholder: "mon-pw", sentinel: false)))
        #expect(set == .simpleString("OK"), "the server refused the printed ACL: \(set)")

        let monitor = Connection(endpoint: endpoint(node), options: testOptions(user: "monitor-test", password: "mon-pw"))
        for read in [["PING"], ["INFO"], ["ROLE"], ["DBSIZE"], ["CLUSTER", "INFO"], ["CLUSTER", "NODES"],
                     ["PUBSUB", "NUMSUB", "__sentinel__:hello"], ["CLIENT", "LIST"], ["CLUSTER", "SLOTS"], ["CLUSTER", "SHARDS"], ["CLUSTER", "MYID"], ["CLUSTER", "LINKS"],
                     ["CLUSTER", "COUNTKEYSINSLOT", "0"], ["CLUSTER", "COUNT-FAILURE-REPORTS", node.id]] {
            let answer = try await monitor.send(RESPCommand(read))
            #expect(!answer.isError, "\(read) → \(answer)")
        }
        let write = try await monitor.send(RESPCommand("CLUSTER", "SETSLOT", "0", "STABLE"))
        guard case .noPerm? = ServerError(write) else {
            Issue.record("CLUSTER SETSLOT was not refused with NOPERM: \(write)")
            return
        }
        _ = try await admin.send(RESPCommand("ACL", "DELUSER", "monitor-test"))
    }
}
