import Foundation

/// The file beside the migrations that records the SHA-256 of each, as `schemagen new` and
/// `schemagen hash` write it.
public let checksumFileName = "schemagen.sum"

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
        case .noChecksums(let directory): return directory + "/" + checksumFileName
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
            return "\(file) is not listed in \(checksumFileName): start a hand-written migration with "
                + "schemagen new; after reviewing a file added otherwise, record it with schemagen hash"
        case .changedSinceRecorded(let file):
            return "\(file) is not what \(checksumFileName) records: after reviewing the change, "
                + "record it with schemagen hash"
        case .noChecksums(let directory):
            return "\(directory) has no \(checksumFileName): after reviewing its files, record them with schemagen hash"
        }
    }
}

extension MigrationProblem {
    /// What the history holds against the migrations at hand, by version (`upFiles`, and the
    /// checksum of each applied one's text): applied files missing or edited, and pending files
    /// older than the last applied. `directory` names where the files are in the messages.
    public static func inHistory(_ entries: [History.Entry], upFiles: [Int64: String], checksums: [Int64: String],
                                 directory: String) -> [MigrationProblem] {
        var problems: [MigrationProblem] = []
        for entry in entries {
            guard let upFile = upFiles[entry.version] else {
                problems.append(.missing(file: "\(directory)/\(entry.version)_\(entry.name).up.sql"))
                continue
            }
            if let checksum = checksums[entry.version], checksum != entry.checksum {
                problems.append(.edited(file: "\(directory)/\(upFile)", checksum: checksum, applied: entry.checksum))
            }
        }
        if let last = entries.last {
            let applied = Set(entries.map(\.version))
            for (version, upFile) in upFiles.sorted(by: { $0.key < $1.key }) where version < last.version && !applied.contains(version) {
                problems.append(.olderThanApplied(file: "\(directory)/\(upFile)", lastApplied: "\(last.version)_\(last.name)",
                                                  version: last.version))
            }
        }
        return problems
    }
}
