import RESP
import Testing

/// Hostile and broken input: each gives its typed error, the same however it is split.
@Suite struct ErrorTests {
    struct Case: CustomStringConvertible, Sendable {
        var wire: [UInt8]
        var limits: RESPLimits = .default
        var error: RESPParseError
        /// Values complete before the bad one.
        var before: [RESPValue] = []
        var description: String { String(decoding: wire.prefix(60), as: UTF8.self).debugDescription }

        init(_ wire: String, _ error: RESPParseError, limits: RESPLimits = .default, before: [RESPValue] = []) {
            self.init(Array(wire.utf8), error, limits: limits, before: before)
        }

        init(_ wire: [UInt8], _ error: RESPParseError, limits: RESPLimits = .default, before: [RESPValue] = []) {
            self.wire = wire
            self.error = error
            self.limits = limits
            self.before = before
        }
    }

    static let unlimited = RESPLimits(maxDepth: 64, maxBulkLength: .max, maxAggregateLength: .max,
                                      maxTotalElements: .max, maxBufferedBytes: .max, maxLineLength: .max)
    static let small = RESPLimits(maxDepth: 3, maxBulkLength: 16, maxAggregateLength: 8,
                                  maxTotalElements: 10, maxBufferedBytes: 64, maxLineLength: 20)

    static let cases: [Case] = [
        // Garbage: not RESP at all.
        Case("hello\r\n", .unknownType(byte: UInt8(ascii: "h"))),
        Case("HTTP/1.1 400 Bad Request\r\n\r\n", .unknownType(byte: UInt8(ascii: "H"))),
        Case([0x16, 0x03, 0x01, 0x00, 0xA5], .unknownType(byte: 0x16)),  // a TLS handshake
        Case("\r\n", .unknownType(byte: 13)),
        Case("+OK\r\n:1\r\n?x\r\n", .unknownType(byte: UInt8(ascii: "?")), before: [.simpleString("OK"), .integer(1)]),
        Case("*2\r\n:1\r\n@\r\n", .unknownType(byte: UInt8(ascii: "@"))),
        // Numbers.
        Case(":12a\r\n", .invalidNumber("12a")),
        Case(":\r\n", .invalidNumber("")),
        Case(":-\r\n", .invalidNumber("-")),
        Case(": 1\r\n", .invalidNumber(" 1")),
        Case(":9223372036854775808\r\n", .invalidNumber("9223372036854775808")),
        Case(":-9223372036854775809\r\n", .invalidNumber("-9223372036854775809")),
        Case("$abc\r\nabc\r\n", .invalidNumber("abc")),
        Case("*1x\r\n", .invalidNumber("1x")),
        Case(":" + String(repeating: "0", count: 40) + "\r\n", .invalidNumber(String(repeating: "0", count: 33))),
        Case("$" + String(repeating: "9", count: 200), .invalidNumber(String(repeating: "9", count: 33))),
        // Negative lengths.
        Case("$-2\r\n", .negativeLength(-2)),
        Case("*-5\r\n", .negativeLength(-5)),
        Case("=-1\r\n", .negativeLength(-1)),
        Case("!-1\r\n", .negativeLength(-1)),
        Case("%-1\r\n", .negativeLength(-1)),
        Case("~-1\r\n", .negativeLength(-1)),
        Case(">-1\r\n", .negativeLength(-1)),
        Case("|-1\r\n", .negativeLength(-1)),
        Case("$-9223372036854775808\r\n", .negativeLength(.min)),
        // Oversized: refused from the header, before any payload arrives.
        Case("$9223372036854775807\r\n", .bulkTooLong(length: .max, limit: 64 << 20)),
        Case("$67108865\r\n", .bulkTooLong(length: 67_108_865, limit: 64 << 20)),
        Case("=17\r\n", .bulkTooLong(length: 17, limit: 16), limits: small),
        Case("*9223372036854775807\r\n", .aggregateTooLong(count: .max, limit: 1 << 22)),
        Case("*9\r\n", .aggregateTooLong(count: 9, limit: 8), limits: small),
        Case("%5\r\n", .aggregateTooLong(count: 5, limit: 8), limits: small),
        Case("|4\r\n", .aggregateTooLong(count: 4, limit: 8), limits: small),
        // Huge limits: arithmetic on lengths must not overflow.
        Case("$9223372036854775807\r\n", .replyTooLarge(limit: .max), limits: unlimited),
        Case("%9223372036854775807\r\n", .aggregateTooLong(count: .max, limit: .max), limits: unlimited),
        Case("|4611686018427387904\r\n", .aggregateTooLong(count: 4_611_686_018_427_387_904, limit: .max), limits: unlimited),
        // Too many elements in one reply, at every depth together.
        Case("*5\r\n*6\r\n", .tooManyElements(limit: 10), limits: small),
        Case("*8\r\n*2\r\n:1\r\n:2\r\n*1\r\n", .tooManyElements(limit: 10), limits: small),
        Case("%4\r\n:1\r\n*3\r\n", .tooManyElements(limit: 10), limits: small),
        // Too deep.
        Case(String(repeating: "*1\r\n", count: 33) + ":1\r\n", .tooDeep(limit: 32)),
        Case("*1\r\n%1\r\n~1\r\n>1\r\n", .tooDeep(limit: 3), limits: small),
        Case("|1\r\n+a\r\n*1\r\n*1\r\n*1\r\n", .tooDeep(limit: 3), limits: small),
        // One reply larger than maxBufferedBytes, in pieces each within the other limits.
        Case("*8\r\n$16\r\n0123456789abcdef\r\n$16\r\n0123456789abcdef\r\n$16\r\n", .replyTooLarge(limit: 64), limits: small),
        Case("*8\r\n" + String(repeating: ":1234567\r\n", count: 6) + "+0123456789\r\n", .replyTooLarge(limit: 64), limits: small),
        // Within the limit per reply, however many replies come in a row.
        Case(String(repeating: "$16\r\n0123456789abcdef\r\n", count: 10) + "+" + String(repeating: "x", count: 21) + "\r\n",
             .lineTooLong(limit: 20), limits: small, before: Array(repeating: bulk("0123456789abcdef"), count: 10)),
        // Lines without CRLF.
        Case("+" + String(repeating: "x", count: 21), .lineTooLong(limit: 20), limits: small),
        Case("-" + String(repeating: "x", count: 30) + "\r\n", .lineTooLong(limit: 20), limits: small),
        Case("+OK\rX\n", .missingTerminator),
        Case("$3\r\nabcd\r\n", .missingTerminator),
        Case("$3\r\nabc\n\r", .missingTerminator),
        Case("*1\r\n$1\r\nabc", .missingTerminator),
        // RESP3 line types.
        Case(",abc\r\n", .invalidDouble("abc")),
        Case(",\r\n", .invalidDouble("")),
        Case(",0x10\r\n", .invalidDouble("0x10")),
        Case(",infinity\r\n", .invalidDouble("infinity")),
        Case(", 1\r\n", .invalidDouble(" 1")),
        Case(",1.2.3\r\n", .invalidDouble("1.2.3")),
        Case(",e\r\n", .invalidDouble("e")),
        Case("#x\r\n", .invalidBoolean("x")),
        Case("#tt\r\n", .invalidBoolean("tt")),
        Case("#\r\n", .invalidBoolean("")),
        Case("_x\r\n", .invalidLine("x")),
        Case("(12a\r\n", .invalidLine("12a")),
        Case("(\r\n", .invalidLine("")),
        Case("=3\r\ntxt\r\n", .invalidVerbatim),
        Case("=4\r\ntxt-\r\n", .invalidVerbatim),
        // Streamed strings and aggregates.
        Case("$?\r\n;4\r\nHell\r\n;0\r\n", .streamedValueUnsupported),
        Case("*?\r\n:1\r\n.\r\n", .streamedValueUnsupported),
        Case("%?\r\n", .streamedValueUnsupported),
        Case("~?\r\n", .streamedValueUnsupported),
        Case(";4\r\nHell\r\n", .streamedValueUnsupported),
        Case(".\r\n", .streamedValueUnsupported),
        Case("*2\r\n:1\r\n.\r\n", .streamedValueUnsupported),
    ]

