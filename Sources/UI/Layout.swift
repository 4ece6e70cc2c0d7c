/// How much of a split one part wants.
public struct LayoutConstraint: Sendable, Hashable {
    /// Never smaller than this; parts that cannot get their minimum are dropped (size 0),
    /// lowest `priority` first.
    public var minimum: Int
    /// Share of the space left after every minimum is met (0 = stays at its minimum).
    public var weight: Int
    /// Never larger than this (`nil`: unbounded).
    public var maximum: Int?
    /// Which parts survive when there is not room for every minimum (higher survives longer).
    public var priority: Int

    public init(minimum: Int = 0, weight: Int = 1, maximum: Int? = nil, priority: Int = 0) {
        self.minimum = max(0, minimum)
        self.weight = max(0, weight)
        self.maximum = maximum
        self.priority = priority
    }

    /// Exactly `size` cells.
    public static func fixed(_ size: Int, priority: Int = 0) -> LayoutConstraint {
        LayoutConstraint(minimum: size, weight: 0, maximum: size, priority: priority)
    }

    /// At least `minimum` cells, then a `weight` share of what is left.
    public static func flexible(minimum: Int = 0, weight: Int = 1, priority: Int = 0) -> LayoutConstraint {
        LayoutConstraint(minimum: minimum, weight: weight, priority: priority)
    }
}

/// Splits rectangles into rows or columns.
public enum Layout {
    /// Sizes for `constraints` that add up to at most `total`. Parts are dropped (size 0)
    /// lowest priority first, rightmost first among equals, until the minimums fit.
    public static func sizes(_ constraints: [LayoutConstraint], total: Int, spacing: Int = 0) -> [Int] {
        var kept = Array(repeating: true, count: constraints.count)
        func needed() -> Int {
            let parts = kept.filter { $0 }.count
            let minimums = zip(constraints, kept).reduce(0) { $0 + ($1.1 ? $1.0.minimum : 0) }
            return minimums + max(0, parts - 1) * spacing
        }
        while needed() > total, let victim = constraints.indices
            .filter({ kept[$0] })
            .min(by: { constraints[$0].priority < constraints[$1].priority
                       || (constraints[$0].priority == constraints[$1].priority && $0 > $1) }) {
            kept[victim] = false
        }
        var sizes = constraints.indices.map { kept[$0] ? constraints[$0].minimum : 0 }
        var spare = total - needed()
        // Hand out the spare space by weight, a round at a time, respecting maximums.
        while spare > 0 {
            let growable = constraints.indices.filter {
                kept[$0] && constraints[$0].weight > 0 && sizes[$0] < (constraints[$0].maximum ?? Int.max)
            }
            guard !growable.isEmpty else { break }
            let totalWeight = growable.reduce(0) { $0 + constraints[$1].weight }
            var handed = 0
            for index in growable {
                let room = (constraints[index].maximum ?? Int.max) - sizes[index]
                let share = min(room, max(1, spare * constraints[index].weight / totalWeight), spare - handed)
                sizes[index] += share
                handed += share
                if handed == spare { break }
            }
            if handed == 0 { break }
            spare -= handed
        }
        return sizes
    }

    /// Columns of `rect`, left to right; dropped parts come back as empty rectangles.
    public static func columns(_ rect: Rect, _ constraints: [LayoutConstraint], spacing: Int = 0) -> [Rect] {
        let widths = sizes(constraints, total: rect.width, spacing: spacing)
        var x = rect.x
        return widths.map { width in
            defer { if width > 0 { x += width + spacing } }
            return Rect(x: x, y: rect.y, width: width, height: width > 0 ? rect.height : 0)
        }
    }

    /// Rows of `rect`, top to bottom; dropped parts come back as empty rectangles.
    public static func rows(_ rect: Rect, _ constraints: [LayoutConstraint], spacing: Int = 0) -> [Rect] {
        let heights = sizes(constraints, total: rect.height, spacing: spacing)
        var y = rect.y
        return heights.map { height in
            defer { if height > 0 { y += height + spacing } }
            return Rect(x: rect.x, y: y, width: height > 0 ? rect.width : 0, height: height)
        }
    }
}
