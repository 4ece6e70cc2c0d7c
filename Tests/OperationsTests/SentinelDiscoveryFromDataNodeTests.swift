import ClusterModel
import Foundation
@testable import Operations
import RESP
import Sandbox
import Testing
import TestSupport
import Wire

/// Finding a group's sentinels from one of its data nodes, on real servers: `CLIENT LIST`
/// names them (confirmed by a probe of their run id), `__sentinel__:hello` announces them.
@Suite(.serialized) struct SentinelDiscoveryFromDataNodeTests {
    @Test func clientListNamesTheSentinelsAndTheProbeConfirmsOnlyTheRightPort() async throws {
        let (sandbox, group) = try await sentinelGroup()
        let options = readOnlyOptions(timeout: .seconds(3))
        let master = Connection(endpoint: Endpoint(host: "127.0.0.1", port: group.master.port), options: options)
        defer { master.close() }
        let text = try #require(try await master.send(RESPCommand("CLIENT", "LIST")).string)
        let clients = SentinelClient.list(clientList: text)
        #expect(clients.count == 3, "\(text)")
        #expect(clients.allSatisfy { $0.ip == "127.0.0.1" && $0.runIDPrefix.count == 8 })

        let members = Set(group.dataNodes.map(address))
        let ports = group.sentinels.map(\.port)
        let found = try #require(await SentinelClientProbe.find(clients, ports: ports, group: members, options: options,
                                                                addressMap: .identity))
        #expect(found.masterNames == [group.masterName])
        #expect(found.sentinels.count == 1 && ports.contains(found.sentinels[0].port))

        // A port where no sentinel listens, or a data node's port (not a sentinel), proves nothing.
        #expect(await SentinelClientProbe.find(clients, ports: [group.master.port], group: members, options: options,
                                               addressMap: .identity) == nil)
        let strangers = clients.map { SentinelClient(ip: $0.ip, runIDPrefix: "00000000") }
        #expect(await SentinelClientProbe.find(strangers, ports: ports, group: members, options: options,
                                               addressMap: .identity) == nil)
        await sandbox.stopAll()
    }

    @Test func theListenerFindsThemFromAReplicaAndNothingWhereNobodyListens() async throws {
        let (sandbox, group) = try await sentinelGroup()
        let pool = ConnectionPool(options: readOnlyOptions(timeout: .seconds(3)))
        defer { pool.closeAll() }
        let nodes = group.dataNodes.map(address)
        // The default probe port (26379) is not where the sandbox's sentinels listen: the hello finds them.
        let heard = await SentinelHelloListener.listen(on: [address(group.replicas[1])], masters: [], pool: pool,
                                                       wait: .seconds(30))
        #expect(heard.masterNames == [group.masterName], "\(heard)")
        #expect(heard.sentinels.count == 1 && group.sentinels.map(\.port).contains(heard.sentinels[0].port), "\(heard)")
        let probed = await SentinelHelloListener.listen(on: nodes, masters: [address(group.master)], pool: pool,
                                                        probePorts: group.sentinels.map(\.port), wait: .seconds(30))
        #expect(probed.masterNames == [group.masterName], "\(probed)")

        let plain = try await sandbox.startReplication(replicas: 1)
        let nobody = await SentinelHelloListener.listen(on: [address(plain.master), address(plain.replicas[0])],
                                                        masters: [address(plain.master)], pool: pool, wait: .seconds(30))
        #expect(nobody == .none)
        await sandbox.stopAll()
    }
}
