import LibPQClient
import SchemaModel

/// What exists in a database's user schemas, by kind and name: the quick look used to report
/// what a script created and to check it. Read in a fixed number of queries, whatever the
/// number of tables; objects that belong to an extension are left out.
public struct Inventory: Hashable, Sendable {
    public struct ColumnInfo: Hashable, Sendable {
        public var name: String
        /// `format_type()`, e.g. `numeric(78,0)`, `character varying(255)`.
        public var type: String
        public var notNull: Bool
    }

    public var schemas: Set<String> = []
    public var extensions: Set<String> = []
    /// Enum name → labels in order.
    public var enums: [QualifiedName: [String]] = [:]
    public var domains: Set<QualifiedName> = []
    public var sequences: Set<QualifiedName> = []
    /// Table name → columns in order (plain, partitioned and partition tables).
    public var tables: [QualifiedName: [ColumnInfo]] = [:]
    /// Table name → constraint names.
    public var constraints: [QualifiedName: Set<String>] = [:]
    /// Table name → index names (including those behind constraints).
    public var indexes: [QualifiedName: Set<String>] = [:]
    public var views: Set<QualifiedName> = []
    public var materializedViews: Set<QualifiedName> = []
    public var functions: Set<QualifiedName> = []
    /// Table name → trigger names.
    public var triggers: [QualifiedName: Set<String>] = [:]
    /// Table name → policy names.
    public var policies: [QualifiedName: Set<String>] = [:]
    public var rowLevelSecurity: Set<QualifiedName> = []
    /// User objects with a comment (16384 is the first OID of a user object), as `kind name`.
    public var comments: Set<String> = []

    public init() {}

    /// The number of queries `read` sends.
    public static let queryCount = queries.count

    public static func read(_ connection: Connection) throws(LibPQError) -> Inventory {
        var inventory = Inventory()
        let results = try queries.map { q throws(LibPQError) in try connection.query(q).records }
        for r in results[0] { inventory.schemas.insert(r.string("nspname")) }
        for r in results[1] { inventory.extensions.insert(r.string("extname")) }
        for r in results[2] {
            let name = QualifiedName(schema: r.string("nspname"), r.string("typname"))
            switch r.string("typtype") {
            case "e": inventory.enums[name] = postgresArray(r.string("labels"))
            default: inventory.domains.insert(name)
            }
        }
        for r in results[3] {
            let name = QualifiedName(schema: r.string("nspname"), r.string("relname"))
            switch r.string("relkind") {
            case "S": inventory.sequences.insert(name)
            case "v": inventory.views.insert(name)
            case "m": inventory.materializedViews.insert(name)
            default:
                inventory.tables[name, default: []] += []
                if r.bool("relrowsecurity") { inventory.rowLevelSecurity.insert(name) }
            }
        }
        for r in results[4] {
            let table = QualifiedName(schema: r.string("nspname"), r.string("relname"))
            inventory.tables[table, default: []].append(
                ColumnInfo(name: r.string("attname"), type: r.string("type"), notNull: r.bool("attnotnull")))
        }
        for r in results[5] {
            inventory.constraints[QualifiedName(schema: r.string("nspname"), r.string("relname")), default: []]
                .insert(r.string("conname"))
        }
        for r in results[6] {
            inventory.indexes[QualifiedName(schema: r.string("nspname"), r.string("relname")), default: []]
                .insert(r.string("indexname"))
        }
        for r in results[7] {
            inventory.functions.insert(QualifiedName(schema: r.string("nspname"), r.string("proname")))
        }
        for r in results[8] {
            inventory.triggers[QualifiedName(schema: r.string("nspname"), r.string("relname")), default: []]
                .insert(r.string("tgname"))
        }
        for r in results[9] {
            inventory.policies[QualifiedName(schema: r.string("schemaname"), r.string("tablename")), default: []]
                .insert(r.string("policyname"))
        }
        for r in results[10] { inventory.comments.insert(r.string("object")) }
        return inventory
    }

    static let userNamespaces = """
        n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp_%' \
        AND n.nspname NOT LIKE 'pg_toast_temp_%'
        """
    /// Leaves out objects that an extension created (pg_depend deptype 'e').
    static func notFromExtension(_ classTable: String, _ oid: String) -> String {
        """
        NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '\(classTable)'::regclass \
        AND d.objid = \(oid) AND d.deptype = 'e')
        """
    }

    static let queries: [String] = [
        "SELECT n.nspname FROM pg_namespace n WHERE \(userNamespaces)",
        "SELECT extname FROM pg_extension",
        """
        SELECT n.nspname, t.typname, t.typtype,
               (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)::text AS labels
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE t.typtype IN ('e', 'd') AND \(userNamespaces) AND \(notFromExtension("pg_type", "t.oid"))
        """,
        """
        SELECT n.nspname, c.relname, c.relkind, c.relrowsecurity
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND \(userNamespaces) AND \(notFromExtension("pg_class", "c.oid"))
        """,
        """
        SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND \(userNamespaces)
           AND \(notFromExtension("pg_class", "c.oid"))
         ORDER BY n.nspname, c.relname, a.attnum
        """,
        """
        SELECT n.nspname, c.relname, k.conname
          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE \(userNamespaces) AND k.coninhcount = 0
        """,
        """
        SELECT n.nspname, c.relname, i.relname AS indexname
          FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE \(userNamespaces) AND NOT i.relispartition
        """,
        """
        SELECT n.nspname, p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE \(userNamespaces) AND \(notFromExtension("pg_proc", "p.oid"))
        """,
        """
        SELECT n.nspname, c.relname, t.tgname
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND \(userNamespaces)
        """,
        "SELECT schemaname, tablename, policyname FROM pg_policies",
        """
        SELECT pg_describe_object(d.classoid, d.objoid, d.objsubid) AS object
          FROM pg_description d
         WHERE d.objoid >= 16384 AND d.classoid <> 'pg_extension'::regclass
           AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = d.classoid AND x.objid = d.objoid
                           AND x.deptype = 'e')
        """,
    ]
}

/// Splits PostgreSQL's text form of a one-dimensional array: `{a,"b c",NULL}`.
func postgresArray(_ text: String) -> [String] {
    guard text.count >= 2 else { return [] }
    var items: [String] = []
    var current = ""
    var quoted = false
    var escaped = false
    var wasQuoted = false
    for ch in text.dropFirst().dropLast() {
        if escaped {
            current.append(ch)
            escaped = false
        } else if ch == "\\" {
            escaped = true
        } else if ch == "\"" {
            quoted.toggle()
            wasQuoted = true
        } else if ch == "," && !quoted {
            items.append(current)
            current = ""
            wasQuoted = false
        } else {
            current.append(ch)
        }
    }
    if !current.isEmpty || wasQuoted || !items.isEmpty { items.append(current) }
    return items
}
