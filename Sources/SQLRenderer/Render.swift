import Differ
import Foundation
import SchemaModel

/// The one place a plan becomes SQL: each operation is one statement. Nothing uses CASCADE:
/// what depends on an object is dropped explicitly first, so an unexpected dependency fails
/// loudly instead of taking something with it.
public enum SQL {
    /// The statements of a plan, each with its change's summary and, for an object created
    /// from a declaration, where it was declared.
    public static func statements(_ plan: MigrationPlan) -> [Statement] {
        plan.changes.map(statement)
    }

    public static func statement(_ change: Change) -> Statement {
        Statement(render(change.operation), summary: change.summary, location: change.operation.location)
    }

    /// The statements that create `model` in an empty database, in the order its dependencies
    /// allow (where the model has none recorded, in the order of kinds).
    public static func createStatements(for model: DatabaseModel) throws(PlanError) -> [Statement] {
        statements(try plan(from: DatabaseModel(), to: model))
    }

    public static func render(_ operation: SchemaOperation) -> String {
        switch operation {
        case .deferFunctionBodyChecks: return "SET check_function_bodies = false"
        case .createSchema(let n): return "CREATE SCHEMA \(quoteIdentifier(n))"
        case .dropSchema(let n): return "DROP SCHEMA \(quoteIdentifier(n))"
        case .createExtension(let e):
            var sql = "CREATE EXTENSION IF NOT EXISTS \(quoteIdentifier(e.name))"
            if let schema = e.schema { sql += " WITH SCHEMA \(quoteIdentifier(schema))" }
            if let version = e.version { sql += " VERSION \(quoteLiteral(version))" }
            return sql
        case .alterExtension(let n, .setSchema(let schema)):
            return "ALTER EXTENSION \(quoteIdentifier(n)) SET SCHEMA \(quoteIdentifier(schema))"
        case .alterExtension(let n, .updateTo(let version)):
            return "ALTER EXTENSION \(quoteIdentifier(n)) UPDATE TO \(quoteLiteral(version))"
        case .dropExtension(let n): return "DROP EXTENSION \(quoteIdentifier(n))"
        case .createEnum(let e):
            return "CREATE TYPE \(quoteName(e.name)) AS ENUM (\(e.labels.map(quoteLiteral).joined(separator: ", ")))"
        case .addEnumValue(let n, let label, let position):
            let at: String = switch position {
            case .before(let other): "BEFORE \(quoteLiteral(other))"
            case .after(let other): "AFTER \(quoteLiteral(other))"
            }
            return "ALTER TYPE \(quoteName(n)) ADD VALUE IF NOT EXISTS \(quoteLiteral(label)) \(at)"
        case .renameType(let n, let to, let isDomain):
            return "ALTER \(isDomain ? "DOMAIN" : "TYPE") \(quoteName(n)) RENAME TO \(quoteIdentifier(to))"
        case .dropType(let n): return "DROP TYPE \(quoteName(n))"
        case .createCompositeType(let c):
            let attributes = c.attributes.map { a in
                "    \(quoteIdentifier(a.name)) \(a.type.sql)" + (a.collation.map { " COLLATE \(quoteIdentifier($0))" } ?? "")
            }
            return "CREATE TYPE \(quoteName(c.name)) AS (\n\(attributes.joined(separator: ",\n"))\n)"
        case .alterCompositeType(let n, .addAttribute(let a)):
            return "ALTER TYPE \(quoteName(n)) ADD ATTRIBUTE \(quoteIdentifier(a.name)) \(a.type.sql)"
                + (a.collation.map { " COLLATE \(quoteIdentifier($0))" } ?? "")
        case .alterCompositeType(let n, .dropAttribute(let a)):
            return "ALTER TYPE \(quoteName(n)) DROP ATTRIBUTE \(quoteIdentifier(a))"
        case .createRangeType(let r):
            var options = ["subtype = \(r.subtype.sql)"]
            if let opclass = r.subtypeOpclass { options.append("subtype_opclass = \(opclass)") }
            if let collation = r.collation { options.append("collation = \(quoteIdentifier(collation))") }
            if let canonical = r.canonical { options.append("canonical = \(canonical)") }
            if let diff = r.subtypeDiff { options.append("subtype_diff = \(diff)") }
            if let multirange = r.multirangeName {
                options.append("multirange_type_name = \(quoteName(QualifiedName(schema: r.name.schema, multirange)))")
            }
            return "CREATE TYPE \(quoteName(r.name)) AS RANGE (\n    \(options.joined(separator: ",\n    "))\n)"
        case .createCollation(let c):
            var options = ["provider = \(c.provider.rawValue)"]
            if !c.deterministic { options.append("deterministic = false") }
            if let ctype = c.ctype {
                options += ["lc_collate = \(quoteLiteral(c.locale))", "lc_ctype = \(quoteLiteral(ctype))"]
            } else {
                options.append("locale = \(quoteLiteral(c.locale))")
            }
            return "CREATE COLLATION \(quoteName(c.name)) (\(options.joined(separator: ", ")))"
        case .renameCollation(let n, let to): return "ALTER COLLATION \(quoteName(n)) RENAME TO \(quoteIdentifier(to))"
        case .dropCollation(let n): return "DROP COLLATION \(quoteName(n))"
        case .createDomain(let d): return createDomain(d)
        case .alterDomain(let n, let a):
            let target = "ALTER DOMAIN \(quoteName(n))"
            switch a {
            case .setDefault(let d?): return "\(target) SET DEFAULT \(d)"
            case .setDefault(nil): return "\(target) DROP DEFAULT"
            case .setNotNull(let on): return "\(target) \(on ? "SET" : "DROP") NOT NULL"
            case .addCheck(let c):
                return "\(target) ADD CONSTRAINT \(quoteIdentifier(c.name)) CHECK (\(c.expression))\(c.isValid ? "" : " NOT VALID")"
            case .validateCheck(let c): return "\(target) VALIDATE CONSTRAINT \(quoteIdentifier(c))"
            case .dropCheck(let c): return "\(target) DROP CONSTRAINT \(quoteIdentifier(c))"
            }
        case .dropDomain(let n): return "DROP DOMAIN \(quoteName(n))"
        case .createSequence(let s): return "CREATE SEQUENCE \(quoteName(s.name))" + sequenceOptions(s.options)
        case .alterSequence(let n, let o):
            var sql = "ALTER SEQUENCE \(quoteName(n)) AS \(o.type.sql) INCREMENT BY \(o.increment)"
            sql += o.minValue.map { " MINVALUE \($0)" } ?? " NO MINVALUE"
            sql += o.maxValue.map { " MAXVALUE \($0)" } ?? " NO MAXVALUE"
            sql += " START WITH \(o.effectiveStart) CACHE \(o.cache) \(o.cycle ? "CYCLE" : "NO CYCLE")"
            return sql
        case .setSequenceOwner(let n, let owner):
            let target = owner.map { "\(quoteName($0.table)).\(quoteIdentifier($0.column))" } ?? "NONE"
            return "ALTER SEQUENCE \(quoteName(n)) OWNED BY \(target)"
        case .dropSequence(let n): return "DROP SEQUENCE \(quoteName(n))"
        case .renameSequence(let n, let to): return "ALTER SEQUENCE \(quoteName(n)) RENAME TO \(quoteIdentifier(to))"
        case .copySequenceValue(let from, let to):
            return "SELECT setval(\(quoteLiteral(quoteName(to))), last_value, is_called) FROM \(quoteName(from))"
        case .copyRows(let copy):
            let names = copy.columns.map { quoteIdentifier($0.name) }.joined(separator: ", ")
            let values = copy.columns.map { c in
                c.conversion.map { converted(c.name, $0, to: c.type) } ?? quoteIdentifier(c.name)
            }.joined(separator: ", ")
            return "INSERT INTO \(quoteName(copy.to)) (\(names))\(copy.overridingSystemValue ? " OVERRIDING SYSTEM VALUE" : "")"
                + "\n    SELECT \(values) FROM \(copy.only ? "ONLY " : "")\(quoteName(copy.from))"
        case .clampSequence(let n, let range):
            return "SELECT setval(\(quoteLiteral(quoteName(n))), greatest(least(last_value, \(range.upperBound)), "
                + "\(range.lowerBound)), is_called) FROM \(quoteName(n))"
        case .renameFunction(let n, let types, let to):
            return "ALTER FUNCTION \(quoteName(n))(\(types.map(\.sql).joined(separator: ", "))) RENAME TO \(quoteIdentifier(to))"
        case .createFunction(let f, let orReplace): return createFunction(f, orReplace: orReplace)
        case .dropFunction(let f): return "DROP \(f.isProcedure ? "PROCEDURE" : "FUNCTION") \(functionSignature(f))"
        case .createTable(let t): return createTable(t)
        case .dropTable(let n): return "DROP TABLE \(quoteName(n))"
        case .renameTable(let n, let to): return "ALTER TABLE \(quoteName(n)) RENAME TO \(quoteIdentifier(to))"
        case .alterTable(let t, .validateConstraint(let c, ifExists: true)):
            return ifConstraint(c, on: t, exists: true, "ALTER TABLE \(quoteName(t)) VALIDATE CONSTRAINT \(quoteIdentifier(c))")
        case .alterTable(let t, let a): return "ALTER TABLE \(quoteName(t)) " + alteration(a)
        case .createIndex(let i, let t, let concurrently): return createIndex(i, on: t, concurrently: concurrently)
        case .addConstraintUsingIndex(let c, let t): return addConstraintUsingIndex(c, on: t)
        case .nameAttachedIndex(let partition, let parent, let name):
            return renameFound("""
                SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                  JOIN pg_inherits i ON i.inhrelid = x.indexrelid
                 WHERE x.indrelid = \(quoteLiteral(quoteName(partition)))::regclass
                   AND i.inhparent = \(quoteLiteral(quoteName(parent)))::regclass
                """, "ALTER INDEX \(quoteIdentifier(partition.schema)).%I RENAME TO %I", to: name,
                what: "index of \(partition) attached to \(parent)")
        case .nameAttachedConstraint(let partition, let parent, let constraint, let name):
            return renameFound("""
                SELECT c.conname FROM pg_constraint c JOIN pg_constraint p ON p.oid = c.conparentid
                 WHERE c.conrelid = \(quoteLiteral(quoteName(partition)))::regclass
                   AND p.conrelid = \(quoteLiteral(quoteName(parent)))::regclass AND p.conname = \(quoteLiteral(constraint))
                """, "ALTER TABLE \(quoteName(partition)) RENAME CONSTRAINT %I TO %I", to: name,
                what: "constraint of \(partition) made from \(constraint)")
        case .dropIndex(let n, let concurrently):
            return "DROP INDEX \(concurrently ? "CONCURRENTLY IF EXISTS " : "")\(quoteName(n))"
        case .renameIndex(let n, let to): return "ALTER INDEX \(quoteName(n)) RENAME TO \(quoteIdentifier(to))"
        case .createView(let v): return createView(v)
        case .alterView(let n, let materialized, .setOptions(let set, let reset)):
            var parts: [String] = []
            if !set.isEmpty { parts.append("SET (\(parameterList(set)))") }
            if !reset.isEmpty { parts.append("RESET (\(reset.map(quoteIdentifier).joined(separator: ", ")))") }
            return "ALTER \(materialized ? "MATERIALIZED VIEW" : "VIEW") \(quoteName(n)) \(parts.joined(separator: ", "))"
        case .alterView(let n, _, .refresh(let withData)):
            return "REFRESH MATERIALIZED VIEW \(quoteName(n))\(withData ? "" : " WITH NO DATA")"
        case .dropView(let n, let materialized): return "DROP \(materialized ? "MATERIALIZED VIEW" : "VIEW") \(quoteName(n))"
        case .createTrigger(let g, let t): return createTrigger(g, on: t)
        case .dropTrigger(let n, let t): return "DROP TRIGGER \(quoteIdentifier(n)) ON \(quoteName(t))"
        case .createPolicy(let p, let t): return createPolicy(p, on: t)
        case .dropPolicy(let n, let t): return "DROP POLICY \(quoteIdentifier(n)) ON \(quoteName(t))"
        case .comment(let target, let text): return "COMMENT ON \(commentTarget(target)) IS \(text.map(quoteLiteral) ?? "NULL")"
        case .privileges(let target, let change): return privileges(target, change)
        }
    }

