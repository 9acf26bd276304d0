import Foundation
import LibPQClient
import PostgresTextFormat
import SchemaModel

/// The table that records applied migrations, in a schema the user can choose.
public struct History: Sendable {
    public var schema: String
    public var table = "schema_migrations"

    public static let defaultSchema = "schemagen"

    public init(schema: String = History.defaultSchema) { self.schema = schema }

    var qualified: String { quoteIdentifier(schema) + "." + quoteIdentifier(table) }

    public struct Entry: Hashable, Sendable, Codable {
        public var version: Int64
        public var name: String
        public var checksum: String
        public var appliedAt: String
        public var durationMilliseconds: Int64
        public var appliedBy: String
        /// Checksums recorded again for an applied file edited on purpose (`schemagen repair`).
        public var repairs: [Repair] = []
        /// Extensions the up file would have created that were there before it ran.
        public var keptExtensions: [String] = []
    }

    public struct Repair: Hashable, Sendable, Codable {
        public var at: String
        public var by: String
        public var reason: String
        public var from: String
        public var to: String
    }

    func create(on connection: Connection) throws {
        try connection.execute("""
            CREATE SCHEMA IF NOT EXISTS \(quoteIdentifier(schema));
            CREATE TABLE IF NOT EXISTS \(qualified) (
                version bigint PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                duration_ms bigint NOT NULL,
                applied_by text NOT NULL DEFAULT current_user,
                transactional boolean NOT NULL
            );
            ALTER TABLE \(qualified) ADD COLUMN IF NOT EXISTS repairs jsonb NOT NULL DEFAULT '[]',
                ADD COLUMN IF NOT EXISTS kept_extensions jsonb NOT NULL DEFAULT '[]';
            COMMENT ON TABLE \(qualified) IS 'Migrations applied by schemagen migrate';
            """)
    }

    /// The applied migrations in version order; none when the table does not exist yet.
    public func entries(on connection: Connection) throws -> [Entry] {
        let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL", [qualified]).scalar == "t"
        guard exists else { return [] }
        return try connection.query("""
            SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS applied_at,
                   duration_ms, applied_by, coalesce(to_jsonb(h) -> 'repairs', '[]')::text AS repairs,
                   coalesce(to_jsonb(h) -> 'kept_extensions', '[]')::text AS kept
              FROM \(qualified) h ORDER BY version
            """).records.map { r in
            Entry(version: Int64(r.string("version"))!, name: r.string("name"), checksum: r.string("checksum"),
                  appliedAt: r.string("applied_at"), durationMilliseconds: Int64(r.string("duration_ms"))!,
                  appliedBy: r.string("applied_by"),
                  repairs: (try? JSONDecoder().decode([Repair].self, from: Data(r.string("repairs").utf8))) ?? [],
                  keptExtensions: (try? JSONDecoder().decode([String].self, from: Data(r.string("kept").utf8))) ?? [])
        }
    }

    func record(_ version: Int64, name: String, checksum: String, milliseconds: Int64, transactional: Bool,
                keptExtensions: [String], on connection: Connection) throws {
        try connection.query("""
            INSERT INTO \(qualified) (version, name, checksum, duration_ms, transactional, kept_extensions)
            VALUES ($1, $2, $3, $4, $5, to_jsonb($6::text[]))
            """, [String(version), name, checksum, String(milliseconds), transactional ? "t" : "f",
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
