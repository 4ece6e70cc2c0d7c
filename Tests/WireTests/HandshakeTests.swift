import RESP
import Testing
@testable import Wire

@Suite struct HandshakeTests {
    let endpoint = Endpoint(host: "127.0.0.1", port: 7000)

    func machine(_ change: (inout ConnectionOptions) -> Void = { _ in }) -> Handshake {
        var options = ConnectionOptions()
        change(&options)
        return Handshake(endpoint: endpoint, options: options)
    }

    @Test func helloCarriesAuthAndName() {
        var handshake = machine { $0.credentials = Credentials(user: "mon", password: "pw") }
        #expect(handshake.start() == .send([RESPCommand("HELLO", "3", "AUTH", "mon", "pw", "SETNAME", "slotscope")]))
        var anonymous = machine { $0.credentials = Credentials(password: "pw"); $0.clientName = nil }
        #expect(anonymous.start() == .send([RESPCommand("HELLO", "3", "AUTH", "default", "pw")]))
    }

    @Test func readsServerInfoFromHello() {
        var handshake = machine()
        _ = handshake.start()
        let reply = RESPValue.map([
            RESPPair(key: .bulkString(Array("server".utf8)), value: .bulkString(Array("valkey".utf8))),
            RESPPair(key: .bulkString(Array("version".utf8)), value: .bulkString(Array("8.0.1".utf8))),
            RESPPair(key: .bulkString(Array("proto".utf8)), value: .integer(3)),
            RESPPair(key: .bulkString(Array("id".utf8)), value: .integer(7)),
            RESPPair(key: .bulkString(Array("mode".utf8)), value: .bulkString(Array("cluster".utf8))),
            RESPPair(key: .bulkString(Array("role".utf8)), value: .bulkString(Array("replica".utf8))),
        ])
        #expect(handshake.receive([reply]) == .done(SessionInfo(protocolVersion: 3, server: "valkey", version: "8.0.1",
                                                               mode: "cluster", role: "replica", connectionID: 7)))
    }

    @Test(arguments: ["ERR unknown command 'HELLO', with args beginning with: '3' ", "NOPROTO unsupported protocol version",
                       "NOPERM this user has no permissions to run the 'hello' command"])
    func fallsBackToRESP2(_ error: String) {
        var handshake = machine { $0.credentials = Credentials(user: "mon", password: "pw") }
        _ = handshake.start()
        #expect(handshake.receive([.error(error)]) == .send([RESPCommand("AUTH", "mon", "pw"), RESPCommand("CLIENT", "SETNAME", "slotscope")]))
        #expect(handshake.receive([.simpleString("OK"), .simpleString("OK")]) == .done(SessionInfo(protocolVersion: 2)))
    }

    @Test func fallbackWithoutAnythingToSendIsDone() {
        var handshake = machine { $0.clientName = nil }
        _ = handshake.start()
        #expect(handshake.receive([.error("ERR unknown command 'HELLO'")]) == .done(SessionInfo(protocolVersion: 2)))
    }

    @Test func resp2OnlyStartsWithAuth() {
        var handshake = machine { $0.preferRESP3 = false; $0.credentials = Credentials(password: "pw") }
        #expect(handshake.start() == .send([RESPCommand("AUTH", "pw"), RESPCommand("CLIENT", "SETNAME", "slotscope")]))
        #expect(handshake.receive([.error("ERR invalid password"), .simpleString("OK")]) == .fail(.wrongPassword(endpoint, user: nil)))
    }

    @Test func authFailuresAreTyped() {
        var noAuth = machine()
        _ = noAuth.start()
        #expect(noAuth.receive([.error("NOAUTH HELLO must be called with the client already authenticated")])
                == .fail(.authenticationRequired(endpoint)))
        var wrong = machine { $0.credentials = Credentials(user: "mon", password: "bad") }
        _ = wrong.start()
        #expect(wrong.receive([.error("WRONGPASS invalid username-password pair or user is disabled.")])
                == .fail(.wrongPassword(endpoint, user: "mon")))
        var loading = machine()
        _ = loading.start()
        #expect(loading.receive([.error("LOADING Redis is loading the dataset in memory")]) == .fail(.loading(endpoint)))
    }

    @Test func permissionDeniedAfterFallbackIsTyped() {
        var handshake = machine { $0.credentials = Credentials(user: "mon", password: "pw") }
        _ = handshake.start()
        _ = handshake.receive([.error("NOPERM this user has no permissions to run the 'hello' command")])
        let refusal = "NOPERM this user has no permissions to run the 'auth' command"
        #expect(handshake.receive([.error(refusal), .simpleString("OK")]) == .fail(.permissionDenied(endpoint, message: refusal)))
    }

    @Test func failedSetNameIsIgnoredUnlessAuthIsMissing() {
        var handshake = machine { $0.preferRESP3 = false }
        _ = handshake.start()
        #expect(handshake.receive([.error("NOPERM this user has no permissions to run the 'client|setname' command")])
                == .done(SessionInfo(protocolVersion: 2)))
        var unauthenticated = machine { $0.preferRESP3 = false }
        _ = unauthenticated.start()
        #expect(unauthenticated.receive([.error("NOAUTH Authentication required.")]) == .fail(.authenticationRequired(endpoint)))
    }

    @Test func authWithoutServerPasswordIsHarmless() {
        var handshake = machine { $0.preferRESP3 = false; $0.credentials = Credentials(password: "pw") }
        _ = handshake.start()
        let reply = RESPValue.error("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?")
        #expect(handshake.receive([reply, .simpleString("OK")]) == .done(SessionInfo(protocolVersion: 2)))
    }
}
