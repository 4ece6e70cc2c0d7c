#if canImport(Glibc)
import Glibc
#endif
import RESP
import Synchronization
import Testing
@testable import Wire

/// A pub/sub server: HELLO (RESP3) or a RESP2 fallback, PSUBSCRIBE confirmed, then
/// `messages` published as pushes (RESP3) or `pmessage` arrays (RESP2). Returns after
/// the messages when `thenClose`, else serves PINGs until the client leaves.
private func servePubSub(_ peer: FakePeer, resp3: Bool, messages: [String], thenClose: Bool = false,
                         answerPings: Bool = true) {
    let header = resp3 ? ">" : "*"
    func bulk(_ text: String) -> String { "$\(text.utf8.count)\r\n\(text)\r\n" }
    while let command = peer.readCommand() {
        switch command.first?.uppercased() ?? "" {
        case "HELLO":
            peer.write(resp3 ? FakePeer.helloReply : "-ERR unknown command 'HELLO'\r\n")
        case "PSUBSCRIBE":
            var out = ""
            for (index, pattern) in command.dropFirst().enumerated() {
                out += "\(header)3\r\n" + bulk("psubscribe") + bulk(pattern) + ":\(index + 1)\r\n"
            }
            for message in messages {
                let channel = String(message.prefix { $0 != " " })
                let payload = String(message.dropFirst(channel.count + 1))
                out += "\(header)4\r\n" + bulk("pmessage") + bulk("*") + bulk(channel) + bulk(payload)
            }
            peer.write(out)
            if thenClose { return }
        case "PING":
            guard answerPings else { continue }
            peer.write(resp3 ? "+PONG\r\n" : "*2\r\n$4\r\npong\r\n$0\r\n\r\n")
        default:
            peer.answer(command)
        }
    }
}

/// The payload texts of `message` events, and a log of event kinds (`lost` with its error).
private func collect(_ subscription: Subscription, until done: ([String], [String]) -> Bool) async -> (kinds: [String], payloads: [String]) {
    var kinds: [String] = []
    var payloads: [String] = []
    var errors: [WireError] = []
    defer { lastErrors.withLock { $0 = errors } }
    for await event in subscription.events {
        switch event {
        case .subscribed: kinds.append("subscribed")
        case .message(let value, _):
            kinds.append("message")
            payloads.append(value.withoutAttributes.elements?.last?.string ?? "?")
        case .lost(let error):
            kinds.append("lost")
            errors.append(error)
        }
        if done(kinds, payloads) { break }
    }
    return (kinds, payloads)
}

/// The errors of the `.lost` events the last `collect` saw (per task: tests run in parallel).
private let lastErrors = Mutex<[WireError]>([])

// Timing bounds below are loose on purpose: the full suite starves a 2-core machine
// (pure parser tests take 8 s there). What they guard is "a backoff, not nothing" and
// "the keep-alive, not FakeServer's 10 s read timeout".
@Suite(.serialized) struct SubscriptionTests {
    @Test func resp3PushesArriveInOrder() async throws {
        let messages = (0..<200).map { "+sdown slave 127.0.0.1:\($0) 127.0.0.1 \($0) @ mymaster 127.0.0.1 6379" }
        let server = FakeServer { servePubSub($0, resp3: true, messages: messages) }
        defer { server.stop() }
        let subscription = Subscription(endpoint: server.endpoint, options: testOptions())
        defer { subscription.stop() }
        let (kinds, payloads) = await collect(subscription) { _, payloads in payloads.count == messages.count }
        #expect(kinds.first == "subscribed")
        #expect(payloads == messages.map { String($0.dropFirst("+sdown ".count)) })
        #expect(subscription.session?.protocolVersion == 3)
        #expect(server.receivedText.contains("PSUBSCRIBE\r\n$1\r\n*"))
    }

