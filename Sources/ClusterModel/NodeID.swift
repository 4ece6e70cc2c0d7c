/// A cluster node's 40-character hex id (`CLUSTER MYID`).
///
/// Real ids are 40 lowercase hex digits and are stored as 160 bits, so a
/// 200-node poll cycle that sees 40 000 id tokens allocates nothing for them.
/// Anything else (a newer or broken server) survives verbatim as text.
public struct NodeID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    @usableFromInline var high: UInt64
    @usableFromInline var middle: UInt64
    @usableFromInline var low: UInt32
    /// Set only when the id is not 40 hex digits.
    @usableFromInline var other: String?

    /// Parses any text; 40 hex digits take the compact form.
    public init(_ text: String) {
        var text = text
        let parsed: NodeID? = text.withUTF8 { NodeID(hex: $0) }
        self = parsed ?? NodeID(high: 0, middle: 0, low: 0, other: text)
    }

    init(high: UInt64, middle: UInt64, low: UInt32, other: String?) {
        self.high = high; self.middle = middle; self.low = low; self.other = other
    }

    /// Parses the bytes of an id token; returns nil for an empty token.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.isEmpty { return nil }
        if let hex = NodeID(hex: bytes) { self = hex; return }
        self.init(high: 0, middle: 0, low: 0, other: String(decoding: bytes, as: UTF8.self))
    }

    private init?(hex bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 40, let base = bytes.baseAddress else { return nil }
        // Fast path: lowercase hex (what servers send), eight digits per step.
        let raw = UnsafeRawPointer(base)
        if let a = hex8(raw, 0), let b = hex8(raw, 8), let c = hex8(raw, 16), let d = hex8(raw, 24), let e = hex8(raw, 32) {
            self.init(high: a << 32 | b, middle: c << 32 | d, low: UInt32(e), other: nil)
            return
        }
        var h: UInt64 = 0, m: UInt64 = 0, l: UInt64 = 0
        var bad: UInt8 = 0
        hexTable.withUnsafeBufferPointer { table in
            for i in 0..<16 { let v = table[Int(base[i])]; bad |= v; h = h << 4 | UInt64(v & 0xF) }
            for i in 16..<32 { let v = table[Int(base[i])]; bad |= v; m = m << 4 | UInt64(v & 0xF) }
            for i in 32..<40 { let v = table[Int(base[i])]; bad |= v; l = l << 4 | UInt64(v & 0xF) }
        }
        guard bad & 0x80 == 0 else { return nil }
        self.init(high: h, middle: m, low: UInt32(l), other: nil)
    }

    /// The id as the server writes it.
    public var description: String {
        if let other { return other }
        var out = [UInt8](repeating: 0, count: 40)
        let digits = Array("0123456789abcdef".utf8)
        for i in 0..<16 { out[i] = digits[Int((high >> UInt64(60 - 4 * i)) & 0xF)] }
        for i in 0..<16 { out[16 + i] = digits[Int((middle >> UInt64(60 - 4 * i)) & 0xF)] }
        for i in 0..<8 { out[32 + i] = digits[Int((low >> UInt32(28 - 4 * i)) & 0xF)] }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first 8 characters, as operators usually quote ids.
    public var short: String { String(description.prefix(8)) }

    /// Orders as the text does (fixed-width lowercase hex orders like its value).
    public static func < (a: NodeID, b: NodeID) -> Bool {
        if a.other == nil && b.other == nil { return (a.high, a.middle, a.low) < (b.high, b.middle, b.low) }
        return a.description < b.description
    }

    public static func == (a: NodeID, b: NodeID) -> Bool {
        a.high == b.high && a.middle == b.middle && a.low == b.low && a.other == b.other
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(high)
        hasher.combine(middle ^ UInt64(low))
        if let other { hasher.combine(other) }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Eight lowercase hex digits at `offset` as a 32-bit value, or nil if any is not one.
@inline(__always)
func hex8(_ raw: UnsafeRawPointer, _ offset: Int) -> UInt64? {
    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    let ones: UInt64 = 0x0101_0101_0101_0101
    // Digit values, one per byte: '0'…'9' → 0…9, 'a'…'f' → 10…15.
    let nibbles = (word & (ones &* 0x0F)) &+ ((word >> 6) & ones) &* 9
    // Every value must fit a nibble ('g'…'o' give 16…24), and re-encoding must give the
    // same bytes back: together, true only if every byte was a lowercase hex digit.
    guard nibbles & (ones &* 0xF0) == 0 else { return nil }
    let above9 = ((nibbles &+ ones &* 0x76) >> 7) & ones
    guard nibbles &+ ones &* 0x30 &+ above9 &* 0x27 == word else { return nil }
    var v = nibbles.byteSwapped
    v = (v | (v >> 4)) & 0x00FF_00FF_00FF_00FF
    v = (v | (v >> 8)) & 0x0000_FFFF_0000_FFFF
    v = (v | (v >> 16)) & 0x0000_0000_FFFF_FFFF
    return v
}

/// Hex digit values; 0x80 marks a byte that is not a hex digit.
let hexTable: [UInt8] = (0..<256).map { hexValue(UInt8($0)) ?? 0x80 }

@inline(__always)
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}
