import ClusterModel
import RESP
import Wire

extension ConnectionPool {
    /// `INFO` from every data node at once, as the Sentinel and replication pollers read them.
    func pollDataNodes(_ addresses: [NodeAddress]) async -> [DataNodePoll] {
        guard !addresses.isEmpty else { return [] }
        let endpoints = addresses.sorted().map(Endpoint.init)
        let results = await fanOut(RESPCommand("INFO"), to: endpoints)
        let time = WallClock.now()
        return endpoints.map { endpoint in
            let outcome: DataNodePoll.Outcome
            switch results[endpoint] ?? .failure(.cancelled) {
            case .failure(let error): outcome = .failed(PollFailure(error))
            case .success(let info): outcome = .replied(DataNodeReplies(info: info))
            }
            return DataNodePoll(address: NodeAddress(endpoint), time: time, outcome: outcome)
        }
    }
}
