import RESP
import Sandbox
import Testing
import Wire

/// The read-only guard refuses before a byte is written: the server never sees the command.
@Suite struct ReadOnlyGuardIntegrationTests {
    @Test func setSlotIsRefusedAndNeverReachesTheServer() async throws {
        let (_, cluster) = try await SharedCluster.get()
        // A node no other test sends SETSLOT to, so the statistic below is ours alone.
        let master = cluster.replicas[0]
        let readOnly = Connection(endpoint: endpoint(master), options: testOptions(readOnly: true))
        let observer = Connection(endpoint: endpoint(master), options: testOptions())

        // Other tests share this cluster (one sends a SETSLOT that an ACL rejects): compare
        // the statistic before and after rather than expecting it absent.
        let before = infoFields(try await observer.send(RESPCommand("INFO", "commandstats")))["cmdstat_cluster|setslot"]

        // Reads pass the guard.
        #expect(infoFields(try await readOnly.send(RESPCommand("CLUSTER", "INFO")))["cluster_state"] == "ok")

        let error = await wireError { try await readOnly.send(RESPCommand("CLUSTER", "SETSLOT", "0", "STABLE")) }
        #expect(error == .refusedInReadOnlyMode(command: "CLUSTER SETSLOT"), "got \(String(describing: error))")
        let pipelineError = await wireError {
            try await readOnly.pipeline([RESPCommand("PING"), RESPCommand("CLUSTER", "SETSLOT", "1", "STABLE")])
        }
        #expect(pipelineError == .refusedInReadOnlyMode(command: "CLUSTER SETSLOT"))

        let after = infoFields(try await observer.send(RESPCommand("INFO", "commandstats")))["cmdstat_cluster|setslot"]
        #expect(after == before, "the server saw CLUSTER SETSLOT: \(before ?? "none") → \(after ?? "none")")

        // Control: the same statistic does show a SETSLOT that is sent (a malformed one that
        // the server rejects, so the shared cluster stays as it is).
        let control = Connection(endpoint: endpoint(cluster.masters[1]), options: testOptions())
        let reply = try await control.send(RESPCommand("CLUSTER", "SETSLOT", "0", "NO-SUCH-STATE"))
        #expect(reply.isError)
        let controlStats = infoFields(try await control.send(RESPCommand("INFO", "commandstats")))
        #expect(controlStats["cmdstat_cluster|setslot"] != nil)
    }

    @Test(arguments: [
        ["SET", "k", "v"], ["FLUSHALL"], ["CONFIG", "SET", "maxmemory", "1"], ["CLUSTER", "FAILOVER"],
        ["CLUSTER", "FORGET", "abc"], ["MIGRATE", "127.0.0.1", "1", "", "0", "1000"], ["SHUTDOWN"],
        ["SENTINEL", "FAILOVER", "mymaster"], ["DEBUG", "SLEEP", "1"],
    ])
    func everyWriteIsRefusedInReadOnlyMode(arguments: [String]) async throws {
        let (_, cluster) = try await SharedCluster.get()
        let connection = Connection(endpoint: endpoint(cluster.masters[2]), options: testOptions(readOnly: true))
        let error = await wireError { try await connection.send(RESPCommand(arguments)) }
        guard case .refusedInReadOnlyMode = error else {
            Issue.record("\(arguments) was not refused: \(String(describing: error))")
            return
        }
    }
}
