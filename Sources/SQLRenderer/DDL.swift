import Foundation
import SchemaModel

/// The DDL for one object at a time: the pieces both a CREATE script and a migration use.
public enum DDL {
    public static func createNamespace(_ ns: Namespace) -> [Statement] {
        [Statement("CREATE SCHEMA \(quoteIdentifier(ns.name))", summary: "create schema \(ns.name)")]
            + comment(on: "SCHEMA \(quoteIdentifier(ns.name))", ns.comment, what: "schema \(ns.name)")
    }

    public static func createExtension(_ ext: Extension) -> Statement {
        var sql = "CREATE EXTENSION IF NOT EXISTS \(quoteIdentifier(ext.name))"
        if let schema = ext.schema { sql += " WITH SCHEMA \(quoteIdentifier(schema))" }
        return Statement(sql, summary: "create extension \(ext.name)")
    }

    public static func createEnum(_ e: EnumType) -> [Statement] {
        let labels = e.labels.map(quoteLiteral).joined(separator: ", ")
        return [Statement("CREATE TYPE \(quoteName(e.name)) AS ENUM (\(labels))", summary: "create enum \(e.name)")]
            + comment(on: "TYPE \(quoteName(e.name))", e.comment, what: "enum \(e.name)")
    }

    public static func createDomain(_ d: Domain) -> [Statement] {
        var sql = "CREATE DOMAIN \(quoteName(d.name)) AS \(d.baseType.sql)"
        if let def = d.defaultExpression { sql += " DEFAULT \(def)" }
        if !d.isNullable { sql += " NOT NULL" }
        for check in d.checks {
            sql += " CONSTRAINT \(quoteIdentifier(check.name)) CHECK (\(check.expression))"
        }
        return [Statement(sql, summary: "create domain \(d.name)")]
            + comment(on: "DOMAIN \(quoteName(d.name))", d.comment, what: "domain \(d.name)")
    }

    public static func createSequence(_ s: Sequence) -> [Statement] {
        var sql = "CREATE SEQUENCE \(quoteName(s.name)) AS \(s.type.sql) INCREMENT BY \(s.increment)"
        sql += s.minValue.map { " MINVALUE \($0)" } ?? " NO MINVALUE"
        sql += s.maxValue.map { " MAXVALUE \($0)" } ?? " NO MAXVALUE"
        sql += " START WITH \(s.start) CACHE \(s.cache)"
        if s.cycle { sql += " CYCLE" }
        return [Statement(sql, summary: "create sequence \(s.name)")]
            + comment(on: "SEQUENCE \(quoteName(s.name))", s.comment, what: "sequence \(s.name)")
    }

    // MARK: Tables

    public static func columnDefinition(_ c: Column) -> String {
        var sql = "\(quoteIdentifier(c.name)) \(c.type.sql)"
        if let collation = c.collation { sql += " COLLATE \(quoteIdentifier(collation))" }
        if let generated = c.generatedExpression { sql += " GENERATED ALWAYS AS (\(generated)) STORED" }
        if let identity = c.identity { sql += " GENERATED \(identity.rawValue) AS IDENTITY" }
        if let def = c.defaultExpression { sql += " DEFAULT \(def)" }
        if !c.isNullable { sql += " NOT NULL" }
        return sql
    }

    /// The body of a constraint, after `CONSTRAINT name`.
    public static func constraintDefinition(_ c: Constraint) -> String {
        var sql: String
        switch c.kind {
        case .primaryKey(let columns):
            sql = "PRIMARY KEY (\(identifierList(columns)))"
        case .unique(let columns, let nullsNotDistinct):
            sql = "UNIQUE\(nullsNotDistinct ? " NULLS NOT DISTINCT" : "") (\(identifierList(columns)))"
        case .check(let expression):
            sql = "CHECK (\(expression))"
        case .exclusion(let ex):
            let elements = ex.elements.map { e in
                (e.column.map(quoteIdentifier) ?? "(\(e.expression ?? ""))") + " WITH \(e.operator)"
            }
            sql = "EXCLUDE USING \(ex.method.rawValue) (\(elements.joined(separator: ", ")))"
            if let predicate = ex.predicate { sql += " WHERE (\(predicate))" }
        case .foreignKey(let fk):
            sql = "FOREIGN KEY (\(identifierList(fk.columns))) REFERENCES \(quoteName(fk.referencedTable))"
            sql += " (\(identifierList(fk.referencedColumns)))"
            if fk.match == .full { sql += " MATCH FULL" }
            if fk.onUpdate != .noAction { sql += " ON UPDATE \(fk.onUpdate.rawValue)" }
            if fk.onDelete != .noAction { sql += " ON DELETE \(fk.onDelete.rawValue)" }
        }
        if c.deferrable != .notDeferrable { sql += " \(c.deferrable.rawValue)" }
        return sql
    }

