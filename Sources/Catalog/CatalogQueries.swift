/// One bulk query per kind of object. Every query reads all objects of its kind at once.
enum Query: CaseIterable {
    case namespaces, extensions, enums, domains, sequences, tables, columns, constraints, indexes, triggers
    case policies, views, functions

    var sql: String {
        switch self {
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
                       obj_description(t.oid, 'pg_type') AS comment, \(typeColumns("t.typbasetype", "t.typtypmod", "bt", "base_")),
                       (SELECT json_agg(json_build_object('name', c.conname, 'definition', pg_get_constraintdef(c.oid))
                               ORDER BY c.conname)
                          FROM pg_constraint c WHERE c.contypid = t.oid) AS checks
                  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  \(typeJoin("t.typbasetype", "bt"))
                 WHERE t.typtype = 'd' AND \(userSchema("n")) AND \(notFromExtension("pg_type", "t.oid"))
                 ORDER BY 1, 2
                """
        case .sequences:
            return """
                SELECT n.nspname, c.relname, \(typeColumns("s.seqtypid", "-1", "st", "")),
                       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                       obj_description(c.oid, 'pg_class') AS comment
                  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                  \(typeJoin("s.seqtypid", "st"))
                 WHERE \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                   AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                 ORDER BY 1, 2
                """
        case .tables:
            return """
                SELECT n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity,
                       obj_description(c.oid, 'pg_class') AS comment,
                       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
                       pn.nspname AS parent_nspname, p.relname AS parent_relname,
                       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
                  LEFT JOIN pg_class p ON p.oid = i.inhparent
                  LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                 ORDER BY 1, 2
                """
        case .columns:
            // A partition's columns are its parent's.
            return """
                SELECT n.nspname, c.relname, a.attname, a.attnotnull, a.attidentity, a.attgenerated,
                       -- Only a generated column's expression names columns; without a relation to
                       -- resolve them, deparsing does not open each table.
                       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0) ELSE pg_get_expr(d.adbin, d.adrelid) END AS default,
                       CASE WHEN a.attcollation <> at.typcollation THEN co.collname END AS collation,
                       ds.description AS comment,
                       \(typeColumns("a.atttypid", "a.atttypmod", "at", ""))
                  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
                  LEFT JOIN pg_collation co ON co.oid = a.attcollation
                  \(typeJoin("a.atttypid", "at"))
                 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
                   AND \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                 ORDER BY n.nspname, c.relname, a.attnum
                """
        case .constraints:
            return """
                SELECT n.nspname, c.relname, k.conname, k.contype, k.condeferrable, k.condeferred,
                       CASE WHEN k.contype = 'c' THEN pg_get_constraintdef(k.oid) END AS definition, ds.description AS comment,
                       \(attributeNames("k.conkey", "k.conrelid")) AS columns,
                       rn.nspname AS ref_nspname, r.relname AS ref_relname,
                       \(attributeNames("k.confkey", "k.confrelid")) AS ref_columns,
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
                  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_class r ON r.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
                  LEFT JOIN pg_index ix ON k.contype IN ('p', 'u', 'x') AND ix.indexrelid = k.conindid
                  LEFT JOIN pg_class ic ON ic.oid = ix.indexrelid LEFT JOIN pg_am am ON am.oid = ic.relam
                  LEFT JOIN pg_description ds ON ds.objoid = k.oid AND ds.classoid = 'pg_constraint'::regclass AND ds.objsubid = 0
                 WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND k.conislocal AND k.conparentid = 0
                   AND c.relkind IN ('r', 'p') AND \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                 ORDER BY 1, 2, 3
                """
        case .indexes:
            // Keys are aggregated for all wanted indexes at once: a subquery per index joined
            // the opclass and collation catalogs anew each time.
            return """
                WITH wanted AS (
                    SELECT ix.indexrelid, ix.indrelid, n.nspname, c.relname
                      FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid JOIN pg_class c ON c.oid = ix.indrelid
                      JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'p') AND NOT ic.relispartition AND \(userSchema("n"))
                       AND \(notFromExtension("pg_class", "c.oid"))
                       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid
                                       AND k.contype IN ('p', 'u', 'x') AND k.conrelid = ix.indrelid)),
                keys AS (
                    SELECT w.indexrelid, json_agg(json_build_object(
                               'column', a.attname,
                               'expression', CASE WHEN x.num = 0 THEN pg_get_indexdef(w.indexrelid, x.i::int, true) END,
                               'opclass', CASE WHEN NOT oc.opcdefault THEN oc.opcname END,
                               'collation', CASE WHEN x.coll <> 0 AND x.coll <> 100 AND x.coll IS DISTINCT FROM a.attcollation
                                                 THEN co.collname END,
                               'option', x.opt) ORDER BY x.i) AS keys
                      FROM wanted w JOIN pg_index ix ON ix.indexrelid = w.indexrelid
                      CROSS JOIN LATERAL unnest(ix.indkey::int2[], ix.indclass::oid[], ix.indcollation::oid[], ix.indoption::int2[])
                           WITH ORDINALITY x(num, cls, coll, opt, i)
                      LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = x.num AND x.num > 0
                      LEFT JOIN pg_opclass oc ON oc.oid = x.cls
                      LEFT JOIN pg_collation co ON co.oid = x.coll
                     GROUP BY w.indexrelid)
                SELECT w.nspname, w.relname, ic.relname AS indexname, ix.indisunique, am.amname, ix.indnkeyatts,
                       ix.indnullsnotdistinct AS nulls_not_distinct, pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate,
                       ds.description AS comment, k.keys
                  FROM wanted w JOIN pg_index ix ON ix.indexrelid = w.indexrelid JOIN pg_class ic ON ic.oid = ix.indexrelid
                  JOIN pg_am am ON am.oid = ic.relam JOIN keys k ON k.indexrelid = w.indexrelid
                  LEFT JOIN pg_description ds ON ds.objoid = ix.indexrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
                 ORDER BY 1, 2, 3
                """
        case .triggers:
            return """
                SELECT n.nspname, c.relname, t.tgname, t.tgtype, pg_get_triggerdef(t.oid, true) AS definition,
                       fn.nspname AS fn_nspname, p.proname AS fn_proname, obj_description(t.oid, 'pg_trigger') AS comment,
                       \(attributeNames("t.tgattr::int2[]", "t.tgrelid")) AS update_columns
                  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace fn ON fn.oid = p.pronamespace
                 WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND \(userSchema("n"))
                   AND \(notFromExtension("pg_class", "c.oid"))
                 ORDER BY 1, 2, 3
                """
        case .policies:
            return """
                SELECT n.nspname, c.relname, p.polname, p.polcmd, p.polpermissive,
                       (SELECT json_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END ORDER BY 1)
                          FROM unnest(p.polroles) r) AS roles,
                       pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
                       obj_description(p.oid, 'pg_policy') AS comment
                  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE \(userSchema("n"))
                 ORDER BY 1, 2, 3
                """
        case .views:
            return """
                SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid, true) AS definition,
                       obj_description(c.oid, 'pg_class') AS comment
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('v', 'm') AND \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                 ORDER BY 1, 2
                """
        case .functions:
            return """
                SELECT n.nspname, p.proname, p.prokind, p.proretset, p.provolatile, p.proisstrict, p.prosecdef,
                       p.prosrc, l.lanname, pg_get_expr(p.proargdefaults, 0) AS defaults,
                       obj_description(p.oid, 'pg_proc') AS comment, \(typeColumns("p.prorettype", "-1", "rt", "ret_")),
                       (SELECT json_agg(json_build_object(
                                 'name', NULLIF(p.proargnames[x.i], ''), 'mode', COALESCE(p.proargmodes[x.i], 'i'),
                                 'formatted', format_type(x.t, NULL), 'userNspname', xt.user_nspname,
                                 'userTypname', xt.user_typname, 'isArray', xt.is_array) ORDER BY x.i)
                          FROM unnest(COALESCE(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY x(t, i)
                          \(typeJoin("x.t", "xt"))) AS arguments
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
                  \(typeJoin("p.prorettype", "rt"))
                 WHERE p.prokind IN ('f', 'p') AND \(userSchema("n")) AND \(notFromExtension("pg_proc", "p.oid"))
                 ORDER BY 1, 2
                """
        }
    }
}

/// The output columns of every view and materialized view, for generated row types.
let viewColumnsQuery = """
    SELECT n.nspname, c.relname, a.attname, \(typeColumns("a.atttypid", "a.atttypmod", "at", ""))
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      \(typeJoin("a.atttypid", "at"))
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

/// Attribute names of an int2 array of attnums, in order, as a JSON array.
private func attributeNames(_ attnums: String, _ relation: String) -> String {
    """
    (SELECT json_agg(a.attname ORDER BY array_position(\(attnums), a.attnum)) FROM pg_attribute a \
    WHERE a.attrelid = \(relation) AND a.attnum = ANY (\(attnums)))
    """
}

/// Joins the facts the reader needs about a type: whether it (or its element) is a user enum
/// or domain, and whether it is an array.
private func typeJoin(_ typeOid: String, _ alias: String) -> String {
    """
    LEFT JOIN LATERAL (
        SELECT tt.typcategory = 'A' AS is_array, tt.typcollation,
               CASE WHEN et.typtype IN ('e', 'd') THEN en.nspname END AS user_nspname,
               CASE WHEN et.typtype IN ('e', 'd') THEN et.typname END AS user_typname
          FROM pg_type tt
          JOIN pg_type et ON et.oid = CASE WHEN tt.typcategory = 'A' THEN tt.typelem ELSE tt.oid END
          JOIN pg_namespace en ON en.oid = et.typnamespace
         WHERE tt.oid = \(typeOid)) \(alias) ON true
    """
}

private func typeColumns(_ typeOid: String, _ typmod: String, _ alias: String, _ prefix: String) -> String {
    """
    format_type(\(typeOid), NULLIF(\(typmod), -1)) AS \(prefix)formatted, COALESCE(\(alias).is_array, false) AS \(prefix)is_array, \
    \(alias).user_nspname AS \(prefix)user_nspname, \(alias).user_typname AS \(prefix)user_typname
    """
}
