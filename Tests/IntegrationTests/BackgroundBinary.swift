import Foundation
import Synchronization
import Testing

/// Runs the built `slotscope` binary in the background and stamps every stdout line with
/// the wall-clock time it reached this process (for latency measurements of `watch`).
final class LineTimingRunner: Sendable {
    struct Line: Sendable {
        var text: String
        /// Unix milliseconds when the line's last byte was read.
        var arrivedAt: Int64
    }

    private let process: Process
    private let buffer = LineBuffer()

    init(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = try BinaryRunner.locate()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["REDISCLI_AUTH"] = nil
        environment["SLOTSCOPE_READONLY"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        self.process = process
        // Read on a GCD thread, never on the cooperative pool.
        output.fileHandleForReading.readabilityHandler = { [buffer] handle in
            let data = handle.availableData
            let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
            if data.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            buffer.state.withLock { state in
                state.partial += String(decoding: data, as: UTF8.self)
                while let newline = state.partial.firstIndex(of: "\n") {
                    state.lines.append(Line(text: String(state.partial[..<newline]), arrivedAt: now))
                    state.partial = String(state.partial[state.partial.index(after: newline)...])
                }
            }
        }
        try process.run()
    }

    var lines: [Line] { buffer.state.withLock { $0.lines } }

    /// SIGTERM, then waits for the exit off the cooperative pool.
    func stop() async {
        process.terminate()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [process] in
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }
}

/// Lines read so far and the unfinished tail, shared with the read handler.
private final class LineBuffer: Sendable {
    let state = Mutex<(lines: [LineTimingRunner.Line], partial: String)>(([], ""))
}
