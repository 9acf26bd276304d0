import Foundation
import MigrationFiles
import PostgresNIO
import SchemaGenRuntime

/// A migration carried in the application's binary, as `schemagen embed` writes it.
public typealias EmbeddedMigration = MigrationFiles.EmbeddedMigration
/// One applied migration, as the history table records it.
public typealias MigrationHistoryEntry = History.Entry
/// Why migrations cannot be applied: an applied one edited or missing, one out of order.
public typealias MigrationProblem = MigrationFiles.MigrationProblem
/// A migration that failed, with its file, line and PostgreSQL's message.
public typealias MigrationError = MigrationFiles.MigrationError

/// Applies embedded migrations from application code, at start: the same history table, checks
/// and advisory lock as `schemagen migrate`, so the two can take turns on one database.
///
/// ```swift
/// try await SchemaGenMigrator(client: client, migrations: ShopMigrations.all).migrate()
/// ```
///
/// Everything runs on one connection leased from the client for the whole run, which holds the
/// lock; each migration runs in its own transaction with its history row (or, when its file says
/// so, statement by statement), under `lock_timeout` and `statement_timeout`.
public struct SchemaGenMigrator: Sendable {
    public var client: PostgresClient
    public var migrations: [EmbeddedMigration]
    public var history: History
    public var lockTimeout: String
    public var statementTimeout: String
    /// How long to wait for another migrator (an app instance, `schemagen migrate`) to finish.
    public var lockWait: Duration
    public var logger: Logger

    public init(client: PostgresClient, migrations: [EmbeddedMigration], historySchema: String = History.defaultSchema,
                lockTimeout: String = "5s", statementTimeout: String = "30min", lockWait: Duration = .seconds(60),
                logger: Logger = Logger(label: "schemagen.migrate")) {
        self.client = client
        self.migrations = migrations.sorted { $0.version < $1.version }
        history = History(schema: historySchema)
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.lockWait = lockWait
        self.logger = logger
    }

    /// What the database holds against the embedded migrations.
    public struct Status: Sendable {
        public var applied: [MigrationHistoryEntry]
        public var pending: [EmbeddedMigration]
        public var problems: [MigrationProblem]
    }

    static let location = "embedded migrations"

    public func status() async throws -> Status {
        try await client.withConnection { connection in
            let entries = try await self.entries(on: connection)
            return Status(applied: entries, pending: pending(entries), problems: try await problems(entries, on: connection))
        }
    }

    /// Applies every pending migration in version order; returns those applied. Refuses, before
    /// running anything, when an applied migration was edited or is missing, when a pending one
    /// is older than the last applied, or when one is not what `schemagen.sum` recorded.
    @discardableResult
    public func migrate() async throws -> [EmbeddedMigration] {
        try await client.withConnection { connection in
            // The connection goes back to the pool: what the migrator and the files set for the
            // session (limits, `check_function_bodies`…) must not follow the application's queries.
            do {
                try await applySessionSettings(on: connection)
                let applied = try await withLock(on: connection) {
                    for statement in splitStatements(history.createSQL) { try await execute(statement.sql, on: connection) }
                    let entries = try await entries(on: connection)
                    let problems = try await problems(entries, on: connection)
                    guard problems.isEmpty else { throw MigrationError(problems.map(\.description).joined(separator: "\n")) }
                    let todo = pending(entries)
                    for migration in todo { try await apply(migration, on: connection) }
                    return todo
                }
                try await execute("RESET ALL", on: connection)
                return applied
            } catch {
                try? await execute("RESET ALL", on: connection)
                throw error
            }
        }
    }

    private func pending(_ entries: [MigrationHistoryEntry]) -> [EmbeddedMigration] {
        let applied = Set(entries.map(\.version))
        return migrations.filter { !applied.contains($0.version) }
    }