    // MARK: Privileges

    static func privileges(_ target: PrivilegeTarget, _ change: PrivilegeChange) -> String {
        var list = change.privileges
        var prefix = ""
        let on: String
        switch target {
        case .object(let object, let column):
            if let column { list = list.map { "\($0) (\(quoteIdentifier(column)))" } }
            on = privilegeObject(object)
        case .defaults(let role, let schema, let objects):
            prefix = "ALTER DEFAULT PRIVILEGES" + (role.map { " FOR ROLE \(quoteIdentifier($0))" } ?? "")
                + (schema.map { " IN SCHEMA \(quoteIdentifier($0))" } ?? "") + " "
            on = objects.rawValue
        }
        let grantee = change.grantee == "PUBLIC" ? "PUBLIC" : quoteIdentifier(change.grantee)
        if change.isGrant {
            return prefix + "GRANT \(list.joined(separator: ", ")) ON \(on) TO \(grantee)"
                + (change.grantOption ? " WITH GRANT OPTION" : "")
        }
        return prefix + "REVOKE \(change.grantOption ? "GRANT OPTION FOR " : "")\(list.joined(separator: ", ")) ON \(on) FROM \(grantee)"
    }

    /// `TABLE public.t`, `ROUTINE public.f(integer)`, …: how GRANT names an object.
    static func privilegeObject(_ object: ObjectID) -> String {
        switch object {
        case .sequence(let n): return "SEQUENCE \(quoteName(n))"
        case .function(let n, let arguments): return "ROUTINE \(quoteName(n))(\(arguments))"
        case .schema(let n): return "SCHEMA \(quoteIdentifier(n))"
        case .type(let n): return "TYPE \(quoteName(n))"
        case .table(let n), .view(let n): return "TABLE \(quoteName(n))"
        default: return "\(object)"
        }
    }