    /// CREATE TABLE with its columns and every constraint but foreign keys, which are added
    /// once all tables exist (so tables may reference each other in a cycle).
    public static func createTable(_ t: Table) -> [Statement] {
        var items: [String] = []
        if t.partitionOf == nil { items += t.columns.map(columnDefinition) }
        for c in t.constraints {
            if case .foreignKey = c.kind { continue }
            items.append("CONSTRAINT \(quoteIdentifier(c.name)) \(constraintDefinition(c))")
        }
        let body = items.isEmpty ? "" : "(\n" + items.map { "    " + $0 }.joined(separator: ",\n") + "\n)"
        var sql = "CREATE TABLE \(quoteName(t.name))"
        if let partitionOf = t.partitionOf {
            sql += " PARTITION OF \(quoteName(partitionOf.parent))"
            if !body.isEmpty { sql += " " + body }
            sql += " " + partitionOf.bound
        } else {
            sql += " " + (body.isEmpty ? "()" : body)
        }
        if let p = t.partitioning { sql += " PARTITION BY \(p.strategy.rawValue) (\(p.key.joined(separator: ", ")))" }
        var statements = [Statement(sql, summary: "create table \(t.name)")]
        statements += comment(on: "TABLE \(quoteName(t.name))", t.comment, what: "table \(t.name)")
        for c in t.columns {
            statements += comment(on: "COLUMN \(quoteName(t.name)).\(quoteIdentifier(c.name))", c.comment,
                                  what: "column \(t.name).\(c.name)")
        }
        for c in t.constraints {
            if case .foreignKey = c.kind { continue }
            statements += comment(on: "CONSTRAINT \(quoteIdentifier(c.name)) ON \(quoteName(t.name))", c.comment,
                                  what: "constraint \(c.name) on \(t.name)")
        }
        return statements
    }

    public static func addConstraint(_ c: Constraint, to table: QualifiedName) -> [Statement] {
        [Statement("ALTER TABLE \(quoteName(table)) ADD CONSTRAINT \(quoteIdentifier(c.name)) \(constraintDefinition(c))",
                   summary: "add constraint \(c.name) on \(table)")]
            + comment(on: "CONSTRAINT \(quoteIdentifier(c.name)) ON \(quoteName(table))", c.comment,
                      what: "constraint \(c.name) on \(table)")
    }

    public static func createIndex(_ i: Index, on table: QualifiedName) -> [Statement] {
        let keys = i.keys.map { key -> String in
            var sql: String
            switch key.target {
            case .column(let name): sql = quoteIdentifier(name)
            case .expression(let expression): sql = "(\(expression))"
            }
            if let collation = key.collation { sql += " COLLATE \(quoteIdentifier(collation))" }
            if let opclass = key.opclass { sql += " \(opclass)" }
            if key.order == .desc { sql += " DESC" }
            if let nulls = key.nulls { sql += " \(nulls.rawValue)" }
            return sql
        }
        var sql = "CREATE \(i.isUnique ? "UNIQUE " : "")INDEX \(quoteIdentifier(i.name)) ON \(quoteName(table))"
        sql += " USING \(i.method.rawValue) (\(keys.joined(separator: ", ")))"
        if !i.include.isEmpty { sql += " INCLUDE (\(identifierList(i.include)))" }
        if i.nullsNotDistinct { sql += " NULLS NOT DISTINCT" }
        if let predicate = i.predicate { sql += " WHERE (\(predicate))" }
        let name = QualifiedName(schema: table.schema, i.name)
        return [Statement(sql, summary: "create index \(name)")]
            + comment(on: "INDEX \(quoteName(name))", i.comment, what: "index \(name)")
    }

    public static func createTrigger(_ t: Trigger, on table: QualifiedName) -> [Statement] {
        let events = t.events.map { event -> String in
            switch event {
            case .insert: return "INSERT"
            case .delete: return "DELETE"
            case .truncate: return "TRUNCATE"
            case .update(let columns): return columns.isEmpty ? "UPDATE" : "UPDATE OF \(identifierList(columns))"
            }
        }
        var sql = "CREATE TRIGGER \(quoteIdentifier(t.name)) \(t.timing.rawValue) \(events.joined(separator: " OR "))"
        sql += " ON \(quoteName(table)) FOR EACH \(t.level.rawValue)"
        if let condition = t.condition { sql += " WHEN (\(condition))" }
        sql += " EXECUTE FUNCTION \(quoteName(t.function))(\(t.arguments.map(quoteLiteral).joined(separator: ", ")))"
        return [Statement(sql, summary: "create trigger \(t.name) on \(table)")]
            + comment(on: "TRIGGER \(quoteIdentifier(t.name)) ON \(quoteName(table))", t.comment,
                      what: "trigger \(t.name) on \(table)")
    }

