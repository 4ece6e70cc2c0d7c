import Foundation
import RESP

/// What parsing a byte stream produced: every complete value, then the error that stopped it.
struct Outcome: Equatable, CustomStringConvertible {
    var values: [RESPValue]
    var error: RESPParseError?
    /// Bytes left over that did not make a complete value.
    var pendingBytes: Int

    static func == (a: Outcome, b: Outcome) -> Bool {
        // Described, so that `.double(.nan)` equals itself.
        a.values.map { "\($0)" } == b.values.map { "\($0)" } && a.error == b.error && a.pendingBytes == b.pendingBytes
    }

    var description: String { "values: \(values), error: \(String(describing: error)), pending: \(pendingBytes)" }
}

/// How input is handed to the parser.
enum Feed: CustomStringConvertible {
    case allAtOnce
    case byteByByte
    case randomSplits(seed: UInt64)

    var description: String {
        switch self {
        case .allAtOnce: return "all at once"
        case .byteByByte: return "one byte at a time"
        case .randomSplits(let seed): return "random splits (seed \(seed))"
        }
    }

    /// The three modes every stream is tested with.
    static let all: [Feed] = [.allAtOnce, .byteByByte, .randomSplits(seed: 1), .randomSplits(seed: 0xC0FFEE)]
}

/// A small deterministic generator (SplitMix64): test runs repeat exactly.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Parses `bytes` fed as `feed` says, taking every value after each read, as a connection would.
func parseAll(_ bytes: [UInt8], feed: Feed, limits: RESPLimits = .default) -> Outcome {
    var parser = RESPParser(limits: limits)
    var outcome = Outcome(values: [], error: nil, pendingBytes: 0)
    var rng = SplitMix(seed: 0)
    if case .randomSplits(let seed) = feed { rng = SplitMix(seed: seed) }
    var offset = 0
    while offset < bytes.count {
        let size: Int
        switch feed {
        case .allAtOnce: size = bytes.count
        case .byteByByte: size = 1
        // Mostly small reads, sometimes large ones.
        case .randomSplits: size = rng.next() % 4 == 0 ? Int.random(in: 1...4096, using: &rng) : Int.random(in: 1...9, using: &rng)
        }
        let end = min(bytes.count, offset + size)
        parser.append(bytes[offset..<end])
        offset = end
        do {
            while let value = try parser.next() { outcome.values.append(value) }
        } catch {
            outcome.error = error
            return outcome
        }
    }
    outcome.pendingBytes = parser.bufferedByteCount
    return outcome
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// `$n\r\n<text>\r\n`
func bulk(_ text: String) -> RESPValue { .bulkString(Array(text.utf8)) }

/// Files of a resource folder copied into the test bundle, sorted, as paths relative to it.
func resourceFiles(_ folder: String) -> [(name: String, url: URL)] {
    guard let root = Bundle.module.resourceURL?.appendingPathComponent(folder),
          let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
        return []
    }
    var files: [(String, URL)] = []
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        guard !url.lastPathComponent.hasPrefix(".") else { continue }
        let name = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
        files.append((name, url))
    }
    return files.sorted { $0.0 < $1.0 }
}
