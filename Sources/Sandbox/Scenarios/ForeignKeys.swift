/// Keys of a slot sitting on a master that does not own it, with the slot stable everywhere:
/// no open slot, all nodes agree, so `redis-cli --cluster check` reports nothing (only
/// `--cluster-search-multiple-owners` finds it) and clients can never read those keys.
public struct ForeignKeys: Sendable {
    public let slot: Int
    /// The master that owns the slot in every view.
    public let owner: NodeRef
    /// The master holding keys of the slot without owning it.
    public let holder: NodeRef
    /// Keys on the owner, sorted.
    public let keysOnOwner: [String]
    /// Keys on the holder, sorted (`CLUSTER COUNTKEYSINSLOT` on the holder counts them).
    public let keysOnHolder: [String]
}

extension Sandbox {
    /// Puts `holderKeys` keys of `slot` (default: the first slot of the first master) on
    /// `holder` (default: the next master) the way it happens in the field after an
    /// interrupted fix: `CLUSTER SETSLOT slot IMPORTING <owner>` on the holder, `ASKING` + `SET`,
    /// then `CLUSTER SETSLOT slot STABLE` on it. `ownerKeys` keys are written on the owner first.
    /// Verified on Redis 7.0.15: the holder keeps the keys (it never owned the slot, so gossip
    /// never makes it drop them).
    public func placeKeysOnNonOwner(in cluster: SandboxCluster, slot: Int? = nil, holder: ClusterNode? = nil,
                                    ownerKeys: Int = 5, holderKeys: Int = 10) async throws -> ForeignKeys {
        let (slot, owner, holder) = try pickSlot(slot, in: cluster, other: holder)
        let onOwner = try await loadKeys(into: cluster, slots: [slot], keysPerSlot: ownerKeys, prefix: "owner").keys
        try await expectOK(holder.process, "CLUSTER", "SETSLOT", String(slot), "IMPORTING", owner.id)
        let onHolder = Self.scenarioKeys(prefix: "foreign", slot: slot, count: holderKeys)
        try await ScenarioWire.setKeys(onHolder, port: holder.port, options: cluster.options, asking: true)
        try await expectOK(holder.process, "CLUSTER", "SETSLOT", String(slot), "STABLE")
        return ForeignKeys(slot: slot, owner: NodeRef(owner), holder: NodeRef(holder),
                           keysOnOwner: onOwner, keysOnHolder: onHolder)
    }
}
