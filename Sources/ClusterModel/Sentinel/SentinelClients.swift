/// The sentinels connected to a data node, read from its `CLIENT LIST`: each sentinel
/// names its two links `sentinel-<first 8 chars of its id>-cmd` and `…-pubsub`.
/// The line gives the sentinel's IP (`addr=`, an outgoing port) but not the port it
/// listens on; the id prefix lets a probe (`SENTINEL MYID`) confirm a guessed port.
public struct SentinelClient: Hashable, Sendable {
    public var ip: String
    /// The first 8 characters of the sentinel's id (`SENTINEL MYID`, the hello's run id).
    public var runIDPrefix: String

    public init(ip: String, runIDPrefix: String) {
        self.ip = ip
        self.runIDPrefix = runIDPrefix
    }

    /// Every distinct sentinel in a `CLIENT LIST` reply's text, in order of appearance.
    public static func list(clientList text: String) -> [SentinelClient] {
        var result: [SentinelClient] = []
        for line in text.split(whereSeparator: \.isNewline) {
            var name: Substring?
            var address: Substring?
            for field in line.split(separator: " ") {
                if field.hasPrefix("name=") { name = field.dropFirst(5) }
                if field.hasPrefix("addr=") { address = field.dropFirst(5) }
            }
            guard let name, name.hasPrefix("sentinel-"), let address,
                  let colon = address.lastIndex(of: ":") else { continue }
            let parts = name.dropFirst("sentinel-".count).split(separator: "-")
            guard parts.count == 2, parts[0].count == 8, parts[1] == "cmd" || parts[1] == "pubsub" else { continue }
            var ip = address[..<colon]
            if ip.hasPrefix("[") && ip.hasSuffix("]") { ip = ip.dropFirst().dropLast() }
            let client = SentinelClient(ip: String(ip), runIDPrefix: String(parts[0]))
            if !result.contains(client) { result.append(client) }
        }
        return result
    }
}
