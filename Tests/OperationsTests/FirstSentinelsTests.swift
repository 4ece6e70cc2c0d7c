import ClusterModel
@testable import Operations
import Testing

/// The race between the CLIENT LIST probe and the hello: the first answer that finds a
/// sentinel wins without waiting for the other, which is cancelled.
@Suite struct FirstSentinelsTests {
    static let found = HeardSentinels(sentinels: [NodeAddress(host: "10.0.0.7", port: 26379)], masterNames: ["mymaster"],
                                      problem: nil)

    @Test func theFirstFinderWinsAndTheOtherIsCancelled() async {
        let cancelled = Flag()
        let result = await FirstSentinels.race([
            {
                // Returns only when cancelled: a race that waited for it would never end.
                try? await Task.sleep(for: .seconds(3600))
                if Task.isCancelled { cancelled.set() }
                return nil
            },
            { Self.found },
        ])
        #expect(result == Self.found)
        while !cancelled.isSet { await Task.yield() }
        #expect(cancelled.isSet)
    }

    @Test func withoutAFinderTheProblemIsKept() async {
        let silent = HeardSentinels(sentinels: [], masterNames: [], problem: "nobody greeted")
        #expect(await FirstSentinels.race([{ nil }, { silent }]) == silent)
        #expect(await FirstSentinels.race([{ nil }, { nil }]) == nil)
    }
}
