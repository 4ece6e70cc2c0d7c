/// Explicit bounds on what the parser accepts from a peer. Each is checked from a
/// header, before any memory is set aside for what the header announces.
///
/// Keep `maxDepth` small (the default is 32): values are freed and compared
/// recursively, so a very deep value costs stack in the code that uses it.
public struct RESPLimits: Sendable, Hashable {
    /// Deepest nesting of aggregates (arrays, maps, sets, pushes, attributes).
    public var maxDepth: Int
    /// Largest bulk string, verbatim string or blob error, in bytes.
    public var maxBulkLength: Int
    /// Most elements announced by one aggregate header (a map of N pairs counts 2N).
    public var maxAggregateLength: Int
    /// Most elements, at every depth together, in one reply.
    public var maxTotalElements: Int
    /// Most bytes of one reply, parsed or waiting to be parsed. Checked from each
    /// bulk header and within each line, so a reply never makes the parser hold more.
    public var maxBufferedBytes: Int
    /// Longest line of a simple type (status, error, double, big number), CRLF excluded.
    /// Integers and length headers are held to 32 bytes whatever this says.
    public var maxLineLength: Int

    public init(maxDepth: Int = 32,
                maxBulkLength: Int = 64 << 20,
                maxAggregateLength: Int = 1 << 22,
                maxTotalElements: Int = 1 << 23,
                maxBufferedBytes: Int = 256 << 20,
                maxLineLength: Int = 1 << 20) {
        self.maxDepth = maxDepth
        self.maxBulkLength = maxBulkLength
        self.maxAggregateLength = maxAggregateLength
        self.maxTotalElements = maxTotalElements
        self.maxBufferedBytes = maxBufferedBytes
        self.maxLineLength = maxLineLength
    }

    /// Generous bounds for replies of Redis servers: large enough for `INFO`,
    /// `CLUSTER NODES` of thousands of nodes and big key batches.
    public static let `default` = RESPLimits()
}
