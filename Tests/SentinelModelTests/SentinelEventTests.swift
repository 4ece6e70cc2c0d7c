import RESP
import Testing
@testable import ClusterModel

@Suite("Sentinel events from real PSUBSCRIBE streams")
struct SentinelEventTests {
    static func streams(_ version: String) throws -> [String] {
        try Fixture.files(version, "sentinel-failover", suffix: "").filter { $0.hasPrefix("psubscribe-") }
    }

    @Test("Every stream parses to its end, each frame to a typed message", arguments: Fixture.versions)
    func everyStreamParses(version: String) throws {
        let files = try Self.streams(version)
        #expect(files.count == 6)
        var lines = try Fixture.eventLines(version, proto: "resp2")
        lines += try Fixture.eventLines(version, proto: "resp3")
        for file in files {
            let frames = try Fixture.frames(version, "sentinel-failover/\(file)")
            let messages = try frames.map(SentinelMessage.init(frame:))
            let expected = lines.filter { $0.file == file }
            #expect(messages.count == expected.count, "\(file)")
            for (message, line) in zip(messages, expected) {
                switch message {
                case .subscription(let kind, let channel, let count):
                    #expect(line.kind == "psubscribe")
                    #expect(kind == "psubscribe" && channel == "*" && count == 1)
                case .event(let event):
                    #expect(line.kind == "pmessage")
                    #expect(event.type.rawValue == line.channel)
                    #expect(event.type.isKnown, "\(event.type) is in the documented list")
                    #expect(event.extra == nil, "\(event) fully understood")
                case .hello, .other:
                    Issue.record("unexpected \(message) in \(file)")
                }
            }
        }
    }

    @Test("RESP2 arrays and RESP3 pushes give the same events", arguments: Fixture.versions)
    func sameEventsBothProtocols(version: String) throws {
        for file in try Self.streams(version) where file.hasSuffix(".resp2") {
            let resp2 = try Fixture.frames(version, "sentinel-failover/\(file)").map(SentinelMessage.init(frame:))
            let resp3 = try Fixture.frames(version, "sentinel-failover/\(file.dropLast(6)).resp3").map(SentinelMessage.init(frame:))
            #expect(resp2.count == resp3.count)
            #expect(resp2 == resp3, "\(file)")
        }
    }

    @Test("Payloads of each shape", arguments: Fixture.versions)
    func payloadShapes(version: String) throws {
        let port = SentinelReplyTests.masterPort(version)
        let old = NodeAddress(host: "127.0.0.1", port: port)
        var events: [SentinelEvent] = []
        for file in try Self.streams(version) where file.hasSuffix(".resp3") {
            events += try Fixture.frames(version, "sentinel-failover/\(file)").compactMap { try SentinelMessage(frame: $0).event }
        }
        let sdown = try #require(events.first { $0.type == .sdown })
        #expect(sdown.instance == SentinelInstance(kind: .master, name: "labmaster", address: old))
        #expect(sdown.masterName == "labmaster" && sdown.masterAddress == old)

        let odowns = events.filter { $0.type == .odown }
        #expect(!odowns.isEmpty)
        #expect(odowns.allSatisfy { $0.quorum?.required == 2 && ($0.quorum?.agreeing ?? 0) >= 2 })

        let switches = events.filter { $0.type == .switchMaster }
        #expect(switches.count == 3) // one per sentinel
        let change = try #require(switches.first?.masterSwitch)
        #expect(change.from == old)
        #expect(switches.allSatisfy { $0.masterSwitch == change && $0.masterName == "labmaster" })

        let votes = events.filter { $0.type == .voteForLeader }
        #expect(votes.count == 3)
        #expect(Set(votes.compactMap(\.leaderRunID)).count == 1)
        #expect(votes.allSatisfy { $0.epoch == 1 && $0.masterName == nil })
        #expect(events.filter { $0.type == .newEpoch }.allSatisfy { $0.epoch == 1 })

        let promoted = try #require(events.first { $0.type == .promotedSlave })
        #expect(promoted.instance?.kind == .replica)
        #expect(promoted.instance?.address == change.to)
        #expect(promoted.masterAddress == old)

        let roleChanges = events.filter { $0.type == .roleChangeCleared || $0.type == .roleChange }
        #expect(roleChanges.allSatisfy { $0.newReportedRole == "master" || $0.newReportedRole == "slave" })
        let update = try #require(events.first { $0.type == .configUpdateFrom })
        #expect(update.instance?.kind == .sentinel)
        #expect(update.instance?.name == votes.first?.leaderRunID)
        let converted = try #require(events.first { $0.type == .convertToSlave })
        #expect(converted.instance?.address == old)
        #expect(converted.masterAddress == change.to)
    }

