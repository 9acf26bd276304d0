import LibPQClient
import MigrationFiles
import PostgresTextFormat

extension History {
    func create(on connection: Connection) throws {
        try connection.execute(createSQL)
    }

    /// The applied migrations in version order; none when the table does not exist yet.
    public func entries(on connection: Connection) throws -> [Entry] {
        guard try connection.query(Self.existsSQL, [qualified]).scalar == "t" else { return [] }
        return try connection.query(entriesSQL).records.compactMap { r in Self.entry { r.string($0) } }
    }

    func record(_ version: Int64, name: String, checksum: String, milliseconds: Int64, transactional: Bool,
                keptExtensions: [String], on connection: Connection) throws {
        try connection.query(recordSQL, [String(version), name, checksum, String(milliseconds), transactional ? "t" : "f",
                                         arrayLiteral(keptExtensions)])
    }

    /// Records `checksum` as the applied text's, the old one and `reason` kept in `repairs`.
    func repair(_ version: Int64, checksum: String, reason: String, on connection: Connection) throws {
        try connection.query("""
            UPDATE \(qualified) SET checksum = $2, repairs = repairs || jsonb_build_array(jsonb_build_object(
                'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), 'by', current_user,
                'reason', $3::text, 'from', checksum, 'to', $2::text))
             WHERE version = $1
            """, [String(version), checksum, reason])
    }

    func remove(_ version: Int64, on connection: Connection) throws {
        try connection.query("DELETE FROM \(qualified) WHERE version = $1", [String(version)])
    }
}
