/// Key → hash slot, exactly as Redis Cluster computes it.
public enum KeySlot {
    /// CRC16/XMODEM (polynomial 0x1021, initial value 0, no reflection).
    public static func crc16<Bytes: Sequence>(_ bytes: Bytes) -> UInt16 where Bytes.Element == UInt8 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)]
        }
        return crc
    }

    /// The slot of a binary key: CRC16 mod 16384 of the whole key, or of the text
    /// between the first `{` and the next `}` when that text is non-empty.
    public static func slot(forKey key: [UInt8]) -> Int {
        if let open = key.firstIndex(of: UInt8(ascii: "{")),
           let close = key[(open + 1)...].firstIndex(of: UInt8(ascii: "}")),
           close > open + 1 {
            return Int(crc16(key[(open + 1)..<close]) & 0x3FFF)
        }
        return Int(crc16(key) & 0x3FFF)
    }

    /// The slot of a UTF-8 key.
    public static func slot(forKey key: String) -> Int { slot(forKey: Array(key.utf8)) }

    static let table: [UInt16] = (0..<256).map { index -> UInt16 in
        var crc = UInt16(index) << 8
        for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        return crc
    }
}
