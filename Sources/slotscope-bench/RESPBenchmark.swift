import CHiredis

/// `slotscope-bench resp`: throughput of `RESPParser` against hiredis's C reader on
/// the same bytes in the same run, and a fixed-work mode for callgrind.
enum RESPBenchmark {
    static let help = """
        usage: slotscope-bench resp [--runs N] [--case nodes|pipeline]
               slotscope-bench resp --iterations N --only swift|hiredis --case nodes|pipeline
               slotscope-bench resp --dump [--case nodes|pipeline]   (print the input bytes)

          nodes     one CLUSTER NODES reply of 200 nodes (100 masters, 100 replicas)
          pipeline  10,000 small pipelined replies (+OK, :n, short bulks, nils, small arrays)

        The first form times both parsers, alternating, and prints medians over the runs.
        With --iterations it parses the case N times with one parser and prints nothing
        but a summary: run it under `valgrind --tool=callgrind` with N and with 0 and
        divide the difference in instructions by N.
        """

    struct Case {
        var name: String
        var summary: String
        var input: [UInt8]
    }

    static func makeCase(_ name: String) -> Case? {
        switch name {
        case "nodes": return Case(name: "nodes", summary: "CLUSTER NODES, 200 nodes", input: RESPBenchInputs.clusterNodes())
        case "pipeline": return Case(name: "pipeline", summary: "10,000 pipelined replies", input: RESPBenchInputs.pipeline())
        default: return nil
        }
    }

    static func run(_ arguments: [String]) -> Int32 {
        var options: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let key = arguments[index]
            if key == "--help" || key == "-h" { print(help); return 0 }
            if key == "--dump" { options["dump"] = ""; index += 1; continue }
            guard key.hasPrefix("--"), index + 1 < arguments.count else { print(help); return 2 }
            options[String(key.dropFirst(2))] = arguments[index + 1]
            index += 2
        }
        let caseNames = options["case"].map { [$0] } ?? ["nodes", "pipeline"]
        let cases = caseNames.compactMap(makeCase)
        guard cases.count == caseNames.count, Set(options.keys).isSubset(of: ["case", "runs", "iterations", "only", "dump"]) else {
            print(help)
            return 2
        }
        if options["dump"] != nil {
            for benchCase in cases { print(String(decoding: benchCase.input, as: UTF8.self), terminator: "") }
            return 0
        }
        if let iterations = options["iterations"].flatMap(Int.init) {
            guard let only = options["only"], cases.count == 1, ["swift", "hiredis"].contains(only) else { print(help); return 2 }
            return fixedWork(cases[0], parser: only, iterations: iterations)
        }
        let runs = options["runs"].flatMap(Int.init) ?? 9
        print("RESP parser: Swift RESPParser vs hiredis \(hiredisVersion) reader, \(benchReadSize / 1024) KiB reads, median of \(runs) runs")
        for benchCase in cases { compare(benchCase, runs: runs) }
        return 0
    }

    static var hiredisVersion: String { "\(HIREDIS_MAJOR).\(HIREDIS_MINOR).\(HIREDIS_PATCH)" }

    /// Parses `benchCase` exactly `iterations` times with one parser (for callgrind).
    static func fixedWork(_ benchCase: Case, parser: String, iterations: Int) -> Int32 {
        var replies = 0
        benchCase.input.withUnsafeBufferPointer { input in
            if parser == "swift" {
                var reader = SwiftReader()
                for _ in 0..<iterations { replies += reader.parse(input) }
            } else {
                let reader = HiredisReader()
                for _ in 0..<iterations { replies += reader.parse(input) }
            }
        }
        print("\(parser) \(benchCase.name): \(iterations) iterations, \(replies) replies, \(benchCase.input.count) bytes each")
        return 0
    }

    static func compare(_ benchCase: Case, runs: Int) {
        benchCase.input.withUnsafeBufferPointer { input in
            var swift = SwiftReader()
            let hiredis = HiredisReader()
            let repliesPerPass = swift.parse(input)
            guard hiredis.parse(input) == repliesPerPass else { fatalError("parsers disagree on the reply count") }
            // Enough passes for ~0.2 s per run and parser.
            let once = Measure.seconds { _ = swift.parse(input) }
            let passes = max(1, Int(0.2 / max(once, 1e-9)))
            var swiftSeconds: [Double] = []
            var hiredisSeconds: [Double] = []
            for run in 0..<runs {
                // Alternate which goes first, so neither always gets the warmer cache.
                let order: [Bool] = run % 2 == 0 ? [true, false] : [false, true]
                for isSwift in order {
                    if isSwift {
                        swiftSeconds.append(Measure.seconds { for _ in 0..<passes { _ = swift.parse(input) } } / Double(passes))
                    } else {
                        hiredisSeconds.append(Measure.seconds { for _ in 0..<passes { _ = hiredis.parse(input) } } / Double(passes))
                    }
                }
            }
            let swiftTime = Measure.median(swiftSeconds), hiredisTime = Measure.median(hiredisSeconds)
            let megabytes = Double(input.count) / 1e6
            print("\n\(benchCase.name): \(benchCase.summary), \(input.count) bytes, \(repliesPerPass) replies per pass, \(passes) passes per run")
            for (label, time) in [("swift", swiftTime), ("hiredis", hiredisTime)] {
                print("  \(label.padding(toWidth: 8)) \(format(megabytes / time)) MB/s  \(format(Double(repliesPerPass) / time)) replies/s  \(format(time * 1e6)) µs/pass")
            }
            print("  ratio swift/hiredis: \(format(hiredisTime / swiftTime, digits: 2))×")
        }
    }

    static func format(_ value: Double, digits: Int = 1) -> String {
        if value >= 1e6 { return String(Int(value.rounded())) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return "\(rounded)"
    }
}
