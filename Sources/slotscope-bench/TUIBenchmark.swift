import ClusterModel
import Foundation
import Sandbox
import Screens
import UI

/// `slotscope-bench tui`: the interactive inspector's costs (issue 7's bars).
///
/// - first frame: `slotscope HOST:PORT` on a pty, from spawn to the first full frame of a
///   real 30-node loopback cluster (bar ≤ 200 ms);
/// - render: one frame of a 200-node cluster at 250×70, drawn into the cell grid and flushed
///   through ncurses to a pty, in this process (bar ≤ 2 ms); `--only render --frames N`
///   runs just that, for callgrind;
/// - idle: CPU and RSS of `slotscope replay` playing a recorded 200-node cluster polled every
///   second, against `htop -d 10` (one refresh a second) in the same size of pty, same run
///   (bars ≤ 3 % of a core, ≤ 40 MiB).
enum TUIBenchmark {
    struct Settings {
        var only: String?
        var runs = 15
        var frames = 300
        var callgrindFrames: Int?
        /// For `--frames`: forget the previous frame before each one (a full repaint).
        var repaint = false
        /// For `--frames`: the screen drawn.
        var screen = InspectorScreen.nodes
        var window = 20.0
        var firstFrameNodes = 30
        var idleNodes = 200
        var slotscope: String?
    }

