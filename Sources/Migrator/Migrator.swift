import Foundation
import LibPQClient
import PostgresTextFormat
import SQLRenderer
import SchemaModel

/// Settings of `migrate`, `rollback` and `status`.
public struct MigrationOptions: Sendable {
    public var history = History()
    /// How long a statement may wait for a lock before the migration fails (PostgreSQL's
    /// `lock_timeout`): a migration queued behind a long transaction would otherwise block
    /// every write queued behind it.
    public var lockTimeout = MigrationFile.Limits().lockTimeout
    /// How long one statement may run (`statement_timeout`).
    public var statementTimeout = MigrationFile.Limits().statementTimeout
    /// How long to wait for another `migrate` or `rollback` on the same database to finish.
    public var lockWaitSeconds = 60.0

    public init() {}
}

/// Applies and rolls back the migrations of a directory on one database, recording them in the
/// history table. One `Migrator` holds one connection.
public final class Migrator {
    public let connection: Connection
    public let directory: MigrationDirectory
    public let options: MigrationOptions
    private let log: (String) -> Void

    /// An arbitrary constant: the first key of schemagen's advisory lock.
    static let lockClass = 0x5347

    public init(url: String, directory: MigrationDirectory, options: MigrationOptions = MigrationOptions(),
                log: @escaping (String) -> Void = { _ in }) throws {
        connection = try Connection(url: url)
        self.directory = directory
        self.options = options
        self.log = log
        try applySessionSettings()
    }

    /// The session's limits. A file may set its own (schemagen's files do); after a file that
    /// set them for the session, these are set again.
    private func applySessionSettings() throws {
        try connection.query("""
            SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false),
                   set_config('application_name', 'schemagen migrate', false),
                   set_config('client_connection_check_interval', '1s', false)
            """, [options.lockTimeout, options.statementTimeout])
    }

    // MARK: Checks

    /// What stands in the way of applying or rolling back: an applied file edited or missing, a
    /// pending file older than an applied one.
    public func problems(history entries: [History.Entry]) throws -> [MigrationProblem] {
        let files = directory.migrationsByVersion
        var problems: [MigrationProblem] = []
        let present = entries.filter { files[$0.version] != nil }
        let sums = try checksums(of: present.map { try directory.text(of: files[$0.version]!.upFile) }, using: connection)
        let checksumByVersion = Dictionary(uniqueKeysWithValues: zip(present.map(\.version), sums))
        for entry in entries {
            guard let migration = files[entry.version] else {
                problems.append(.missing(file: "\(directory.path)/\(entry.version)_\(entry.name).up.sql"))
                continue
            }
            if checksumByVersion[entry.version] != entry.checksum {
                problems.append(.edited(file: "\(directory.path)/\(migration.upFile)",
                                        checksum: checksumByVersion[entry.version]!, applied: entry.checksum))
            }
        }
        problems += try unrecorded(pending(history: entries))
        if let last = entries.last {
            let applied = Set(entries.map(\.version))
            for migration in directory.migrations where migration.version < last.version && !applied.contains(migration.version) {
                problems.append(.olderThanApplied(file: "\(directory.path)/\(migration.upFile)",
                                                  lastApplied: "\(last.version)_\(last.name)", version: last.version))
            }
        }
        return problems
    }

    /// Pending files that `schemagen.sum` does not list, or lists with another checksum: a file
    /// dropped in or edited without `schemagen new` or `schemagen hash`.
    func unrecorded(_ pending: [MigrationDirectory.Migration]) throws -> [MigrationProblem] {
        guard !pending.isEmpty else { return [] }
        let files = pending.flatMap { [$0.upFile, $0.downFile] }
            .filter { FileManager.default.fileExists(atPath: directory.path + "/" + $0) }
        guard let recorded = directory.recordedChecksums() else {
            return [.noChecksums(directory: directory.path)]
        }
        let sums = try checksums(of: files.map(directory.text(of:)), using: connection)
        return zip(files, sums).compactMap { file, sum in
            guard let listed = recorded[file] else { return .notRecorded(file: "\(directory.path)/\(file)") }
            return listed == sum ? nil : .changedSinceRecorded(file: "\(directory.path)/\(file)")
        }
    }

