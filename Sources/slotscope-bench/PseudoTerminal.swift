#if canImport(Glibc)
import Glibc
#endif

/// Opens a pseudo-terminal pair the Linux way (`/dev/ptmx`, unlock, ask its number):
/// `posix_openpt`, `unlockpt` and `ptsname` are not visible to Swift's Glibc module.
enum PseudoTerminal {
    // Linux's asm-generic values (x86-64, arm64): the function-like macros do not import.
    static let lockRequest: UInt = 0x4004_5431   // TIOCSPTLCK = _IOW('T', 0x31, int)
    static let numberRequest: UInt = 0x8004_5430 // TIOCGPTN = _IOR('T', 0x30, unsigned int)
    /// `POSIX_SPAWN_SETSID` (glibc 2.26+), not imported either.
    static let spawnSetSID: Int16 = 0x80

    /// The master descriptor and the slave's path, with the window set to `columns`×`rows`.
    static func open(columns: Int, rows: Int) throws -> (master: Int32, slavePath: String) {
        let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw BenchError("cannot open /dev/ptmx: \(String(cString: strerror(errno)))") }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, lockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0 else {
            Glibc.close(master)
            throw BenchError("cannot unlock the pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        return (master, "/dev/pts/\(number)")
    }
}
