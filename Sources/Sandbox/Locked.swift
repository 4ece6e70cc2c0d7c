import Foundation

/// A value guarded by a lock: the sandbox's stand-in for `Synchronization.Mutex`, which needs
/// macOS 15 while the package still deploys to macOS 14. Same shape (`withLock`), so it can be
/// swapped for `Mutex` when the deployment target moves.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
