#if canImport(Glibc)
import Glibc
#endif

/// Wakes a terminal's `nextEvent` from any thread (e.g. when a poll finished), so the UI
/// redraws new data at once without ever blocking on the network.
public struct TerminalWaker: Sendable {
    let descriptor: Int32

    /// Never blocks: the pipe is non-blocking and one pending byte is enough.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(descriptor, &byte, 1)
    }
}
