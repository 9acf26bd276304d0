import Foundation
import SchemaModel

/// The table that records applied migrations, in a schema the user can choose, and the SQL that
/// every migrator (the command line's, an application's at start) reads and writes it with.
public struct History: Sendable {
    public var schema: String
    public var table = "schema_migrations"

    public static let defaultSchema = "schemagen"

    public init(schema: String = History.defaultSchema) { self.schema = schema }

    public var qualified: String { quoteIdentifier(schema) + "." + quoteIdentifier(table) }

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
        /// Recorded by `migrate --baseline` without running: the database already held what it makes.
        public var baselined = false

        public init(version: Int64, name: String, checksum: String, appliedAt: String, durationMilliseconds: Int64,
                    appliedBy: String, repairs: [Repair] = [], keptExtensions: [String] = [], baselined: Bool = false) {
            self.baselined = baselined
            self.version = version
            self.name = name
            self.checksum = checksum
            self.appliedAt = appliedAt
            self.durationMilliseconds = durationMilliseconds
            self.appliedBy = appliedBy
            self.repairs = repairs
            self.keptExtensions = keptExtensions
        }
    }

    public struct Repair: Hashable, Sendable, Codable {
        public var at: String
        public var by: String
        public var reason: String
        public var from: String
        public var to: String
    }

    /// Creates the schema and table if missing, and adds the columns later versions added.
    public var createSQL: String {
        """
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
            ADD COLUMN IF NOT EXISTS kept_extensions jsonb NOT NULL DEFAULT '[]',
            ADD COLUMN IF NOT EXISTS baselined boolean NOT NULL DEFAULT false;
        COMMENT ON TABLE \(qualified) IS 'Migrations applied by schemagen migrate'
        """
    }

    /// `$1`: the qualified name; one boolean, whether the table exists.
    public static let existsSQL = "SELECT to_regclass($1) IS NOT NULL"

    /// The entries in version order, every column as text: version, name, checksum, applied_at,
    /// duration_ms, applied_by, repairs and kept (JSON arrays), baselined (`true` or `false`).
    public var entriesSQL: String {
        """
        SELECT version::text, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS applied_at,
               duration_ms::text, applied_by, coalesce(to_jsonb(h) -> 'repairs', '[]')::text AS repairs,
               coalesce(to_jsonb(h) -> 'kept_extensions', '[]')::text AS kept,
               coalesce(to_jsonb(h) -> 'baselined', 'false')::text AS baselined
          FROM \(qualified) h ORDER BY version
        """
    }

    /// Records a migration as applied without running it (`migrate --baseline`): `$1` version,
    /// `$2` name, `$3` checksum, `$4` transactional; all bound as text.
    public var recordBaselineSQL: String {
        """
        INSERT INTO \(qualified) (version, name, checksum, duration_ms, transactional, baselined)
        VALUES ($1::bigint, $2, $3, 0, $4::boolean, true)
        """
    }

    /// `$1` version, `$2` name, `$3` checksum, `$4` milliseconds, `$5` transactional, `$6` kept
    /// extensions (a text array literal); all bound as text.
    public var recordSQL: String {
        """
        INSERT INTO \(qualified) (version, name, checksum, duration_ms, transactional, kept_extensions)
        VALUES ($1::bigint, $2, $3, $4::bigint, $5::boolean, to_jsonb($6::text[]))
        """
    }

    /// SHA-256 of each text of `$1` (a text array) in hex, in order: how a migration's checksum is
    /// computed, by PostgreSQL, in one query.
    public static let checksumsSQL =
        "SELECT encode(sha256(convert_to(t, 'UTF8')), 'hex') FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i) ORDER BY i"

    /// The key of the advisory lock that `migrate` and `rollback` hold: `$1` is `lockKey`.
    public static let lockClass = 0x5347
    public var lockKey: String { schema + "." + table }
    public static let tryLockSQL = "SELECT pg_try_advisory_lock(\(lockClass), hashtext($1))"
    public static let unlockSQL = "SELECT pg_advisory_unlock(\(lockClass), hashtext($1))"
    /// The server pid holding the lock, if any.
    public static let lockHolderSQL = """
        SELECT l.pid::text FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.granted AND l.classid = \(lockClass) AND l.objsubid = 2
           AND l.objid::bigint = (hashtext($1)::bigint & 4294967295) AND l.database = (
               SELECT oid FROM pg_database WHERE datname = current_database())
        """

    /// The migrator's session limits: `$1` lock_timeout, `$2` statement_timeout, `$3`
    /// application_name. A file may set its own; after each file these are set again.
    public static let sessionSettingsSQL = """
        SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false),
               set_config('application_name', $3, false), set_config('client_connection_check_interval', '1s', false)
        """

    /// Which of the extensions `$1` (a text array) the database has: those an up file creates
    /// only `IF NOT EXISTS` and that its down file must leave.
    public static let presentExtensionsSQL = "SELECT extname FROM pg_extension WHERE extname = ANY($1::text[]) ORDER BY 1"

    /// INVALID indexes (`nspname`, `relname`, and `qualified`, quoted), left by an interrupted
    /// `CREATE INDEX CONCURRENTLY`: `IF NOT EXISTS` would skip them, so they are dropped first.
    public static let invalidIndexesSQL = """
        SELECT n.nspname, c.relname, format('%I.%I', n.nspname, c.relname) AS qualified
          FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE NOT i.indisvalid ORDER BY 1, 2
        """

    /// Whole milliseconds since `start`, as the history records a migration's duration.
    public static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }

    /// The entry of one row of `entriesSQL`, by column name.
    public static func entry(_ value: (String) -> String) -> Entry? {
        guard let version = Int64(value("version")), let duration = Int64(value("duration_ms")) else { return nil }
        return Entry(version: version, name: value("name"), checksum: value("checksum"), appliedAt: value("applied_at"),
                     durationMilliseconds: duration, appliedBy: value("applied_by"),
                     repairs: (try? JSONDecoder().decode([Repair].self, from: Data(value("repairs").utf8))) ?? [],
                     keptExtensions: (try? JSONDecoder().decode([String].self, from: Data(value("kept").utf8))) ?? [],
                     baselined: value("baselined") == "true")
    }
}
