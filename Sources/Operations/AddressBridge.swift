import ClusterModel
import Wire

extension Endpoint {
    /// The connection layer's endpoint for an address the cluster announces.
    init(_ address: NodeAddress) {
        self.init(host: address.host, port: address.port)
    }
}

extension NodeAddress {
    /// The model's address for an endpoint.
    init(_ endpoint: Endpoint) {
        self.init(host: endpoint.host, port: endpoint.port)
    }
}

extension ClusterNodeEntry {
    /// Where clients are sent for this node, as `MOVED` would say it: the announced
    /// hostname when there is one (Redis 7 `cluster-announce-hostname`), else the IP.
    /// Nil for a node without an address (`noaddr`, `:0`).
    var clientAddress: NodeAddress? {
        if announced.address.isUnset || flags.contains(.noAddress) { return nil }
        if let hostname = announced.hostname, !hostname.isEmpty {
            return NodeAddress(host: hostname, port: announced.address.port)
        }
        return announced.address
    }
}
