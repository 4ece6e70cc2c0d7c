import ClusterModel

/// `slotscope-bench pollcycle`: one full poll cycle of a synthetic cluster without the
/// network — parse every node's replies, build the snapshot, diff against the previous
/// one, run the health rules. Bar (inspection issue): ≤ 5 ms at 200 nodes.
///
/// `--iterations N --only cycle` runs just the work, for `valgrind --tool=callgrind`.
enum PollCycleBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        var masters = 100
        var replicas = 1
        var runs = 31
        var iterations: Int?
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
            switch arguments[index] {
            case "--masters": masters = value ?? masters; index += 1
            case "--replicas": replicas = value ?? replicas; index += 1
            case "--runs": runs = value ?? runs; index += 1
            case "--iterations": iterations = value; index += 1
            case "--only": index += 1
            case "--help", "-h":
                print("usage: slotscope-bench pollcycle [--masters 100] [--replicas 1] [--runs 31] [--iterations N]")
                return 0
            default:
                print("slotscope-bench pollcycle: unknown option \(arguments[index]) (see --help)")
                return 2
            }
            index += 1
        }
        let cluster = SyntheticCluster(masters: masters, replicasPerMaster: replicas)
        let failedOver = SyntheticCluster(masters: masters, replicasPerMaster: replicas, failedOver: [0])
        let t0 = Timestamp(milliseconds: 1_800_000_000_000)
        let t1 = Timestamp(milliseconds: 1_800_000_001_000)
        let before = ClusterSnapshot.build(from: cluster.polls(at: t0), at: t0)
        let polls = failedOver.polls(at: t1)

        if let iterations {
            var sink = 0
            for _ in 0..<iterations { sink &+= cycle(polls, previous: before, at: t1) }
            print("ran \(iterations) cycles (\(sink))")
            return 0
        }
        var samples: [Double] = []
        var counts = (events: 0, findings: 0)
        for _ in 0..<runs {
            var result = 0
            let seconds = Measure.seconds { result = cycle(polls, previous: before, at: t1) }
            samples.append(seconds * 1000)
            counts = (result >> 16, result & 0xFFFF)
        }
        let median = Measure.median(samples)
        print("""
        poll cycle of \(cluster.nodeCount) nodes (parse + snapshot + diff + findings, no network), \(runs) runs:
          median \(String(format3(median))) ms, min \(String(format3(samples.min() ?? 0))) ms   (bar ≤ 5 ms at 200 nodes)
          \(counts.events) events, \(counts.findings) findings per cycle
        """)
        return 0
    }

    /// One cycle; returns events << 16 | findings so the work cannot be optimized away.
    static func cycle(_ polls: [NodePoll], previous: ClusterSnapshot, at time: Timestamp) -> Int {
        let snapshot = ClusterSnapshot.build(from: polls, at: time)
        let events = diff(previous, snapshot)
        let found = findings(snapshot)
        return events.count << 16 | found.count
    }

    static func format3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
