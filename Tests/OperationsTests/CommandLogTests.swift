import Foundation
@testable import Operations
import RESP
import Testing
import Synchronization
import Wire

/// The command log: which commands it keeps, and how a line reads (passwords masked).
@Suite struct CommandLogTests {
    @Test func keepsWhatMayChangeAServerAndNothingElse() {
        let kept = [RESPCommand("CLUSTER", "FAILOVER", "FORCE"), RESPCommand("SENTINEL", "FAILOVER", "mymaster"),
                    RESPCommand("CLUSTER", "SETSLOT", "1", "STABLE"), RESPCommand("MIGRATE", "h", "1", "", "0", "5", "KEYS", "k"),
                    RESPCommand("CLUSTER", "FORGET", "abc"), RESPCommand("SET", "k", "v")]
        let dropped = [RESPCommand("CLUSTER", "NODES"), RESPCommand("INFO"), RESPCommand("ASKING"),
                       RESPCommand("CLUSTER", "GETKEYSINSLOT", "1", "10"), RESPCommand("DUMP", "k"),
                       RESPCommand("SENTINEL", "MASTERS"), RESPCommand("CLUSTER", "COUNTKEYSINSLOT", "1")]
        #expect(kept.allSatisfy(CommandLogFilter.keeps))
        #expect(!dropped.contains(where: CommandLogFilter.keeps))
    }

    @Test func aLineHasTheTimeTheEndpointTheMaskedCommandAndTheReply() {
        let endpoint = Endpoint(host: "127.0.0.1", port: 7001)
        let migrate = RESPCommand(["MIGRATE", "10.0.0.2", "6380", "", "0", "5000", "AUTH", "hunter2", "KEYS"]
                                  + (0..<30).map { "key\($0)" })
        let time = Date(timeIntervalSince1970: 1_800_000_000.25)
        let line = CommandLogFile.line(CommandLogEntry(endpoint: endpoint, command: migrate, outcome: .success(.simpleString("OK"))), at: time)
        // The password masked, and the batch as its key count (no key names in the log).
        #expect(line == "2027-01-15T08:00:00.250Z 127.0.0.1:7001 MIGRATE 10.0.0.2 6380 \"\" 0 5000 AUTH *** KEYS <30 key(s)> -> OK",
                "\(line)")
        let many = RESPCommand(["SET", "k", "v", "EX", "10"] + (0..<30).map { "opt\($0)" })
        let long = CommandLogFile.line(CommandLogEntry(endpoint: endpoint, command: many, outcome: .success(.simpleString("OK"))), at: time)
        #expect(long.hasSuffix(" … (11 more) -> OK"), "\(long)")
        let failed = CommandLogFile.line(CommandLogEntry(endpoint: endpoint, command: RESPCommand("CLUSTER", "FAILOVER"),
                                                         outcome: .success(.error("ERR You should send CLUSTER FAILOVER to a replica"))), at: time)
        #expect(failed.hasSuffix("CLUSTER FAILOVER -> (error) ERR You should send CLUSTER FAILOVER to a replica"))
    }

    @Test func everyChangingCommandOfAPipelineIsLoggedWithItsReply() {
        final class Memory: CommandLogging {
            let entries = Mutex<[String]>([])
            func record(_ entry: CommandLogEntry) { entries.withLock { $0.append(CommandLogFile.line(entry, at: Date())) } }
        }
        let memory = Memory()
        let commands = [RESPCommand("CLUSTER", "NODES"), RESPCommand("SET", "a", "1"), RESPCommand("GET", "a"),
                        RESPCommand("CLUSTER", "SETSLOT", "1", "STABLE")]
        memory.record(commands, to: Endpoint(host: "127.0.0.1", port: 1),
                      .success([.bulkString(Array("x".utf8)), .simpleString("OK"), .bulkString(Array("1".utf8)), .error("ERR nope")]))
        memory.record([RESPCommand("SET", "b", "2")], to: Endpoint(host: "127.0.0.1", port: 1),
                      .failure(.refusedInReadOnlyMode(command: "SET")))
        let lines = memory.entries.withLock { $0 }
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix(" 127.0.0.1:1 SET a 1 -> OK"))
        #expect(lines[1].hasSuffix(" 127.0.0.1:1 CLUSTER SETSLOT 1 STABLE -> (error) ERR nope"))
    }
}
