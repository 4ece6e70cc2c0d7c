import Foundation

/// Temp directories are named `<prefix><pid>-<random>`. A run killed by a signal cannot remove
/// its directories (only async-signal-safe work happens there), so the next sandbox sweeps
/// directories of this user whose creating process no longer exists.
enum StaleDirectories {
    static let sandboxPrefix = "slotscope-sandbox-"
    static let certificatesPrefix = "slotscope-certs-"

    /// A new directory path for this process (not created).
    static func path(prefix: String) -> String {
        let tmp = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        return tmp + prefix + "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    private static let swept = Locked(false)

    /// Removes stale directories once per process.
    static func sweepOnce() {
        let first = swept.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        guard first else { return }
        sweep()
    }

    /// Removes the directories (and kills the servers) of runs that no longer exist, in the
    /// temp directory or (for a test that must not race other processes' sweeps) in `tmp`.
    static func sweep(in tmp: String = NSTemporaryDirectory()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: tmp) else { return }
        for name in names {
            guard let prefix = [sandboxPrefix, certificatesPrefix].first(where: { name.hasPrefix($0) }) else { continue }
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { continue }
            let path = (tmp as NSString).appendingPathComponent(name)
            var info = stat()
            guard stat(path, &info) == 0, info.st_uid == getuid() else { continue }
            // Alive (or not ours to signal): leave it. A zombie is dead: its parent may never reap it.
            if (kill(pid, 0) == 0 || errno == EPERM) && !isZombie(pid) { continue }
            if prefix == sandboxPrefix { killOrphanedServers(in: path) }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// True when `pid` has exited but was not reaped (state `Z` in /proc/PID/stat).
    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// A run that died without its exit hooks (SIGKILL, a crash the hooks could not see)
    /// leaves its servers running. Each server directory holds the server's pidfile; a PID
    /// is killed only if that process still works in that very directory, so a recycled
    /// PID belonging to something else is never touched.
    static func killOrphanedServers(in sandboxPath: String) {
        guard let servers = try? FileManager.default.contentsOfDirectory(atPath: sandboxPath) else { return }
        for server in servers {
            let directory = (sandboxPath as NSString).appendingPathComponent(server)
            guard let text = try? String(contentsOfFile: directory + "/server.pid", encoding: .utf8),
                  let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0,
                  let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd"),
                  cwd == directory || cwd == directory + " (deleted)" else { continue }
            _ = kill(pid, SIGKILL)
        }
    }
}