    // MARK: Types and sequences

    static func createDomain(_ d: Domain) -> String {
        var sql = "CREATE DOMAIN \(quoteName(d.name)) AS \(d.baseType.sql)"
        if let collation = d.collation { sql += " COLLATE \(quoteIdentifier(collation))" }
        if let def = d.defaultExpression { sql += " DEFAULT \(def)" }
        if !d.isNullable { sql += " NOT NULL" }
        for check in d.checks where check.isValid {
            sql += " CONSTRAINT \(quoteIdentifier(check.name)) CHECK (\(check.expression))"
        }
        return sql
    }

    /// ` AS type INCREMENT BY …` with only what is not the default.
    static func sequenceOptions(_ o: SequenceOptions, includeType: Bool = true) -> String {
        var sql = includeType ? " AS \(o.type.sql)" : ""
        if o.increment != 1 { sql += " INCREMENT BY \(o.increment)" }
        if let min = o.minValue { sql += " MINVALUE \(min)" }
        if let max = o.maxValue { sql += " MAXVALUE \(max)" }
        if let start = o.start { sql += " START WITH \(start)" }
        if o.cache != 1 { sql += " CACHE \(o.cache)" }
        if o.cycle { sql += " CYCLE" }
        return sql
    }

    // MARK: Tables

