import Sandbox
import Testing

@Suite("KeySlot")
struct KeySlotTests {
    @Test("CRC16/XMODEM check value and known slots")
    func knownValues() {
        #expect(KeySlot.crc16(Array("123456789".utf8)) == 0x31C3)
        #expect(KeySlot.slot(of: "foo") == 12182)
        #expect(KeySlot.slot(of: "bar") == 5061)
        #expect(KeySlot.slot(of: "{user1000}.following") == KeySlot.slot(of: "{user1000}.followers"))
        // An empty tag is no tag: the whole key is hashed.
        #expect(KeySlot.slot(of: "foo{}{bar}") == Int(KeySlot.crc16(Array("foo{}{bar}".utf8)) % 16384))
        #expect(KeySlot.slot(of: "foo{{bar}}zap") == KeySlot.slot(of: "{bar"))
    }

    @Test("every slot has a short tag that hashes to it")
    func tags() {
        for slot in 0..<KeySlot.slotCount {
            let tag = KeySlot.tag(for: slot)
            #expect(tag.count <= 4)
            #expect(KeySlot.slot(of: tag) == slot)
            #expect(KeySlot.slot(of: KeySlot.key("x:\(slot)", inSlot: slot)) == slot)
        }
    }
}
