/// One bulk query per kind of object. Every query reads all objects of its kind at once, and
/// leaves joining them to the reader: attribute numbers, type, operator class and collation
/// oids are resolved there from `columns` and `lookups`, instead of one catalog lookup per row.
enum Query: CaseIterable {
    case lookups, namespaces, extensions, enums, domains, sequences, tables, columns, constraints, indexes, triggers
    case policies, views, functions

    /// The queries that open every table (to print checks and index predicates), run on one
    /// connection so that only one backend builds the tables' relation cache entries.
    static let openingTables: [Query] = [.constraints, .indexes, .triggers, .policies, .views]

    var sql: String {
        switch self {
        case .lookups:
            // Enums and domains (and arrays of them) by oid; the operator classes an index key
            // names only when they are not the default; collations by oid.
            return """
                SELECT 'type' AS kind, t.oid, t.typcategory = 'A' AS is_array, n.nspname, et.typname AS name
                  FROM pg_type t JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
                  JOIN pg_namespace n ON n.oid = et.typnamespace
                 WHERE et.typtype IN ('e', 'd')
                UNION ALL
                SELECT 'opclass', oc.oid, false, NULL, oc.opcname FROM pg_opclass oc WHERE NOT oc.opcdefault
                UNION ALL
                SELECT 'collation', co.oid, false, NULL, co.collname FROM pg_collation co
                """
        case .namespaces:
            return """
                SELECT n.nspname, obj_description(n.oid, 'pg_namespace') AS comment
                  FROM pg_namespace n
                 WHERE \(userSchema("n")) AND n.nspname <> 'public' AND \(notFromExtension("pg_namespace", "n.oid"))
                 ORDER BY 1
                """
        case .extensions:
            return """
                SELECT e.extname, n.nspname AS schema
                  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                 WHERE e.extname <> 'plpgsql'
                 ORDER BY 1
                """
        case .enums:
            return """
                SELECT n.nspname, t.typname, obj_description(t.oid, 'pg_type') AS comment,
                       (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
                         AS labels
                  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE t.typtype = 'e' AND \(userSchema("n")) AND \(notFromExtension("pg_type", "t.oid"))
                 ORDER BY 1, 2
                """
        case .domains:
            return """
                SELECT n.nspname, t.typname, t.typnotnull, pg_get_expr(t.typdefaultbin, 0) AS typdefault,
                       obj_description(t.oid, 'pg_type') AS comment, \(typeColumns("t.typbasetype", "t.typtypmod", "base_")),
                       (SELECT json_agg(json_build_object('name', c.conname, 'definition', pg_get_constraintdef(c.oid))
                               ORDER BY c.conname)
                          FROM pg_constraint c WHERE c.contypid = t.oid) AS checks
                  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE t.typtype = 'd' AND \(userSchema("n")) AND \(notFromExtension("pg_type", "t.oid"))
                 ORDER BY 1, 2
                """
        case .sequences:
            return """
                SELECT n.nspname, c.relname, \(typeColumns("s.seqtypid", "-1", "")),
                       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                       obj_description(c.oid, 'pg_class') AS comment
                  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                   AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                 ORDER BY 1, 2
                """
        case .tables:
            return """
                SELECT c.oid, n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity, ds.description AS comment,
                       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
                       pn.nspname AS parent_nspname, p.relname AS parent_relname,
                       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
                  LEFT JOIN pg_class p ON p.oid = i.inhparent
                  LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
                  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
                 WHERE c.relkind IN ('r', 'p') AND \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                 ORDER BY 2, 3
                """
        case .columns:
            // Partitions' columns too: their constraints and indexes name columns by number.
            return """
                SELECT a.attrelid, a.attnum, a.attname, a.attnotnull, a.attidentity, a.attgenerated,
                       -- Only a generated column's expression names columns; without a relation to
                       -- resolve them, deparsing does not open each table.
                       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0) ELSE pg_get_expr(d.adbin, d.adrelid) END AS default,
                       a.attcollation, CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation END AS collation,
                       ds.description AS comment, \(typeColumns("a.atttypid", "a.atttypmod", ""))
                  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
                  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
                 WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND \(inUserSchema("c.relnamespace"))
                 ORDER BY a.attrelid, a.attnum
                """
        case .constraints:
            // Column lists are attribute numbers, named by the reader.
            return """
                SELECT k.conrelid, k.conname, k.contype, k.condeferrable, k.condeferred, k.conindid,
                       CASE WHEN k.contype = 'c' THEN pg_get_constraintdef(k.oid) END AS definition, ds.description AS comment,
                       k.conkey, k.confrelid, rn.nspname AS ref_nspname, r.relname AS ref_relname, k.confkey,
                       k.confupdtype, k.confdeltype, k.confmatchtype,
                       COALESCE(ix.indnullsnotdistinct, false) AS nulls_not_distinct, am.amname,
                       CASE WHEN k.contype = 'x' THEN pg_get_expr(ix.indpred, ix.indrelid, true) END AS predicate,
                       CASE WHEN k.contype = 'x' THEN
                         (SELECT json_agg(json_build_object(
                                   'column', a.attname,
                                   'expression', CASE WHEN x.num = 0 THEN pg_get_indexdef(k.conindid, x.i::int, true) END,
                                   'op', o.oprname) ORDER BY x.i)
                            FROM unnest(ix.indkey::int2[]) WITH ORDINALITY x(num, i)
                            JOIN unnest(k.conexclop) WITH ORDINALITY y(op, j) ON y.j = x.i
                            JOIN pg_operator o ON o.oid = y.op
                            LEFT JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.num AND x.num > 0)
                       END AS exclusion
                  FROM pg_constraint k
                  LEFT JOIN pg_class r ON r.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
                  LEFT JOIN pg_index ix ON k.contype IN ('p', 'u', 'x') AND ix.indexrelid = k.conindid
                  LEFT JOIN pg_class ic ON ic.oid = ix.indexrelid LEFT JOIN pg_am am ON am.oid = ic.relam
                  LEFT JOIN pg_description ds ON ds.objoid = k.oid AND ds.classoid = 'pg_constraint'::regclass AND ds.objsubid = 0
                 WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND k.conislocal AND k.conparentid = 0 AND k.conrelid <> 0
                   AND \(inUserSchema("k.connamespace"))
                 ORDER BY k.conrelid, k.conname
                """
        case .indexes:
            // Keys as attribute numbers, operator class and collation oids and option bits (the
            // reader names them); only expression keys are printed here. Indexes that back a
            // constraint are left out by the reader.
            return """
                SELECT ix.indexrelid, ix.indrelid, ic.relname AS indexname, ix.indisunique, am.amname, ix.indnkeyatts,
                       ix.indnullsnotdistinct AS nulls_not_distinct, pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate,
                       ds.description AS comment, ix.indkey::text AS attnums, ix.indclass::text AS opclasses,
                       ix.indcollation::text AS collations, ix.indoption::text AS options,
                       CASE WHEN 0 = ANY (ix.indkey::int2[]) THEN
                         (SELECT array_agg(CASE WHEN (ix.indkey::int2[])[i - 1] = 0 THEN pg_get_indexdef(ix.indexrelid, i, true) END
                                           ORDER BY i)
                            FROM generate_series(1, ix.indnatts) i)
                       END AS expressions
                  FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid JOIN pg_am am ON am.oid = ic.relam
                  LEFT JOIN pg_description ds ON ds.objoid = ix.indexrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
                 WHERE NOT ic.relispartition AND \(inUserSchema("ic.relnamespace"))
                 ORDER BY ix.indrelid, ic.relname
                """
        case .triggers:
            return """
                SELECT t.tgrelid, t.tgname, t.tgtype, pg_get_triggerdef(t.oid, true) AS definition,
                       fn.nspname AS fn_nspname, p.proname AS fn_proname, obj_description(t.oid, 'pg_trigger') AS comment,
                       t.tgattr::text AS update_attnums
                  FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace fn ON fn.oid = p.pronamespace
                 WHERE NOT t.tgisinternal AND t.tgparentid = 0
                 ORDER BY t.tgrelid, t.tgname
                """
        case .policies:
            return """
                SELECT p.polrelid, p.polname, p.polcmd, p.polpermissive,
                       (SELECT json_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END ORDER BY 1)
                          FROM unnest(p.polroles) r) AS roles,
                       pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
                       obj_description(p.oid, 'pg_policy') AS comment
                  FROM pg_policy p
                 ORDER BY p.polrelid, p.polname
                """
        case .views:
            return """
                SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid, true) AS definition, ds.description AS comment
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
                 WHERE c.relkind IN ('v', 'm') AND \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                 ORDER BY 1, 2
                """
        case .functions:
            return """
                SELECT n.nspname, p.proname, p.prokind, p.proretset, p.provolatile, p.proisstrict, p.prosecdef,
                       p.prosrc, l.lanname, pg_get_expr(p.proargdefaults, 0) AS defaults,
                       obj_description(p.oid, 'pg_proc') AS comment, \(typeColumns("p.prorettype", "-1", "ret_")),
                       (SELECT json_agg(json_build_object(
                                 'name', NULLIF(p.proargnames[x.i], ''), 'mode', COALESCE(p.proargmodes[x.i], 'i'),
                                 'formatted', format_type(x.t, NULL), 'typid', x.t::text) ORDER BY x.i)
                          FROM unnest(COALESCE(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY x(t, i)) AS arguments
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
                 WHERE p.prokind IN ('f', 'p') AND \(userSchema("n")) AND \(notFromExtension("pg_proc", "p.oid"))
                 ORDER BY 1, 2
                """
        }
    }
}

