import RESP
import Synchronization
import Testing
@testable import Wire

/// Requests go out right behind `HELLO` when no password is set (one round trip less per
/// connection), and wait for the handshake's verdict otherwise.
@Suite struct SpeculativeHandshakeTests {
    /// What the fake server read, shared with the test.
    final class Seen: Sendable {
        let commands = Mutex<[[String]]>([])
        let firstChunk = Mutex<[UInt8]>([])
        var names: [String] { commands.withLock { $0.map { $0.first ?? "" } } }
    }

    /// Reads the first command, then whatever else arrives before HELLO is answered.
    static func commandsBeforeHelloReply(_ peer: FakePeer, into seen: Seen, reply: String) {
        guard let hello = peer.readCommand() else { return }
        seen.commands.withLock { $0.append(hello) }
        // The client sends everything in one write: the PING is already buffered here.
        if let ping = peer.readCommand() { seen.commands.withLock { $0.append(ping) } }
        peer.write(reply)
        peer.write("+PONG\r\n")
        peer.stall()
    }

    @Test func withoutAPasswordTheCommandFollowsHelloBeforeItsReply() async throws {
        let seen = Seen()
        let server = FakeServer { peer in Self.commandsBeforeHelloReply(peer, into: seen, reply: FakePeer.helloReply) }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        defer { connection.close() }
        let reply = try await connection.send(RESPCommand("PING"))
        #expect(reply == .simpleString("PONG"))
        #expect(seen.names == ["HELLO", "PING"])
        #expect(connection.session?.protocolVersion == 3)
    }

    @Test func aServerWithoutHelloAnswersTheSpeculatedCommandInRESP2() async throws {
        let seen = Seen()
        let server = FakeServer { peer in
            Self.commandsBeforeHelloReply(peer, into: seen, reply: "-ERR unknown command 'HELLO', with args beginning with: '3'\r\n")
        }
        defer { server.stop() }
        // No client name: the RESP2 fallback has nothing to send.
        let connection = Connection(endpoint: server.endpoint, options: testOptions { $0.clientName = nil })
        defer { connection.close() }
        let reply = try await connection.send(RESPCommand("PING"))
        #expect(reply == .simpleString("PONG"))
        #expect(connection.session?.protocolVersion == 2)
    }

    @Test func withAPasswordNothingIsSentBeforeTheHandshakeIsAnswered() async throws {
        let firstRead = Seen()
        let server = FakeServer { peer in
            guard let chunk = peer.readRaw() else { return }
            firstRead.firstChunk.withLock { $0 = chunk }
            peer.write(FakePeer.helloReply)
            peer.serveLikeRedis()
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint,
                                    options: testOptions { $0.credentials = Credentials(password: "secret") })
        defer { connection.close() }
        let reply = try await connection.send(RESPCommand("PING"))
        #expect(reply == .simpleString("PONG"))
        let text = String(decoding: firstRead.firstChunk.withLock { $0 }, as: UTF8.self)
        #expect(text.contains("HELLO"))
        #expect(!text.contains("PING"))
    }

    @Test func connectStillWaitsForTheHandshakesVerdict() async throws {
        let server = FakeServer { peer in
            _ = peer.readCommand()
            peer.write("-NOAUTH HELLO must be called with the client already authenticated\r\n")
            peer.stall()
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        defer { connection.close() }
        await #expect(throws: WireError.authenticationRequired(server.endpoint)) { try await connection.connect() }
    }
}
