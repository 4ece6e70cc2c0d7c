import RESP
import Testing

/// The command encoder and the redaction of secrets in logs.
@Suite struct CommandTests {
    @Test func encodesAsArrayOfBulkStrings() {
        let command = RESPCommand("CLUSTER", "SETSLOT", "10", "STABLE")
        #expect(command.encoded == bytes("*4\r\n$7\r\nCLUSTER\r\n$7\r\nSETSLOT\r\n$2\r\n10\r\n$6\r\nSTABLE\r\n"))
        #expect(command.name == "CLUSTER")
        #expect(command.subcommand == "SETSLOT")
        #expect(RESPCommand(arguments: []).encoded == bytes("*0\r\n"))
    }

    static let roundTrips: [[[UInt8]]] = [
        [bytes("PING")],
        [bytes("SET"), bytes("k"), []],
        [bytes("SET"), [0, 13, 10, 0xFF, 0xC3], Array(repeating: UInt8(ascii: "x"), count: 1000)],
        (0..<12).map { bytes("arg\($0)") },
        (0..<150).map { _ in [] },
    ]

    @Test(arguments: roundTrips)
    func parsesBackToItsArguments(_ arguments: [[UInt8]]) {
        let command = RESPCommand(arguments: arguments)
        var streamed: [UInt8] = bytes("+OK\r\n")
        command.encode(into: &streamed)
        for feed in Feed.all {
            let outcome = parseAll(streamed, feed: feed)
            #expect(outcome.values == [.simpleString("OK"), .array(arguments.map { .bulkString($0) })], "fed \(feed)")
            #expect(outcome.error == nil)
        }
    }

    @Test(arguments: [
        (["AUTH", "s3cret"], "AUTH ***"),
        (["auth", "default", "s3cret"], "auth *** ***"),
        (["HELLO", "3", "AUTH", "default", "s3cret"], "HELLO 3 AUTH default ***"),
        (["HELLO", "3", "auth", "user", "s3cret", "SETNAME", "slotscope"], "HELLO 3 auth user *** SETNAME slotscope"),
        (["HELLO", "3", "AUTH", "s3cret"], "HELLO 3 AUTH ***"),
        (["HELLO", "3"], "HELLO 3"),
        (["MIGRATE", "127.0.0.1", "7001", "", "0", "5000", "AUTH", "s3cret", "KEYS", "a", "b"],
         "MIGRATE 127.0.0.1 7001  0 5000 AUTH *** KEYS a b"),
        (["MIGRATE", "127.0.0.1", "7001", "", "0", "5000", "REPLACE", "AUTH2", "user", "s3cret", "KEYS", "a"],
         "MIGRATE 127.0.0.1 7001  0 5000 REPLACE AUTH2 user *** KEYS a"),
        (["CONFIG", "SET", "requirepass", "s3cret"], "CONFIG SET requirepass ***"),
        (["CONFIG", "SET", "maxmemory", "1gb", "masterauth", "s3cret"], "CONFIG SET maxmemory 1gb masterauth ***"),
        (["CONFIG", "GET", "requirepass"], "CONFIG GET requirepass"),
        (["SENTINEL", "SET", "labmaster", "auth-pass", "s3cret"], "SENTINEL SET labmaster auth-pass ***"),
        (["SENTINEL", "CONFIG", "SET", "sentinel-pass", "s3cret"], "SENTINEL CONFIG SET sentinel-pass ***"),
        (["ACL", "SETUSER", "slotscope", "on", ">s3cret", "+info"], "ACL SETUSER slotscope on >*** +info"),
        (["CLUSTER", "NODES"], "CLUSTER NODES"),
    ])
    func redactsSecrets(arguments: [String], shown: String) {
        let command = RESPCommand(arguments)
        #expect(command.description == shown)
        #expect(!command.description.contains("s3cret"))
        // The wire form keeps the secret: only logs are masked.
        #expect(String(decoding: command.encoded, as: UTF8.self).contains(arguments.last!))
    }
}
