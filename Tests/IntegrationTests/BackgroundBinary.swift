import Foundation
import Synchronization
import Testing

/// Runs the built `slotscope` binary in the background, as a user leaves `watch` running:
/// stdout is read as it comes, every line stamped with the wall-clock time it reached this
/// process (for latency figures), stderr kept as text. A test waits for what the binary
/// printed (`waitFor`), acts, then stops it with Ctrl-C (`interrupt`) or SIGTERM (`stop`).
final class BackgroundBinary: Sendable {
    struct Line: Sendable {
        var text: String
        /// Unix milliseconds when the line's last byte was read.
        var arrivedAt: Int64
    }

    private let process: Process
    private let buffer = OutputBuffer()

    init(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = try BinaryRunner.locate()
        process.arguments = arguments
        process.environment = BinaryRunner.environment()
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        self.process = process
        // Read on GCD threads, never on the cooperative pool.
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
        error.fileHandleForReading.readabilityHandler = { [buffer] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            buffer.state.withLock { $0.standardError += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Whether the process has a handler installed for `signal` (SigCgt in /proc/PID/status).
    func catches(_ signal: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
              let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << UInt64(signal - 1)) != 0
    }

    var lines: [Line] { buffer.state.withLock { $0.lines } }
    var standardError: String { buffer.state.withLock { $0.standardError } }

    /// Waits until `condition` holds for the stdout lines or stderr so far; throws after
    /// `timeout` seconds with what was printed.
    func waitFor(_ what: String, timeout: Double,
                 _ condition: (_ lines: [String], _ standardError: String) -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while true {
            let (lines, errors) = buffer.state.withLock { ($0.lines.map(\.text), $0.standardError) }
            if condition(lines, errors) { return }
            guard ContinuousClock.now < deadline, process.isRunning else {
                throw Timeout(what: what, standardOutput: lines.joined(separator: "\n"), standardError: errors)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Ctrl-C, then the exit status once it ended.
    func interrupt() async -> Int32 {
        process.interrupt()
        return await exitStatus()
    }

    /// SIGTERM, then the exit status once it ended.
    @discardableResult func stop() async -> Int32 {
        process.terminate()
        return await exitStatus()
    }

    /// Waits for the exit off the cooperative pool, then for the last output to be read.
    private func exitStatus() async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [process] in
                process.waitUntilExit()
                continuation.resume()
            }
        }
        // The pipes' last bytes may still be on their way to the handlers.
        try? await Task.sleep(for: .milliseconds(200))
        return process.terminationStatus
    }

    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var standardOutput: String
        var standardError: String
        var description: String { "timed out waiting for \(what); stdout:\n\(standardOutput)\nstderr:\n\(standardError)" }
    }
}

/// Lines read so far, the unfinished tail and stderr, shared with the read handlers.
private final class OutputBuffer: Sendable {
    let state = Mutex<(lines: [BackgroundBinary.Line], partial: String, standardError: String)>(([], "", ""))
}

extension BackgroundBinary {
    /// Until `watch --sentinel` (or `record --sentinel`) says on stderr that it is subscribed
    /// to every sentinel: from then on no event is missed. A fixed sleep was not enough on a
    /// loaded machine, where the binary's start alone can take seconds.
    func waitUntilSubscribed(timeout: Double = 30) async throws {
        try await waitFor("a subscription to every sentinel", timeout: timeout) { _, errors in
            errors.range(of: #"subscribed to (\d+) of \1 sentinels"#, options: .regularExpression) != nil
        }
    }
}
