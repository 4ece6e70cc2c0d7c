import Dispatch

extension ParsedNodePoll {
    /// Every node's replies parsed, in order, spread over the machine's cores: parsing is
    /// most of a poll cycle (CLUSTER NODES and INFO of every node) and each node's is
    /// independent. Small clusters are parsed on the calling thread (no hand-off cost).
    public static func parseAll(_ polls: [NodePoll]) -> [ParsedNodePoll] {
        let chunk = 16
        guard polls.count >= 2 * chunk else { return polls.map(ParsedNodePoll.init) }
        let chunks = (polls.count + chunk - 1) / chunk
        var parsed = [ParsedNodePoll?](repeating: nil, count: polls.count)
        parsed.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own disjoint range of the buffer, which
            // outlives `concurrentPerform` (it returns when every iteration has finished).
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                for position in index * chunk..<min(polls.count, (index + 1) * chunk) {
                    slots[position] = ParsedNodePoll(polls[position])
                }
            }
        }
        return parsed.map { $0! }
    }
}
