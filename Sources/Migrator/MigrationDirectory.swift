import Differ
import Foundation
import LibPQClient
import MigrationFiles
import PostgresTextFormat
import SchemaModel

/// A directory of `<version>_<name>.up.sql` / `.down.sql` files (the layout sqlx and
/// golang-migrate read) and `schemagen.sum`, the SHA-256 of each file.
public struct MigrationDirectory: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public struct Migration: Hashable, Sendable {
        public var version: Int64
        public var name: String
        public var upFile: String
        public var downFile: String { "\(version)_\(name).down.sql" }
    }

    public static let checksumFile = checksumFileName

    /// The migrations in version order (a file whose name does not start with a version is not one).
    public var migrations: [Migration] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return files.compactMap { file -> Migration? in
            guard file.hasSuffix(".up.sql"), let underscore = file.firstIndex(of: "_"),
                  let version = Int64(file[..<underscore]) else { return nil }
            let name = String(file[file.index(after: underscore)...].dropLast(".up.sql".count))
            return Migration(version: version, name: name, upFile: file)
        }.sorted { $0.version < $1.version }
    }

    /// The migrations by version (the first file of a version, if two share one).
    public var migrationsByVersion: [Int64: Migration] {
        Dictionary(migrations.map { ($0.version, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func text(of file: String) throws -> String {
        do {
            return try String(contentsOfFile: path + "/" + file, encoding: .utf8)
        } catch {
            throw MigrationError("cannot read \(path)/\(file): \(error.localizedDescription)")
        }
    }

    /// Applies the up files in version order, up to and including `version` (all when nil),
    /// without a history, as `migrate` would run them.
    public func replay(on connection: Connection, upTo version: Int64? = nil) throws {
        for migration in migrations where version.map({ migration.version <= $0 }) ?? true {
            try runScript(text(of: migration.upFile), file: "\(path)/\(migration.upFile)", on: connection)
        }
    }

    /// The next version: the current UTC time as YYYYMMDDHHMMSS, after every existing one.
    public func nextVersion(now: Date = Date()) -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        let stamp = Int64(formatter.string(from: now))!
        return max(stamp, (migrations.last?.version ?? 0) + 1)
    }

    /// Writes one migration's up and down files; returns their paths.
    public func write(version: Int64, name: String, up: String, down: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let base = "\(version)_\(name)"
        let upPath = "\(path)/\(base).up.sql"
        let downPath = "\(path)/\(base).down.sql"
        try up.write(toFile: upPath, atomically: true, encoding: .utf8)
        try down.write(toFile: downPath, atomically: true, encoding: .utf8)
        return [upPath, downPath]
    }

    /// The checksums `schemagen.sum` records, by file name; nil when there is no such file.
    public func recordedChecksums() -> [String: String]? {
        guard let text = try? String(contentsOfFile: path + "/" + Self.checksumFile, encoding: .utf8) else { return nil }
        var sums: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { sums[parts[1].trimmingCharacters(in: .whitespaces)] = String(parts[0]) }
        }
        return sums
    }

    /// Records the checksums of `files` in `schemagen.sum`, keeping what it records of the others;
    /// with nil, of every .sql file. Returns the files whose line was added or changed.
    @discardableResult
    public func recordChecksums(of files: [String]? = nil, using connection: Connection) throws -> [String] {
        let all = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".sql") }
        let files = files ?? all
        let hashes = try checksums(of: files.map(text(of:)), using: connection)
        let before = recordedChecksums() ?? [:]
        var sums = before.filter { all.contains($0.key) }
        for (file, hash) in zip(files, hashes) { sums[file] = hash }
        let lines = sums.sorted { $0.key < $1.key }.map { "\($0.value)  \($0.key)" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path + "/" + Self.checksumFile, atomically: true, encoding: .utf8)
        return zip(files, hashes).filter { before[$0.0] != $0.1 }.map(\.0)
    }
}

/// SHA-256 of each text's UTF-8 bytes, in hex, computed by PostgreSQL in one query.
public func checksums(of texts: [String], using connection: Connection) throws -> [String] {
    guard !texts.isEmpty else { return [] }
    return try connection.query(History.checksumsSQL, [arrayLiteral(texts)]).rows.map { $0[0] ?? "" }
}

/// Runs a migration file's statements: in one transaction, or, for a file marked
/// non-transactional, one by one. `-- schemagen:commit` (in `diff --sql` output) commits
/// what came before it. A failure names the file, the line and PostgreSQL's message.
public func runScript(_ text: String, file: String, on connection: Connection, inTransaction: Bool? = nil,
                      skipping skip: @escaping (String) -> Bool = { _ in false },
                      before: ((Connection) throws -> Void)? = nil, after: ((Connection) throws -> Void)? = nil) throws {
    let transactional = inTransaction ?? MigrationFile(parsing: text).isTransactional
    let parts = scriptParts(text)
    for (index, statements) in parts.enumerated() {
        let isLast = index == parts.count - 1
        let run = { (c: Connection) throws in
            if index == 0 { try before?(c) }
            for statement in statements {
                if transactional && isLast && MigrationFile.isOwnTransactionControl(statement.sql) { continue }
                if skip(statement.sql) { continue }
                do {
                    try c.execute(statement.sql)
                } catch let error as LibPQError {
                    var failure = MigrationError(file: file, statement: statement, error)
                    // 25001: a statement that cannot run in a transaction block (CONCURRENTLY, VACUUM).
                    if transactional && isLast && error.sqlState == "25001" && failure.hint == nil {
                        failure.hint = "the file runs in one transaction; one whose first line is "
                            + "\(MigrationFile.noTransactionMarker) runs statement by statement"
                    }
                    throw failure
                }
            }
            if isLast { try after?(c) }
        }
        if transactional && isLast {
            try connection.transaction(run)
        } else {
            try run(connection)
        }
    }
}

extension MigrationError {
    init(file: String, statement: ScriptStatement, _ error: LibPQError) {
        self.init(file: file, statement: statement, message: error.message, position: error.position, sqlState: error.sqlState,
                  detail: error.detail, hint: error.hint)
    }
}