    public static func enableRowLevelSecurity(_ t: Table) -> [Statement] {
        var statements: [Statement] = []
        if t.rowLevelSecurity {
            statements.append(Statement("ALTER TABLE \(quoteName(t.name)) ENABLE ROW LEVEL SECURITY",
                                        summary: "enable row level security on \(t.name)"))
        }
        if t.forceRowLevelSecurity {
            statements.append(Statement("ALTER TABLE \(quoteName(t.name)) FORCE ROW LEVEL SECURITY",
                                        summary: "force row level security on \(t.name)"))
        }
        return statements
    }

    public static func createPolicy(_ p: Policy, on table: QualifiedName) -> [Statement] {
        let roles = p.roles.isEmpty ? "PUBLIC" : p.roles.map(roleName).joined(separator: ", ")
        var sql = "CREATE POLICY \(quoteIdentifier(p.name)) ON \(quoteName(table))"
        sql += " AS \(p.isPermissive ? "PERMISSIVE" : "RESTRICTIVE") FOR \(p.command.rawValue) TO \(roles)"
        if let using = p.using { sql += " USING (\(using))" }
        if let check = p.withCheck { sql += " WITH CHECK (\(check))" }
        return [Statement(sql, summary: "create policy \(p.name) on \(table)")]
            + comment(on: "POLICY \(quoteIdentifier(p.name)) ON \(quoteName(table))", p.comment,
                      what: "policy \(p.name) on \(table)")
    }

    // MARK: Views and functions

    public static func createView(_ v: View) -> [Statement] {
        var query = v.query.trimmingCharacters(in: .whitespacesAndNewlines)
        while query.hasSuffix(";") { query = String(query.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
        let kind = v.isMaterialized ? "MATERIALIZED VIEW" : "VIEW"
        let sql = "CREATE \(kind) \(quoteName(v.name)) AS\n\(query)"
        let what = "\(v.isMaterialized ? "materialized view" : "view") \(v.name)"
        return [Statement(sql, summary: "create \(what)")]
            + comment(on: "\(kind) \(quoteName(v.name))", v.comment, what: what)
    }

    /// `schema.name(type, …)`: how COMMENT, DROP and ALTER name a function.
    public static func functionSignature(_ f: Function) -> String {
        "\(quoteName(f.name))(\(f.signatureTypes.map(\.sql).joined(separator: ", ")))"
    }

    public static func createFunction(_ f: Function, orReplace: Bool = false) -> [Statement] {
        let args = f.arguments.map { a -> String in
            var sql = a.mode == .in ? "" : a.mode.rawValue + " "
            if let name = a.name { sql += quoteIdentifier(name) + " " }
            sql += a.type.sql
            if let def = a.defaultExpression { sql += " DEFAULT \(def)" }
            return sql
        }
        let kind = f.isProcedure ? "PROCEDURE" : "FUNCTION"
        var sql = "CREATE \(orReplace ? "OR REPLACE " : "")\(kind) \(quoteName(f.name))(\(args.joined(separator: ", ")))"
        switch f.returns {
        case nil: break
        case .type(let type)?: sql += " RETURNS \(type.sql)"
        case .setOf(let type)?: sql += " RETURNS SETOF \(type.sql)"
        case .trigger?: sql += " RETURNS trigger"
        case .void?: sql += " RETURNS void"
        case .table(let columns)?:
            let list = columns.map { "\(quoteIdentifier($0.name ?? "")) \($0.type.sql)" }.joined(separator: ", ")
            sql += " RETURNS TABLE(\(list))"
        }
        sql += "\n    LANGUAGE \(f.language.rawValue)"
        if !f.isProcedure {
            sql += " \(f.volatility.rawValue)"
            if f.isStrict { sql += " STRICT" }
        }
        if f.isSecurityDefiner { sql += " SECURITY DEFINER" }
        sql += "\n    AS \(dollarQuote(f.body))"
        let what = "\(f.isProcedure ? "procedure" : "function") \(f.name)"
        return [Statement(sql, summary: "create \(what)")]
            + comment(on: "\(kind) \(functionSignature(f))", f.comment, what: what)
    }

    // MARK: Helpers

    /// Nothing when there is no comment; the names are only spelled out when there is one.
    public static func comment(on target: @autoclosure () -> String, _ text: String?, what: @autoclosure () -> String)
        -> [Statement]
    {
        guard let text else { return [] }
        return [Statement("COMMENT ON \(target()) IS \(quoteLiteral(text))", summary: "comment on \(what())")]
    }

    static func identifierList(_ names: [String]) -> String { names.map(quoteIdentifier).joined(separator: ", ") }

    static func roleName(_ role: String) -> String {
        switch role.lowercased() {
        case "public": return "PUBLIC"
        case "current_user", "session_user", "current_role": return role.uppercased()
        default: return quoteIdentifier(role)
        }
    }
}
