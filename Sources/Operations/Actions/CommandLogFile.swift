import Foundation
import RESP
import Synchronization
import Wire

/// The actions' command log on disk: one line per command that may have changed a server,
/// appended as its reply arrives — `TIME ENDPOINT COMMAND -> REPLY`. Passwords are masked
/// (`RESPCommand.redactedArguments`); a MIGRATE shows its key count, not the keys. Default file:
/// `commands.log` in the journal folder.
public final class CommandLogFile: CommandLogging {
    public let path: String
    private let descriptor = Mutex<Int32?>(nil)

    /// Most arguments written per command (a MIGRATE batch names up to `--pipeline` keys).
    static let shownArguments = 24

    /// A log at `path`; nothing is created until `open()` or the first record (a dry run
    /// writes nothing).
    public init(path: String) {
        self.path = path
    }

    deinit {
        descriptor.withLock { fd in if let fd { _ = close(fd) } }
    }

    /// Creates the folder and opens the file for appending, if not done yet. An action
    /// calls this before it sends anything, so a log that cannot be written stops it.
    public func open() throws(ActionError) {
        let failure: ActionError? = descriptor.withLock { fd in
            if fd != nil { return nil }
            let folder = (path as NSString).deletingLastPathComponent
            do {
                if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            } catch {
                return .journal("cannot create \(folder) for the command log: \(error.localizedDescription)")
            }
            let opened = openForAppending(path)
            guard opened >= 0 else { return .journal("cannot open the command log \(path): \(String(cString: strerror(errno)))") }
            fd = opened
            return nil
        }
        if let failure { throw failure }
    }

    /// The default file for this environment.
    public static func defaultPath(environment: [String: String]) -> String {
        PlanJournal.defaultDirectory(environment: environment) + "/commands.log"
    }

    public func record(_ entry: CommandLogEntry) {
        let bytes = Array((Self.line(entry, at: Date()) + "\n").utf8)
        try? open()
        // One write per line with O_APPEND: lines from concurrent connections never interleave.
        descriptor.withLock { fd in
            guard let fd else { return }
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        }
    }

    /// Built once: making the format style per line cost more than the rest of the logging.
    private static let stampStyle = Date.ISO8601FormatStyle.iso8601.year().month().day().time(includingFractionalSeconds: true)

    /// `2026-11-25T15:40:01.123Z 127.0.0.1:7001 CLUSTER FAILOVER FORCE -> OK`.
    static func line(_ entry: CommandLogEntry, at time: Date) -> String {
        let stamp = time.formatted(stampStyle)
        var arguments = entry.command.redactedArguments
        var keyCount = ""
        // A MIGRATE batch is logged with its key count, not the key names.
        if entry.command.name == "MIGRATE", let keys = arguments.firstIndex(where: { $0.uppercased() == "KEYS" }) {
            keyCount = " <\(arguments.count - keys - 1) key(s)>"
            arguments = Array(arguments[...keys])
        }
        var command = arguments.prefix(shownArguments).map { $0.isEmpty ? "\"\"" : $0.contains(" ") ? "\"\($0)\"" : $0 }
            .joined(separator: " ")
        if arguments.count > shownArguments { command += " … (\(arguments.count - shownArguments) more)" }
        command += keyCount
        return "\(stamp)Z \(entry.endpoint) \(command) -> \(reply(entry.outcome))"
    }

    /// A reply in one short line.
    static func reply(_ outcome: Result<RESPValue, WireError>) -> String {
        switch outcome {
        case .failure(let error): return "(no reply) " + error.description
        case .success(let value):
            if let message = value.errorMessage { return "(error) " + message }
            if let integer = value.integer { return "(integer) \(integer)" }
            if let elements = value.elements { return "(\(elements.count) element(s))" }
            if let text = value.string { return text.count > 80 ? String(text.prefix(80)) + "…" : text }
            return "(nil)"
        }
    }
}

/// `open(2)` for appending, owner-only (outside the class, whose `open()` hides the C function).
private func openForAppending(_ path: String) -> Int32 {
    open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
}
