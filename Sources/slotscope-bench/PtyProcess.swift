#if canImport(Glibc)
import Glibc
#endif

/// A program running on the slave side of a new pseudo-terminal, as it would in a terminal
/// emulator: stdin, stdout and stderr are the pty, the window has the given size. The
/// benchmark reads what it draws from the master side (keeping the pty from filling up),
/// types keys into it, and reads its CPU time and memory from /proc.
final class PtyProcess {
    let pid: pid_t
    let master: Int32
    /// Everything the program wrote so far.
    private(set) var output: [UInt8] = []
    let started: ContinuousClock.Instant
    private let clock = ContinuousClock()
    private var reaped = false

    init(_ executable: String, _ arguments: [String], environment: [String: String], columns: Int, rows: Int) throws {
        let (master, slavePath) = try PseudoTerminal.open(columns: columns, rows: rows)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in [Int32(0), 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, slavePath, O_RDWR, 0)
        }
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A session of its own, so the pty becomes its controlling terminal (resize signals).
        posix_spawnattr_setflags(&attributes, PseudoTerminal.spawnSetSID)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        started = clock.now
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            close(master)
            throw BenchError("posix_spawn \(executable): \(String(cString: strerror(rc)))")
        }
        self.pid = pid
        self.master = master
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        stop()
        close(master)
    }

    /// Reads for up to `timeout` seconds until `match` holds on the output; returns the
    /// time since spawn when it first did (nil: never).
    func read(until match: ([UInt8]) -> Bool, timeout: Double) -> Duration? {
        let deadline = clock.now + .milliseconds(Int64(timeout * 1000))
        while clock.now < deadline {
            if pump(waitMilliseconds: 20), match(output) { return clock.now - started }
            if match(output) { return clock.now - started }
        }
        return nil
    }

    /// Keeps reading (and discarding nothing) for `seconds`.
    func drain(seconds: Double) {
        let deadline = clock.now + .milliseconds(Int64(seconds * 1000))
        while clock.now < deadline { _ = pump(waitMilliseconds: 50) }
    }

    /// Forgets the output read so far (so a later match sees only what follows).
    func clearOutput() { output.removeAll(keepingCapacity: true) }

    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
    }

    /// User + system CPU seconds so far (/proc/PID/stat fields 14 and 15).
    func cpuSeconds() -> Double {
        guard let text = Self.readFile("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// A `/proc/PID/status` size in KiB: "VmRSS", "VmHWM".
    func memoryKiB(_ field: String) -> Int {
        guard let text = Self.readFile("/proc/\(pid)/status") else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    /// Waits up to `timeout` seconds for the program to exit; kills it after that.
    func stop(timeout: Double = 5) {
        guard !reaped else { return }
        let deadline = clock.now + .milliseconds(Int64(timeout * 1000))
        var status: Int32 = 0
        while clock.now < deadline {
            _ = pump(waitMilliseconds: 20)
            if waitpid(pid, &status, WNOHANG) == pid { reaped = true; return }
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        reaped = true
    }

    /// Reads what is available, waiting up to `waitMilliseconds` for it; true when it read.
    private func pump(waitMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, waitMilliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65536)
        var any = false
        while true {
            let count = Glibc.read(master, &buffer, buffer.count)
            if count <= 0 { break }
            output += buffer[0..<count]
            any = true
        }
        return any
    }

    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle`'s bytes occur in order, contiguously.
    func contains(text needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, count >= pattern.count else { return pattern.isEmpty }
        var index = 0
        while index <= count - pattern.count {
            if self[index] == pattern[0] && Array(self[index..<(index + pattern.count)]) == pattern { return true }
            index += 1
        }
        return false
    }
}
