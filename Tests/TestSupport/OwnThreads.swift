import Foundation
import Testing

/// Runs `body` with every piece of it (each stretch between two awaits, and the child tasks it
/// starts) on a thread of its own instead of the cooperative pool.
///
/// For tests that block: a tmux session waiting for the screen sleeps in `usleep` for
/// seconds. On the pool (as many threads as cores: two here) that stalls every async test
/// beside it, and a test that must act within a window (signal a run after its first step,
/// read a node while it loads) then misses it. Task-locals, and so the test an `#expect`
/// belongs to, carry over: it is the same task.
public func onOwnThreads<T>(_ body: () async throws -> T) async throws -> T {
    try await withTaskExecutorPreference(ThreadPerJobExecutor.shared, operation: body)
}

/// A task executor that starts a new thread for each job: no job ever waits for another
/// to stop blocking.
final class ThreadPerJobExecutor: TaskExecutor {
    static let shared = ThreadPerJobExecutor()

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        let thread = Thread { job.runSynchronously(on: executor) }
        thread.start()
    }
}

/// `@Suite(.onOwnThreads)` or `@Test(.onOwnThreads)`: each test runs as `onOwnThreads` does.
public struct OnOwnThreadsTrait: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        // A suite gets a scope of its own too; only the test cases need the threads.
        guard testCase != nil else { return try await function() }
        try await TestSupport.onOwnThreads(function)
    }
}

extension Trait where Self == OnOwnThreadsTrait {
    /// Runs each test of the suite (or this test) on threads of its own: see `onOwnThreads`.
    public static var onOwnThreads: Self { Self() }
}
