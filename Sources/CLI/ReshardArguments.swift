import ClusterModel
import Foundation
import Operations

/// The reshard flags as the planner takes them, each bad value as one clear line.
enum ReshardArguments {
    /// `--slots 1000` or `--slots 0-999,2000-2099`.
    static func slots(_ text: String) throws(CLIError) -> SlotSelection {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let count = Int(trimmed) {
            guard (1...clusterSlotCount).contains(count) else {
                throw CLIError.usage("--slots \(text): a number of slots is from 1 to \(clusterSlotCount)")
            }
            return .count(count)
        }
        var ranges: [SlotRange] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(bounds.count), let start = bounds[0], let end = bounds.last ?? nil,
                  (0..<clusterSlotCount).contains(start), (0..<clusterSlotCount).contains(end), start <= end else {
                throw CLIError.usage("--slots \(text): give a count (1000) or slot ranges from 0 to 16383 (0-999,2000-2099); "
                                     + "'\(part)' is neither")
            }
            ranges.append(SlotRange(start, end))
        }
        let merged = slotRanges(of: ranges.flatMap { $0.start...$0.end })
        return .ranges(merged)
    }

    /// `--from all` or `--from id,id…` (nil: not given).
    static func sources(_ text: String?) throws(CLIError) -> SourceSelection {
        guard let text else { return .owners }
        if text.lowercased() == "all" { return .all }
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw CLIError.usage("--from needs master ids (comma-separated) or all") }
        return .nodes(ids)
    }

    /// `--weight ID=W`, repeatable.
    static func weights(_ texts: [String]) throws(CLIError) -> [String: Double] {
        var result: [String: Double] = [:]
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let weight = Double(parts[1]), weight >= 0, weight.isFinite else {
                throw CLIError.usage("--weight \(text): write it as NODE-ID=WEIGHT, e.g. --weight 1a2b=2 (a weight ≥ 0)")
            }
            result[parts[0]] = weight
        }
        return result
    }
}