    public static func columnDefinition(_ c: Column) -> String {
        var sql = "\(quoteIdentifier(c.name)) \(c.type.sql)"
        if let compression = c.compression { sql += " COMPRESSION \(quoteIdentifier(compression))" }
        if let collation = c.collation { sql += " COLLATE \(quoteIdentifier(collation))" }
        if let generated = c.generatedExpression { sql += " GENERATED ALWAYS AS (\(generated)) STORED" }
        if let identity = c.identity { sql += " " + identityClause(identity, verb: "GENERATED") }
        if let def = c.defaultExpression { sql += " DEFAULT \(def)" }
        if !c.isNullable { sql += " NOT NULL" }
        return sql
    }

    /// `GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME … START WITH …)`, options only where not the default.
    static func identityClause(_ identity: Column.Identity, verb: String) -> String {
        var sql = "\(verb) \(identity.generation.rawValue) AS IDENTITY"
        var options = sequenceOptions(identity.options, includeType: false)
        if let name = identity.sequenceName { options = " SEQUENCE NAME \(quoteIdentifier(name))" + options }
        if !options.isEmpty { sql += " (\(options.dropFirst()))" }
        return sql
    }

    /// The body of a constraint, after `CONSTRAINT name`.
    public static func constraintDefinition(_ c: Constraint) -> String {
        var sql: String
        switch c.kind {
        case .primaryKey(let columns):
            sql = "PRIMARY KEY (\(identifierList(columns)))" + indexParameters(c)
        case .unique(let columns, let nullsNotDistinct):
            sql = "UNIQUE\(nullsNotDistinct ? " NULLS NOT DISTINCT" : "") (\(identifierList(columns)))" + indexParameters(c)
        case .check(let expression):
            sql = "CHECK (\(expression))"
            if c.noInherit { sql += " NO INHERIT" }
        case .exclusion(let ex):
            let elements = ex.elements.map { e in
                (e.column.map(quoteIdentifier) ?? "(\(e.expression ?? ""))") + " WITH \(e.operator)"
            }
            sql = "EXCLUDE USING \(ex.method.rawValue) (\(elements.joined(separator: ", ")))" + indexParameters(c)
            if let predicate = ex.predicate { sql += " WHERE (\(predicate))" }
        case .foreignKey(let fk):
            sql = "FOREIGN KEY (\(identifierList(fk.columns))) REFERENCES \(quoteName(fk.referencedTable))"
            sql += " (\(identifierList(fk.referencedColumns)))"
            if fk.match == .full { sql += " MATCH FULL" }
            if fk.onUpdate != .noAction { sql += " ON UPDATE \(fk.onUpdate.rawValue)" }
            if fk.onDelete != .noAction {
                sql += " ON DELETE \(fk.onDelete.rawValue)"
                if !fk.onDeleteColumns.isEmpty { sql += " (\(identifierList(fk.onDeleteColumns)))" }
            }
        }
        if c.deferrable != .notDeferrable { sql += " \(c.deferrable.rawValue)" }
        return sql
    }