/// The output columns of every view and materialized view, for generated row types.
let viewColumnsQuery = """
    SELECT n.nspname, c.relname, a.attname, \(typeColumns("a.atttypid", "a.atttypmod", ""))
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
       AND \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
     ORDER BY n.nspname, c.relname, a.attnum
    """

private func userSchema(_ n: String) -> String {
    """
    \(n).nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') \
    AND \(n).nspname NOT LIKE 'pg\\_temp\\_%' AND \(n).nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
    """
}

/// Leaves out what an extension created (pg_depend deptype 'e').
private func notFromExtension(_ catalog: String, _ oid: String) -> String {
    """
    NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '\(catalog)'::regclass AND e.objid = \(oid) \
    AND e.deptype = 'e')
    """
}

/// A namespace oid that is a user schema, for queries that need no other namespace column.
private func inUserSchema(_ namespaceOid: String) -> String {
    "\(namespaceOid) IN (SELECT n.oid FROM pg_namespace n WHERE \(userSchema("n")))"
}

/// A type as `format_type` prints it, and its oid: the reader recognises enums and domains
/// (and arrays of them) by oid from `Query.lookups`.
private func typeColumns(_ typeOid: String, _ typmod: String, _ prefix: String) -> String {
    "format_type(\(typeOid), NULLIF(\(typmod), -1)) AS \(prefix)formatted, \(typeOid) AS \(prefix)typid"
}
