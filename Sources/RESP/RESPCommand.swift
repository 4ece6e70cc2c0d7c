/// A command as sent to a server: an array of binary-safe arguments.
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

    /// For logs: the arguments, with the values of AUTH and HELLO … AUTH replaced by `***`.
    public var description: String {
        redactedArguments.joined(separator: " ")
    }

    /// Arguments with secrets masked: never show a password on screen or in a log.
    public var redactedArguments: [String] {
        let texts = arguments.map { String(decoding: $0, as: UTF8.self) }
        guard let first = texts.first?.uppercased() else { return [] }
        var masked = texts
        switch first {
        case "AUTH":
            for index in masked.indices.dropFirst() { masked[index] = "***" }
        case "HELLO":
            if let authIndex = texts.firstIndex(where: { $0.uppercased() == "AUTH" }) {
                if authIndex + 2 < masked.count { masked[authIndex + 2] = "***" }
            }
        case "MIGRATE":
            for (index, text) in texts.enumerated() where ["AUTH", "AUTH2"].contains(text.uppercased()) {
                let secretIndex = text.uppercased() == "AUTH" ? index + 1 : index + 2
                if secretIndex < masked.count { masked[secretIndex] = "***" }
            }
        case "CONFIG":
            if texts.count > 3, texts[1].uppercased() == "SET",
               ["REQUIREPASS", "MASTERAUTH"].contains(texts[2].uppercased()) { masked[3] = "***" }
        default:
            break
        }
        return masked
    }
}
