import UI

/// The footer while an action panel is open: the confirmation being typed, or the keys
/// that work now, then the status line.
struct ActionFooter {
    var flow: ActionFlow
    var status: String
    var glyphs: Glyphs

    func render(into buffer: inout ScreenBuffer, in line: Rect) {
        buffer.fill(line)
        if case .askingSlots = flow.phase {
            let prompt = "reshard: slots to move: "
            buffer.put(text: prompt + flow.typed, at: Point(x: line.x, y: line.y), style: .bold, clip: line)
            buffer.put(text: ScreenStyle.text("  enter plans" + ScreenStyle.separator(glyphs) + "esc cancels", glyphs),
                       at: Point(x: line.x + CharacterWidth.of(prompt + flow.typed), y: line.y), style: .dim, clip: line)
            return
        }
        if case .confirming(let plan) = flow.phase {
            let prompt = "confirm \(flow.kind.rawValue) (type \(plan.confirmation)): "
            buffer.put(text: prompt + flow.typed, at: Point(x: line.x, y: line.y), style: .bold, clip: line)
            let hint = "  enter runs" + ScreenStyle.separator(glyphs) + "esc cancels"
                + (status.hasPrefix("not confirmed") ? ScreenStyle.separator(glyphs) + status : "")
            buffer.put(text: ScreenStyle.text(hint, glyphs), at: Point(x: line.x + CharacterWidth.of(prompt + flow.typed), y: line.y),
                       style: status.hasPrefix("not confirmed") ? ScreenStyle.problem : .dim, clip: line)
            return
        }
        if flow.hidden {
            var text = "\(flow.kind.rawValue) running"
            if case .running(_, let progress?) = flow.phase { text += ": " + Self.compact(progress, glyphs: glyphs) }
            if case .verifying = flow.phase { text = "\(flow.kind.rawValue): verifying with a fresh poll" }
            FooterView(hints: [KeyHint(key: "f", help: "panel")] + (flow.isRunning && !flow.abortRequested ? [KeyHint(key: "a", help: "abort")] : []),
                       status: ScreenStyle.text(status.isEmpty ? text : status, glyphs))
                .render(into: &buffer, in: line, glyphs: glyphs)
            return
        }
        let hints: [KeyHint]
        switch flow.phase {
        case .planning, .askingSlots: hints = [KeyHint(key: "esc", help: "cancel")]
        case .running: hints = flow.abortRequested ? [] : [KeyHint(key: "a", help: "abort")]
        case .verifying, .confirming: hints = []
        case .finished: hints = [KeyHint(key: "esc", help: "close")]
        }
        FooterView(hints: hints + [KeyHint(key: "↑↓", help: "scroll")].filter { _ in flow.plan != nil },
                   status: ScreenStyle.text(status, glyphs))
            .render(into: &buffer, in: line, glyphs: glyphs)
    }

    /// `step 1/4 · keys 1200/60000 · ETA 12s`: what fits beside the hints at 80 columns.
    static func compact(_ progress: ActionProgressSummary, glyphs: Glyphs) -> String {
        var parts = [progress.step >= progress.steps ? "all steps done" : "step \(progress.step + 1)/\(progress.steps)"]
        if progress.keysTotal > 0 || progress.keysMoved > 0 { parts.append("keys \(progress.keysMoved)/\(progress.keysTotal)") }
        if let eta = progress.etaSeconds { parts.append("ETA \(Formatting.age(milliseconds: Int64(eta) * 1000))") }
        return parts.joined(separator: ScreenStyle.separator(glyphs))
    }
}
