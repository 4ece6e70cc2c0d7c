#if canImport(Glibc)
import Glibc
#endif

/// While curses owns the screen, anything written to a terminal stderr (a library's warning,
/// the Swift runtime's "Fatal error: …" line just before a trap) would be drawn over the
/// frame and then vanish with the alternate screen. So stderr goes to an unlinked temporary
/// file for that time and is written to the real stderr once the terminal is restored, by
/// the normal close and by the crash and exit paths alike. A stderr redirected elsewhere
/// (`2>file`) is left alone.
enum HeldStderr {
    /// At most this much is written back: the end of the output, where a crash says why.
    static let replayLimit = 64 * 1024

    /// Sends fd 2 to a temporary file; does nothing when stderr is not a terminal or the
    /// file cannot be made.
    static func hold() {
        guard emergency.pointee.heldStderr < 0, isatty(2) == 1 else { return }
        // Globals initialise lazily: do it now, so the handlers that release never do.
        _ = cutNotice.count
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(directory)/slotscope-stderr-XXXXXX".utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else { return }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(file, F_SETFD, FD_CLOEXEC)
        let saved = fcntl(2, F_DUPFD_CLOEXEC, 3)
        guard saved >= 0, dup2(file, 2) == 2 else {
            if saved >= 0 { Glibc.close(saved) }
            Glibc.close(file)
            return
        }
        emergency.pointee.savedStderr = saved
        emergency.pointee.heldStderr = file
    }
}

/// Async-signal-safe: puts the real stderr back on fd 2 and writes to it what was held
/// (its last `HeldStderr.replayLimit` bytes). Does nothing when nothing is held.
func releaseHeldStderr() {
    let held = emergency.pointee.heldStderr
    let saved = emergency.pointee.savedStderr
    guard held >= 0, saved >= 0 else { return }
    emergency.pointee.heldStderr = -1
    emergency.pointee.savedStderr = -1
    _ = dup2(saved, 2)
    _ = close(saved)
    let size = Int(lseek(held, 0, SEEK_END))
    var offset = max(0, size - HeldStderr.replayLimit)
    if offset > 0 { writeAll(cutNotice.storage, cutNotice.count) }
    let buffer = emergency.pointee.copyBuffer
    while offset < size {
        let count = pread(held, buffer.storage, min(buffer.count, size - offset), off_t(offset))
        if count <= 0 { break }
        writeAll(buffer.storage, count)
        offset += count
    }
    _ = close(held)
}

/// The line that stands for output cut by the replay limit, made by `hold` before any
/// handler can need it.
private nonisolated(unsafe) let cutNotice: (count: Int, storage: UnsafeMutablePointer<UInt8>) = {
    let bytes = Array("[slotscope: earlier stderr output not shown]\n".utf8)
    let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
    storage.initialize(from: bytes, count: bytes.count)
    return (bytes.count, storage)
}()

private func writeAll(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) {
    var written = 0
    while written < count {
        let result = write(2, bytes + written, count - written)
        if result <= 0 { return }
        written += result
    }
}
