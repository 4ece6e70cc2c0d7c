import RESP
import Testing

/// Every RESP2 and RESP3 type, each parsed all at once, byte by byte and in random splits.
@Suite struct ValueTypeTests {
    static let cases: [(wire: String, value: RESPValue)] = [
        // RESP2
        ("+OK\r\n", .simpleString("OK")),
        ("+\r\n", .simpleString("")),
        ("-ERR unknown command 'FOO'\r\n", .error("ERR unknown command 'FOO'")),
        ("-MOVED 3999 127.0.0.1:6381\r\n", .error("MOVED 3999 127.0.0.1:6381")),
        (":0\r\n", .integer(0)),
        (":-42\r\n", .integer(-42)),
        (":+7\r\n", .integer(7)),
        (":9223372036854775807\r\n", .integer(.max)),
        (":-9223372036854775808\r\n", .integer(.min)),
        ("$5\r\nhello\r\n", bulk("hello")),
        ("$0\r\n\r\n", bulk("")),
        ("$4\r\na\r\nb\r\n", bulk("a\r\nb")),
        ("$-1\r\n", .null),
        ("*-1\r\n", .null),
        ("*0\r\n", .array([])),
        ("*3\r\n:1\r\n$1\r\nx\r\n+y\r\n", .array([.integer(1), bulk("x"), .simpleString("y")])),
        ("*2\r\n*1\r\n:1\r\n*0\r\n", .array([.array([.integer(1)]), .array([])])),
        ("*2\r\n$-1\r\n*-1\r\n", .array([.null, .null])),
        // RESP3
        ("_\r\n", .null),
        ("#t\r\n", .boolean(true)),
        ("#f\r\n", .boolean(false)),
        (",3.14\r\n", .double(3.14)),
        (",-1.5e3\r\n", .double(-1500)),
        (",10\r\n", .double(10)),
        (",inf\r\n", .double(.infinity)),
        (",-inf\r\n", .double(-.infinity)),
        ("(3492890328409238509324850943850943825024385\r\n", .bigNumber("3492890328409238509324850943850943825024385")),
        ("(-12\r\n", .bigNumber("-12")),
        ("!21\r\nSYNTAX invalid syntax\r\n", .blobError(Array("SYNTAX invalid syntax".utf8))),
        ("=15\r\ntxt:Some string\r\n", .verbatim(format: "txt", text: Array("Some string".utf8))),
        ("=4\r\nmkd:\r\n", .verbatim(format: "mkd", text: [])),
        ("%2\r\n+a\r\n:1\r\n+b\r\n_\r\n", .map([RESPPair(key: .simpleString("a"), value: .integer(1)),
                                                RESPPair(key: .simpleString("b"), value: .null)])),
        ("%0\r\n", .map([])),
        ("~2\r\n:1\r\n:2\r\n", .set([.integer(1), .integer(2)])),
        ("~0\r\n", .set([])),
        (">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n", .push([bulk("message"), bulk("ch"), bulk("hi")])),
        (">0\r\n", .push([])),
        ("|1\r\n+ttl\r\n:3600\r\n+OK\r\n",
         .attributed(attributes: [RESPPair(key: .simpleString("ttl"), value: .integer(3600))], value: .simpleString("OK"))),
        ("|0\r\n:5\r\n", .attributed(attributes: [], value: .integer(5))),
        ("*2\r\n|1\r\n+k\r\n+v\r\n:1\r\n:2\r\n",
         .array([.attributed(attributes: [RESPPair(key: .simpleString("k"), value: .simpleString("v"))], value: .integer(1)),
                 .integer(2)])),
        ("%1\r\n*2\r\n:1\r\n:2\r\n~1\r\n#f\r\n",
         .map([RESPPair(key: .array([.integer(1), .integer(2)]), value: .set([.boolean(false)]))])),
    ]

    @Test(arguments: cases.indices)
    func parsesEveryFeed(index: Int) {
        let (wire, value) = Self.cases[index]
        for feed in Feed.all {
            let outcome = parseAll(bytes(wire), feed: feed)
            #expect(outcome == Outcome(values: [value], error: nil, pendingBytes: 0), "\(wire.debugDescription) fed \(feed)")
        }
    }

    @Test func nanDouble() throws {
        var parser = RESPParser()
        parser.append(bytes(",nan\r\n"))
        let value = try #require(try parser.next())
        guard case .double(let number) = value else { Issue.record("not a double: \(value)"); return }
        #expect(number.isNaN)
    }

    @Test func binaryBulkStringStaysBytes() throws {
        let payload: [UInt8] = [0, 0xFF, 13, 10, 0xC3]
        var parser = RESPParser()
        parser.append(bytes("$5\r\n") + payload + bytes("\r\n"))
        #expect(try parser.next() == .bulkString(payload))
        #expect(parser.isIdle)
    }

    @Test func everyAppendOverloadTakesTheSameBytes() throws {
        let wire = bytes("*2\r\n$3\r\nfoo\r\n:7\r\n")
        let expected = RESPValue.array([bulk("foo"), .integer(7)])
        var parsers = [RESPParser](repeating: RESPParser(), count: 5)
        parsers[0].append(wire)
        wire.withUnsafeBytes { parsers[1].append($0) }
        wire.withUnsafeBufferPointer { parsers[2].append($0) }
        parsers[3].append(wire[...])
        parsers[4].append("*2\r\n$3\r\nfoo\r\n:7\r\n".utf8)
        for index in parsers.indices {
            #expect(try parsers[index].next() == expected, "overload \(index)")
            #expect(parsers[index].isIdle)
        }
    }

    @Test func pipelinedRepliesComeOutInOrder() {
        let wire = Self.cases.map(\.wire).joined()
        for feed in Feed.all {
            #expect(parseAll(bytes(wire), feed: feed) == Outcome(values: Self.cases.map(\.value), error: nil, pendingBytes: 0),
                    "fed \(feed)")
        }
    }

    @Test func helpers() {
        let map = RESPValue.map([RESPPair(key: bulk("a"), value: .integer(1))])
        #expect(map.elements == [bulk("a"), .integer(1)])
        #expect(map.pairs == [RESPPair(key: bulk("a"), value: .integer(1))])
        #expect(RESPValue.array([bulk("a"), .integer(1)]).pairs == map.pairs)
        #expect(RESPValue.array([bulk("a")]).pairs == nil)
        #expect(RESPValue.error("MOVED 1 h:1").isError)
        #expect(RESPValue.blobError(Array("X y".utf8)).errorMessage == "X y")
        #expect(bulk("42").integer == 42)
        #expect(RESPValue.verbatim(format: "txt", text: Array("hi".utf8)).string == "hi")
        let attributed = RESPValue.attributed(attributes: [], value: .integer(3))
        #expect(attributed.integer == 3)
        #expect(attributed.withoutAttributes == .integer(3))
        #expect(RESPValue.simpleString("OK").bytes == Array("OK".utf8))
    }
}
