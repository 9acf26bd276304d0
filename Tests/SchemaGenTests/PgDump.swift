import Foundation
import MigrationFiles
import Migrator

/// `pg_dump --schema-only` of a database, as the judge of a round trip: what PostgreSQL itself
/// says the schema is, independent of schemagen's catalog reader.
enum PgDump {
    /// The dump's statements, normalised for comparison: comments and session settings left out,
    /// statements sorted; with `ignoringColumnOrder`, the lines inside each CREATE TABLE sorted
    /// (a migration appends new columns, a fresh CREATE puts them where declared).
    static func statements(_ url: String, ignoringColumnOrder: Bool = true, privileges: Bool = false) throws -> [String] {
        normalise(try text(url, privileges: privileges), ignoringColumnOrder: ignoringColumnOrder)
    }

    /// The statements of the database at `url` as PostgreSQL's own dump and restore give them
    /// back: its dump loaded into a new database, and dumped again.
    static func restoredStatements(_ url: String, ignoringColumnOrder: Bool = true, privileges: Bool = false) throws
        -> [String]
    {
        let dump = try text(url, privileges: privileges).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\\") }.joined(separator: "\n")
        let (copy, connection) = try TestDatabase.fresh()
        try connection.execute(dump)
        return try statements(copy, ignoringColumnOrder: ignoringColumnOrder, privileges: privileges)
    }

    /// The dump as pg_dump prints it.
    static func text(_ url: String, privileges: Bool) throws -> String {
        let binary = try TestDatabase.shared().binDirectory + "/pg_dump"
        let run = try Subprocess.run(
            binary, ["--schema-only", "--no-owner"] + (privileges ? [] : ["--no-privileges"]) + ["--dbname", url])
        guard run.status == 0 else { throw DumpError(message: run.errors) }
        return String(decoding: run.output, as: UTF8.self)
    }

    struct DumpError: Error, CustomStringConvertible {
        var message: String
        var description: String { "pg_dump failed: \(message)" }
    }

    static func normalise(_ dump: String, ignoringColumnOrder: Bool) -> [String] {
        let kept = dump.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let l = line.trimmingCharacters(in: .whitespaces)
            return !l.isEmpty && !l.hasPrefix("--") && !l.hasPrefix("SET ") && !l.hasPrefix("SELECT pg_catalog.set_config")
                && !l.hasPrefix("\\restrict") && !l.hasPrefix("\\unrestrict")
        }.map { String($0.reversed().drop { $0 == " " }.reversed()) }
        return splitStatements(kept.joined(separator: "\n")).map { statement in
            var text = equatingArrayCasts(statement.sql)
            if ignoringColumnOrder { text = sortingTableColumns(text) }
            return text
        }.sorted()
    }

    /// The one rewriting the comparison allows. PostgreSQL prints `col IN ('a', 'b')` on a varchar
    /// column as `ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])`; that
    /// text parses to another tree, printed `ANY (ARRAY[('a'::character varying)::text, …])`,
    /// and pg_dump and restore do the same. Both are written in the second form here.
    static func equatingArrayCasts(_ text: String) -> String {
        let literal = #"'(?:[^']|'')*'::[a-z][a-z0-9_ .]*(?:\(\d+(?:,\d+)?\))?"#
        let pattern = #"\(ARRAY\[("# + literal + "(?:, " + literal + #")*)\]\)::([a-z][a-z0-9_ .]*)\[\]"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let elementRegex = try! NSRegularExpression(pattern: literal)
        var result = text
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            let ns = text as NSString
            let elements = ns.substring(with: match.range(at: 1))
            let type = ns.substring(with: match.range(at: 2))
            let items = elementRegex.matches(in: elements, range: NSRange(elements.startIndex..., in: elements))
                .map { "(" + (elements as NSString).substring(with: $0.range) + ")::" + type }
            let replacement = "ARRAY[" + items.joined(separator: ", ") + "]"
            result = (result as NSString).replacingCharacters(in: match.range, with: replacement)
        }
        return result
    }

    /// `CREATE TABLE t (\n a int,\n b int\n);` with the lines between the parentheses sorted.
    static func sortingTableColumns(_ statement: String) -> String {
        guard statement.hasPrefix("CREATE TABLE") || statement.hasPrefix("CREATE UNLOGGED TABLE") else { return statement }
        var lines = statement.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count > 2, lines[0].hasSuffix("("), let close = lines.lastIndex(where: { $0.hasPrefix(")") }) else {
            return statement
        }
        let inner = lines[1..<close].map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }.sorted()
        lines.replaceSubrange(1..<close, with: inner)
        return lines.joined(separator: "\n")
    }
}