    /// `INCLUDE (…) WITH (…)` of the index behind a key or exclusion constraint.
    static func indexParameters(_ c: Constraint) -> String {
        var sql = ""
        if !c.include.isEmpty { sql += " INCLUDE (\(identifierList(c.include)))" }
        if !c.storageParameters.isEmpty { sql += " WITH (\(parameterList(c.storageParameters)))" }
        return sql
    }

    static func createTable(_ t: Table) -> String {
        var items: [String] = []
        if t.partitionOf == nil { items += t.columns.filter { !$0.isInherited }.map(columnDefinition) }
        for c in t.constraints {
            items.append("CONSTRAINT \(quoteIdentifier(c.name)) \(constraintDefinition(c))")
        }
        let body = items.isEmpty ? "" : "(\n" + items.map { "    " + $0 }.joined(separator: ",\n") + "\n)"
        var sql = "CREATE \(t.isUnlogged ? "UNLOGGED " : "")TABLE \(quoteName(t.name))"
        if let partitionOf = t.partitionOf {
            sql += " PARTITION OF \(quoteName(partitionOf.parent))"
            if !body.isEmpty { sql += " " + body }
            sql += " " + partitionOf.bound
        } else {
            sql += " " + (body.isEmpty ? "()" : body)
        }
        if !t.inherits.isEmpty { sql += " INHERITS (\(t.inherits.map(quoteName).joined(separator: ", ")))" }
        if let p = t.partitioning { sql += " PARTITION BY \(p.strategy.rawValue) (\(p.key.joined(separator: ", ")))" }
        if !t.storageParameters.isEmpty { sql += " WITH (\(parameterList(t.storageParameters)))" }
        return sql
    }

    static func alteration(_ a: TableAlteration) -> String {
        switch a {
        case .addColumn(let c): return "ADD COLUMN \(columnDefinition(c))"
        case .dropColumn(let c): return "DROP COLUMN \(quoteIdentifier(c))"
        case .renameColumn(let c, let to): return "RENAME COLUMN \(quoteIdentifier(c)) TO \(quoteIdentifier(to))"
        case .alterColumn(let c, let a): return "ALTER COLUMN \(quoteIdentifier(c)) " + columnAlteration(c, a)
        case .addConstraint(let c, let notValid):
            return "ADD CONSTRAINT \(quoteIdentifier(c.name)) \(constraintDefinition(c))\(notValid ? " NOT VALID" : "")"
        case .validateConstraint(let c, _): return "VALIDATE CONSTRAINT \(quoteIdentifier(c))"
        case .dropConstraint(let c, let ifExists): return "DROP CONSTRAINT \(ifExists ? "IF EXISTS " : "")\(quoteIdentifier(c))"
        case .renameConstraint(let c, let to): return "RENAME CONSTRAINT \(quoteIdentifier(c)) TO \(quoteIdentifier(to))"
        case .setRowLevelSecurity(let on): return "\(on ? "ENABLE" : "DISABLE") ROW LEVEL SECURITY"
        case .setForceRowLevelSecurity(let on): return "\(on ? "" : "NO ")FORCE ROW LEVEL SECURITY"
        case .inherit(let p): return "INHERIT \(quoteName(p))"
        case .noInherit(let p): return "NO INHERIT \(quoteName(p))"
        case .attachPartition(let p, let bound): return "ATTACH PARTITION \(quoteName(p)) \(bound)"
        case .detachPartition(let p): return "DETACH PARTITION \(quoteName(p))"
        case .setLogged(let on): return on ? "SET LOGGED" : "SET UNLOGGED"
        case .setReplicaIdentity(let identity):
            switch identity {
            case .default: return "REPLICA IDENTITY DEFAULT"
            case .full: return "REPLICA IDENTITY FULL"
            case .nothing: return "REPLICA IDENTITY NOTHING"
            case .index(let name): return "REPLICA IDENTITY USING INDEX \(quoteIdentifier(name))"
            }
        case .setCluster(let index): return index.map { "CLUSTER ON \(quoteIdentifier($0))" } ?? "SET WITHOUT CLUSTER"
        case .setTriggerFiring(let name, let firing):
            let how: String = switch firing {
            case .origin: "ENABLE"
            case .disabled: "DISABLE"
            case .replica: "ENABLE REPLICA"
            case .always: "ENABLE ALWAYS"
            }
            return "\(how) TRIGGER \(quoteIdentifier(name))"
        case .setStorageParameters(let set, let reset):
            var parts: [String] = []
            if !set.isEmpty { parts.append("SET (\(parameterList(set)))") }
            if !reset.isEmpty { parts.append("RESET (\(reset.map(quoteIdentifier).joined(separator: ", ")))") }
            return parts.joined(separator: ", ")
        }
    }

