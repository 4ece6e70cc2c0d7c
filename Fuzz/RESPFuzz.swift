// libFuzzer entry for the RESP parser. Built by Fuzz/run.sh together with
// Sources/RESP/*.swift into one module, so it sees the parser exactly as shipped.
//
// Every input is parsed several ways — all at once, one byte at a time, and in
// splits chosen by a seed taken from the input — under generous and under tight
// limits. All ways must give the same values and the same error; a mismatch or
// a crash is a bug.

/// What one parse produced: every complete value, then the error if one stopped it.
struct Outcome: Equatable {
    var values: [String]  // described, so NaN compares equal to NaN
    var error: RESPParseError?
}

/// Parses `input` fed in chunks whose sizes come from `chunkSize`.
func parse(_ input: UnsafeBufferPointer<UInt8>, limits: RESPLimits, chunkSize: (Int) -> Int) -> Outcome {
    var parser = RESPParser(limits: limits)
    var outcome = Outcome(values: [], error: nil)
    var offset = 0
    var round = 0
    while offset < input.count {
        let size = Swift.max(1, Swift.min(chunkSize(round), input.count - offset))
        parser.append(UnsafeBufferPointer(rebasing: input[offset..<offset + size]))
        offset += size
        round += 1
        do {
            while let value = try parser.next() { outcome.values.append(String(describing: value)) }
        } catch {
            _ = error.description
            outcome.error = error
            return outcome
        }
    }
    return outcome
}

/// A tiny deterministic generator (SplitMix64) for split points.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let tightLimits = RESPLimits(maxDepth: 4, maxBulkLength: 64, maxAggregateLength: 16,
                             maxTotalElements: 40, maxBufferedBytes: 200, maxLineLength: 48)

func check(_ input: UnsafeBufferPointer<UInt8>, limits: RESPLimits) {
    let whole = parse(input, limits: limits) { _ in input.count }
    let bytewise = parse(input, limits: limits) { _ in 1 }
    var seed: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in input { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01b3 }
    var rng = SplitMix(state: seed)
    let random = parse(input, limits: limits) { _ in Int(rng.next() % 17) + 1 }
    if whole != bytewise || whole != random {
        fatalError("split mismatch:\n whole \(whole)\n bytes \(bytewise)\n random \(random)")
    }
}

/// Encoding a command and parsing it back gives the same arguments.
func roundTrip(_ input: UnsafeBufferPointer<UInt8>) {
    let arguments = input.split(separator: 0x20, omittingEmptySubsequences: false).map { Array($0) }
    let command = RESPCommand(arguments: arguments)
    _ = command.description
    var parser = RESPParser()
    parser.append(command.encoded)
    let expected = RESPValue.array(arguments.map { .bulkString($0) })
    guard let value = try? parser.next(), value == expected, parser.isIdle else {
        fatalError("command round trip failed for \(arguments)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    check(input, limits: .default)
    check(input, limits: tightLimits)
    if size <= 256 { roundTrip(input) }
    return 0
}
