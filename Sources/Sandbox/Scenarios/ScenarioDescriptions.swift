import Foundation

// One-line accounts of what each scenario did, for test logs and `slotscope demo` drills.

extension UnassignedSlots: CustomStringConvertible {
    public var description: String {
        "slots \(slots.lowerBound)-\(slots.upperBound) unassigned on every node (were \(formerOwner)'s; "
            + "\(keysOnFormerOwner.count) keys left there)"
    }
}

extension HalfFinishedMigration: CustomStringConvertible {
    public var description: String {
        "slot \(slot) half-moved from \(source) (migrating, \(keysOnSource.count) keys) "
            + "to \(target) (importing, \(keysOnTarget.count) keys)"
    }
}

extension ImportingOnlySlot: CustomStringConvertible {
    public var description: String {
        "slot \(slot) importing on \(importer) (\(keysOnImporter.count) keys) from stable owner \(owner) "
            + "(\(keysOnOwner.count) keys)"
    }
}

extension MigratingOnlySlot: CustomStringConvertible {
    public var description: String {
        "slot \(slot) migrating on \(owner) (\(keysOnOwner.count) keys) to \(target), which is not importing"
    }
}

extension ForeignKeys: CustomStringConvertible {
    public var description: String {
        "\(keysOnHolder.count) keys of slot \(slot) on \(holder), which does not own it "
            + "(owner \(owner) has \(keysOnOwner.count)); slot stable everywhere"
    }
}

extension PromotedReplica: CustomStringConvertible {
    public var description: String {
        "master \(oldMaster) killed; \(newMaster) promoted after \(Self.ms(promotedAfter)), "
            + "old master fail after \(Self.ms(failFlaggedAfter)), cluster ok after \(Self.ms(convergedAfter))"
    }

    static func ms(_ duration: Duration) -> String {
        String(format: "%.0f ms", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }
}

extension StoppedNode: CustomStringConvertible {
    public var description: String {
        "\(node) stopped (SIGSTOP pid \(pid))" + (flaggedAfter.map { ", flagged after \(PromotedReplica.ms($0))" } ?? "")
    }
}

extension GhostNode: CustomStringConvertible {
    public var description: String {
        "replica \(ghostID.prefix(8)) replaced by \(replacement) at port \(port); "
            + "the old id lingers as noaddr,fail in \(observers.count) views"
    }
}

extension UnreachableAnnouncedCluster: CustomStringConvertible {
    public var description: String {
        "\(cluster.nodes.count) nodes announce \(announcedHost), which refuses connections; "
            + "reach them with --map \(announcedHost):PORT=127.0.0.1:PORT"
    }
}

extension LoadingNode: CustomStringConvertible {
    public var description: String {
        "\(node) loading \(keys) keys at \(keyLoadDelayMicroseconds) µs per key (answers LOADING)"
    }
}
