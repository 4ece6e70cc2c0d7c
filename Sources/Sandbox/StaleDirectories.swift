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
        let tmp = NSTemporaryDirectory()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: tmp) else { return }
        for name in names {
            guard let prefix = [sandboxPrefix, certificatesPrefix].first(where: { name.hasPrefix($0) }) else { continue }
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { continue }
            let path = (tmp as NSString).appendingPathComponent(name)
            var info = stat()
            guard stat(path, &info) == 0, info.st_uid == getuid() else { continue }
            // Alive (or not ours to signal): leave it.
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
