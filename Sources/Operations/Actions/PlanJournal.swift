import Foundation
import Synchronization

/// What the journal file holds: the plan, how far it got, and how it ended.
public struct JournalRecord: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable { case running, finished, failed }
    public var format = 1
    /// The action (`fix`).
    public var action: String
    /// The node the action was started against, as given.
    public var seed: String
    public var started: Date
    public var plan: Plan
    /// Steps finished, in order: the next run starts at this index.
    public var completedSteps: Int
    public var status: Status
    public var error: String?
}

/// A journal file for one run of an action: written (atomically) when the run starts and
/// after every step, so `--resume` can continue where a killed run stopped. Default folder:
/// `$XDG_STATE_HOME/slotscope`, else `~/.local/state/slotscope`.
public final class PlanJournal: Sendable {
    public let path: String
    private let state: Mutex<JournalRecord>
    /// The plan as JSON, encoded once: it never changes, and encoding a reshard plan of a
    /// thousand slots after every step cost more CPU than moving the keys.
    private let planJSON: Mutex<Data?> = Mutex(nil)

    public var record: JournalRecord { state.withLock { $0 } }

    private init(path: String, record: JournalRecord) {
        self.path = path
        self.state = Mutex(record)
    }

    /// The default journal folder for this environment.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/slotscope" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state/slotscope"
    }

    /// Starts a new journal for `plan` in `directory` (created if missing).
    public static func create(directory: String, action: String, seed: String, plan: Plan) throws(ActionError) -> PlanJournal {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .journal("cannot create \(directory): \(error.localizedDescription)")
        }
        let now = Date()
        let stamp = Int(now.timeIntervalSince1970 * 1000)
        let path = "\(directory)/\(action)-\(stamp)-\(getpid()).json"
        let journal = PlanJournal(path: path, record: JournalRecord(action: action, seed: seed, started: now, plan: plan,
                                                                    completedSteps: 0, status: .running))
        try journal.write(journal.record)
        return journal
    }

    /// The most recent journal in `directory` for `action` that did not finish, if any.
    public static func latestUnfinished(in directory: String, action: String) -> PlanJournal? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        var best: PlanJournal?
        for name in names where name.hasPrefix(action + "-") && name.hasSuffix(".json") {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path),
                  let record = try? decoder.decode(JournalRecord.self, from: data),
                  record.status != .finished, record.completedSteps < record.plan.steps.count else { continue }
            if best.map({ record.started > $0.record.started }) ?? true { best = PlanJournal(path: path, record: record) }
        }
        return best
    }

    /// Records that step `index` finished.
    func stepDone(_ index: Int) throws(ActionError) {
        let record = state.withLock { record in
            record.completedSteps = index + 1
            record.status = .running
            return record
        }
        try write(record)
    }

    /// Records the end of the run (nil error: finished).
    func finish(error: String?) {
        let record = state.withLock { record in
            record.status = error == nil ? .finished : .failed
            record.error = error
            return record
        }
        try? write(record)
    }

    /// Writes the record atomically: everything but the plan encoded afresh, the plan's JSON
    /// (encoded once) spliced in as the `plan` member — the same JSON object as encoding the
    /// whole record.
    private func write(_ record: JournalRecord) throws(ActionError) {
        do {
            let plan = try planJSON.withLock { cached in
                if let cached { return cached }
                // Compact and unsorted: the plan is read back by the decoder, not by eye (the
                // header stays pretty), and a 1000-slot plan encodes much faster this way.
                let encoded = try JSONEncoder().encode(record.plan)
                cached = encoded
                return encoded
            }
            var header = try Self.encoder.encode(Header(record))
            guard let close = header.lastIndex(of: UInt8(ascii: "}")) else { throw ActionError.journal("cannot encode the journal") }
            header.removeSubrange(close...)
            while let last = header.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: " ") { header.removeLast() }
            header.append(contentsOf: Array(",\n  \"plan\" : ".utf8))
            header.append(plan)
            header.append(contentsOf: Array("\n}".utf8))
            try header.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch let error as ActionError {
            throw error
        } catch {
            throw .journal("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// A record without its plan.
    private struct Header: Encodable {
        var format: Int, action: String, seed: String, started: Date, completedSteps: Int
        var status: JournalRecord.Status, error: String?

        init(_ record: JournalRecord) {
            (format, action, seed, started) = (record.format, record.action, record.seed, record.started)
            (completedSteps, status, error) = (record.completedSteps, record.status, record.error)
        }
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
