import Synchronization

/// Points inside a window of slot moves where the executor reports that it got there:
/// progress for people, and the places fault-injection tests stop a run.
public enum ExecutionCheckpoint: String, Sendable, Hashable, CaseIterable {
    /// Every target of the window imports its slots.
    case importing
    /// Every source of the window migrates its slots too: the slots are open.
    case opened
    /// The first batch of keys of the window moved.
    case keysMoving = "keys"
    /// Every target owns its slots (`SETSLOT NODE` on the targets), the sources not yet.
    case targetsOwn = "target-node"
    /// The sources know the new owners too; the other masters not yet.
    case sourcesClosed = "source-node"
}

/// What the executor lets its caller see and steer besides progress: a stop request (SIGINT)
/// honoured between steps, and a callback at each checkpoint.
public struct ExecutionHooks: Sendable {
    /// Asked before each step: true stops the run there (the step in flight has finished).
    public var shouldStop: @Sendable () -> Bool
    /// Called at each checkpoint of a window, with the step index.
    public var checkpoint: @Sendable (Int, ExecutionCheckpoint) -> Void

    public init(shouldStop: @escaping @Sendable () -> Bool = { false },
                checkpoint: @escaping @Sendable (Int, ExecutionCheckpoint) -> Void = { _, _ in }) {
        self.shouldStop = shouldStop
        self.checkpoint = checkpoint
    }
}

/// A count shared by the parallel parts of a step.
final class SharedCount: Sendable {
    private let value = Mutex(0)

    /// Adds `amount`; returns the new total.
    func add(_ amount: Int) -> Int { value.withLock { $0 += amount; return $0 } }
}
