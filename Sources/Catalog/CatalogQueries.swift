/// One bulk query per kind of object. Every query reads all objects of its kind at once, and
/// leaves joining them to the reader: attribute numbers, type, operator class and collation
/// oids are resolved there from `columns` and `lookups`, instead of one catalog lookup per row.
/// Oids are returned so that `dependencies` can name objects.
enum Query: CaseIterable {
    case lookups, namespaces, extensions, enums, domains, types, collations, sequences, tables, columns, constraints
    case indexes, triggers, policies, views, functions, dependencies, unmanaged, privileges, defaultPrivileges

    /// The queries that open every table (to print checks and index predicates), run on one
    /// connection so that only one backend builds the tables' relation cache entries.
    static let openingTables: [Query] = [.constraints, .indexes, .triggers, .policies, .views]
    /// Queries whose joins are cheaper hashed than looked up row by row, which the planner
    /// does not see. A database created a moment ago (restored, migrations replayed, a scratch
    /// one) has its template's statistics, by which no dependency is among user objects: the
    /// dependencies joined in nested loops take 3.4 s instead of 0.05 s at 5,000 tables. A
    /// column's default looked up by index for every column costs more than one pass over
    /// `pg_attrdef`: the columns query takes 0.19 s instead of 0.22 s at 2,000 tables.
    static let plannedWithHashJoins: Set<Query> = [.dependencies, .columns]

