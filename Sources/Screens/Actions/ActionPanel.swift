import ClusterModel
import UI

/// The action panel, drawn over the screen's body while an action is open: planning, the
/// plan to confirm (steps, exact commands, nodes, what moves, risks), live progress (step,
/// slots, keys, keys/s, ETA), then how the run ended and the verdict of a fresh poll.
struct ActionPanel {
    var flow: ActionFlow
    var glyphs: Glyphs

    /// One row of the panel.
    enum Row: Hashable {
        case text(String, Style)
        case gauge(Double)
        case blank
    }

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        buffer.fill(rect)
        buffer.drawBox(rect, glyphs: glyphs, title: flow.kind.title, titleStyle: ScreenStyle.heading)
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: max(0, rect.width - 4), height: max(0, rect.height - 2))
        guard inner.width > 0, inner.height > 0 else { return }
        for (offset, row) in rows(width: inner.width, height: inner.height).enumerated() {
            let y = inner.y + offset
            switch row {
            case .text(let text, let style):
                ScreenStyle.line(text, in: inner, y: y, style: style, glyphs: glyphs, into: &buffer)
            case .gauge(let fraction):
                Gauge(fraction: fraction, label: "\(Int((fraction * 100).rounded(.down)))%", style: ScreenStyle.good)
                    .render(into: &buffer, in: Rect(x: inner.x, y: y, width: min(inner.width, 60), height: 1), glyphs: glyphs)
            case .blank:
                break
            }
        }
    }

    /// The panel's rows for an inner area of `width`×`height`: a head, the plan's lines
    /// (scrolled) in the middle, and a foot that always shows.
    func rows(width: Int, height: Int) -> [Row] {
        var head: [Row] = []
        var foot: [Row] = []
        var plan: ActionPlanSummary?
        switch flow.phase {
        case .askingSlots(_, let target):
            head = wrapped(["Move slots to \(target) from every other master that owns slots, in proportion to what each owns.",
                            "How many slots? Type a number (1-\(clusterSlotCount)) and press enter: the plan comes next, "
                            + "and nothing is sent before you confirm it."], width: width)
            foot = [.text("esc cancels" + ScreenStyle.separator(glyphs) + "other sources or slot ranges: slotscope reshard",
                          ScreenStyle.muted)]
        case .planning:
            head = wrapped(["Planning: polling every node with a key census, then planning on that snapshot…"], width: width)
            foot = [.text("esc cancels (nothing has been sent)", ScreenStyle.muted)]
        case .confirming(let summary):
            plan = summary
            head = [.text(summary.headline, ScreenStyle.heading)]
            foot = wrapped(["Type \(summary.confirmation) (\(summary.confirmationMeaning)) and press enter to run; esc cancels."],
                           width: width, style: ScreenStyle.heading)
                + [.text("Nothing has been sent yet.", ScreenStyle.muted)]
        case .running(let summary, let progress):
            plan = summary
            head = [.text(summary.headline, ScreenStyle.heading), .blank] + progressRows(progress) + [
                flow.abortRequested ? .text("Stopping after the step in flight…", ScreenStyle.problem)
                    : .text("a aborts after the step in flight (journaled, resumable); esc watches the screens meanwhile",
                            ScreenStyle.muted), .blank,
            ]
        case .verifying(let summary, let outcome):
            head = [.text(summary.headline, ScreenStyle.heading), .blank] + wrapped(outcome, width: width)
                + [.blank, .text("Checking the result with a fresh poll…", ScreenStyle.muted)]
        case .finished(let summary, let outcome, let verdict):
            if let summary { head = [.text(summary.headline, ScreenStyle.heading), .blank] }
            head += wrapped(outcome, width: width)
            if let verdict {
                head += [.blank] + wrapped(verdict.lines, width: width,
                                           style: verdict.repaired ? ScreenStyle.good : ScreenStyle.problem)
            }
            foot = [.text("esc closes" + ScreenStyle.separator(glyphs) + "commands sent and their replies: Log screen",
                          ScreenStyle.muted)]
        }
        guard let plan else { return Array((head + [.blank] + foot).prefix(height)) }
        let room = height - head.count - foot.count - 1
        guard room > 0 else { return Array((head + foot).suffix(height)) }
        let all = plan.lines.flatMap { Self.wrap($0, width: width) }
        let lines = Array(all.dropFirst(min(flow.scroll, max(0, all.count - 1))))
        var middle: [Row] = lines.prefix(room).map { line in
            let heading = line.hasPrefix("Risks:") || line.hasPrefix("Not repaired") || line.hasPrefix("Choices:")
            return .text(line, heading ? ScreenStyle.heading : .plain)
        }
        if lines.count > room {
            middle[room - 1] = .text("… \(lines.count - room + 1) more line(s): ↓ or pgdn scrolls", ScreenStyle.muted)
        }
        middle += Array(repeating: .blank, count: room - middle.count)
        return head + middle + [.blank] + foot
    }

    /// Step, slot, slots, keys, keys/s and ETA, then a bar.
    private func progressRows(_ progress: ActionProgressSummary?) -> [Row] {
        guard let progress else { return [.text("starting…", .plain)] }
        return [.text(Self.progressText(progress, glyphs: glyphs), .plain), .gauge(progress.fraction)]
    }

    /// `step 1/4 · slot 77 · slots 0/1 · keys 1200/60000 · 5000 keys/s · ETA 12s`.
    static func progressText(_ progress: ActionProgressSummary, glyphs: Glyphs) -> String {
        var parts = [progress.step >= progress.steps ? "all \(progress.steps) step(s) done"
                     : "step \(progress.step + 1)/\(progress.steps)"]
        if let slot = progress.slot, progress.step < progress.steps { parts.append("slot \(slot)") }
        if progress.slotsTotal > 0 { parts.append("slots \(progress.slotsDone)/\(progress.slotsTotal)") }
        if progress.keysTotal > 0 || progress.keysMoved > 0 { parts.append("keys \(progress.keysMoved)/\(progress.keysTotal)") }
        if progress.keysPerSecond > 0 { parts.append("\(Int(progress.keysPerSecond)) keys/s") }
        if let eta = progress.etaSeconds { parts.append("ETA \(Formatting.age(milliseconds: Int64(eta) * 1000))") }
        return parts.joined(separator: ScreenStyle.separator(glyphs))
    }

    /// A plan line cut to `width`, keeping its indent; continuation lines go three further in.
    static func wrap(_ line: String, width: Int) -> [String] {
        guard CharacterWidth.of(line) > width else { return [line] }
        let lead = String(repeating: " ", count: min(line.prefix { $0 == " " }.count, max(0, width / 3)))
        let more = lead + "   "
        let pieces = TextWrap.lines(String(line.drop { $0 == " " }), width: max(1, width - more.count))
        return pieces.enumerated().map { ($0.offset == 0 ? lead : more) + $0.element }
    }

    private func wrapped(_ lines: [String], width: Int, style: Style = .plain) -> [Row] {
        lines.flatMap { line in Self.wrap(line, width: width).map { Row.text($0, style) } }
    }
}
