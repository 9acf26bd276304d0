import Catalog
import Differ
import Foundation
import PostgresClient

/// A directory of `<version>_<name>.up.sql` / `.down.sql` files (the layout sqlx and
/// golang-migrate read) and `schemagen.sum`, the SHA-256 of each file.
struct MigrationDirectory {
    let path: String

    struct Migration {
        var version: UInt64
        var name: String
        var upFile: String
    }

    static let checksumFile = "schemagen.sum"

    var migrations: [Migration] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return files.compactMap { file -> Migration? in
            guard file.hasSuffix(".up.sql"), let underscore = file.firstIndex(of: "_"),
                  let version = UInt64(file[..<underscore]) else { return nil }
            let name = String(file[file.index(after: underscore)...].dropLast(".up.sql".count))
            return Migration(version: version, name: name, upFile: file)
        }.sorted { $0.version < $1.version }
    }

    /// Applies every up file in version order, as `migrate` would.
    func replay(on connection: Connection) throws {
        for migration in migrations {
            let text = try String(contentsOfFile: path + "/" + migration.upFile, encoding: .utf8)
            for part in text.components(separatedBy: MigrationPlan.commitMarker) where !part.isEmpty {
                do {
                    try connection.execute(part)
                } catch {
                    throw CLIError("replaying \(path)/\(migration.upFile) failed: \(error)")
                }
            }
        }
    }

    /// The next version: the current UTC time as YYYYMMDDHHMMSS, after every existing one.
    func nextVersion(now: Date = Date()) -> UInt64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        let stamp = UInt64(formatter.string(from: now))!
        return max(stamp, (migrations.last?.version ?? 0) + 1)
    }

    func write(version: UInt64, name: String, up: String, down: String, checksums: Connection) throws -> [String] {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let base = "\(version)_\(name)"
        let upPath = "\(path)/\(base).up.sql"
        let downPath = "\(path)/\(base).down.sql"
        try up.write(toFile: upPath, atomically: true, encoding: .utf8)
        try down.write(toFile: downPath, atomically: true, encoding: .utf8)
        try writeChecksums(using: checksums)
        return [upPath, downPath]
    }

    /// Rewrites `schemagen.sum` for every .sql file, hashed by PostgreSQL's sha256().
    func writeChecksums(using connection: Connection) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".sql") }.sorted()
        var lines: [String] = []
        for file in files {
            let text = try String(contentsOfFile: path + "/" + file, encoding: .utf8)
            let hash = try connection.query("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", [text]).scalar ?? ""
            lines.append("\(hash)  \(file)")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path + "/" + Self.checksumFile, atomically: true, encoding: .utf8)
    }
}