    var sql: String {
        switch self {
        case .lookups:
            // User-defined types (enums, domains, composite, range and multirange types, and
            // arrays of them) by oid, `flag` saying an array; operator classes, `flag` saying
            // the type's default (an index key names only the others); collations by oid.
            return """
                SELECT 'type' AS kind, t.oid, \(isArray("t")) AS flag, n.nspname, et.typname AS name
                  FROM pg_type t JOIN pg_type et ON et.oid = CASE WHEN \(isArray("t")) THEN t.typelem ELSE t.oid END
                  JOIN pg_namespace n ON n.oid = et.typnamespace
                 WHERE et.typtype IN ('e', 'd')
                    OR (et.oid >= 16384 AND et.typtype IN ('r', 'm'))
                    OR (et.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = et.typrelid AND c.relkind = 'c'))
                UNION ALL
                SELECT 'opclass', oc.oid, oc.opcdefault, n.nspname, oc.opcname
                  FROM pg_opclass oc JOIN pg_namespace n ON n.oid = oc.opcnamespace
                UNION ALL
                SELECT 'collation', co.oid, false, n.nspname, co.collname
                  FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace
                """
        case .namespaces:
            return """
                SELECT n.oid, n.nspname, \(comment(on: "n.oid", "pg_namespace")) AS comment
                  FROM pg_namespace n
                 WHERE \(userSchema("n")) AND n.nspname <> 'public' AND \(notFromExtension("pg_namespace", "n.oid"))
                 ORDER BY 2
                """
        case .extensions:
            return """
                SELECT e.oid, e.extname, n.nspname AS schema, e.extversion
                  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                 WHERE e.extname <> 'plpgsql'
                 ORDER BY 2
                """
        case .enums:
            return """
                SELECT t.oid, n.nspname, t.typname, \(comment(on: "t.oid", "pg_type")) AS comment,
                       (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
                         AS labels
                  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE t.typtype = 'e' AND \(userSchema("n")) AND \(notFromExtension("pg_type", "t.oid"))
                 ORDER BY 2, 3
                """
        case .domains:
            return """
                SELECT t.oid, n.nspname, t.typname, t.typnotnull, pg_get_expr(t.typdefaultbin, 0) AS typdefault,
                       \(comment(on: "t.oid", "pg_type")) AS comment, \(typeColumns("t.typbasetype", "t.typtypmod", "base_")),
                       CASE WHEN t.typcollation <> bt.typcollation THEN t.typcollation END AS collation,
                       (SELECT json_agg(json_build_object('oid', c.oid::text, 'name', c.conname,
                                                          'definition', pg_get_constraintdef(c.oid),
                                                          'valid', c.convalidated,
                                                          'comment', \(comment(on: "c.oid", "pg_constraint")))
                               ORDER BY c.conname)
                          FROM pg_constraint c WHERE c.contypid = t.oid) AS checks
                  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type bt ON bt.oid = t.typbasetype
                 WHERE t.typtype = 'd' AND \(userSchema("n")) AND \(notFromExtension("pg_type", "t.oid"))
                 ORDER BY 2, 3
                """
        case .types:
            // Composite types of their own (their attributes come with `columns`, by `typrelid`)
            // and range types; an operator class, collation, canonical or multirange name only
            // where it is not what PostgreSQL chooses by itself.
            return """
                SELECT t.oid, t.typtype, t.typrelid, n.nspname, t.typname, \(comment(on: "t.oid", "pg_type")) AS comment,
                       \(typeColumns("r.rngsubtype", "-1", "sub_")),
                       CASE WHEN NOT oc.opcdefault THEN r.rngsubopc END AS opclass,
                       CASE WHEN r.rngcollation <> st.typcollation THEN r.rngcollation END AS collation,
                       \(functionName("r.rngcanonical")) AS canonical, \(functionName("r.rngsubdiff")) AS subtype_diff,
                       mt.typname AS multirange
                  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  LEFT JOIN pg_class c ON c.oid = t.typrelid
                  LEFT JOIN pg_range r ON r.rngtypid = t.oid LEFT JOIN pg_type st ON st.oid = r.rngsubtype
                  LEFT JOIN pg_opclass oc ON oc.oid = r.rngsubopc LEFT JOIN pg_type mt ON mt.oid = r.rngmultitypid
                 WHERE (t.typtype = 'r' OR (t.typtype = 'c' AND c.relkind = 'c')) AND \(userSchema("n"))
                   AND \(notFromExtension("pg_type", "t.oid"))
                 ORDER BY 4, 5
                """
        case .collations:
            // ICU's locale is `colliculocale` in PostgreSQL 15 and 16, `colllocale` from 17.
            return """
                SELECT co.oid, n.nspname, co.collname, co.collprovider, co.collisdeterministic, co.collcollate,
                       co.collctype, COALESCE(to_jsonb(co) ->> 'colliculocale', to_jsonb(co) ->> 'colllocale') AS icu_locale,
                       \(comment(on: "co.oid", "pg_collation")) AS comment
                  FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace
                 WHERE co.oid >= 16384 AND \(userSchema("n")) AND \(notFromExtension("pg_collation", "co.oid"))
                 ORDER BY 2, 3
                """
        case .sequences:
            // With the column that owns the sequence (`a`), or whose identity it is (`i`).
            return """
                SELECT c.oid, n.nspname, c.relname, \(typeColumns("s.seqtypid", "-1", "")),
                       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                       \(comment(on: "c.oid", "pg_class")) AS comment,
                       d.refobjid AS owner_oid, d.refobjsubid AS owner_attnum, d.deptype AS owner_deptype
                  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                       AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
                 WHERE \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                 ORDER BY 2, 3
                """
        case .tables:
            return """
                SELECT c.oid, c.reltype, n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity,
                       c.relpersistence = 'u' AS unlogged, c.reloptions::text AS reloptions, ds.description AS comment,
                       c.relreplident, ri.relname AS replica_index, ci.relname AS cluster_index,
                       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
                       pn.nspname AS parent_nspname, p.relname AS parent_relname,
                       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
                       CASE WHEN NOT c.relispartition THEN
                         (SELECT json_agg(json_build_array(hn.nspname, h.relname) ORDER BY hi.inhseqno)
                            FROM pg_inherits hi JOIN pg_class h ON h.oid = hi.inhparent
                            JOIN pg_namespace hn ON hn.oid = h.relnamespace WHERE hi.inhrelid = c.oid)
                       END AS inherits
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  -- A table has one replica identity index and one clustered index at most.
                  LEFT JOIN (pg_index rx JOIN pg_class ri ON ri.oid = rx.indexrelid)
                         ON rx.indrelid = c.oid AND rx.indisreplident
                  LEFT JOIN (pg_index cx JOIN pg_class ci ON ci.oid = cx.indexrelid)
                         ON cx.indrelid = c.oid AND cx.indisclustered
                  LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
                  LEFT JOIN pg_class p ON p.oid = i.inhparent
                  LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
                  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
                 WHERE c.relkind IN ('r', 'p') AND \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                 ORDER BY 3, 4
                """
        case .columns:
            // Partitions' and materialized views' columns too: their constraints and indexes name
            // columns by number; composite types' attributes; views' columns that have a comment.
            return """
                SELECT a.attrelid, a.attnum, a.attname, a.attnotnull, a.attidentity, a.attgenerated,
                       -- Only a generated column's expression names columns; without a relation to
                       -- resolve them, deparsing does not open each table.
                       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0) ELSE pg_get_expr(d.adbin, d.adrelid) END AS default,
                       d.oid AS attrdef_oid, a.attislocal,
                       a.attcollation, CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation END AS collation,
                       CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage,
                       CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END AS compression,
                       NULLIF(a.attstattarget, -1) AS statistics,
                       ds.description AS comment, \(typeColumns("a.atttypid", "a.atttypmod", ""))
                  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
                  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
                 WHERE (c.relkind IN ('r', 'p', 'm', 'c') OR (c.relkind = 'v' AND ds.description IS NOT NULL))
                   AND a.attnum > 0 AND NOT a.attisdropped
                   AND \(inUserSchema("c.relnamespace"))
                 ORDER BY a.attrelid, a.attnum
                """
        case .constraints:
            // Column lists are attribute numbers, named by the reader.
            return """
                SELECT k.oid, k.conrelid, k.conname, k.contype, k.condeferrable, k.condeferred, k.conindid,
                       k.convalidated, k.connoinherit,
                       pk.conname AS parent_constraint,
                       CASE WHEN k.contype = 'c' THEN pg_get_constraintdef(k.oid) END AS definition, ds.description AS comment,
                       k.conkey, k.confrelid, rn.nspname AS ref_nspname, r.relname AS ref_relname, k.confkey,
                       k.confupdtype, k.confdeltype, k.confmatchtype, k.confdelsetcols,
                       COALESCE(ix.indnullsnotdistinct, false) AS nulls_not_distinct, am.amname,
                       ix.indkey::text AS index_attnums, ix.indnkeyatts, ic.reloptions::text AS index_reloptions,
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
                  FROM pg_constraint k LEFT JOIN pg_constraint pk ON pk.oid = k.conparentid
                  LEFT JOIN pg_class r ON r.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
                  LEFT JOIN pg_index ix ON k.contype IN ('p', 'u', 'x') AND ix.indexrelid = k.conindid
                  LEFT JOIN pg_class ic ON ic.oid = ix.indexrelid LEFT JOIN pg_am am ON am.oid = ic.relam
                  LEFT JOIN pg_description ds ON ds.objoid = k.oid AND ds.classoid = 'pg_constraint'::regclass AND ds.objsubid = 0
                 WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND (k.conislocal OR k.conparentid <> 0) AND k.conrelid <> 0
                   AND \(inUserSchema("k.connamespace"))
                 ORDER BY k.conrelid, k.conname
                """
        case .indexes:
            // Keys as attribute numbers, operator class and collation oids and option bits (the
            // reader names them); only expression keys are printed here, all at once, a comma
            // between two (a key per attribute number 0, in order). Indexes that back a
            // constraint are left out by the reader; indexes of materialized views are in, and
            // partitions' indexes attached to their parent's, for their names.
            // Operator class parameters are gathered in one pass, not looked up per index; made
            // once (`MATERIALIZED`), as a catalog without statistics would have them made again
            // for every index: 1.1 s instead of 0.18 s at 2,000 tables.
            return """
                WITH opclass_options AS MATERIALIZED (
                  SELECT ia.attrelid, json_agg(json_build_object('n', ia.attnum, 'options', ia.attoptions::text)) AS options
                    FROM pg_attribute ia WHERE ia.attoptions IS NOT NULL GROUP BY ia.attrelid
                )
                SELECT ix.indexrelid, ix.indrelid, ic.relname AS indexname, ix.indisunique, am.amname, ix.indnkeyatts,
                       ix.indnullsnotdistinct AS nulls_not_distinct, pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate,
                       CASE WHEN ic.relispartition THEN (SELECT h.relname FROM pg_inherits hi JOIN pg_class h ON h.oid = hi.inhparent
                                                          WHERE hi.inhrelid = ix.indexrelid) END AS parent_index,
                       ds.description AS comment, ix.indkey::text AS attnums, ix.indclass::text AS opclasses,
                       ix.indcollation::text AS collations, ix.indoption::text AS options,
                       ic.reloptions::text AS reloptions, ao.options AS opclass_options,
                       pg_get_expr(ix.indexprs, ix.indrelid, true) AS expressions
                  FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid JOIN pg_am am ON am.oid = ic.relam
                  LEFT JOIN opclass_options ao ON ao.attrelid = ix.indexrelid
                  LEFT JOIN pg_description ds ON ds.objoid = ix.indexrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
                 WHERE \(inUserSchema("ic.relnamespace"))
                 ORDER BY ix.indrelid, ic.relname
                """
        case .triggers:
            return """
                SELECT t.oid, t.tgrelid, t.tgname, t.tgtype, pg_get_triggerdef(t.oid, true) AS definition,
                       fn.nspname AS fn_nspname, p.proname AS fn_proname, \(comment(on: "t.oid", "pg_trigger")) AS comment,
                       t.tgattr::text AS update_attnums, t.tgenabled, t.tgconstraint <> 0 AS is_constraint,
                       t.tgdeferrable, t.tginitdeferred, rn.nspname AS ref_nspname, r.relname AS ref_relname,
                       t.tgoldtable, t.tgnewtable
                  FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace fn ON fn.oid = p.pronamespace
                  LEFT JOIN pg_class r ON r.oid = t.tgconstrrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
                 WHERE NOT t.tgisinternal AND t.tgparentid = 0
                 ORDER BY t.tgrelid, t.tgname
                """
        case .policies:
            return """
                SELECT p.oid, p.polrelid, p.polname, p.polcmd, p.polpermissive,
                       (SELECT json_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END ORDER BY 1)
                          FROM unnest(p.polroles) r) AS roles,
                       pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
                       \(comment(on: "p.oid", "pg_policy")) AS comment
                  FROM pg_policy p
                 ORDER BY p.polrelid, p.polname
                """
        case .views:
            return """
                SELECT c.oid, c.reltype, n.nspname, c.relname, c.relkind, c.relispopulated, c.reloptions::text AS reloptions,
                       pg_get_viewdef(c.oid, true) AS definition, ds.description AS comment
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
                 WHERE c.relkind IN ('v', 'm') AND \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                 ORDER BY 3, 4
                """
        case .functions:
            return """
                SELECT p.oid, n.nspname, p.proname, p.prokind, p.proretset, p.provolatile, p.proisstrict, p.prosecdef,
                       p.proleakproof, p.proparallel, p.procost, p.prorows, p.proconfig::text AS config,
                       p.prosrc, CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) END AS sqlbody,
                       l.lanname, pg_get_expr(p.proargdefaults, 0) AS defaults,
                       \(comment(on: "p.oid", "pg_proc")) AS comment, \(typeColumns("p.prorettype", "-1", "ret_")),
                       (SELECT json_agg(json_build_object(
                                 'name', NULLIF(p.proargnames[x.i], ''), 'mode', COALESCE(p.proargmodes[x.i], 'i'),
                                 'formatted', format_type(x.t, NULL), 'typid', x.t::text) ORDER BY x.i)
                          FROM unnest(COALESCE(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY x(t, i)) AS arguments
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
                 WHERE p.prokind IN ('f', 'p') AND \(userSchema("n")) AND \(notFromExtension("pg_proc", "p.oid"))
                   -- A range type's constructors are made and dropped with it.
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                   AND d.deptype = 'i')
                 ORDER BY 2, 3
                """
        case .dependencies:
            // What depends on what among user objects (system objects have oids below 16384).
            // A view's dependencies are its _RETURN rule's, given as the view's; a dependency on
            // an object of an extension names the extension. A column default's automatic
            // dependency is on its own column, an edge the model's structure gives (a quarter of
            // the rows, left out).
            return """
                SELECT CASE WHEN r.oid IS NULL THEN d.classid ELSE 1259 END AS classid,
                       COALESCE(r.ev_class, d.objid) AS objid, CASE WHEN r.oid IS NULL THEN d.objsubid ELSE 0 END AS objsubid,
                       d.refclassid, d.refobjid, d.refobjsubid, d.deptype, x.refobjid AS extension
                  FROM pg_depend d
                  LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid AND r.rulename = '_RETURN'
                  LEFT JOIN pg_depend x ON x.classid = d.refclassid AND x.objid = d.refobjid AND x.objsubid = 0
                       AND x.deptype = 'e'
                 WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384
                   AND NOT (d.classid = 'pg_attrdef'::regclass AND d.deptype = 'a')
                """
        case .privileges:
            // Each object's ACL read against the one PostgreSQL gives it by default (a NULL ACL is
            // the default). The standard `public` schema's default includes `USAGE` for PUBLIC,
            // as every new database has it.
            return """
                WITH objects AS (
                  SELECT 1259 AS classid, c.oid AS objid, 0 AS objsubid, NULL::text AS schema, c.relacl AS acl,
                         c.relowner AS owner, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner)
                           AS defaults
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND \(userSchema("n"))
                     AND \(notFromExtension("pg_class", "c.oid"))
                  UNION ALL
                  -- Columns with an ACL (few, if any) found in one pass over pg_attribute (`OFFSET 0`
                  -- keeps the planner from looking in it table by table instead).
                  SELECT 1259, c.oid, a.attnum, NULL, a.attacl, c.relowner, NULL::aclitem[]
                    FROM (SELECT * FROM pg_attribute WHERE attacl IS NOT NULL AND attnum > 0 AND NOT attisdropped OFFSET 0) a
                    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE c.relkind IN ('r', 'p')
                     AND \(userSchema("n")) AND \(notFromExtension("pg_class", "c.oid"))
                  UNION ALL
                  SELECT 1255, p.oid, 0, NULL, p.proacl, p.proowner, acldefault('f', p.proowner)
                    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE p.proacl IS NOT NULL AND p.prokind IN ('f', 'p') AND \(userSchema("n"))
                     AND \(notFromExtension("pg_proc", "p.oid"))
                  UNION ALL
                  SELECT 1247, t.oid, 0, NULL, t.typacl, t.typowner, acldefault('T', t.typowner)
                    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                   WHERE t.typacl IS NOT NULL AND t.typtype IN ('e', 'd', 'c', 'r') AND \(userSchema("n"))
                     AND \(notFromExtension("pg_type", "t.oid"))
                  UNION ALL
                  SELECT 2615, n.oid, 0, n.nspname, n.nspacl, n.nspowner,
                         CASE WHEN n.nspname = 'public'
                              THEN array_append(acldefault('n', n.nspowner), makeaclitem(0, n.nspowner, 'USAGE', false))
                              ELSE acldefault('n', n.nspowner) END
                    FROM pg_namespace n
                   WHERE n.nspacl IS NOT NULL AND \(userSchema("n")) AND \(notFromExtension("pg_namespace", "n.oid"))
                )
                \(aclDifference("objects", columns: "o.classid, o.objid, o.objsubid, o.schema", owner: "o.owner"))
                 ORDER BY 1, 2, 3, 5, 6
                """
        case .defaultPrivileges:
            // Without a schema, the ACL replaces PostgreSQL's default for the role's new objects;
            // in a schema, it adds to it.
            return """
                WITH entries AS (
                  SELECT d.defaclrole, d.defaclobjtype, n.nspname AS schema, d.defaclacl AS acl,
                         CASE WHEN d.defaclrole = current_user::regrole THEN NULL ELSE pg_get_userbyid(d.defaclrole) END
                           AS role,
                         CASE WHEN d.defaclnamespace = 0
                              THEN acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END, d.defaclrole)
                              ELSE NULL::aclitem[] END AS defaults
                    FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
                )
                \(aclDifference("entries", columns: "o.role, o.schema, o.defaclobjtype AS objects", owner: "o.defaclrole"))
                 ORDER BY 1, 2, 3, 4, 5
                """
        case .unmanaged:
            // Kinds of object schemagen does not manage, named so they are not mistaken for covered.
            return """
                SELECT CASE WHEN o.kind IN ('column options', 'tablespace placement', 'table access method')
                            THEN o.kind ELSE i.type END AS kind, i.identity, n.nspname,
                       o.classid::oid AS classid, o.objid

                  FROM (
                    SELECT 'aggregate' AS kind, 'pg_proc'::regclass AS classid, oid AS objid, pronamespace AS ns
                      FROM pg_proc WHERE prokind IN ('a', 'w')
                    UNION ALL SELECT 'rule', 'pg_rewrite'::regclass, r.oid, c.relnamespace
                      FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE r.rulename <> '_RETURN'
                    UNION ALL SELECT 'event trigger', 'pg_event_trigger'::regclass, oid, NULL FROM pg_event_trigger
                    UNION ALL SELECT 'foreign table', 'pg_class'::regclass, oid, relnamespace FROM pg_class WHERE relkind = 'f'
                    UNION ALL SELECT 'base type', 'pg_type'::regclass, oid, typnamespace
                      FROM pg_type WHERE typtype = 'b' AND oid >= 16384 AND typcategory <> 'A'
                    UNION ALL SELECT 'operator', 'pg_operator'::regclass, oid, oprnamespace FROM pg_operator WHERE oid >= 16384
                    UNION ALL SELECT 'operator class', 'pg_opclass'::regclass, oid, opcnamespace FROM pg_opclass WHERE oid >= 16384
                    UNION ALL SELECT 'cast', 'pg_cast'::regclass, oid, NULL FROM pg_cast WHERE oid >= 16384
                    UNION ALL SELECT 'text search configuration', 'pg_ts_config'::regclass, oid, cfgnamespace
                      FROM pg_ts_config WHERE oid >= 16384
                    UNION ALL SELECT 'text search dictionary', 'pg_ts_dict'::regclass, oid, dictnamespace
                      FROM pg_ts_dict WHERE oid >= 16384
                    UNION ALL SELECT 'conversion', 'pg_conversion'::regclass, oid, connamespace FROM pg_conversion WHERE oid >= 16384
                    UNION ALL SELECT 'statistics object', 'pg_statistic_ext'::regclass, oid, stxnamespace FROM pg_statistic_ext
                    UNION ALL SELECT 'publication', 'pg_publication'::regclass, oid, NULL FROM pg_publication
                    UNION ALL SELECT 'subscription', 'pg_subscription'::regclass, oid, NULL FROM pg_subscription
                     WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                    UNION ALL SELECT 'foreign server', 'pg_foreign_server'::regclass, oid, NULL FROM pg_foreign_server
                    UNION ALL SELECT 'foreign-data wrapper', 'pg_foreign_data_wrapper'::regclass, oid, NULL
                      FROM pg_foreign_data_wrapper
                    UNION ALL SELECT 'language', 'pg_language'::regclass, oid, NULL FROM pg_language WHERE oid >= 16384
                    UNION ALL SELECT 'column options', 'pg_class'::regclass, a.attrelid, c.relnamespace
                      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                     WHERE a.attoptions IS NOT NULL AND c.relkind IN ('r', 'p') AND a.attnum > 0
                    UNION ALL SELECT 'tablespace placement', 'pg_class'::regclass, c.oid, c.relnamespace
                      FROM pg_class c WHERE c.reltablespace <> 0 AND c.relkind IN ('r', 'p', 'i', 'm')
                    UNION ALL SELECT 'table access method', 'pg_class'::regclass, c.oid, c.relnamespace
                      FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relkind IN ('r', 'm') AND am.amname <> 'heap'
                  ) o
                  CROSS JOIN LATERAL pg_identify_object(o.classid, o.objid, 0) i
                  LEFT JOIN pg_namespace n ON n.oid = o.ns
                 WHERE (n.oid IS NULL OR \(userSchema("n")))
                   -- What an extension made, or what is made with a managed object (a range's cast
                   -- to its multirange), goes with it.
                   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = o.classid AND e.objid = o.objid
                                   AND e.deptype IN ('e', 'i'))
                   AND NOT (o.kind = 'language' AND EXISTS (SELECT 1 FROM pg_language l WHERE l.oid = o.objid
                                                            AND l.lanname = 'plpgsql'))
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

/// The rows of `source` (each with an `acl` and the `defaults` it is read against, as `o`): one
/// per ACL entry beyond the defaults, and one per default entry missing (`revoked`), the
/// owner's own left out; `columns` say what each row is on.
private func aclDifference(_ source: String, columns: String, owner: String) -> String {
    func grantee(_ entry: String) -> String {
        "CASE WHEN \(entry).grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(\(entry).grantee) END"
    }
    return """
        SELECT DISTINCT \(columns), \(grantee("e")) AS grantee, e.privilege_type, e.is_grantable, false AS revoked
          FROM \(source) o CROSS JOIN LATERAL aclexplode(o.acl) e
         WHERE e.grantee <> \(owner)
           AND NOT EXISTS (SELECT 1 FROM aclexplode(o.defaults) d WHERE d.grantee = e.grantee
                           AND d.privilege_type = e.privilege_type AND d.is_grantable = e.is_grantable)
        UNION
        SELECT \(columns), \(grantee("d")), d.privilege_type, false, true
          FROM \(source) o CROSS JOIN LATERAL aclexplode(o.defaults) d
         WHERE d.grantee <> \(owner)
           AND NOT EXISTS (SELECT 1 FROM aclexplode(o.acl) e WHERE e.grantee = d.grantee
                           AND e.privilege_type = d.privilege_type)
        """
}

/// A function's name as SQL names it (`float8mi`, `public.my_diff`), or NULL for none.
private func functionName(_ regproc: String) -> String {
    """
    (SELECT CASE WHEN pn.nspname = 'pg_catalog' THEN quote_ident(pp.proname)
                 ELSE quote_ident(pn.nspname) || '.' || quote_ident(pp.proname) END
       FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = \(regproc))
    """
}

/// Whether the type is an array type (a domain over an array is not one, though its category is).
private func isArray(_ t: String) -> String {
    "(\(t).typcategory = 'A' AND \(t).typtype = 'b' AND \(t).typelem <> 0)"
}

/// The comment on an object (`obj_description`, looked up without calling a SQL function per
/// row: a third of the triggers query's time at 2,000 triggers).
private func comment(on oid: String, _ catalog: String) -> String {
    """
    (SELECT dsc.description FROM pg_description dsc WHERE dsc.objoid = \(oid) AND dsc.classoid = '\(catalog)'::regclass \
    AND dsc.objsubid = 0)
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
