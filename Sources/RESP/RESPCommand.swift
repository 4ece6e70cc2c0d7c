/// A command as sent to a server: an array of binary-safe arguments, encoded as a
/// RESP array of bulk strings. Its `description` never shows a password.
public struct RESPCommand: Sendable, Hashable, CustomStringConvertible {
    public var arguments: [[UInt8]]

    public init(arguments: [[UInt8]]) {
        self.arguments = arguments
    }

    /// `RESPCommand("CLUSTER", "SETSLOT", "10", "STABLE")`
    public init(_ arguments: String...) {
        self.arguments = arguments.map { Array($0.utf8) }
    }

    public init(_ arguments: [String]) {
        self.arguments = arguments.map { Array($0.utf8) }
    }

    /// The command name, upper-cased (`CLUSTER`).
    public var name: String {
        arguments.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? ""
    }

    /// The subcommand for container commands (`NODES` of `CLUSTER NODES`), upper-cased.
    public var subcommand: String? {
        arguments.count > 1 ? String(decoding: arguments[1], as: UTF8.self).uppercased() : nil
    }

    /// The wire form: `*N\r\n$len\r\narg\r\n…`.
    public func encode(into output: inout [UInt8]) {
        Self.appendHeader(UInt8(ascii: "*"), arguments.count, into: &output)
        for argument in arguments {
            Self.appendHeader(UInt8(ascii: "$"), argument.count, into: &output)
            output.append(contentsOf: argument)
            output.append(13)
            output.append(10)
        }
    }

    /// The wire form as a new buffer.
    public var encoded: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(16 + arguments.reduce(0) { $0 + $1.count + 16 })
        encode(into: &output)
        return output
    }

    private static func appendHeader(_ marker: UInt8, _ count: Int, into output: inout [UInt8]) {
        output.append(marker)
        if count < 10 {
            output.append(UInt8(ascii: "0") + UInt8(count))
        } else {
            output.append(contentsOf: String(count).utf8)
        }
        output.append(13)
        output.append(10)
    }

    /// For logs: the arguments joined by spaces, secrets replaced by `***`
    /// (see `redactedArguments`).
    public var description: String {
        redactedArguments.joined(separator: " ")
    }

    /// Arguments with secrets masked: never show a password on screen or in a log.
    ///
    /// Masked: every argument of `AUTH`; the password of `HELLO … AUTH user pass`;
    /// `MIGRATE … AUTH pass` / `AUTH2 user pass`; the values of password settings in
    /// `CONFIG SET` and `SENTINEL SET` / `SENTINEL CONFIG SET`; password rules
    /// (`>pass`, `<pass`, `#hash`, `!hash`) of `ACL SETUSER`. When in doubt, more is masked.
    public var redactedArguments: [String] {
        let texts = arguments.map { String(decoding: $0, as: UTF8.self) }
        let upper = texts.map { $0.uppercased() }
        guard let first = upper.first else { return [] }
        var masked = texts
        func mask(_ index: Int) { if index < masked.count { masked[index] = "***" } }
        func maskSecretSettings(from start: Int) {
            var index = start
            while index + 1 < upper.count {
                if Self.secretSettings.contains(upper[index]) { mask(index + 1) }
                index += 2
            }
        }
        switch first {
        case "AUTH":
            for index in masked.indices.dropFirst() { mask(index) }
        case "HELLO":
            if let authIndex = upper.dropFirst().firstIndex(of: "AUTH") {
                // `AUTH user pass`; a lone argument after AUTH may be a password too.
                mask(authIndex + 2 < masked.count ? authIndex + 2 : authIndex + 1)
            }
        case "MIGRATE":
            for (index, word) in upper.enumerated() {
                if word == "AUTH" { mask(index + 1) }
                if word == "AUTH2" { mask(index + 2) }
            }
        case "CONFIG" where upper.count > 1 && upper[1] == "SET":
            maskSecretSettings(from: 2)
        case "SENTINEL" where upper.count > 1:
            if upper[1] == "SET" { maskSecretSettings(from: 3) }
            if upper[1] == "CONFIG", upper.count > 2, upper[2] == "SET" { maskSecretSettings(from: 3) }
        case "ACL" where upper.count > 1 && upper[1] == "SETUSER":
            for index in masked.indices.dropFirst(3) {
                if let rule = texts[index].first, "><#!".contains(rule) {
                    masked[index] = String(rule) + "***"
                }
            }
        default:
            break
        }
        return masked
    }

    /// Configuration names whose value is a password (upper-cased).
    private static let secretSettings: Set<String> = [
        "REQUIREPASS", "MASTERAUTH", "AUTH-PASS", "SENTINEL-PASS",
        "TLS-KEY-FILE-PASS", "TLS-CLIENT-KEY-FILE-PASS",
    ]
}
