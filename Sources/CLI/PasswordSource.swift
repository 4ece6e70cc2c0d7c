#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a password comes from, safest first: a prompt, a file, `REDISCLI_AUTH`,
/// and last the command line (visible in `ps`; redis-cli warns about it, so do we).
public enum PasswordSource: Sendable, Equatable {
    case prompt
    case file(String)
    case environment(String)
    case commandLine(String)
    case uri(String)

    /// The password, read now. Throws a one-line error if it cannot be read.
    public func read(prompt message: String = "Password: ") throws(CLIError) -> String {
        switch self {
        case .commandLine(let password), .uri(let password), .environment(let password):
            return password
        case .file(let path):
            return try Self.readFile(path)
        case .prompt:
            return try Self.askPassword(message)
        }
    }

    /// The warning redis-cli prints for passwords on the command line, or nil.
    public var warning: String? {
        switch self {
        case .commandLine, .uri:
            return "Warning: a password on the command line is visible to other users (ps); prefer REDISCLI_AUTH, --askpass or --pass-file"
        default:
            return nil
        }
    }

    static func readFile(_ path: String) throws(CLIError) -> String {
        guard let file = fopen(path, "r") else {
            throw CLIError.usage("cannot read password file \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        while true {
            let character = fgetc(file)
            if character == EOF || character == 10 || character == 13 { break }
            bytes.append(UInt8(truncatingIfNeeded: character))
            if bytes.count > 4096 { throw CLIError.usage("password file \(path) has a first line longer than 4096 bytes") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads a password from the terminal with echo off, like redis-cli's --askpass.
    static func askPassword(_ message: String) throws(CLIError) -> String {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw CLIError.usage("--askpass needs a terminal; set REDISCLI_AUTH or use --pass-file instead") }
        defer { close(fd) }
        var original = termios()
        let hasTerminal = tcgetattr(fd, &original) == 0
        if hasTerminal {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(fd, TCSAFLUSH, &silent)
        }
        defer {
            if hasTerminal {
                tcsetattr(fd, TCSAFLUSH, &original)
                _ = write(fd, "\n", 1)
            }
        }
        _ = message.withCString { write(fd, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(fd, &byte, 1) == 1, byte != 10, byte != 13 {
            bytes.append(byte)
            if bytes.count > 4096 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