    @Test func unknownTypesAndOddPayloadsAreKept() throws {
        let odd = SentinelEvent(type: "+brand-new-thing", parsing: "master g 10.0.0.1 6379 some new words")
        #expect(odd.type.isKnown == false)
        #expect(odd.instance?.kind == .master)
        #expect(odd.extra == "some new words")
        let tilt = SentinelEvent(type: .tilt, parsing: "#tilt mode entered")
        #expect(tilt.instance == nil && tilt.extra == "#tilt mode entered")
        let set = SentinelEvent(type: .set, parsing: "master g 10.0.0.1 6379 down-after-milliseconds 1000")
        #expect(set.masterName == "g" && set.extra == "down-after-milliseconds 1000")
        let garbage = SentinelEvent(type: .switchMaster, parsing: "g 1.2.3.4 notaport")
        #expect(garbage.masterSwitch == nil && garbage.extra == "g 1.2.3.4 notaport")
        let empty = SentinelEvent(type: .newEpoch, parsing: "")
        #expect(empty.epoch == nil && empty.extra == nil)
        let v6 = SentinelEvent(type: .sdown, parsing: "slave [::1]:6380 ::1 6380 @ g ::1 6379")
        #expect(v6.instance?.address == NodeAddress(host: "::1", port: 6380))
        #expect(v6.masterAddress == NodeAddress(host: "::1", port: 6379))
    }

    @Test func helloGossipAndOtherFrames() throws {
        func bulk(_ s: String) -> RESPValue { .bulkString(Array(s.utf8)) }
        let hello = try SentinelMessage(frame: .push([bulk("pmessage"), bulk("*"), bulk("__sentinel__:hello"),
                                                      bulk("127.0.0.1,26379,abc,7,mymaster,10.0.0.1,6379,7")]))
        guard case .hello(let gossip) = hello else { Issue.record("not a hello: \(hello)"); return }
        #expect(gossip.sentinel == NodeAddress(host: "127.0.0.1", port: 26379))
        #expect(gossip.runID == "abc" && gossip.currentEpoch == 7 && gossip.masterConfigEpoch == 7)
        #expect(gossip.masterName == "mymaster" && gossip.masterAddress == NodeAddress(host: "10.0.0.1", port: 6379))
        #expect(hello.event == nil)

        let brokenHello = try SentinelMessage(frame: .array([bulk("message"), bulk("__sentinel__:hello"), bulk("x,y")]))
        #expect(brokenHello == .other(channel: "__sentinel__:hello", payload: "x,y"))
        let plain = try SentinelMessage(frame: .array([bulk("message"), bulk("news"), bulk("hi")]))
        #expect(plain == .other(channel: "news", payload: "hi"))

        #expect(throws: ModelParseError.self) { try SentinelMessage(frame: .integer(1)) }
        #expect(throws: ModelParseError.self) { try SentinelMessage(frame: .array([bulk("pmessage"), bulk("*")])) }
        #expect(throws: ModelParseError.self) { try SentinelMessage(frame: .array([bulk("pong"), bulk("")])) }
        #expect(throws: ModelParseError.self) { try SentinelMessage(frame: .error("ERR wrong")) }
    }
}
