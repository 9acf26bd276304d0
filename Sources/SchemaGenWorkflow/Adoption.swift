import Catalog
import Foundation
import LibPQClient
import MigrationFiles
import Migrator
import SchemaModel
import SwiftGenerator

/// Taking on a database schemagen did not create: its declaration written from the catalog
/// (`pull`), or from a directory of SQL migrations loaded into a scratch database (`import`).
public enum Adoption {
    /// The declaration of the database at `url`, without the migration history's schema.
    public static func pull(url: String, name: String, command: String, historySchema: String = History.defaultSchema)
        throws -> DeclarationSource
    {
        let connection = try Connection(url: url)
        let model = try CatalogReader.read(url: url).without(schema: historySchema)
        return DeclarationSource(model: model, name: name, command: command,
                                 definitions: try unmanagedDefinitions(connection))
    }

    /// The declaration of what `files` make, loaded in order into a scratch database on `dev`.
    /// A file that fails is an error naming it, the line and PostgreSQL's message.
    /// Statements run one by one, each committed unless the file opens a transaction, as
    /// `psql -f` runs them: a migration may build an index `CONCURRENTLY`, and one transaction
    /// around a dump of thousands of tables would lock each of them, past a default server's
    /// lock table.
    public static func importing(_ files: [String], name: String, command: String, dev: DevDatabase) throws
        -> DeclarationSource
    {
        try dev.withScratchDatabase(keep: false) { connection in
            // The database is thrown away: its commits need not wait for the disk.
            try connection.execute("SET synchronous_commit = off")
            for file in files {
                let text = withoutRestrictGuard(try String(contentsOfFile: file, encoding: .utf8))
                if let problem = metaCommand(in: text) {
                    throw WorkflowError("\(file):\(problem.line): \(problem.command) is a psql command, not SQL: "
                        + "run the file with psql into a database and pull from that, or remove the line")
                }
                try runScript(text, file: file, on: connection, inTransaction: false)
            }
            let model = try CatalogReader.read(connection).without(schema: History.defaultSchema)
            return DeclarationSource(model: model, name: name, command: command,
                                     definitions: try unmanagedDefinitions(connection))
        }
    }

    /// The SQL files of `paths` in the order they apply: a directory's migrations by version
    /// (the number their name starts with: sqlx's `<timestamp>_name.sql` and `.up.sql`,
    /// golang-migrate's `<version>_name.up.sql`, numbered files), rollbacks and down files left
    /// out; files named one by one in the order given.
    public static func orderedFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw WorkflowError("\(path): no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { name in
                let lower = name.lowercased()
                return lower.hasSuffix(".sql") && !isRollback(lower)
            }
            files += names.sorted { (version($0) ?? .max, $0) < (version($1) ?? .max, $1) }
                .map { (path as NSString).appendingPathComponent($0) }
        }
        if files.isEmpty { throw WorkflowError("no SQL files in \(paths.joined(separator: ", "))") }
        return files
    }

    /// A down migration or rollback script: `.down.sql`, `_down.sql`, `rollback` in the name.
    static func isRollback(_ lowercasedName: String) -> Bool {
        lowercasedName.hasSuffix(".down.sql") || lowercasedName.hasSuffix("_down.sql") || lowercasedName.contains("rollback")
            || lowercasedName.hasSuffix(".undo.sql")
    }

    /// The number a migration's name starts with.
    static func version(_ name: String) -> UInt64? { UInt64(name.prefix { $0.isNumber }) }

    /// `text` with pg_dump's `\restrict KEY` and `\unrestrict KEY` lines blanked (line numbers
    /// kept): they only stop psql from running backslash commands that restored data might
    /// smuggle in, and make nothing.
    static func withoutRestrictGuard(_ text: String) -> String {
        guard text.contains("\\restrict ") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let command = backslashCommand(line)
            return command == "\\restrict" || command == "\\unrestrict" ? "" : line
        }.joined(separator: "\n")
    }

    /// The first line of `text` that is a psql backslash command, outside quotes and comments
    /// as far as a line tells.
    static func metaCommand(in text: String) -> (line: Int, command: String)? {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let command = backslashCommand(line) { return (i + 1, String(command)) }
        }
        return nil
    }

    /// The psql backslash command a line starts with (`\connect`), if it starts with one.
    private static func backslashCommand(_ line: Substring) -> Substring? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.hasPrefix("\\") ? trimmed.prefix { $0 != " " } : nil
    }

    /// SQL for the objects schemagen does not manage, where PostgreSQL prints it, by the
    /// description `UnmanagedObject` gives them: rules, statistics objects, publications,
    /// event triggers.
    static func unmanagedDefinitions(_ connection: Connection) throws -> [String: String] {
        let rows = try connection.query("""
            SELECT 'rule ' || i.identity AS object, pg_get_ruledef(r.oid, true) AS sql
              FROM pg_rewrite r CROSS JOIN LATERAL pg_identify_object('pg_rewrite'::regclass, r.oid, 0) i
             WHERE r.rulename <> '_RETURN' AND r.oid >= 16384
            UNION ALL
            SELECT 'statistics object ' || i.identity, pg_get_statisticsobjdef(s.oid)
              FROM pg_statistic_ext s CROSS JOIN LATERAL pg_identify_object('pg_statistic_ext'::regclass, s.oid, 0) i
            UNION ALL
            SELECT 'publication ' || quote_ident(p.pubname),
                   'CREATE PUBLICATION ' || quote_ident(p.pubname) || CASE WHEN p.puballtables THEN ' FOR ALL TABLES'
                     ELSE coalesce(' FOR TABLE ' || (SELECT string_agg(quote_ident(t.schemaname) || '.' || quote_ident(t.tablename), ', '
                                                                      ORDER BY t.schemaname, t.tablename)
                                                       FROM pg_publication_tables t WHERE t.pubname = p.pubname), '') END
              FROM pg_publication p
            UNION ALL
            SELECT 'event trigger ' || quote_ident(e.evtname),
                   'CREATE EVENT TRIGGER ' || quote_ident(e.evtname) || ' ON ' || e.evtevent
                     || coalesce(' WHEN TAG IN (' || (SELECT string_agg(quote_literal(t), ', ') FROM unnest(e.evttags) t) || ')', '')
                     || ' EXECUTE FUNCTION ' || e.evtfoid::regproc || '()'
              FROM pg_event_trigger e
            """).records
        var definitions: [String: String] = [:]
        for r in rows { if let sql = r["sql"] { definitions[r.string("object")] = sql } }
        return definitions
    }
}

extension DeclarationSource {
    /// Writes the files into `directory` (made if missing), replacing what an earlier pull of the
    /// same declaration wrote there; returns the paths written and removed (`removed …`).
    public func write(to directory: String) throws -> [String] {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        let names = Set(files.map(\.name))
        for existing in try manager.contentsOfDirectory(atPath: directory).sorted()
            where (existing == enumName + ".swift" || existing.hasPrefix(enumName + "+")) && !names.contains(existing) {
            try manager.removeItem(atPath: (directory as NSString).appendingPathComponent(existing))
            written.append("removed " + (directory as NSString).appendingPathComponent(existing))
        }
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file.name)
            if (try? String(contentsOfFile: path, encoding: .utf8)) == file.text { continue }
            try file.text.write(toFile: path, atomically: true, encoding: .utf8)
            written.append(path)
        }
        return written
    }
}
