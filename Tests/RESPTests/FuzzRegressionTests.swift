import Foundation
import RESP
import Testing

/// Inputs kept from fuzzing (Fuzz/run.sh): past crashes (`crash-*`) and a minimized
/// corpus (`corpus-*`). Each must parse without crashing to values or a typed error,
/// identically in every feed, under generous and under tight limits.
@Suite struct FuzzRegressionTests {
    static let files = resourceFiles("FuzzRegressions")

    /// The tight limits the fuzzer also uses.
    static let tight = RESPLimits(maxDepth: 4, maxBulkLength: 64, maxAggregateLength: 16,
                                  maxTotalElements: 40, maxBufferedBytes: 200, maxLineLength: 48)

    @Test(arguments: files.map(\.name))
    func replays(name: String) throws {
        let url = try #require(Self.files.first { $0.name == name }).url
        let input = Array(try Data(contentsOf: url))
        for limits in [RESPLimits.default, Self.tight] {
            let expected = parseAll(input, feed: .allAtOnce, limits: limits)
            for feed in Feed.all.dropFirst() {
                #expect(parseAll(input, feed: feed, limits: limits) == expected, "\(name) fed \(feed)")
            }
        }
    }
}