    @Test(arguments: cases)
    func typedErrorInEveryFeed(_ test: Case) {
        for feed in Feed.all {
            let outcome = parseAll(test.wire, feed: feed, limits: test.limits)
            #expect(outcome.values == test.before, "fed \(feed)")
            #expect(outcome.error == test.error, "fed \(feed)")
        }
    }

    @Test func errorsAreSticky() {
        var parser = RESPParser()
        parser.append(bytes("?\r\n"))
        #expect(throws: RESPParseError.unknownType(byte: UInt8(ascii: "?"))) { try parser.next() }
        parser.append(bytes("+OK\r\n"))
        #expect(throws: RESPParseError.unknownType(byte: UInt8(ascii: "?"))) { try parser.next() }
    }

    @Test func errorsDescribeThemselves() {
        for test in Self.cases { #expect(!test.error.description.isEmpty) }
        #expect(RESPParseError.unknownType(byte: 0x16).description.contains("0x16"))
        let long = RESPParseError.invalidNumber(String(repeating: "9", count: 1000)).description
        #expect(long.count < 100)
    }

    /// Every strict prefix of a valid reply waits for more bytes: nil, no error.
    @Test(arguments: ValueTypeTests.cases.indices)
    func truncatedRepliesWait(index: Int) throws {
        let (wire, value) = ValueTypeTests.cases[index]
        let whole = bytes(wire)
        for cut in 0..<whole.count {
            var parser = RESPParser()
            parser.append(whole[..<cut])
            #expect(try parser.next() == nil, "cut at \(cut) of \(wire.debugDescription)")
            #expect(cut == 0 || !parser.isIdle)
            parser.append(whole[cut...])
            #expect(try parser.next() == value)
            #expect(parser.isIdle)
        }
    }

    /// Headers announcing huge values within the limits wait for their bytes; storage
    /// grows only with the bytes that actually arrive.
    @Test func hugeHeadersWaitWithoutFailing() throws {
        var parser = RESPParser()
        parser.append(bytes("*4194304\r\n$67108864\r\nabc"))
        #expect(try parser.next() == nil)
        #expect(!parser.isIdle)
    }

    /// A line trickling in one byte at a time is scanned once: this finishes quickly
    /// (a re-scan on every byte would take ~10^11 steps).
    @Test func longLineByteByByte() throws {
        var parser = RESPParser(limits: RESPLimits(maxLineLength: 1 << 20))
        parser.append(bytes("+"))
        var early = 0
        for _ in 0..<(1 << 19) {
            parser.append(CollectionOfOne(UInt8(ascii: "x")))
            if try parser.next() != nil { early += 1 }
        }
        #expect(early == 0)
        parser.append(bytes("\r\n"))
        #expect(try parser.next() == .simpleString(String(repeating: "x", count: 1 << 19)))
    }
}
