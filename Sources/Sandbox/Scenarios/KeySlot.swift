/// Redis Cluster's key → hash slot mapping, and a hash tag for every slot so tests can put
/// keys in the slot they want.
///
/// The slot is CRC16/XMODEM (polynomial 0x1021, initial value 0) of the key modulo 16384, or
/// of the hash tag: the part between the first `{` and the next `}` when that part is
/// non-empty.
public enum KeySlot {
    /// Number of hash slots in a Redis Cluster.
    public static let slotCount = 16384

    /// CRC16/XMODEM of `bytes` (`crc16("123456789") == 0x31C3`).
    public static func crc16(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)]
        }
        return crc
    }

    /// The hash slot of `key` (hash tags honoured).
    public static func slot(of key: some Collection<UInt8>) -> Int {
        let bytes = Array(key)
        if let open = bytes.firstIndex(of: UInt8(ascii: "{")),
           let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "}")), close > open + 1 {
            return Int(crc16(bytes[(open + 1)..<close]) % UInt16(slotCount))
        }
        return Int(crc16(bytes) % UInt16(slotCount))
    }

    /// The hash slot of `key` (hash tags honoured).
    public static func slot(of key: String) -> Int { slot(of: Array(key.utf8)) }

    /// A short hash tag (1–4 characters of `[0-9a-z]`) whose slot is `slot`; the same tag every
    /// run. Precondition: `0 <= slot < 16384`.
    public static func tag(for slot: Int) -> String {
        precondition((0..<slotCount).contains(slot), "slot \(slot) out of range")
        return tags[slot]
    }

    /// `{tag}name`: a key named `name` that hashes to `slot`.
    public static func key(_ name: String, inSlot slot: Int) -> String {
        "{\(tag(for: slot))}\(name)"
    }

    /// The first tag (shortest first, then in `[0-9a-z]` order) found for each slot.
    private static let tags: [String] = {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        var result = [String?](repeating: nil, count: slotCount)
        var missing = slotCount
        var candidate: [UInt8] = []
        // Walks candidates in length-then-lexicographic order like an odometer.
        func advance() {
            var index = candidate.count - 1
            while index >= 0 {
                let position = alphabet.firstIndex(of: candidate[index])! + 1
                if position < alphabet.count { candidate[index] = alphabet[position]; return }
                candidate[index] = alphabet[0]
                index -= 1
            }
            candidate.insert(alphabet[0], at: 0)
        }
        candidate = [alphabet[0]]
        while missing > 0 {
            let slot = Int(crc16(candidate) % UInt16(slotCount))
            if result[slot] == nil {
                result[slot] = String(decoding: candidate, as: UTF8.self)
                missing -= 1
            }
            advance()
        }
        return result.map { $0! }
    }()

    private static let table: [UInt16] = (0..<256).map { index in
        var crc = UInt16(index) << 8
        for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        return crc
    }
}
