import Foundation
import GeneratedModels
import PostgresNIO
import SchemaGenPostgresNIO
import SchemaGenRuntime
import Testing

/// The generated structs of the seed schemas over PostgresNIO, on a database made from their
/// create scripts: inserts that leave defaults to the database, reads by column name, updates
/// and deletes by primary key, on a client and on one connection.
@Suite("PostgresNIO: generated structs")
struct RowTests {
    typealias Pool = ComputePools.ComputePool
    static let wei: ExactInteger = "115792089237316195423570985008687907853269984665640564039457584007913129639935"

    @Test func poolLifecycleOnAClient() async throws {
        let db = try TestServer.database(TestServer.seedScript("compute_pools"))
        try await TestServer.withClient(db) { client in
            let stored = try await client.insert(Pool.Insert(
                name: "gpu-east", resourceType: .gpu, resourceReserve: Self.wei, tokenReserve: 1, feeRate: "0.0025",
                metadata: JSONValue(json: #"{"region": "us-east", "cap": 123456789012345678901234567890123456789}"#)!))
            // The database filled in id, status, the timestamps and the other reserves.
            #expect(stored.resourceReserve == Self.wei)
            #expect(stored.feeRate.description == "0.0025")
            #expect(stored.status == .active)
            #expect(stored.totalLpTokens == 0)
            #expect(stored.apr.description == "0.0000")
            #expect(stored.metadata.json.contains("123456789012345678901234567890123456789"))

            var changed = stored
            changed.status = .paused
            changed.tokenReserve = Self.wei - 1
            let updated = try await client.update(changed)
            #expect(updated.status == .paused && updated.tokenReserve == Self.wei - 1)

            let all = try await client.fetchAll(Pool.self)
            #expect(all == [updated])
            // An enum bound in a query of one's own: PostgreSQL takes it as pool_status.
            let paused = try await client.fetch(Pool.self, "SELECT * FROM compute_pools WHERE status = \(ComputePools.PoolStatus.paused)")
            #expect(paused.map(\.id) == [stored.id])

            try await client.delete(updated)
            #expect(try await client.fetchAll(Pool.self).isEmpty)
            await #expect(throws: RowNotFound.self) { try await client.delete(updated) }
        }
    }

    @Test func transactionOnOneConnection() async throws {
        let db = try TestServer.database(TestServer.seedScript("compute_pools"))
        let count = try await TestServer.withClient(db) { client in
            do {
                try await client.withTransaction(logger: Logger(label: "test")) { connection in
                    _ = try await connection.insert(Pool.Insert(name: "a", resourceType: .cpu))
                    let inside = try await connection.fetchAll(Pool.self)
                    #expect(inside.count == 1)
                    throw CancellationError()
                }
            } catch let error as PostgresTransactionError where error.closureError is CancellationError {}
            return try await client.fetchAll(Pool.self).count
        }
        #expect(count == 0)
    }

    @Test func decimalTwentyEightAndPrecisionRefusedBeforeSending() async throws {
        let db = try TestServer.database(TestServer.seedScript("minegnk"))
        try await TestServer.withClient(db) { client in
            let top: ExactDecimal = "99999999999.99999999"
            let row = try await client.insert(Minegnk.EarningsHistory.Insert(
                date: CalendarDate("0044-03-15 BC")!, earningsGnk: top, source: "pool"))
            #expect(row.earningsGnk.description == "99999999999.99999999")
            #expect(row.date.description == "0044-03-15 BC")
            #expect(row.createdAt != nil)
            // Nine fractional digits would be rounded by PostgreSQL: refused here, nothing sent.
            do {
                _ = try await client.insert(Minegnk.EarningsHistory.Insert(date: CalendarDate("2026-01-01")!, earningsGnk: "0.000000001"))
                Issue.record("a rounded value was inserted")
            } catch let error as RowCodingError {
                #expect(error.column == "earnings_gnk")
            }
            #expect(try await client.fetchAll(Minegnk.EarningsHistory.self).count == 1)
        }
    }

    @Test func textOnlyColumnsAndArrays() async throws {
        let db = try TestServer.database(TestServer.seedScript("memory_assets"))
        try await TestServer.withClient(db) { client in
            // inet is bound as untyped text and read back as text.
            let log = try await client.insert(MemoryAssets.BlockchainAuditLog.Insert(
                operation: "mint", details: ["ok": true], ipAddress: "192.168.0.1/24"))
            #expect(log.ipAddress == "192.168.0.1/24")
            #expect(log.logId > 0)
            let fetched = try await client.fetchAll(MemoryAssets.BlockchainAuditLog.self)
            #expect(fetched == [log])
        }
    }

    struct Named: Decodable, Equatable {
        var b: Int32
        var a: String
        var c: ComputePools.PoolStatus?
    }

    struct Mixed: Decodable, Equatable {
        var id: UUID
        var bytes: Data
        var tags: [String]
        var statuses: [ComputePools.PoolStatus]
        var at: Timestamp?
    }

    @Test func uuidBytesAndArraysOfEnums() async throws {
        let db = try TestServer.database(TestServer.seedScript("compute_pools"))
        let id = UUID()
        let rows = try await TestServer.withClient(db) { client in
            try await client.fetch(Mixed.self, """
                SELECT \(id) AS id, \(Data([0, 1, 255])) AS bytes, ARRAY['a', 'b c', ''] AS tags,
                       ARRAY['active', 'paused']::pool_status[] AS statuses, NULL::timestamptz AS at
                """)
        }
        #expect(rows == [Mixed(id: id, bytes: Data([0, 1, 255]), tags: ["a", "b c", ""], statuses: [.active, .paused], at: nil)])
    }

    @Test func columnsByNameAndErrorsThatNameThem() async throws {
        let db = try TestServer.database(TestServer.seedScript("compute_pools"))
        try await TestServer.withClient(db) { client in
            let rows = try await client.fetch(Named.self, "SELECT 'x' AS a, NULL::pool_status AS c, 2::int4 AS b")
            #expect(rows == [Named(b: 2, a: "x", c: nil)])
            #expect(try await client.fetchOne(Named.self, "SELECT 'y' AS a, 3::int4 AS b, 'paused'::pool_status AS c")
                == Named(b: 3, a: "y", c: .paused))

            func failure(_ sql: PostgresQuery) async throws -> RowCodingError? {
                do { _ = try await client.fetch(Named.self, sql); return nil } catch let error as RowCodingError { return error }
            }
            let missing = try await failure("SELECT 'x' AS a")
            #expect(missing?.column == "b")
            #expect(missing?.problem == "the result has no such column")
            let mistyped = try await failure("SELECT 'x' AS a, 'two'::text AS b")
            #expect(mistyped?.column == "b")
            let null = try await failure("SELECT NULL::text AS a, 1::int4 AS b")
            #expect(null?.column == "a")
            #expect(null?.problem.contains("NULL") == true)
            let inet = try await failure("SELECT '10.0.0.1'::inet AS a, 1::int4 AS b")
            #expect(inet?.problem.contains("::text") == true)
        }
    }
}
