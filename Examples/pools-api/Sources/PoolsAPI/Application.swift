import Foundation
import Hummingbird
import PoolModels
import PostgresNIO
import SchemaGenPostgresNIO
import SchemaGenRuntime

public typealias Pool = ComputePools.ComputePool

extension Pool: ResponseEncodable {}

/// A new pool as a client posts it. Amounts are JSON strings (`"115792…935"`, `"0.0030"`): a
/// JSON number would pass through `Double` in most clients and lose digits.
public struct NewPool: Codable, Sendable {
    public var name: String
    public var resourceType: ComputePools.ResourceType
    public var resourceReserve: ExactInteger?
    public var tokenReserve: ExactInteger?
    public var feeRate: ExactDecimal?

    public init(name: String, resourceType: ComputePools.ResourceType, resourceReserve: ExactInteger? = nil,
                tokenReserve: ExactInteger? = nil, feeRate: ExactDecimal? = nil) {
        self.name = name
        self.resourceType = resourceType
        self.resourceReserve = resourceReserve
        self.tokenReserve = tokenReserve
        self.feeRate = feeRate
    }

    enum CodingKeys: String, CodingKey {
        case name, resourceType = "resource_type", resourceReserve = "resource_reserve", tokenReserve = "token_reserve"
        case feeRate = "fee_rate"
    }
}

/// Liquidity added to a pool: both reserves grow by exactly these amounts.
public struct Deposit: Codable, Sendable {
    public var resource: ExactInteger
    public var token: ExactInteger
    public init(resource: ExactInteger, token: ExactInteger) {
        self.resource = resource
        self.token = token
    }
}

public struct PoolList: ResponseEncodable {
    public var pools: [Pool]
}

/// The routes: list, create, read, deposit into and delete pools.
public func router(client: PostgresClient) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("pools") { _, _ in PoolList(pools: try await client.fetchAll(Pool.self)) }
    router.post("pools") { request, context -> EditedResponse<Pool> in
        let new = try await request.decode(as: NewPool.self, context: context)
        let pool = try await client.insert(Pool.Insert(
            name: new.name, resourceType: new.resourceType, resourceReserve: new.resourceReserve,
            tokenReserve: new.tokenReserve, feeRate: new.feeRate))
        return EditedResponse(status: .created, response: pool)
    }
    router.get("pools/:id") { _, context in try await pool(context, client) }
    router.post("pools/:id/deposits") { request, context -> Pool in
        let deposit = try await request.decode(as: Deposit.self, context: context)
        let id = try context.parameters.require("id", as: UUID.self)
        // Read and write on one connection, the row locked, so that two deposits both count.
        return try await client.withTransaction(logger: context.logger) { connection in
            guard var pool = try await connection.fetchOne(Pool.self, "SELECT * FROM compute_pools WHERE id = \(id) FOR UPDATE") else {
                throw HTTPError(.notFound, message: "no pool \(id)")
            }
            pool.resourceReserve += deposit.resource
            pool.tokenReserve += deposit.token
            return try await connection.update(pool)
        }
    }
    router.delete("pools/:id") { _, context -> HTTPResponse.Status in
        try await client.delete(try await pool(context, client))
        return .noContent
    }
    return router
}

private func pool(_ context: BasicRequestContext, _ client: PostgresClient) async throws -> Pool {
    let id = try context.parameters.require("id", as: UUID.self)
    guard let pool = try await client.fetchOne(Pool.self, "SELECT * FROM compute_pools WHERE id = \(id)") else {
        throw HTTPError(.notFound, message: "no pool \(id)")
    }
    return pool
}

/// The application: the database client runs as a service, and the embedded migrations are
/// applied before the server accepts a request.
public func buildApplication(database: PostgresClient.Configuration, port: Int = 8080) -> some ApplicationProtocol {
    let client = PostgresClient(configuration: database)
    var app = Application(router: router(client: client), configuration: .init(address: .hostname("127.0.0.1", port: port)),
                          services: [client])
    app.beforeServerStarts {
        try await SchemaGenMigrator(client: client, migrations: ComputePoolsMigrations.all).migrate()
    }
    return app
}

/// The database from libpq's environment variables: `PGHOST` (a host, or the directory of a
/// Unix socket), `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`.
public func databaseFromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> PostgresClient.Configuration
{
    let host = environment["PGHOST"] ?? "localhost"
    let port = environment["PGPORT"].flatMap(Int.init) ?? 5432
    let user = environment["PGUSER"] ?? "postgres"
    let database = environment["PGDATABASE"] ?? user
    if host.hasPrefix("/") {
        return .init(unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: environment["PGPASSWORD"], database: database)
    }
    return .init(host: host, port: port, username: user, password: environment["PGPASSWORD"], database: database, tls: .disable)
}
