import Foundation
import LibPQClient
import MigrationFiles
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
        try connection.query(History.sessionSettingsSQL, [options.lockTimeout, options.statementTimeout, "schemagen migrate"])
    }

    // MARK: Checks

    /// What stands in the way of applying or rolling back: an applied file edited or missing, a
    /// pending file older than an applied one.
    public func problems(history entries: [History.Entry]) throws -> [MigrationProblem] {
        let files = directory.migrationsByVersion
        let present = entries.filter { files[$0.version] != nil }
        let sums = try checksums(of: present.map { try directory.text(of: files[$0.version]!.upFile) }, using: connection)
        return MigrationProblem.inHistory(entries, upFiles: files.mapValues(\.upFile),
                                          checksums: Dictionary(uniqueKeysWithValues: zip(present.map(\.version), sums)),
                                          directory: directory.path)
            + (try unrecorded(pending(history: entries)))
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

    // MARK: Baseline

    /// Records the pending migrations up to `version` as applied, without running them: for a
    /// database that already holds what they make (the caller has checked it does). Returns them.
    @discardableResult
    public func baseline(upTo version: Int64) throws -> [MigrationDirectory.Migration] {
        try withLock {
            try options.history.create(on: connection)
            let entries = try history()
            let problems = try problems(history: entries)
            guard problems.isEmpty else { throw MigrationError(problems.map(\.description).joined(separator: "\n")) }
            let todo = pending(history: entries).filter { $0.version <= version }
            let texts = try todo.map { try directory.text(of: $0.upFile) }
            let sums = try checksums(of: texts, using: connection)
            try connection.transaction { c in
                for (migration, (text, sum)) in zip(todo, zip(texts, sums)) {
                    try c.query(options.history.recordBaselineSQL, [String(migration.version), migration.name, sum,
                                                                    MigrationFile(parsing: text).isTransactional ? "t" : "f"])
                }
            }
            for migration in todo { log("recorded \(migration.upFile) as applied (baseline)") }
            return todo
        }
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
                    History.presentExtensionsSQL, [arrayLiteral(file.extensionsIfAbsent)]).rows.compactMap { $0[0] }
                let transactional = file.isTransactional
                let record = { (c: Connection) throws in
                    try self.options.history.record(
                        migration.version, name: migration.name, checksum: checksum, milliseconds: History.milliseconds(since: started),
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
        let invalid = try connection.query(History.invalidIndexesSQL).records
        let built = Set(file.concurrentIndexes)
        for r in invalid where built.contains(QualifiedName(schema: r.string("nspname"), r.string("relname"))) {
            let name = r.string("qualified")
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
        let key = options.history.lockKey
        let deadline = Date().addingTimeInterval(options.lockWaitSeconds)
        var announced = false
        while try connection.query(History.tryLockSQL, [key]).scalar != "t" {
            let holder = try connection.query(History.lockHolderSQL, [key]).scalar ?? "?"
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
        defer { _ = try? connection.query(History.unlockSQL, [key]) }
        return try body()
    }
}