    static func columnAlteration(_ column: String, _ a: ColumnAlteration) -> String {
        switch a {
        case .setType(let type, let collation, let conversion):
            var sql = "TYPE \(type.sql)"
            if let collation { sql += " COLLATE \(quoteIdentifier(collation))" }
            return sql + " USING " + converted(column, conversion, to: type)
        case .setDefault(let d): return "SET DEFAULT \(d)"
        case .dropDefault: return "DROP DEFAULT"
        case .setNotNull: return "SET NOT NULL"
        case .dropNotNull: return "DROP NOT NULL"
        case .addIdentity(let identity): return identityClause(identity, verb: "ADD GENERATED")
        case .setIdentity(let identity):
            let o = identity.options
            var sql = "SET GENERATED \(identity.generation.rawValue) SET INCREMENT BY \(o.increment)"
            sql += o.minValue.map { " SET MINVALUE \($0)" } ?? " SET NO MINVALUE"
            sql += o.maxValue.map { " SET MAXVALUE \($0)" } ?? " SET NO MAXVALUE"
            sql += " SET START WITH \(o.effectiveStart) SET CACHE \(o.cache) SET \(o.cycle ? "CYCLE" : "NO CYCLE")"
            return sql
        case .dropIdentity: return "DROP IDENTITY"
        case .dropExpression: return "DROP EXPRESSION"
        case .setStorage(let s): return "SET STORAGE \(s.uppercased())"
        case .setCompression(let m): return "SET COMPRESSION \(m.map(quoteIdentifier) ?? "default")"
        case .setStatistics(let n): return "SET STATISTICS \(n ?? -1)"
        }
    }

    /// A column's value turned into `type` as `conversion` says.
    static func converted(_ column: String, _ conversion: ValueConversion, to type: DataType) -> String {
        let value = quoteIdentifier(column)
        switch conversion {
        case .cast: return "\(value)::\(type.sql)"
        case .through(let middle): return "\(value)::\(middle.sql)::\(type.sql)"
        case .expression(let expression): return expression
        case .fields(let fields):
            let row = fields.map { $0.map { "(\(value)).\(quoteIdentifier($0))" } ?? "NULL" }.joined(separator: ", ")
            return "CASE WHEN \(value)::text IS NULL THEN NULL ELSE ROW(\(row))::\(type.sql) END"
        }
    }

    /// A block that renames what `query` finds (one name) to `name` with `statement` (a
    /// `format` string taking the old and the new name), unless it has that name already;
    /// nothing found is an error that says what was looked for.
    static func renameFound(_ query: String, _ statement: String, to name: String, what: String) -> String {
        let indented = query.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        return """
            DO $schemagen$
            DECLARE found text;
            BEGIN
            \(indented)
                INTO found;
              IF found IS NULL THEN
                RAISE EXCEPTION 'no %', \(quoteLiteral(what));
              ELSIF found <> \(quoteLiteral(name)) THEN
                EXECUTE format(\(quoteLiteral(statement)), found, \(quoteLiteral(name)));
              END IF;
            END $schemagen$
            """
    }

    /// `ADD CONSTRAINT … USING INDEX` has no `IF NOT EXISTS`: a guard on the catalog lets the
    /// statement run again after an interruption.
    static func addConstraintUsingIndex(_ c: Constraint, on table: QualifiedName) -> String {
        let kind = if case .primaryKey = c.kind { "PRIMARY KEY" } else { "UNIQUE" }
        var alter = "ALTER TABLE \(quoteName(table)) ADD CONSTRAINT \(quoteIdentifier(c.name)) \(kind) USING INDEX "
            + quoteIdentifier(c.name)
        if c.deferrable != .notDeferrable { alter += " \(c.deferrable.rawValue)" }
        return ifConstraint(c.name, on: table, exists: false, alter)
    }

