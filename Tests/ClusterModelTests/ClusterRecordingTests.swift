import ClusterModel
import Foundation
import Testing

/// `slotscope.recording/2`: INFO and CLUSTER INFO as their text and the slot map as runs, only
/// when the recording's coder asks; `snapshot --json` (a plain coder) keeps its documented shape.
@Suite struct ClusterRecordingTests {
    let time = Timestamp(milliseconds: 1_700_000_000_000)

    func snapshot(failedOver: Set<Int> = []) -> ClusterSnapshot {
        ClusterSnapshot.build(from: SyntheticCluster(masters: 5, replicasPerMaster: 1, failedOver: failedOver).polls(at: time), at: time)
    }

    func object(_ data: Data) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aPlainEncoderKeepsTheDocumentedShape() throws {
        let json = try object(JSONEncoder().encode(snapshot()))
        let owners = (json["slotOwners"] as? [String: Any])?["owners"] as? [Any]
        #expect(owners?.count == 16384)
        let node = try #require((json["nodes"] as? [[String: Any]])?.first)
        let clusterInfo = try #require(node["clusterInfo"] as? [String: Any])
        #expect(clusterInfo["state"] != nil && clusterInfo["fields"] is [Any] && clusterInfo["knownNodes"] as? Int == 10)
        #expect((node["info"] as? [String: Any])?["sections"] is [Any])
    }

    @Test func theRecordingEncoderWritesTextAndRunsAndReadsThemBack() throws {
        for snapshot in [snapshot(), snapshot(failedOver: [1, 3])] {
            let data = try ClusterRecording.encoder().encode(snapshot)
            let json = try object(data)
            #expect((json["slotOwners"] as? [String: Any])?["runs"] as? [Int] != nil)
            let node = try #require((json["nodes"] as? [[String: Any]])?.first)
            #expect((node["info"] as? String)?.contains("# Replication\nrole:") == true)
            #expect((node["clusterInfo"] as? String)?.hasPrefix("cluster_state:ok\n") == true)
            let decoded = try ClusterRecording.decoder(for: ClusterRecording.schema).decode(ClusterSnapshot.self, from: data)
            #expect(decoded == snapshot)
            #expect(decoded.slotOwners.owners == snapshot.slotOwners.owners)
            #expect(decoded.nodes.map(\.clusterInfo) == snapshot.nodes.map(\.clusterInfo))
            #expect(decoded.nodes.map { $0.info?.replication?.masterReplOffset } == snapshot.nodes.map { $0.info?.replication?.masterReplOffset })
        }
    }

    @Test func slotRunsOutsideTheSlotsAreDamage() throws {
        let decoder = ClusterRecording.decoder(for: ClusterRecording.schema)
        for runs in ["[0, 16384, 1]", "[5, 2, 0]", "[0, 10]", "[0, 10, -1]"] {
            #expect(throws: DecodingError.self, "\(runs)") {
                try decoder.decode(SlotMap.self, from: Data("{\"runs\": \(runs)}".utf8))
            }
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SlotMap.self, from: Data("{\"owners\": [1, 2]}".utf8)) }
        let map = try decoder.decode(SlotMap.self, from: Data("{\"runs\": [0, 99, 2, 200, 16383, 0]}".utf8))
        #expect(map[50] == 2 && map[150] == SlotMap.unowned && map[16383] == 0)
    }
}
