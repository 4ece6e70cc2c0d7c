import ClusterModel

/// Which node keeps a slot when an importer holds more of its keys than the configured owner.
public enum OwnerChoice: String, Hashable, Sendable, Codable {
    /// The owner every view names (clients are already sent there). The default.
    case configuredOwner = "owner"
    /// The importer holding the most keys: fewer keys move, and the slot changes hands.
    case importerWithMostKeys = "importer"
}

/// What `FixPlanner` may decide.
public struct FixOptions: Hashable, Sendable, Codable {
    public var ownerChoice: OwnerChoice
    public var move: MoveSettings

    public init(ownerChoice: OwnerChoice = .configuredOwner, move: MoveSettings = MoveSettings()) {
        self.ownerChoice = ownerChoice
        self.move = move
    }
}

/// Turns a snapshot (taken with the key census) and its findings into the plan that
/// repairs them — pure, no I/O. Covers every case `redis-cli --cluster fix` handles
/// (unassigned slots, open slots) and the ones it cannot: keys of a stable slot on a
/// master that does not own it, ghost nodes, an importer holding more keys than the owner.
public enum FixPlanner {
    /// The finding kinds a fix plan repairs.
    public static let repairedKinds = FindingKind.repairedByFix

    /// The finding kinds that must be gone once a fix has run (what it repairs, what it
    /// could not, and the cluster state those cause).
    public static let verifiedKinds: Set<FindingKind> = repairedKinds.union([.openSlotUnfixable, .clusterStateFail])

    public static func plan(_ snapshot: ClusterSnapshot, findings: [Finding], options: FixOptions = FixOptions()) -> Plan {
        var builder = FixPlanBuilder(snapshot: snapshot, options: options,
                                     ghosts: Set(findings.filter { $0.kind == .ghostNode }.flatMap(\.nodes)))
        let order: [FindingKind] = [.unassignedSlots, .openSlotHalfMigrated, .openSlotImportingOnly,
                                    .openSlotSeveralImporters, .openSlotMigratingOnly, .openSlotUnfixable,
                                    .keysOnNonOwner, .ghostNode]
        var openDone: Set<Int> = []
        for kind in order {
            for finding in findings where finding.kind == kind {
                switch kind {
                case .unassignedSlots:
                    builder.assignUnownedSlots(finding.slots)
                case .keysOnNonOwner:
                    for range in finding.slots { for slot in range.start...range.end { builder.rehomeForeignKeys(slot: slot) } }
                case .ghostNode:
                    if case .forgetNode(let id, let on)? = finding.fix?.action { builder.forget(id, on: on) }
                default:
                    for range in finding.slots {
                        for slot in range.start...range.end where openDone.insert(slot).inserted {
                            if let open = snapshot.openSlots.first(where: { $0.slot == slot }) {
                                builder.closeOpenSlot(open, title: finding.title)
                            }
                        }
                    }
                }
            }
        }
        return builder.finish()
    }
}