    /// `statement`, run only if the table has (or lacks) the constraint.
    static func ifConstraint(_ name: String, on table: QualifiedName, exists: Bool, _ statement: String) -> String {
        """
        DO $schemagen$ BEGIN
          IF \(exists ? "" : "NOT ")EXISTS (SELECT FROM pg_constraint WHERE conrelid = \(quoteLiteral(quoteName(table)))::regclass
                                                  AND conname = \(quoteLiteral(name))) THEN
            \(statement);
          END IF;
        END $schemagen$
        """
    }

    static func createIndex(_ i: Index, on table: QualifiedName, concurrently: Bool) -> String {
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
        var sql = "CREATE \(i.isUnique ? "UNIQUE " : "")INDEX \(concurrently ? "CONCURRENTLY IF NOT EXISTS " : "")"
        sql += "\(quoteIdentifier(i.name)) ON \(quoteName(table))"
        sql += " USING \(i.method.rawValue) (\(keys.joined(separator: ", ")))"
        if !i.include.isEmpty { sql += " INCLUDE (\(identifierList(i.include)))" }
        if i.nullsNotDistinct { sql += " NULLS NOT DISTINCT" }
        if !i.storageParameters.isEmpty { sql += " WITH (\(parameterList(i.storageParameters)))" }
        if let predicate = i.predicate { sql += " WHERE (\(predicate))" }
        return sql
    }

    static func createTrigger(_ t: Trigger, on table: QualifiedName) -> String {
        let events = t.events.map { event -> String in
            switch event {
            case .insert: return "INSERT"
            case .delete: return "DELETE"
            case .truncate: return "TRUNCATE"
            case .update(let columns): return columns.isEmpty ? "UPDATE" : "UPDATE OF \(identifierList(columns))"
            }
        }
        var sql = "CREATE \(t.constraint == nil ? "" : "CONSTRAINT ")TRIGGER \(quoteIdentifier(t.name)) \(t.timing.rawValue) "
            + "\(events.joined(separator: " OR ")) ON \(quoteName(table))"
        if let constraint = t.constraint {
            if let from = constraint.referencedTable { sql += " FROM \(quoteName(from))" }
            sql += " \(constraint.deferrable.rawValue)"
        }
        if t.oldTable != nil || t.newTable != nil {
            sql += " REFERENCING"
            if let old = t.oldTable { sql += " OLD TABLE AS \(quoteIdentifier(old))" }
            if let new = t.newTable { sql += " NEW TABLE AS \(quoteIdentifier(new))" }
        }
        sql += " FOR EACH \(t.level.rawValue)"
        if let condition = t.condition { sql += " WHEN (\(condition))" }
        sql += " EXECUTE FUNCTION \(quoteName(t.function))(\(t.arguments.map(quoteLiteral).joined(separator: ", ")))"
        return sql
    }

    static func createPolicy(_ p: Policy, on table: QualifiedName) -> String {
        let roles = p.roles.isEmpty ? "PUBLIC" : p.roles.map(roleName).joined(separator: ", ")
        var sql = "CREATE POLICY \(quoteIdentifier(p.name)) ON \(quoteName(table))"
        sql += " AS \(p.isPermissive ? "PERMISSIVE" : "RESTRICTIVE") FOR \(p.command.rawValue) TO \(roles)"
        if let using = p.using { sql += " USING (\(using))" }
        if let check = p.withCheck { sql += " WITH CHECK (\(check))" }
        return sql
    }

    // MARK: Views and functions

