import Foundation
import Testing

/// Runs the built `slotscope` binary as a user would, capturing its output and exit status.
struct BinaryRunner {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The binary next to the test bundle (`swift build` puts both in the same folder).
    static func locate(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("slotscope")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/slotscope")
        guard FileManager.default.isExecutableFile(atPath: fallback.path) else {
            throw BinaryMissing(searchedFrom: CommandLine.arguments[0])
        }
        return fallback
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var searchedFrom: String
        var description: String { "the slotscope binary was not found near \(searchedFrom): run swift build first" }
    }

    /// This process's environment without the user's secrets and modes, with journals and
    /// the command log in a scratch folder (never the user's own), plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var merged = ProcessInfo.processInfo.environment
        merged["REDISCLI_AUTH"] = nil
        merged["SLOTSCOPE_READONLY"] = nil
        merged["SLOTSCOPE_SENTINEL_AUTH"] = nil
        merged["XDG_STATE_HOME"] = NSTemporaryDirectory() + "slotscope-test-state"
        for (key, value) in extra { merged[key] = value }
        return merged
    }

    /// Runs the binary with `arguments`. With `terminal`, it runs inside `script(1)`, so its
    /// stdin and stderr are a pseudo-terminal (what a typed confirmation needs) and `input`
    /// is what the user types; its output then all arrives on standard output.
    static func run(_ arguments: [String], environment: [String: String] = [:], terminal: Bool = false,
                    input: String? = nil) async throws -> Result {
        let process = Process()
        if terminal {
            let line = ([try locate().path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", line, "/dev/null"]
        } else {
            process.executableURL = try locate()
            process.arguments = arguments
        }
        process.environment = Self.environment(environment)
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try? inputPipe.fileHandleForWriting.close()
        }
        // Pipes are drained and the exit awaited on GCD threads, never on Swift's cooperative
        // pool: blocking those threads would stall every other task of the test (on a
        // 2-core machine, a test's own "kill the master now" step waited for the child).
        let (out, err) = await withCheckedContinuation { (continuation: CheckedContinuation<(Data, Data), Never>) in
            let group = DispatchGroup()
            let outBox = DataBox()
            let errBox = DataBox()
            DispatchQueue.global().async(group: group) { outBox.data = output.fileHandleForReading.readDataToEndOfFile() }
            DispatchQueue.global().async(group: group) { errBox.data = error.fileHandleForReading.readDataToEndOfFile() }
            group.notify(queue: .global()) {
                process.waitUntilExit()
                continuation.resume(returning: (outBox.data, errBox.data))
            }
        }
        return Result(status: process.terminationStatus,
                      standardOutput: String(decoding: out, as: UTF8.self),
                      standardError: String(decoding: err, as: UTF8.self))
    }
}

/// Filled by one GCD block, read after the group is done.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
