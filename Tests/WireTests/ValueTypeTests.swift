import RESP
import Testing
@testable import Wire

@Suite struct EndpointTests {
    @Test func parsesHostAndPort() throws {
        #expect(try Endpoint(parsing: "127.0.0.1:7000") == Endpoint(host: "127.0.0.1", port: 7000))
        #expect(try Endpoint(parsing: " redis.local:6380 ") == Endpoint(host: "redis.local", port: 6380))
        #expect(try Endpoint(parsing: "redis.local", defaultPort: 6379) == Endpoint(host: "redis.local", port: 6379))
    }

    @Test func parsesIPv6() throws {
        #expect(try Endpoint(parsing: "[::1]:7000") == Endpoint(host: "::1", port: 7000))
        #expect(try Endpoint(parsing: "[fe80::1]", defaultPort: 6379) == Endpoint(host: "fe80::1", port: 6379))
        // Redis' own format (CLUSTER NODES, MOVED): split at the last colon.
        #expect(try Endpoint(parsing: "2001:db8::1:6379") == Endpoint(host: "2001:db8::1", port: 6379))
    }

    @Test func describesWithBracketsForIPv6() {
        #expect(Endpoint(host: "::1", port: 7000).description == "[::1]:7000")
        #expect(Endpoint(host: "10.0.0.1", port: 6379).description == "10.0.0.1:6379")
    }

    @Test func unknownEndpointHostIsKept() throws {
        #expect(try Endpoint(parsing: "?:6380") == Endpoint(host: "?", port: 6380))
    }

    @Test(arguments: ["", ":7000", "host:", "host:0", "host:65536", "host:70a", "host", "[::1", "[::1]x7000", "::1"])
    func rejectsBadInput(_ text: String) {
        #expect(throws: EndpointParseError.self) { try Endpoint(parsing: text) }
    }

    @Test func knowsIPLiterals() {
        #expect(Endpoint(host: "127.0.0.1", port: 1).isIPLiteral)
        #expect(Endpoint(host: "::1", port: 1).isIPLiteral)
        #expect(!Endpoint(host: "redis.local", port: 1).isIPLiteral)
    }
}

@Suite struct CredentialsTests {
    let credentials = Credentials(user: "alice", password: "hunter2-secret")

    @Test func neverShowsThePassword() {
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [credentials.description, credentials.debugDescription, String(describing: credentials),
                     String(reflecting: credentials), "\(credentials)", dumped,
                     String(describing: ConnectionOptions(credentials: credentials))] {
            #expect(!text.contains("hunter2"), "leaked in: \(text)")
        }
        #expect(credentials.description.contains("alice"))
    }

    @Test func handshakeCommandsAreRedactedInErrors() {
        let request = PendingRequest(commands: [RESPCommand("HELLO", "3", "AUTH", "alice", "hunter2-secret")], completion: nil)
        #expect(!request.awaitedCommandText.contains("hunter2"))
    }
}

@Suite struct ServerErrorTests {
    @Test func classifiesRedirections() {
        #expect(ServerError(.error("MOVED 3999 127.0.0.1:6381")) == .moved(slot: 3999, endpoint: Endpoint(host: "127.0.0.1", port: 6381)))
        #expect(ServerError(.error("ASK 12 ?:7002")) == .ask(slot: 12, endpoint: Endpoint(host: "?", port: 7002)))
        #expect(ServerError(.error("MOVED 1 [::1]:7000")) == .moved(slot: 1, endpoint: Endpoint(host: "::1", port: 7000)))
    }

    @Test func classifiesStates() {
        func kind(_ line: String) -> String {
            guard let error = ServerError(.error(line)) else { return "nil" }
            return String(String(describing: Mirror(reflecting: error).children.first?.label ?? "\(error)"))
        }
        #expect(kind("CLUSTERDOWN Hash slot not served") == "clusterDown")
        #expect(kind("TRYAGAIN Multiple keys request during rehashing of slot") == "tryAgain")
        #expect(kind("CROSSSLOT Keys in request don't hash to the same slot") == "crossSlot")
        #expect(kind("LOADING Redis is loading the dataset in memory") == "loading")
        #expect(kind("MASTERDOWN Link with MASTER is down") == "masterDown")
        #expect(kind("READONLY You can't write against a read only replica.") == "readOnlyReplica")
        #expect(kind("NOAUTH Authentication required.") == "noAuth")
        #expect(kind("WRONGPASS invalid username-password pair or user is disabled.") == "wrongPass")
        #expect(kind("ERR invalid password") == "wrongPass")
        #expect(kind("NOPERM this user has no permissions to run the 'cluster' command") == "noPerm")
        #expect(kind("BUSYKEY Target key name already exists.") == "busyKey")
        #expect(kind("ERR unknown command 'HELLO', with args beginning with: '3'") == "unknownCommand")
        #expect(kind("ERR unknown subcommand 'shards'. Try CLUSTER HELP.") == "unknownCommand")
        #expect(ServerError(.error("WRONGTYPE Operation against a key")) == .other(code: "WRONGTYPE", message: "WRONGTYPE Operation against a key"))
        #expect(ServerError(.blobError(Array("SYNTAX invalid".utf8))) == .other(code: "SYNTAX", message: "SYNTAX invalid"))
        #expect(ServerError(.simpleString("OK")) == nil)
    }
}

