import Foundation
import Hummingbird
import HummingbirdTesting
import PoolsAPI
import Testing

/// The application against the database that `PGHOST`/`PGDATABASE` name (scripts/check-nio-example
/// starts a throwaway cluster): migrations at start, then a 78-digit amount from an HTTP body
/// to the database and back, unchanged.
@Suite struct PoolsAPITests {
    static let wei = "115792089237316195423570985008687907853269984665640564039457584007913129639935"

    @Test func exactAmountsOverHTTP() async throws {
        let app = buildApplication(database: databaseFromEnvironment(), port: 0)
        try await app.test(.live) { client in
            let body = #"{"name": "gpu-east", "resource_type": "GPU", "resource_reserve": "\#(Self.wei)", "token_reserve": "1", "fee_rate": "0.0025"}"#
            let created = try await client.execute(uri: "/pools", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
                return String(buffer: response.body)
            }
            #expect(created.contains(#""resource_reserve":"\#(Self.wei)""#))
            #expect(created.contains(#""fee_rate":"0.0025""#))
            #expect(created.contains(#""status":"active""#))
            let id = try #require(created.firstMatch(of: /"id":"([0-9A-Fa-f-]{36})"/)?.1)

            // A deposit adds exactly: 2^256 − 1 + 1 = 2^256, beyond any fixed-width integer.
            let deposit = #"{"resource": "1", "token": "99999999999999999999999999999999999999999999999999999999999999999999999999998"}"#
            try await client.execute(uri: "/pools/\(id)/deposits", method: .post, body: ByteBuffer(string: deposit)) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains(#""resource_reserve":"115792089237316195423570985008687907853269984665640564039457584007913129639936""#))
                #expect(text.contains(#""token_reserve":"99999999999999999999999999999999999999999999999999999999999999999999999999999""#))
            }
            // Ten deposits at once all count: each reads and writes its row under a lock.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await client.execute(uri: "/pools/\(id)/deposits", method: .post,
                                                 body: ByteBuffer(string: #"{"resource": "1", "token": "0"}"#)) { response in
                            #expect(response.status == .ok)
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await client.execute(uri: "/pools/\(id)", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#""fee_rate":"0.0025""#))
                #expect(text.contains(#""resource_reserve":"115792089237316195423570985008687907853269984665640564039457584007913129639946""#))
            }
            try await client.execute(uri: "/pools", method: .get) { response in
                #expect(String(buffer: response.body).contains(#""name":"gpu-east""#))
            }
            try await client.execute(uri: "/pools/\(id)", method: .delete) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/pools/\(id)", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
