import SchemaModel

/// DDL that changes or removes existing objects. Nothing uses CASCADE: what depends on an
/// object is dropped explicitly first, so an unexpected dependency fails loudly.
extension DDL {
    public static func drop(_ kind: String, _ target: String, what: String) -> Statement {
        Statement("DROP \(kind) \(target)", summary: "drop \(what)")
    }

    public static func dropTable(_ name: QualifiedName) -> Statement {
        drop("TABLE", quoteName(name), what: "table \(name)")
    }

    public static func dropView(_ v: View) -> Statement {
        drop(v.isMaterialized ? "MATERIALIZED VIEW" : "VIEW", quoteName(v.name),
             what: "\(v.isMaterialized ? "materialized view" : "view") \(v.name)")
    }

    public static func dropFunction(_ f: Function) -> Statement {
        drop(f.isProcedure ? "PROCEDURE" : "FUNCTION", functionSignature(f),
             what: "\(f.isProcedure ? "procedure" : "function") \(f.name)")
    }

    public static func dropIndex(_ name: String, schema: String) -> Statement {
        let q = QualifiedName(schema: schema, name)
        return drop("INDEX", quoteName(q), what: "index \(q)")
    }

    public static func dropConstraint(_ name: String, on table: QualifiedName) -> Statement {
        alterTable(table, "DROP CONSTRAINT \(quoteIdentifier(name))", summary: "drop constraint \(name) on \(table)")
    }

    public static func dropTrigger(_ name: String, on table: QualifiedName) -> Statement {
        Statement("DROP TRIGGER \(quoteIdentifier(name)) ON \(quoteName(table))",
                  summary: "drop trigger \(name) on \(table)")
    }

    public static func dropPolicy(_ name: String, on table: QualifiedName) -> Statement {
        Statement("DROP POLICY \(quoteIdentifier(name)) ON \(quoteName(table))",
                  summary: "drop policy \(name) on \(table)")
    }

    public static func alterTable(_ table: QualifiedName, _ action: String, summary: String) -> Statement {
        Statement("ALTER TABLE \(quoteName(table)) \(action)", summary: summary)
    }

    public static func alterColumn(_ table: QualifiedName, _ column: String, _ action: String, summary: String) -> Statement {
        alterTable(table, "ALTER COLUMN \(quoteIdentifier(column)) \(action)",
                   summary: "\(summary) on \(table).\(column)")
    }

    /// `ADD CONSTRAINT … NOT VALID` and `VALIDATE CONSTRAINT`: rows are checked without
    /// blocking writes for the length of the scan.
    public static func addConstraintNotValid(_ c: Constraint, to table: QualifiedName) -> [Statement] {
        let add = alterTable(
            table, "ADD CONSTRAINT \(quoteIdentifier(c.name)) \(constraintDefinition(c)) NOT VALID",
            summary: "add constraint \(c.name) on \(table) (not valid)")
        let validate = alterTable(table, "VALIDATE CONSTRAINT \(quoteIdentifier(c.name))",
                                  summary: "validate constraint \(c.name) on \(table)")
        return [add, validate] + comment(on: "CONSTRAINT \(quoteIdentifier(c.name)) ON \(quoteName(table))",
                                         c.comment, what: "constraint \(c.name) on \(table)")
    }

    /// `COMMENT ON … IS …`, or `IS NULL` to remove it.
    public static func setComment(on target: String, _ text: String?, what: String) -> Statement {
        Statement("COMMENT ON \(target) IS \(text.map(quoteLiteral) ?? "NULL")", summary: "comment on \(what)")
    }
}