@Suite struct WireErrorTextTests {
    let endpoint = Endpoint(host: "127.0.0.1", port: 7000)

    @Test func saysWhatAndWhereOnOneLine() {
        #expect(WireError.connectionRefused(endpoint).description == "cannot connect to 127.0.0.1:7000: connection refused")
        #expect(WireError.readTimeout(endpoint, command: "CLUSTER NODES", after: .seconds(2)).description
                == "no reply from 127.0.0.1:7000 to CLUSTER NODES within 2s")
        #expect(WireError.dnsFailure(host: "redis-0.redis", message: "Temporary failure in name resolution").description
                == "cannot resolve redis-0.redis: Temporary failure in name resolution")
        #expect(WireError.connectTimeout(endpoint, stage: .tcp, after: .milliseconds(1500)).description
                == "cannot connect to 127.0.0.1:7000: timeout after 1.5s connecting")
        #expect(WireError.probablySpeaksTLS(endpoint).description.contains("probably speaks TLS — add --tls"))
        let all: [WireError] = [
            .connectionReset(endpoint), .connectionClosed(endpoint), .doesNotSpeakTLS(endpoint),
            .tlsHandshakeFailed(endpoint, reason: "x"), .tlsVerificationFailed(endpoint, reason: "certificate has expired"),
            .authenticationRequired(endpoint), .wrongPassword(endpoint, user: nil), .loading(endpoint),
            .replyTooLarge(endpoint, .bulkTooLong(length: 9, limit: 1)), .protocolError(endpoint, .missingTerminator),
            .refusedInReadOnlyMode(command: "CLUSTER SETSLOT"), .closed, .cancelled,
        ]
        for error in all { #expect(!error.description.contains("\n")) }
    }
}

@Suite struct ReadOnlyGuardTests {
    @Test func refusesWritesAndAdminCommands() {
        for command in [RESPCommand("SET", "k", "v"), RESPCommand("CLUSTER", "SETSLOT", "1", "STABLE"),
                        RESPCommand("CONFIG", "SET", "maxmemory", "1"), RESPCommand("SENTINEL", "FAILOVER", "m"),
                        RESPCommand("MIGRATE", "h", "1", "", "0", "10"), RESPCommand("SHUTDOWN"), RESPCommand("FLUSHALL")] {
            #expect(ReadOnlyGuard.refusal(for: [command], readOnly: true) != nil, "\(command)")
            #expect(ReadOnlyGuard.refusal(for: [command], readOnly: false) == nil)
        }
        #expect(ReadOnlyGuard.refusal(for: [RESPCommand("CLUSTER", "FORGET", "abc")], readOnly: true)
                == .refusedInReadOnlyMode(command: "CLUSTER FORGET"))
    }

    @Test func allowsReads() {
        for command in [RESPCommand("PING"), RESPCommand("HELLO", "3", "AUTH", "u", "p", "SETNAME", "slotscope"),
                        RESPCommand("CLUSTER", "NODES"), RESPCommand("info", "replication"), RESPCommand("CLIENT", "SETNAME", "x"),
                        RESPCommand("SENTINEL", "MASTERS"), RESPCommand("AUTH", "p")] {
            #expect(ReadOnlyGuard.refusal(for: [command], readOnly: true) == nil, "\(command)")
        }
    }

    @Test func oneRefusedCommandRefusesThePipeline() {
        #expect(ReadOnlyGuard.refusal(for: [RESPCommand("PING"), RESPCommand("DEL", "k")], readOnly: true)
                == .refusedInReadOnlyMode(command: "DEL"))
    }

    @Test func refusesEmptyCommands() {
        #expect(ReadOnlyGuard.refusal(for: [RESPCommand(arguments: [])], readOnly: false) == .emptyCommand)
    }
}