    private func problems(_ entries: [MigrationHistoryEntry], on connection: PostgresConnection) async throws -> [MigrationProblem] {
        let byVersion = Dictionary(migrations.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        let present = entries.compactMap { byVersion[$0.version] }
        let pending = pending(entries)
        let sums = try await checksums(of: (present + pending).map(\.up), on: connection)
        let applied = Dictionary(uniqueKeysWithValues: zip(present.map(\.version), sums))
        var problems = MigrationProblem.inHistory(entries, upFiles: byVersion.mapValues(\.upFile), checksums: applied,
                                                  directory: Self.location)
        for (migration, sum) in zip(pending, sums.dropFirst(present.count)) where sum != migration.recordedChecksum {
            problems.append(.changedSinceRecorded(file: "\(Self.location)/\(migration.upFile)"))
        }
        return problems
    }

    private func apply(_ migration: EmbeddedMigration, on connection: PostgresConnection) async throws {
        let started = ContinuousClock.now
        let file = MigrationFile(parsing: migration.up)
        // `problems` refused any pending text whose checksum is not the recorded one.
        let checksum = migration.recordedChecksum
        var kept: [String] = []
        if !file.extensionsIfAbsent.isEmpty {
            var binds = PostgresBindings()
            binds.append(file.extensionsIfAbsent)
            let rows = try await connection.query(PostgresQuery(unsafeSQL: History.presentExtensionsSQL, binds: binds), logger: logger)
            for try await name in rows.decode(String.self) { kept.append(name) }
        }
        let path = "\(Self.location)/\(migration.upFile)"
        let parts = scriptParts(migration.up)
        if !file.isTransactional { try await dropInvalidIndexes(builtBy: file, on: connection) }
        for (index, statements) in parts.enumerated() {
            let isLast = index == parts.count - 1
            guard file.isTransactional && isLast else {
                for statement in statements { try await execute(statement, of: path, on: connection) }
                if isLast { try await record(migration, checksum: checksum, since: started, transactional: false, kept: kept, on: connection) }
                continue
            }
            try await execute("BEGIN", on: connection)
            do {
                for statement in statements where !MigrationFile.isOwnTransactionControl(statement.sql) {
                    try await execute(statement, of: path, on: connection)
                }
                try await record(migration, checksum: checksum, since: started, transactional: true, kept: kept, on: connection)
                try await execute("COMMIT", on: connection)
            } catch {
                try? await execute("ROLLBACK", on: connection)
                throw error
            }
        }
        // A file may set its own limits for the session; the migrator's apply again after it.
        try await applySessionSettings(on: connection)
        logger.info("applied \(migration.upFile)")
    }

    private func record(_ migration: EmbeddedMigration, checksum: String, since started: ContinuousClock.Instant,
                        transactional: Bool, kept: [String], on connection: PostgresConnection) async throws {
        var binds = textBinds([String(migration.version), migration.name, checksum,
                               String(History.milliseconds(since: started)), transactional ? "t" : "f"])
        binds.append(kept)
        try await connection.query(PostgresQuery(unsafeSQL: history.recordSQL, binds: binds), logger: logger)
    }

    /// Indexes that an interrupted `CREATE INDEX CONCURRENTLY` of this file left INVALID, which
    /// `IF NOT EXISTS` would skip: dropped before the file runs again.
    private func dropInvalidIndexes(builtBy file: MigrationFile, on connection: PostgresConnection) async throws {
        guard !file.concurrentIndexes.isEmpty else { return }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: History.invalidIndexesSQL), logger: logger)
        var invalid: [String] = []
        for try await (schema, name, qualified) in rows.decode((String, String, String).self)
            where file.concurrentIndexes.contains(where: { $0.schema == schema && $0.name == name }) {
            invalid.append(qualified)
        }
        for name in invalid {
            logger.notice("dropping invalid index \(name) left by an interrupted run")
            try await execute("DROP INDEX CONCURRENTLY IF EXISTS \(name)", on: connection)
        }
    }

    // MARK: Connection

    private func applySessionSettings(on connection: PostgresConnection) async throws {
        try await connection.query(PostgresQuery(
            unsafeSQL: History.sessionSettingsSQL,
            binds: textBinds([lockTimeout, statementTimeout, "schemagen migrate (application)"])), logger: logger)
    }

    private func entries(on connection: PostgresConnection) async throws -> [MigrationHistoryEntry] {
        let exists = try await connection.query(
            PostgresQuery(unsafeSQL: History.existsSQL, binds: textBinds([history.qualified])), logger: logger)
        for try await found in exists.decode(Bool.self) where !found { return [] }
        let columns = ["version", "name", "checksum", "applied_at", "duration_ms", "applied_by", "repairs", "kept", "baselined"]
        var entries: [MigrationHistoryEntry] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: history.entriesSQL), logger: logger) {
            let cells = row.makeRandomAccess()
            let values = try Dictionary(uniqueKeysWithValues: columns.map { ($0, try cells[$0].decode(String.self)) })
            if let entry = History.entry({ values[$0] ?? "" }) { entries.append(entry) }
        }
        return entries
    }

    private func checksums(of texts: [String], on connection: PostgresConnection) async throws -> [String] {
        guard !texts.isEmpty else { return [] }
        var binds = PostgresBindings()
        binds.append(texts)
        var sums: [String] = []
        for try await sum in try await connection.query(PostgresQuery(unsafeSQL: History.checksumsSQL, binds: binds), logger: logger)
            .decode(String.self) { sums.append(sum) }
        return sums
    }

    private func execute(_ sql: String, on connection: PostgresConnection) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    /// A statement of a migration; PostgreSQL's refusal becomes an error naming the file, line
    /// and column.
    private func execute(_ statement: ScriptStatement, of file: String, on connection: PostgresConnection) async throws {
        do {
            try await execute(statement.sql, on: connection)
        } catch let error as PSQLError {
            let info = error.serverInfo
            throw MigrationError(file: file, statement: statement, message: info?[.message] ?? String(reflecting: error),
                                 position: info?[.position].flatMap { Int($0) }, sqlState: info?[.sqlState],
                                 detail: info?[.detail], hint: info?[.hint])
        }
    }

    /// Runs `body` holding the advisory lock `schemagen migrate` takes, on this connection.
    private func withLock<T: Sendable>(on connection: PostgresConnection, _ body: () async throws -> T) async throws -> T {
        let key = history.lockKey
        let deadline = ContinuousClock.now + lockWait
        var announced = false
        while true {
            let locked = try await connection.query(PostgresQuery(unsafeSQL: History.tryLockSQL, binds: textBinds([key])), logger: logger)
            var got = false
            for try await value in locked.decode(Bool.self) { got = value }
            if got { break }
            var holder = "?"
            for try await pid in try await connection.query(
                PostgresQuery(unsafeSQL: History.lockHolderSQL, binds: textBinds([key])), logger: logger).decode(String.self) {
                holder = pid
            }
            guard ContinuousClock.now < deadline else {
                throw MigrationError("another schemagen migrate or rollback (server pid \(holder)) holds this database's "
                    + "migration lock; gave up after \(lockWait)")
            }
            if !announced {
                logger.notice("waiting for another schemagen migrate or rollback (server pid \(holder)) to finish")
                announced = true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        do {
            let result = try await body()
            try await connection.query(PostgresQuery(unsafeSQL: History.unlockSQL, binds: textBinds([key])), logger: logger)
            return result
        } catch {
            _ = try? await connection.query(PostgresQuery(unsafeSQL: History.unlockSQL, binds: textBinds([key])), logger: logger)
            throw error
        }
    }

    private func textBinds(_ values: [String]) -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values { binds.append(UntypedText(value)) }
        return binds
    }
}