    static func run(_ arguments: [String]) -> Int32 {
        var settings = Settings()
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch arguments[index] {
            case "--only": settings.only = value; index += 1
            case "--runs": settings.runs = value.flatMap(Int.init) ?? settings.runs; index += 1
            case "--frames": settings.callgrindFrames = value.flatMap(Int.init); index += 1
            case "--repaint": settings.repaint = true
            case "--screen":
                guard let screen = RenderBenchmark.screens.first(where: { $0.title.lowercased().hasPrefix(value?.lowercased() ?? "-") }) else {
                    print("slotscope-bench tui: --screen \(value ?? ""): use overview, nodes or slot")
                    return 2
                }
                settings.screen = screen
                index += 1
            case "--seconds": settings.window = value.flatMap(Double.init) ?? settings.window; index += 1
            case "--nodes": settings.firstFrameNodes = value.flatMap(Int.init) ?? settings.firstFrameNodes; index += 1
            case "--idle-nodes": settings.idleNodes = value.flatMap(Int.init) ?? settings.idleNodes; index += 1
            case "--slotscope": settings.slotscope = value; index += 1
            case "--help", "-h":
                print("""
                usage: slotscope-bench tui [--only first-frame|render|idle] [--runs 15] [--seconds 20]
                                           [--nodes 30] [--idle-nodes 200] [--slotscope PATH]
                       slotscope-bench tui --only render --frames N [--repaint] [--screen overview|nodes|slot]
                           (N frames and nothing else, for callgrind; --repaint: each a full repaint)
                """)
                return 0
            default:
                print("slotscope-bench tui: unknown option \(arguments[index]) (see --help)")
                return 2
            }
            index += 1
        }
        if let only = settings.only, !["first-frame", "render", "idle"].contains(only) {
            print("slotscope-bench tui: --only \(only): use first-frame, render or idle")
            return 2
        }
        let slotscope = settings.slotscope ?? CheckBenchmark.siblingExecutable("slotscope")
        guard FileManager.default.isExecutableFile(atPath: slotscope) else {
            print("slotscope-bench tui: \(slotscope) not found: build it (swift build -c release --product slotscope) or pass --slotscope PATH")
            return 2
        }
        do {
            if let frames = settings.callgrindFrames {
                try RenderBenchmark.callgrindFrames(frames, nodes: settings.idleNodes, screen: settings.screen,
                                                    repaint: settings.repaint)
                return 0
            }
            CheckBenchmark.say("slotscope-bench tui — load average \(CheckBenchmark.loadAverage()), \(ProcessInfo.processInfo.activeProcessorCount) cores")
            if settings.only == nil || settings.only == "first-frame" { try firstFrame(settings, slotscope: slotscope) }
            if settings.only == nil || settings.only == "render" {
                CheckBenchmark.say(try RenderBenchmark.measure(nodes: settings.idleNodes, frames: settings.frames))
            }
            if settings.only == nil || settings.only == "idle" { try idle(settings, slotscope: slotscope) }
            return 0
        } catch {
            print("slotscope-bench tui: \(error)")
            return 1
        }
    }

    /// The environment of every program started on a pty: a colour UTF-8 terminal.
    static var terminalEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["NO_COLOR", "TMUX", "TMUX_PANE", "LINES", "COLUMNS", "SLOTSCOPE_READONLY"] { environment[name] = nil }
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        return environment
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }

    static func format(_ value: Double) -> String { FanoutBenchmark.format(value) }

    // MARK: - First frame

    static func firstFrame(_ settings: Settings, slotscope: String) throws {
        let masters = max(3, settings.firstFrameNodes / 2)
        let sandbox = try Sandbox()
        CheckBenchmark.say("\n== first full frame: \(masters * 2)-node loopback cluster, 250×70 pty, \(settings.runs) runs")
        let started: Result<SandboxCluster, Error> = BlockingTask.run {
            do { return .success(try await sandbox.startCluster(masters: masters, replicasPerMaster: 1)) } catch { return .failure(error) }
        }
        defer { BlockingTask.run { await sandbox.stopAll() } }
        let cluster = try started.get()
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        let answer = "\(cluster.nodes.count)/\(cluster.nodes.count) nodes answer"
        var samples: [Double] = []
        for run in 0...settings.runs {
            let process = try PtyProcess(slotscope, [seed, "--interval", "1s"], environment: terminalEnvironment,
                                         columns: 250, rows: 70)
            // The overview's count, then the footer, which is written last (curses puts
            // attribute changes between "?" and "help", so the footer is matched by "quit").
            let shown = process.read(until: { $0.contains(text: answer) && $0.contains(text: " quit") }, timeout: 10)
            process.type("q")
            process.stop()
            guard let shown else {
                throw BenchError("no full frame within 10 s; the pty showed: \(String(decoding: process.output.suffix(400), as: UTF8.self))")
            }
            if run > 0 { samples.append(milliseconds(shown)) }  // the first run warms the page cache
        }
        CheckBenchmark.say("""
          spawn → first full frame (\(answer)): median \(format(Measure.median(samples))), \
        min \(format(samples.min() ?? 0)), max \(format(samples.max() ?? 0))   (bar ≤ 200 ms)
        """)
        // The same cluster polled live every second, for comparison with the replays below.
        let live = try PtyProcess(slotscope, [seed, "--interval", "1s"], environment: terminalEnvironment,
                                  columns: 250, rows: 70)
        guard live.read(until: { $0.contains(text: answer) }, timeout: 10) != nil else { throw BenchError("no live frame") }
        live.drain(seconds: 5)
        let cpu0 = live.cpuSeconds()
        let clock = ContinuousClock()
        let from = clock.now
        live.drain(seconds: settings.window)
        let cpu = (live.cpuSeconds() - cpu0) / (milliseconds(clock.now - from) / 1000) * 100
        let rss = Double(live.memoryKiB("VmRSS")) / 1024
        live.type("q")
        live.stop()
        CheckBenchmark.say("  live, polling every 1 s for \(Int(settings.window)) s: CPU \(String(format: "%.2f", cpu)) % of a core, "
            + "RSS \(String(format: "%.1f", rss)) MiB")
    }

    // MARK: - Idle

    static func idle(_ settings: Settings, slotscope: String) throws {
        let frames = Int(settings.window) + 15
        let file = NSTemporaryDirectory() + "slotscope-bench-tui-\(getpid()).jsonl"
        defer { unlink(file) }
        let bytes = try RecordingWriter.write(path: file, nodes: settings.idleNodes, frames: frames)
        // What a replay spends per poll before drawing: decoding the recorded line, and the
        // health rules the inspector runs on every snapshot.
        let lines = (FileManager.default.contents(atPath: file) ?? Data()).split(separator: 0x0A)
        var decodeSamples: [Double] = []
        var rulesSamples: [Double] = []
        let decoder = ClusterRecording.decoder(for: ClusterRecording.schema)
        for line in lines.dropFirst().prefix(9) {
            var entry: ClusterRecording.Entry?
            decodeSamples.append(Measure.seconds { entry = try? decoder.decode(ClusterRecording.Entry.self, from: Data(line)) } * 1000)
            if let snapshot = entry?.snapshot { rulesSamples.append(Measure.seconds { _ = findings(snapshot) } * 1000) }
        }
        CheckBenchmark.say("""

        == idle at one poll a second, 250×70 pty, \(Int(settings.window)) s window after 5 s warm-up
          recording: \(settings.idleNodes) nodes, \(frames) polls 1 s apart, \(bytes / 1024) KiB; per poll: \
        JSON decode \(format(Measure.median(decodeSamples))), health rules \(format(Measure.median(rulesSamples)))
        """)
        let htop = ["/usr/bin/htop", "/bin/htop", "/usr/local/bin/htop"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let small = NSTemporaryDirectory() + "slotscope-bench-tui-small-\(getpid()).jsonl"
        defer { unlink(small) }
        _ = try RecordingWriter.write(path: small, nodes: 6, frames: frames)
        // The same polls in the first format, whose INFO is `sections`: the same-run reference.
        let first = NSTemporaryDirectory() + "slotscope-bench-tui-first-\(getpid()).jsonl"
        defer { unlink(first) }
        let firstBytes = try RecordingWriter.write(path: first, nodes: settings.idleNodes, frames: frames,
                                                   schema: ClusterRecording.firstSchema)
        CheckBenchmark.say("  the same in \(ClusterRecording.firstSchema): \(firstBytes / 1024) KiB")
        var contenders: [(String, String, [String], String)] = [
            ("slotscope replay, 6 nodes", slotscope, ["replay", small], "REPLAY"),
            ("slotscope replay, Overview", slotscope, ["replay", file], "REPLAY"),
            ("slotscope replay, Nodes", slotscope, ["replay", file], "REPLAY"),
            ("replay, Nodes, recording/1", slotscope, ["replay", first], "REPLAY"),
        ]
        if let htop { contenders.append(("htop -d 10", htop, ["-d", "10"], "Load average")) }
        else { CheckBenchmark.say("  htop is not installed (scripts/install-deps.sh installs it): no reference") }
        for (label, executable, arguments, marker) in contenders {
            let process = try PtyProcess(executable, arguments, environment: terminalEnvironment, columns: 250, rows: 70)
            guard process.read(until: { $0.contains(text: marker) }, timeout: 30) != nil else {
                throw BenchError("\(label): nothing drawn within 30 s")
            }
            if label.contains("Nodes") { process.type("2") }
            process.drain(seconds: 5)
            let cpu0 = process.cpuSeconds()
            let clock = ContinuousClock()
            let from = clock.now
            process.drain(seconds: settings.window)
            let wall = milliseconds(clock.now - from) / 1000
            let cpu = (process.cpuSeconds() - cpu0) / wall * 100
            let rss = Double(process.memoryKiB("VmRSS")) / 1024
            let peak = Double(process.memoryKiB("VmHWM")) / 1024
            process.type("q")
            process.stop()
            CheckBenchmark.say("  \(label.padding(toWidth: 28))CPU \(String(format: "%.2f", cpu)) % of a core, "
                + "RSS \(String(format: "%.1f", rss)) MiB (peak \(String(format: "%.1f", peak)) MiB)")
        }
        CheckBenchmark.say("  bars: CPU ≤ 3 % of a core, RSS ≤ 40 MiB with 200 nodes")
    }
}