    static func createView(_ v: View) -> String {
        var query = v.query.trimmingCharacters(in: .whitespacesAndNewlines)
        while query.hasSuffix(";") { query = String(query.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
        var sql = "CREATE \(v.isMaterialized ? "MATERIALIZED VIEW" : "VIEW") \(quoteName(v.name))"
        let options = v.options
        if !options.isEmpty { sql += " WITH (\(parameterList(options)))" }
        sql += " AS\n\(query)"
        if let check = v.checkOption { sql += "\n  WITH \(check.rawValue) CHECK OPTION" }
        if v.isMaterialized && !v.withData { sql += "\n  WITH NO DATA" }
        return sql
    }

    /// `schema.name(type, …)`: how COMMENT, DROP and ALTER name a function.
    public static func functionSignature(_ f: Function) -> String {
        "\(quoteName(f.name))(\(f.signatureTypes.map(\.sql).joined(separator: ", ")))"
    }

    static func createFunction(_ f: Function, orReplace: Bool) -> String {
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
        var attributes = ["LANGUAGE \(quoteIdentifier(f.language.rawValue))"]
        if !f.isProcedure {
            if f.volatility != .volatile { attributes.append(f.volatility.rawValue) }
            if f.isStrict { attributes.append("STRICT") }
            if f.isLeakproof { attributes.append("LEAKPROOF") }
            if f.parallel != .unsafe { attributes.append("PARALLEL \(f.parallel.rawValue)") }
            if let cost = f.cost { attributes.append("COST \(number(cost))") }
            if let rows = f.rows { attributes.append("ROWS \(number(rows))") }
        }
        if f.isSecurityDefiner { attributes.append("SECURITY DEFINER") }
        for setting in f.settings { attributes.append("SET \(quoteIdentifier(setting.name)) TO \(settingValue(setting))") }
        sql += "\n    " + attributes.joined(separator: " ")
        sql += f.isSQLStandardBody ? "\n" + f.body : "\n    AS \(dollarQuote(f.body))"
        return sql
    }

    /// A setting's value as `SET … TO` takes it: list settings (`search_path`) as stored,
    /// element by element; any other as one literal.
    static func settingValue(_ s: Function.Setting) -> String {
        let lists: Set<String> = ["search_path", "temp_tablespaces", "session_preload_libraries",
                                  "shared_preload_libraries", "local_preload_libraries"]
        return lists.contains(s.name.lowercased()) ? s.value : quoteLiteral(s.value)
    }

    /// `100`, not `100.0`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    // MARK: Helpers

    static func commentTarget(_ target: CommentTarget) -> String {
        switch target {
        case .schema(let n): return "SCHEMA \(quoteIdentifier(n))"
        case .type(let n): return "TYPE \(quoteName(n))"
        case .domain(let n): return "DOMAIN \(quoteName(n))"
        case .sequence(let n): return "SEQUENCE \(quoteName(n))"
        case .function(let f): return "\(f.isProcedure ? "PROCEDURE" : "FUNCTION") \(functionSignature(f))"
        case .table(let n): return "TABLE \(quoteName(n))"
        case .column(let t, let c): return "COLUMN \(quoteName(t)).\(quoteIdentifier(c))"
        case .constraint(let t, let c): return "CONSTRAINT \(quoteIdentifier(c)) ON \(quoteName(t))"
        case .domainConstraint(let d, let c): return "CONSTRAINT \(quoteIdentifier(c)) ON DOMAIN \(quoteName(d))"
        case .collation(let n): return "COLLATION \(quoteName(n))"
        case .index(let n): return "INDEX \(quoteName(n))"
        case .view(let n, let materialized): return "\(materialized ? "MATERIALIZED VIEW" : "VIEW") \(quoteName(n))"
        case .trigger(let t, let n): return "TRIGGER \(quoteIdentifier(n)) ON \(quoteName(t))"
        case .policy(let t, let n): return "POLICY \(quoteIdentifier(n)) ON \(quoteName(t))"
        }
    }

    static func identifierList(_ names: [String]) -> String { names.map(quoteIdentifier).joined(separator: ", ") }

    /// `name=value` options as `name='value'`.
    static func parameterList(_ options: [String]) -> String {
        options.map { option in
            guard let eq = option.firstIndex(of: "=") else { return quoteIdentifier(option) }
            return quoteIdentifier(String(option[..<eq])) + "=" + quoteLiteral(String(option[option.index(after: eq)...]))
        }.joined(separator: ", ")
    }

    static func roleName(_ role: String) -> String {
        switch role.lowercased() {
        case "public": return "PUBLIC"
        case "current_user", "session_user", "current_role": return role.uppercased()
        default: return quoteIdentifier(role)
        }
    }
}

extension SchemaOperation {
    /// Where the object the operation creates was declared, for errors.
    var location: SourceLocation? {
        switch self {
        case .createEnum(let e): return e.location
        case .createCompositeType(let c): return c.location
        case .createRangeType(let r): return r.location
        case .createCollation(let c): return c.location
        case .createDomain(let d): return d.location
        case .createSequence(let s): return s.location
        case .createFunction(let f, _): return f.location
        case .createTable(let t): return t.location
        case .alterTable(_, .addColumn(let c)): return c.location
        case .alterTable(_, .addConstraint(let c, _)): return c.location
        case .createIndex(let i, _, _): return i.location
        case .createView(let v): return v.location
        case .createTrigger(let t, _): return t.location
        case .createPolicy(let p, _): return p.location
        default: return nil
        }
    }
}