    public func history() throws -> [History.Entry] { try options.history.entries(on: connection) }

    /// Migrations in the directory that the history does not hold, in version order.
    public func pending(history entries: [History.Entry]) -> [MigrationDirectory.Migration] {
        let applied = Set(entries.map(\.version))
        return directory.migrations.filter { !applied.contains($0.version) }
    }

    // MARK: Migrate

    /// Applies pending migrations up to `target` (all when nil), each in its own transaction with
    /// its history row, or, if marked so, statement by statement. Returns what was (or, dry, would
    /// be) applied.
    @discardableResult
    public func migrate(to target: Int64? = nil, dryRun: Bool = false) throws -> [MigrationDirectory.Migration] {
        try withLock {
            try options.history.create(on: connection)
            let entries = try history()
            let problems = try problems(history: entries)
            guard problems.isEmpty else { throw MigrationError(problems.map(\.description).joined(separator: "\n")) }
            let todo = pending(history: entries).filter { target == nil || $0.version <= target! }
            for migration in todo {
                let text = try directory.text(of: migration.upFile)
                let file = MigrationFile(parsing: text)
                if dryRun {
                    log("would apply \(migration.upFile)\(file.isTransactional ? "" : " (outside a transaction)")")
                    continue
                }
                let started = ContinuousClock.now
                let checksum = try checksums(of: [text], using: connection)[0]
                let kept = file.extensionsIfAbsent.isEmpty ? [] : try connection.query(
                    "SELECT extname FROM pg_extension WHERE extname = ANY($1::text[]) ORDER BY 1",
                    [arrayLiteral(file.extensionsIfAbsent)]).rows.compactMap { $0[0] }
                let transactional = file.isTransactional
                let record = { (c: Connection) throws in
                    let elapsed = ContinuousClock.now - started
                    let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
                    try self.options.history.record(
                        migration.version, name: migration.name, checksum: checksum, milliseconds: milliseconds,
                        transactional: transactional, keptExtensions: kept, on: c)
                }
                try runScript(text, file: "\(directory.path)/\(migration.upFile)", on: connection,
                              before: transactional ? nil : { try self.dropInvalidIndexes(builtBy: file, on: $0) },
                              after: record)
                try applySessionSettings()
                log("applied \(migration.upFile)")
            }
            return todo
        }
    }

    /// Indexes that an interrupted `CREATE INDEX CONCURRENTLY` of this file left INVALID:
    /// `IF NOT EXISTS` would skip them, so they are dropped before the file runs again. The
    /// file's header names the indexes it builds.
    private func dropInvalidIndexes(builtBy file: MigrationFile, on connection: Connection) throws {
        let invalid = try connection.query("""
            SELECT n.nspname, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE NOT i.indisvalid ORDER BY 1, 2
            """).records
        let built = Set(file.concurrentIndexes)
        for r in invalid where built.contains(QualifiedName(schema: r.string("nspname"), r.string("relname"))) {
            let name = quoteIdentifier(r.string("nspname")) + "." + quoteIdentifier(r.string("relname"))
            log("dropping invalid index \(name) left by an interrupted run")
            try connection.execute("DROP INDEX CONCURRENTLY IF EXISTS \(name)")
        }
    }

    // MARK: Repair