/// Writes a recording in `slotscope record`'s format (`ClusterRecording`, `/2` unless asked
/// for `/1`): a header line, then one poll per line, here of a synthetic cluster, one a second.
enum RecordingWriter {
    /// Returns the file's size in bytes.
    static func write(path: String, nodes: Int, frames: Int, schema: String = ClusterRecording.schema) throws -> Int {
        let cluster = SyntheticCluster(masters: max(3, nodes / 2), replicasPerMaster: 1)
        let encoder = RecordingBenchmark.encoder(for: schema)
        var data = try encoder.encode(ClusterRecording.Header(schema: schema, target: "synthetic \(cluster.nodeCount) nodes",
                                                              started: "2027-01-15T08:00:00Z"))
        data.append(0x0A)
        var previous: ClusterSnapshot?
        // Start a few seconds in the past: the replay's clock is the recording's own.
        let start = Int64(Date().timeIntervalSince1970 * 1000)
        for index in 0..<frames {
            let time = Timestamp(milliseconds: start + Int64(index) * 1000)
            let snapshot = ClusterSnapshot.build(from: cluster.polls(at: time), at: time)
            data.append(try encoder.encode(ClusterRecording.Entry(snapshot: snapshot, events: previous.map { diff($0, snapshot) } ?? [])))
            data.append(0x0A)
            previous = snapshot
        }
        guard FileManager.default.createFile(atPath: path, contents: data) else { throw BenchError("cannot write \(path)") }
        return data.count
    }
}
