import Foundation
import LibPQClient
import MigrationFiles
import Migrator
import Testing

/// Objects of kinds schemagen does not manage are named on stderr and left alone; a plan that
/// would need one, or break one, is refused with both named, rather than emitted half.
@Suite("Objects schemagen does not manage")
struct UnmanagedObjectsTests {
    static let unmanaged = """
        CREATE TABLE t (id int PRIMARY KEY, note text);
        CREATE TABLE deleted_ids (id int);
        CREATE RULE keep_deleted AS ON DELETE TO t DO ALSO INSERT INTO deleted_ids VALUES (OLD.id);
        CREATE AGGREGATE my_sum(int) (SFUNC = int4pl, STYPE = int);
        CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);
        CREATE EXTENSION postgres_fdw;
        CREATE SERVER elsewhere FOREIGN DATA WRAPPER postgres_fdw;
        CREATE FOREIGN TABLE remote_items (id int) SERVER elsewhere;
        CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
        CREATE EVENT TRIGGER watch_ddl ON ddl_command_end EXECUTE FUNCTION log_ddl();
        CREATE PUBLICATION changes FOR TABLE t;
        CREATE SUBSCRIPTION mirror CONNECTION 'dbname=elsewhere' PUBLICATION changes
          WITH (connect = false, slot_name = NONE, enabled = false);
        """

    /// Runs the built schemagen; returns its exit status, stdout and stderr.
    static func run(_ arguments: [String]) throws -> (Int32, String, String) {
        let run = try Subprocess.run(MigrateProcessTests.binary, arguments)
        return (run.status, String(decoding: run.output, as: UTF8.self), run.errors)
    }

    @Test("named on stderr and left alone while what schemagen manages changes around them")
    func leftAlone() throws {
        try #require(FileManager.default.isExecutableFile(atPath: MigrateProcessTests.binary), "run `swift build` first")
        let (from, connection) = try TestDatabase.loaded(Self.unmanaged)
        let (to, _) = try TestDatabase.loaded("""
            CREATE TABLE t (id int PRIMARY KEY, note text, added_at timestamptz DEFAULT now());
            CREATE TABLE deleted_ids (id int);
            CREATE EXTENSION postgres_fdw;
            CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
            """)
        let (status, sql, stderr) = try Self.run(["diff", "--from", from, "--to", to, "--sql",
                                                  "--dev-url", TestDatabase.shared().url()])
        #expect(status == 0, "\(stderr)")
        for named in ["aggregate public.my_sum(integer)", "rule keep_deleted on public.t", "event trigger watch_ddl",
                      "foreign table public.remote_items", "operator public.===(integer,integer)", "server elsewhere",
                      "publication changes", "subscription mirror"] {
            #expect(stderr.contains(named), "\(named) is not named in:\n\(stderr)")
        }
        for statement in splitStatements(sql) { try connection.execute(statement.sql) }
        #expect(sql.contains("ADD COLUMN added_at"))
        let left = try connection.query("""
            SELECT (SELECT count(*) FROM pg_rewrite WHERE rulename = 'keep_deleted')
                 + (SELECT count(*) FROM pg_proc WHERE proname = 'my_sum')
                 + (SELECT count(*) FROM pg_operator WHERE oprname = '===')
                 + (SELECT count(*) FROM pg_foreign_table)
                 + (SELECT count(*) FROM pg_event_trigger)
                 + (SELECT count(*) FROM pg_publication_rel)
                 + (SELECT count(*) FROM pg_subscription WHERE subname = 'mirror'
                    AND subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()))
            """).scalar
        #expect(left == "7")
    }

    @Test("a plan that would need one, or break one, is refused and names both")
    func refused() throws {
        try #require(FileManager.default.isExecutableFile(atPath: MigrateProcessTests.binary), "run `swift build` first")
        let dev = try TestDatabase.shared().url()
        // The server needs postgres_fdw, which the target does without.
        let (from, _) = try TestDatabase.loaded(Self.unmanaged)
        let (empty, _) = try TestDatabase.fresh()
        var (status, sql, stderr) = try Self.run(["diff", "--from", from, "--to", empty, "--sql", "--dev-url", dev])
        #expect(status == 2 && sql.isEmpty)
        #expect(stderr.contains("server elsewhere depends on extension postgres_fdw, which the migration drops"), "\(stderr)")
        #expect(stderr.contains("rule keep_deleted on public.t depends on column public.deleted_ids.id, which the migration drops"))
        // A view over an aggregate that the database being migrated lacks.
        let (withAggregate, _) = try TestDatabase.loaded("""
            CREATE AGGREGATE my_sum(int) (SFUNC = int4pl, STYPE = int);
            CREATE TABLE t (n int);
            CREATE VIEW total AS SELECT my_sum(n) AS s FROM t;
            """)
        (status, sql, stderr) = try Self.run(["diff", "--from", empty, "--to", withAggregate, "--sql", "--dev-url", dev])
        #expect(status == 2 && sql.isEmpty)
        #expect(stderr.contains("view public.total needs aggregate public.my_sum(integer), which the database lacks"), "\(stderr)")
    }
}