    /// Records the current text of the applied migration `version` as applied, when it was
    /// edited on purpose (a comment, a statement made idempotent), with `reason` in the history.
    /// Returns the checksums before and after.
    @discardableResult
    public func repair(version: Int64, reason: String) throws -> (from: String, to: String) {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw MigrationError("a repair needs a reason (--reason), kept in the history") }
        return try withLock {
            try options.history.create(on: connection)
            guard let entry = try history().first(where: { $0.version == version }) else {
                throw MigrationError("migration \(version) is not applied on this database: nothing to repair")
            }
            guard let migration = directory.migrationsByVersion[version] else {
                throw MigrationError("\(directory.path)/\(version)_\(entry.name).up.sql is missing: nothing to record")
            }
            let checksum = try checksums(of: [directory.text(of: migration.upFile)], using: connection)[0]
            guard checksum != entry.checksum else {
                throw MigrationError("\(directory.path)/\(migration.upFile) is as it was applied: nothing to repair")
            }
            try options.history.repair(version, checksum: checksum, reason: reason, on: connection)
            log("recorded the edited \(migration.upFile) as applied (checksum \(entry.checksum.prefix(12))… → \(checksum.prefix(12))…)")
            return (entry.checksum, checksum)
        }
    }

    // MARK: Rollback

    /// The applied migrations, newest first, in steps: the files one `emit` wrote together
    /// (marked `-- schemagen:emit` with the same first version) are one step, any other file one.
    func steps(_ entries: [History.Entry]) -> [[History.Entry]] {
        let files = directory.migrationsByVersion
        var steps: [(key: Int64, entries: [History.Entry])] = []
        for entry in entries.reversed() {
            let emit = files[entry.version].flatMap { try? MigrationFile(parsing: directory.text(of: $0.upFile)).emit }
            let key = emit ?? entry.version
            if emit != nil, steps.last?.key == key { steps[steps.count - 1].entries.append(entry) } else { steps.append((key, [entry])) }
        }
        return steps.map(\.entries)
    }

    /// Runs the down files of the last `steps` applied steps (the files of one `emit` are one
    /// step), or of every migration after `target`, newest first, each with the removal of its
    /// history row. A down file whose header marks it destructive needs `allowDataLoss`.
    @discardableResult
    public func rollback(steps: Int? = nil, to target: Int64? = nil, allowDataLoss: Bool = false, dryRun: Bool = false)
        throws -> [History.Entry]
    {
        try withLock {
            try options.history.create(on: connection)
            let entries = try history()
            let problems = try problems(history: entries).filter(\.concernsAppliedFiles)
            guard problems.isEmpty else { throw MigrationError(problems.map(\.description).joined(separator: "\n")) }
            let newestFirst = Array(entries.reversed())
            let todo = target.map { t in newestFirst.filter { $0.version > t } }
                ?? Array(self.steps(entries).prefix(steps ?? 1).joined())
            var downs: [(History.Entry, String, String)] = []
            var losing: [String] = []
            for entry in todo {
                let file = "\(entry.version)_\(entry.name).down.sql"
                guard FileManager.default.fileExists(atPath: "\(directory.path)/\(file)") else {
                    throw MigrationError("\(directory.path)/\(file) is missing: cannot roll back \(entry.version)_\(entry.name)")
                }
                let text = try directory.text(of: file)
                let notes = MigrationFile(parsing: text).notes(.deletesData)
                if !notes.isEmpty {
                    losing.append("\(directory.path)/\(file):\n"
                        + notes.map { "  -- deletes-data: \($0.summary)" }.joined(separator: "\n"))
                }
                downs.append((entry, file, text))
            }
            if !losing.isEmpty && !allowDataLoss {
                throw MigrationError("rolling back loses data; pass --allow-data-loss to do it anyway:\n" + losing.joined(separator: "\n"))
            }
            for (entry, file, text) in downs {
                if dryRun {
                    log("would run \(file)")
                    continue
                }
                // An extension that was there before the up file ran stays.
                let kept = Set(entry.keptExtensions.map { SQL.render(.dropExtension($0)) })
                try runScript(text, file: "\(directory.path)/\(file)", on: connection,
                              skipping: { kept.contains($0.trimmingCharacters(in: .whitespacesAndNewlines)) },
                              after: { try self.options.history.remove(entry.version, on: $0) })
                try applySessionSettings()
                log("rolled back \(entry.version)_\(entry.name)")
            }
            return todo
        }
    }

    // MARK: Lock

    /// Runs `body` holding schemagen's advisory lock for this database's history table, so two
    /// runs never apply the same migration. Waits up to `lockWaitSeconds` for another run.
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let key = options.history.schema + "." + options.history.table
        let deadline = Date().addingTimeInterval(options.lockWaitSeconds)
        var announced = false
        while try connection.query("SELECT pg_try_advisory_lock(\(Self.lockClass), hashtext($1))", [key]).scalar != "t" {
            let holder = try connection.query("""
                SELECT l.pid FROM pg_locks l
                 WHERE l.locktype = 'advisory' AND l.granted AND l.classid = \(Self.lockClass) AND l.objsubid = 2
                   AND l.objid::bigint = (hashtext($1)::bigint & 4294967295) AND l.database = (
                       SELECT oid FROM pg_database WHERE datname = current_database())
                """, [key]).scalar ?? "?"
            if Date() > deadline {
                throw MigrationError("another schemagen migrate or rollback (server pid \(holder)) holds this database's "
                    + "migration lock; gave up after \(Int(options.lockWaitSeconds)) s")
            }
            if !announced {
                log("waiting for another schemagen migrate or rollback (server pid \(holder)) to finish")
                announced = true
            }
            usleep(100_000)
        }
        defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(Self.lockClass), hashtext($1))", [key]) }
        return try body()
    }
}

