import Foundation
import Synchronization
import Testing
import TestSupport

/// `onOwnThreads` must really take blocking code off the cooperative pool: more bodies than
/// the pool has threads, each blocked until all have started, all get through.
@Suite struct OwnThreadsTests {
    @Test func moreBlockedBodiesThanCoresAllRun() async throws {
        let count = ProcessInfo.processInfo.activeProcessorCount + 2
        let started = Counter()
        let finished = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await onOwnThreads {
                        started.value.add(1, ordering: .sequentiallyConsistent)
                        // Blocks its thread, as a tmux wait does, until every body is in.
                        let deadline = Date().addingTimeInterval(20)
                        while started.value.load(ordering: .sequentiallyConsistent) < count && Date() < deadline { usleep(1_000) }
                        return started.value.load(ordering: .sequentiallyConsistent) == count
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(finished == count)
    }
}

private final class Counter: Sendable {
    let value = Atomic<Int>(0)
}
