import Synchronization

/// Numbers for graphemes of more than one Unicode scalar, so that `Cell` can hold any
/// grapheme in a `UInt32`: a single scalar is its own code; a longer grapheme gets the
/// next free code from `firstCode` on, the same code every time it is drawn.
///
/// The table only grows: it holds each distinct multi-scalar grapheme drawn by the process
/// (node names and key names rarely have any), a few dozen bytes each, up to `capacity`.
/// Past that (a hostile cluster announcing ever new combining sequences), a grapheme is
/// drawn as its first scalar alone, so a long session's memory stays bounded.
final class GraphemeTable: Sendable {
    /// The table every `Cell` uses.
    static let shared = GraphemeTable(capacity: 4096)
    /// Above every Unicode scalar value (0x10FFFF).
    static let firstCode: UInt32 = 0x11_0000

    /// Distinct multi-scalar graphemes kept at most.
    let capacity: Int

    private struct Entries {
        var graphemes: [Character] = []
        /// Keyed by the exact scalars: `Character` equality would merge canonically
        /// equivalent spellings.
        var codes: [[UInt32]: UInt32] = [:]
    }

    private let entries = Mutex(Entries())

    init(capacity: Int) {
        self.capacity = capacity
    }

    func code(for character: Character) -> UInt32 {
        // The iterator, not indices: no index validation for the one scalar of most cells.
        var iterator = character.unicodeScalars.makeIterator()
        guard let first = iterator.next() else { return 0x20 }
        guard iterator.next() != nil else { return first.value }
        let key = character.unicodeScalars.map(\.value)
        let capacity = capacity
        return entries.withLock { entries in
            if let code = entries.codes[key] { return code }
            guard entries.graphemes.count < capacity else { return first.value }
            let code = Self.firstCode + UInt32(entries.graphemes.count)
            entries.graphemes.append(character)
            entries.codes[key] = code
            return code
        }
    }

    func character(for code: UInt32) -> Character {
        if code < Self.firstCode, let scalar = Unicode.Scalar(code) { return Character(scalar) }
        return entries.withLock { $0.graphemes[Int(code - Self.firstCode)] }
    }
}
