import Testing
import RESP

/// The one set of rules both error classifiers (Wire's and the model's) read error lines by.
@Suite struct ErrorLineTests {
    @Test(arguments: [
        ("-MOVED 3999 127.0.0.1:6381\r\n", RESPErrorLine.Kind.moved), ("ASK 12 ?:7002", .ask),
        ("CLUSTERDOWN Hash slot not served", .slotNotServed), ("CLUSTERDOWN The cluster is down", .clusterDown),
        ("TRYAGAIN Multiple keys request during rehashing of slot", .tryAgain), ("CROSSSLOT Keys in request don't hash to the same slot", .crossSlot),
        ("LOADING Redis is loading the dataset in memory", .loading), ("MASTERDOWN Link with MASTER is down", .masterDown),
        ("READONLY You can't write against a read only replica.", .readOnly), ("NOAUTH Authentication required.", .noAuth),
        ("WRONGPASS invalid username-password pair", .wrongPass), ("ERR invalid password", .wrongPass),
        ("NOPERM this user has no permissions", .noPerm), ("BUSYKEY Target key name already exists.", .busyKey),
        ("ERR unknown command 'HELLO', with args beginning with: ", .unknownCommand),
        ("ERR Unknown subcommand or wrong number of arguments for 'SHARDS'. Try CLUSTER HELP.", .unknownCommand),
        ("WRONGTYPE Operation against a key holding the wrong kind of value", .other),
        ("MOVED notaslot 127.0.0.1:1", .other), ("MOVED 1", .other),
    ])
    func kinds(line: String, kind: RESPErrorLine.Kind) {
        #expect(RESPErrorLine(line).kind == kind, "\(line)")
    }

    @Test func redirectAndMessage() {
        let moved = RESPErrorLine("-MOVED 3999 [::1]:6381\r\n")
        #expect(moved.redirect == .init(slot: 3999, endpoint: "[::1]:6381"))
        #expect(moved.message == "MOVED 3999 [::1]:6381")
        #expect(moved.code == "MOVED")
        #expect(RESPErrorLine("ERR x").redirect == nil)
    }
}