    @Test func resp2PmessageArraysArriveInOrder() async throws {
        let messages = ["+sdown master mymaster 127.0.0.1 6379", "+odown master mymaster 127.0.0.1 6379 #quorum 2/2",
                        "+switch-master mymaster 127.0.0.1 6379 127.0.0.1 6380"]
        let server = FakeServer { servePubSub($0, resp3: false, messages: messages) }
        defer { server.stop() }
        let subscription = Subscription(endpoint: server.endpoint, options: testOptions())
        defer { subscription.stop() }
        let (kinds, payloads) = await collect(subscription) { _, payloads in payloads.count == 3 }
        #expect(kinds == ["subscribed", "message", "message", "message"])
        #expect(payloads == ["master mymaster 127.0.0.1 6379", "master mymaster 127.0.0.1 6379 #quorum 2/2",
                             "mymaster 127.0.0.1 6379 127.0.0.1 6380"])
        #expect(subscription.session?.protocolVersion == 2)
    }

    @Test func resubscribesAfterTheServerCloses() async throws {
        let round = Atomic<Int>(0)
        let server = FakeServer { peer in
            let index = round.add(1, ordering: .sequentiallyConsistent).newValue
            servePubSub(peer, resp3: true, messages: ["+tilt #round \(index)"], thenClose: index == 1)
        }
        defer { server.stop() }
        let options = testOptions {
            $0.reconnectBackoffMin = .milliseconds(150)
            $0.reconnectBackoffMax = .milliseconds(150)
        }
        let subscription = Subscription(endpoint: server.endpoint, options: options)
        defer { subscription.stop() }
        let start = ContinuousClock.now
        let (kinds, payloads) = await collect(subscription) { _, payloads in payloads.count == 2 }
        #expect(kinds == ["subscribed", "message", "lost", "subscribed", "message"])
        #expect(payloads == ["#round 1", "#round 2"])
        #expect(server.connectionCount == 2)
        let took = ContinuousClock.now - start
        #expect(took >= .milliseconds(150) && took < .seconds(8))  // one backoff step, not a timeout
    }

    @Test func readOnlyModeAllowsPsubscribe() async throws {
        let server = FakeServer { servePubSub($0, resp3: true, messages: ["+monitor master x 127.0.0.1 1 quorum 1"]) }
        defer { server.stop() }
        let subscription = Subscription(endpoint: server.endpoint, options: testOptions { $0.readOnly = true })
        defer { subscription.stop() }
        let (kinds, _) = await collect(subscription) { _, payloads in payloads.count == 1 }
        #expect(kinds == ["subscribed", "message"])
    }

    @Test func quietStalledServerIsNoticedByKeepAlive() async throws {
        let server = FakeServer { servePubSub($0, resp3: true, messages: [], answerPings: false) }
        defer { server.stop() }
        let options = testOptions { $0.requestTimeout = .milliseconds(300) }
        let subscription = Subscription(endpoint: server.endpoint, options: options, keepAlive: .milliseconds(200))
        defer { subscription.stop() }
        let start = ContinuousClock.now
        let (kinds, _) = await collect(subscription) { kinds, _ in kinds.contains("lost") }
        #expect(kinds == ["subscribed", "lost"])
        #expect(ContinuousClock.now - start < .seconds(8))
        let errors = lastErrors.withLock { $0 }
        guard case .readTimeout(_, let command, _)? = errors.first else {
            Issue.record("expected the keep-alive PING to time out, got \(errors)")
            return
        }
        #expect(command == "PING")
        #expect(server.receivedText.contains("PING"))
    }

    @Test func stopFinishesTheStreamAndLeavesNothingOnTheLoop() async throws {
        let loop = IOLoop()
        let server = FakeServer { servePubSub($0, resp3: true, messages: []) }
        defer { server.stop() }
        let subscription = Subscription(endpoint: server.endpoint, options: testOptions(), loop: loop)
        var iterator = subscription.events.makeAsyncIterator()
        guard case .subscribed? = await iterator.next() else {
            Issue.record("expected .subscribed first")
            return
        }
        #expect(await loop.registeredClientCount() == 1)
        subscription.stop()
        let after = await iterator.next()
        #expect(after == nil ? true : false, "the stream finishes, with nothing after .subscribed")
        #expect(await loop.registeredClientCount() == 0)
    }

    @Test func droppingTheStreamStopsTheSubscription() async throws {
        let loop = IOLoop()
        let server = FakeServer { servePubSub($0, resp3: true, messages: ["+tilt #one"]) }
        defer { server.stop() }
        do {
            let subscription = Subscription(endpoint: server.endpoint, options: testOptions(), loop: loop)
            _ = await collect(subscription) { _, payloads in payloads.count == 1 }
        }
        for _ in 0..<50 where await loop.registeredClientCount() > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await loop.registeredClientCount() == 0)
    }
}