/// Something wrong with a migrations directory against its history, with what to do about it.
public enum MigrationProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// An applied file whose text changed since.
    case edited(file: String, checksum: String, applied: String)
    /// An applied file no longer in the directory.
    case missing(file: String)
    /// A pending file with a version before the last applied one.
    case olderThanApplied(file: String, lastApplied: String, version: Int64)
    /// A pending file that `schemagen.sum` does not list.
    case notRecorded(file: String)
    /// A pending file whose text is not what `schemagen.sum` records.
    case changedSinceRecorded(file: String)
    /// Pending files in a directory without `schemagen.sum`.
    case noChecksums(directory: String)

    public var file: String {
        switch self {
        case .edited(let file, _, _), .missing(let file), .olderThanApplied(let file, _, _), .notRecorded(let file),
             .changedSinceRecorded(let file):
            return file
        case .noChecksums(let directory): return directory + "/" + MigrationDirectory.checksumFile
        }
    }

    /// Whether it is about files already applied: what replaying and rolling back rely on.
    public var concernsAppliedFiles: Bool {
        switch self {
        case .edited, .missing: return true
        case .olderThanApplied, .notRecorded, .changedSinceRecorded, .noChecksums: return false
        }
    }

    public var description: String {
        switch self {
        case .edited(let file, let checksum, let applied):
            return "\(file) was edited after it was applied (checksum \(checksum.prefix(12))…, applied \(applied.prefix(12))…): "
                + "restore the applied text and put the change in a new migration, or, if the edit changes nothing "
                + "the database holds, record it with schemagen repair --version VERSION --reason TEXT"
        case .missing(let file):
            return "\(file) is recorded as applied but is missing: restore it from version control"
        case .olderThanApplied(let file, let last, let version):
            return "\(file) is pending but older than the last applied migration \(last): give it a version after "
                + "\(version) (rename its .up.sql and .down.sql) so that migrations apply in order"
        case .notRecorded(let file):
            return "\(file) is not listed in \(MigrationDirectory.checksumFile): start a hand-written migration with "
                + "schemagen new; after reviewing a file added otherwise, record it with schemagen hash"
        case .changedSinceRecorded(let file):
            return "\(file) is not what \(MigrationDirectory.checksumFile) records: after reviewing the change, "
                + "record it with schemagen hash"
        case .noChecksums(let directory):
            return "\(directory) has no \(MigrationDirectory.checksumFile): after reviewing its files, record them with schemagen hash"
        }
    }
}
