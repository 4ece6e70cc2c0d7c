import ClusterModel
import Foundation

/// `slotscope-bench recording`: what one recorded poll of a synthetic cluster costs to read
/// back, in each recording format: its size, where the bytes are (per top-level key of the
/// snapshot, per field of its nodes), and the decode time of the whole line and of its
/// bulky parts. `--decode N --schema S` decodes the line N times and nothing else: run it
/// under callgrind with N and with 0, and the difference over N is one poll's instructions.
enum RecordingBenchmark {
    struct Settings {
        var nodes = 200
        var runs = 15
        var decodeOnly: Int?
        var schema = ClusterRecording.schema
    }

    static func run(_ arguments: [String]) -> Int32 {
        var settings = Settings()
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch arguments[index] {
            case "--nodes": settings.nodes = value.flatMap(Int.init) ?? settings.nodes; index += 1
            case "--runs": settings.runs = value.flatMap(Int.init) ?? settings.runs; index += 1
            case "--decode": settings.decodeOnly = value.flatMap(Int.init); index += 1
            case "--schema": settings.schema = value.map { "slotscope.recording/" + $0 } ?? settings.schema; index += 1
            case "--help", "-h":
                print("""
                usage: slotscope-bench recording [--nodes 200] [--runs 15]
                       slotscope-bench recording --decode N [--schema 1|2]   (N decodes and nothing else, for callgrind)
                """)
                return 0
            default:
                print("slotscope-bench recording: unknown option \(arguments[index]) (see --help)")
                return 2
            }
            index += 1
        }
        guard ClusterRecording.schemas.contains(settings.schema) else {
            print("slotscope-bench recording: --schema: use 1 or 2")
            return 2
        }
        do {
            let entry = poll(nodes: settings.nodes)
            if let count = settings.decodeOnly {
                let line = try encoder(for: settings.schema).encode(entry)
                let decoder = ClusterRecording.decoder(for: settings.schema)
                var nodes = 0
                for _ in 0..<count { nodes += try decoder.decode(ClusterRecording.Entry.self, from: line).snapshot.nodes.count }
                print("decoded \(count) polls of \(line.count) bytes (\(nodes) nodes)")
                return 0
            }
            CheckBenchmark.say("== one recorded poll of a synthetic \(entry.snapshot.nodes.count)-node cluster, median of \(settings.runs)")
            for schema in ClusterRecording.schemas.reversed() { try report(entry, schema: schema, runs: settings.runs) }
            return 0
        } catch {
            print("slotscope-bench recording: \(error)")
            return 1
        }
    }

    /// A poll of a healthy cluster of about `nodes` nodes (masters with one replica each).
    static func poll(nodes: Int) -> ClusterRecording.Entry {
        let cluster = SyntheticCluster(masters: max(3, nodes / 2), replicasPerMaster: 1)
        let time = Timestamp(milliseconds: 1_800_000_000_000)
        return ClusterRecording.Entry(snapshot: ClusterSnapshot.build(from: cluster.polls(at: time), at: time), events: [])
    }

    /// `/1` lines are written as `snapshot --json` encodes; `/2` with the recording's encoder.
    static func encoder(for schema: String) -> JSONEncoder {
        guard schema == ClusterRecording.firstSchema else { return ClusterRecording.encoder() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func report(_ entry: ClusterRecording.Entry, schema: String, runs: Int) throws {
        let line = try encoder(for: schema).encode(entry)
        let decoder = ClusterRecording.decoder(for: schema)
        let whole = Measure.median((0..<runs).map { _ in
            Measure.seconds { _ = try? decoder.decode(ClusterRecording.Entry.self, from: line) } * 1000
        })
        let encodeTime = Measure.median((0..<runs).map { _ in Measure.seconds { _ = try? encoder(for: schema).encode(entry) } * 1000 })
        CheckBenchmark.say("\n  \(schema): \(line.count / 1024) KiB a poll; decode \(format(whole)), encode \(format(encodeTime))")

        // Where the bytes are: each top-level key of the snapshot, and each field summed over nodes.
        guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any],
              let snapshot = object["snapshot"] as? [String: Any], let nodes = snapshot["nodes"] as? [[String: Any]] else {
            throw BenchError("the line is not a snapshot")
        }
        func size(_ value: Any) -> Int {
            (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]))?.count ?? 0
        }
        let keys = snapshot.keys.sorted().map { ($0, size(snapshot[$0]!)) }.sorted { $0.1 > $1.1 }
        CheckBenchmark.say("    snapshot keys, bytes: " + keys.prefix(6).map { "\($0.0) \($0.1 / 1024) KiB" }.joined(separator: ", "))
        var fields: [String: Int] = [:]
        for node in nodes { for (key, value) in node { fields[key, default: 0] += size(value) } }
        let top = fields.sorted { $0.value > $1.value }.prefix(6)
        CheckBenchmark.say("    node fields over all nodes: " + top.map { "\($0.key) \($0.value / 1024) KiB" }.joined(separator: ", "))

        // The decode time of the parts: the nodes, their INFO alone, the rest of the snapshot.
        let infos = try JSONSerialization.data(withJSONObject: nodes.compactMap { $0["info"] }, options: [.fragmentsAllowed])
        let nodesJSON = try JSONSerialization.data(withJSONObject: nodes)
        var rest = snapshot
        rest["nodes"] = [Any]()
        let restJSON = try JSONSerialization.data(withJSONObject: ["snapshot": rest, "events": [Any]()])
        func time(_ body: () -> Void) -> Double { Measure.median((0..<runs).map { _ in Measure.seconds(body) * 1000 }) }
        let infoTime = time { _ = try? decoder.decode([ServerInfo].self, from: infos) }
        let nodesTime = time { _ = try? decoder.decode([NodeState].self, from: nodesJSON) }
        let restTime = time { _ = try? decoder.decode(ClusterRecording.Entry.self, from: restJSON) }
        CheckBenchmark.say("    decode: nodes \(format(nodesTime)) (of which INFO \(format(infoTime))), "
            + "snapshot without nodes \(format(restTime))")
    }

    static func format(_ milliseconds: Double) -> String { String(format: "%.2f ms", milliseconds) }
}
