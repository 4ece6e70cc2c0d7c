/// One `__sentinel__:hello` gossip message: a sentinel announcing itself and its
/// view of a master. Sentinels use it to discover each other; so can Slotscope.
/// `ip,port,runid,current_epoch,master_name,master_ip,master_port,master_config_epoch`.
public struct SentinelHello: Hashable, Sendable, Codable {
    public static let channel = "__sentinel__:hello"

    public var sentinel: NodeAddress
    public var runID: String
    public var currentEpoch: Int64
    public var masterName: String
    public var masterAddress: NodeAddress
    public var masterConfigEpoch: Int64
    /// Fields after the eight known ones (a newer server).
    public var otherFields: [String]

    /// Nil when the payload does not have the eight fields.
    public init?(payload: String) {
        let parts = payload.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count >= 8, let port = Int(parts[1]), let epoch = Int64(parts[3]), let masterPort = Int(parts[6]),
              let configEpoch = Int64(parts[7]) else { return nil }
        sentinel = NodeAddress(host: String(parts[0]), port: port)
        runID = String(parts[2])
        currentEpoch = epoch
        masterName = String(parts[4])
        masterAddress = NodeAddress(host: String(parts[5]), port: masterPort)
        masterConfigEpoch = configEpoch
        otherFields = parts.dropFirst(8).map(String.init)
    }
}
