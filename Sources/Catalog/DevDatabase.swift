import LibPQClient
import PostgresTextFormat
import SQLRenderer
import SchemaModel
import Synchronization

/// A PostgreSQL server schemagen may create throwaway databases on: the embedded cluster, or
/// one the user names with `--dev-url`. Models are realised there and read back, so that
/// expressions are compared in PostgreSQL's own printed form.
///
/// Scratch databases are made when first needed and pooled: creating one copies a template
/// database, emptying one takes a few milliseconds. Each is emptied before it is used again
/// and dropped when the pool goes away.
public final class DevDatabase: Sendable {
    /// A URL of the server (any database the user may connect to and create databases from).
    public let url: String
    private let idle = Mutex<[String]>([])
    /// Declarations already normalised on this server: the same declaration prints the same.
    private let normalised = Mutex<[DatabaseModel: DatabaseModel]>([:])

    /// Whether roles a declaration names may be created here (`NOLOGIN`) when missing: on a
    /// server schemagen started for itself, not on one the user names.
    public let createsMissingRoles: Bool

    public init(url: String, createsMissingRoles: Bool = false) {
        self.url = url
        self.createsMissingRoles = createsMissingRoles
    }

    /// Roles known to exist here, so a declaration realised again asks nothing.
    private let presentRoles = Mutex<Set<String>>([])

    /// Makes sure the roles exist on this server, so that grants and policies naming them can be
    /// created in scratch databases: made `NOLOGIN` where `createsMissingRoles`, else a missing
    /// role is the error `missingRoles` gives.
    public func provideRoles(_ roles: Set<String>) throws {
        let unknown = roles.subtracting(presentRoles.withLock { $0 })
        guard !unknown.isEmpty else { return }
        let admin = try Connection(url: url)
        let missing = try missingRoles(unknown, on: admin)
        if !missing.isEmpty {
            guard createsMissingRoles else { throw MissingRoles(roles: missing, server: redactedURL(url)) }
            for role in missing {
                do {
                    try admin.execute("CREATE ROLE \(quoteIdentifier(role)) NOLOGIN")
                } catch {
                    // Made meanwhile by another command: fine.
                    let state = error.sqlState
                    if state != "42710" && state != "23505" { throw error }
                }
            }
        }
        presentRoles.withLock { $0.formUnion(unknown) }
    }

    /// The pool's databases are dropped at once, each over a connection of its own.
    deinit {
        let (names, url) = (idle.withLock { $0 }, url)
        _ = try? concurrently(names.count) { i in
            try Connection(url: url).execute("DROP DATABASE IF EXISTS \(quoteIdentifier(names[i])) WITH (FORCE)")
        }
    }

    /// Runs `body` on an empty database of its own. A database that will hold a large model
    /// is dropped afterwards rather than pooled: dropping a database unlinks its files, while
    /// emptying it drops its objects one dependency at a time.
    public func withScratchDatabase<T>(keep: Bool = true, _ body: (Connection) throws -> T) throws -> T {
        try withScratchDatabase(keep: keep) { connection, _ in try body(connection) }
    }

    /// The same, with the database's URL for more connections to it.
    public func withScratchDatabase<T>(keep: Bool = true, _ body: (Connection, String) throws -> T) throws -> T {
        let pooled = idle.withLock { $0.popLast() }
        let name = try pooled ?? createScratchDatabase()
        let scratchURL = Self.url(url, database: name)
        var connection: Connection? = try Connection(url: scratchURL)
        if pooled != nil { try connection!.execute(Self.emptyDatabase) }
        defer {
            connection = nil
            if keep {
                idle.withLock { $0.append(name) }
            } else {
                try? Connection(url: url).execute("DROP DATABASE IF EXISTS \(quoteIdentifier(name)) WITH (FORCE)")
            }
        }
        return try body(connection!, scratchURL)
    }

    /// Models of fewer tables than this are realised in pooled scratch databases.
    static let pooledBelow = 100

    /// A new database copied from `template0`, which nobody can change: empty as it comes.
    private func createScratchDatabase() throws -> String {
        let name = "schemagen_scratch_\(UInt64.random(in: 0...UInt64.max))"
        try Connection(url: url).execute("CREATE DATABASE \(quoteIdentifier(name)) TEMPLATE template0")
        return name
    }

    /// Removes every user schema and extension and gives back `public` as a new database has it.
    /// Indexes go first: an extension dropped with CASCADE can fail on an index that uses its
    /// operator class with parameters (`gist_trgm_ops (siglen = 32)`).
    public static let emptyDatabase = """
        DO $$
        DECLARE r record; g record;
        BEGIN
            FOR r IN SELECT c.oid::regclass AS name FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                       JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                        AND n.nspname NOT LIKE 'pg\\_%'
                        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
                        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                        AND d.objid = c.oid AND d.deptype = 'e') LOOP
                EXECUTE format('DROP INDEX IF EXISTS %s CASCADE', r.name);
            END LOOP;
            FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
                EXECUTE format('DROP EXTENSION %I CASCADE', r.extname);
            END LOOP;
            FOR r IN SELECT nspname FROM pg_namespace
                      WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' LOOP
                EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
            END LOOP;
            -- Default privileges in a schema went with it; those for all schemas are set back to
            -- PostgreSQL's defaults, which removes them.
            FOR r IN SELECT d.defaclrole::regrole::text AS role, d.defaclobjtype AS kind, d.defaclacl AS acl,
                            CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                                                 WHEN 'T' THEN 'TYPES' ELSE 'SCHEMAS' END AS objects
                       FROM pg_default_acl d WHERE d.defaclnamespace = 0 LOOP
                FOR g IN SELECT DISTINCT CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE e.grantee::regrole::text END AS name
                           FROM aclexplode(r.acl) e LOOP
                    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s REVOKE ALL ON %s FROM %s', r.role, r.objects, g.name);
                END LOOP;
                EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT ALL ON %s TO %s', r.role, r.objects, r.role);
                IF r.kind IN ('f', 'T') THEN
                    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT ALL ON %s TO PUBLIC', r.role, r.objects);
                END IF;
            END LOOP;
        END
        $$;
        CREATE SCHEMA public AUTHORIZATION pg_database_owner;
        GRANT USAGE ON SCHEMA public TO PUBLIC;
        COMMENT ON SCHEMA public IS 'standard public schema';
        """

    /// The model as PostgreSQL prints it: created in a scratch database and read back.
    /// A few tables are read back on the connection that made them (its backend has the
    /// catalogs cached); many over two fresh connections, which share the work.
    public func realise(_ model: DatabaseModel) throws -> DatabaseModel {
        try withCreated(model) { connection, url in
            model.tables.count < Self.pooledBelow ? try CatalogReader.read(connection) : try CatalogReader.read(url: url)
        }
    }

    /// The output columns of the model's views, which only the server can work out.
    public func viewColumns(of model: DatabaseModel) throws -> [QualifiedName: [Column]] {
        // Only the views and what they read need creating.
        model.views.isEmpty ? [:]
            : try withCreated(model.subset(tables: [], views: Set(model.views.map(\.name)))) { connection, _ in
                try CatalogReader.viewColumns(connection)
            }
    }

    /// `read` on a scratch database where the model has just been created.
    private func withCreated<T>(_ model: DatabaseModel, _ read: (Connection, String) throws -> T) throws -> T {
        try provideRoles(model.referencedRoles)
        return try withScratchDatabase(keep: model.tables.count < Self.pooledBelow) { connection, url in
            let statements = try SQL.createStatements(for: model)
            // One round trip for the whole script (one implicit transaction); only when it fails,
            // statement by statement, to name the statement and the declaration at fault.
            do {
                try connection.execute(statements.script)
            } catch {
                do {
                    try applyInAnyOrder(statements, on: connection)
                } catch {
                    throw try DeclarationFailures.diagnosing(model, on: connection) ?? error
                }
            }
            return try read(connection, url)
        }
    }

    /// A declaration in the form a database created from schemagen's own SQL reads back as.
    /// PostgreSQL's printed expressions reach a fixed point on the second print, so the
    /// declaration is printed twice (and a live database's model once) before comparing.
    /// An expression the first print left as declared is at its fixed point already, so the
    /// second print covers only what the first one changed (see `normaliseDifferences`);
    /// the whole model is realised again only when a domain, a function's argument default
    /// or a partition key changed, which that does not cover.
    /// The result keeps the declaration's order. A declaration normalised before on this server
    /// is not realised again.
    public func normalise(declared model: DatabaseModel) throws -> DatabaseModel {
        if let known = normalised.withLock({ $0[model] }) { return known }
        let printed = try realise(model)
        var result = changedOutsideTables(printed, from: model)
            ? try realise(printed).ordered(like: model)
            : try normaliseDifferences(printed, model, bIsNormal: true).0.ordered(like: model)
        // An extension declared without a version takes any.
        let unversioned = Set(model.extensions.filter { $0.version == nil }.map(\.name))
        for e in result.extensions.indices where unversioned.contains(result.extensions[e].name) {
            result.extensions[e].version = nil
        }
        normalised.withLock { cache in
            if cache.count > 64 { cache.removeAll() }
            cache[model] = result
        }
        return result
    }

    /// `url` pointing at another database.
    public static func url(_ url: String, database: String) -> String {
        if url.contains("://") {
            return url + (url.contains("?") ? "&" : "?") + "dbname=\(database)"
        }
        return url + " dbname=\(database)"
    }
}

/// Runs statements in one transaction; a failure names the statement, and the declaration it
/// came from, and leaves nothing behind.
public func apply(_ statements: [Statement], on connection: Connection) throws {
    try connection.transaction { c in
        for statement in statements {
            do {
                try c.execute(statement.sql)
            } catch {
                throw StatementError(statement: statement, underlying: error)
            }
        }
    }
}

/// Runs statements in one transaction, a statement that fails being tried again after the
/// others: a declaration records no dependencies, so a statement may come before what it
/// needs (a domain whose CHECK calls a function, a view over a view). When a pass makes no
/// progress, the first statement still failing is the error, and nothing is left behind.
public func applyInAnyOrder(_ statements: [Statement], on connection: Connection) throws {
    try connection.transaction { c in
        let failed = try applyWhatApplies(statements, on: c)
        if let first = failed.first { throw StatementError(statement: first.0, underlying: first.1) }
    }
}

/// Inside an open transaction, runs each statement in a savepoint, again and again while a pass
/// makes progress; returns the statements that still fail, with their errors.
func applyWhatApplies(_ statements: [Statement], on connection: Connection) throws -> [(Statement, any Error)] {
    var pending = statements
    while !pending.isEmpty {
        var failed: [(Statement, any Error)] = []
        for statement in pending {
            try connection.execute("SAVEPOINT schemagen_statement")
            do {
                try connection.execute(statement.sql)
                try connection.execute("RELEASE SAVEPOINT schemagen_statement")
            } catch {
                try connection.execute("ROLLBACK TO SAVEPOINT schemagen_statement")
                failed.append((statement, error))
            }
        }
        if failed.count == pending.count { return failed }
        pending = failed.map(\.0)
    }
    return []
}

/// Which of `roles` the server of `connection` lacks, sorted.
public func missingRoles(_ roles: Set<String>, on connection: Connection) throws -> [String] {
    guard !roles.isEmpty else { return [] }
    let sorted = roles.sorted()
    let present = Set(try connection.query(
        "SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[])", [arrayLiteral(sorted)]).rows.compactMap { $0[0] })
    return sorted.filter { !present.contains($0) }
}

/// Throws `MissingRoles` when the server at `url` lacks one of `roles`: a grant to it would
/// fail mid-migration.
public func requireRoles(_ roles: Set<String>, at url: String) throws {
    guard !roles.isEmpty else { return }
    let missing = try missingRoles(roles, on: Connection(url: url))
    if !missing.isEmpty { throw MissingRoles(roles: missing, server: redactedURL(url)) }
}

/// Roles a declaration grants to (or names in a policy) that the server lacks.
public struct MissingRoles: Error, CustomStringConvertible {
    public var roles: [String]
    public var server: String

    public var description: String {
        let names = roles.map(quoteIdentifier).joined(separator: ", ")
        return "the declaration names role\(roles.count == 1 ? "" : "s") \(names), which the server \(server) lacks: "
            + "roles belong to the cluster, not to the schema; create \(roles.count == 1 ? "it" : "them") there first "
            + "(CREATE ROLE \(quoteIdentifier(roles[0])) …)"
    }
}

public struct StatementError: Error, CustomStringConvertible {
    public var statement: Statement
    public var underlying: any Error
    /// A name close to the one the server did not find (` (did you mean amount?)`), or empty.
    public var suggestion: String

    public init(statement: Statement, underlying: any Error, suggestion: String = "") {
        self.statement = statement
        self.underlying = underlying
        self.suggestion = suggestion
    }

    public var description: String {
        let place = statement.location.map { "\($0): " } ?? ""
        return "\(place)\(statement.summary) failed: \(errorText)\nstatement:\n\(statement.sql)"
    }

    /// The server's error, the suggestion ending its first line (before detail and hint).
    public var errorText: String {
        var error = "\(underlying)"
        error.insert(contentsOf: suggestion, at: error.firstIndex(of: "\n") ?? error.endIndex)
        return error
    }
}

/// Whether `printed` prints an expression differently from `declared` other than in a table's
/// defaults, checks, indexes, policies, triggers and bounds or in a view.
private func changedOutsideTables(_ printed: DatabaseModel, from declared: DatabaseModel) -> Bool {
    let domains = Dictionary(declared.domains.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
    let functions = Dictionary(declared.functions.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
    let tables = Dictionary(declared.tables.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
    return printed.domains.contains { d in
        domains[d.name].map { $0.defaultExpression != d.defaultExpression || $0.checks != d.checks } ?? false
    } || printed.functions.contains { f in
        functions[f.name].map { $0.arguments.map(\.defaultExpression) != f.arguments.map(\.defaultExpression) } ?? false
    } || printed.tables.contains { t in
        tables[t.name].map { $0.partitioning != t.partitioning } ?? false
    }
}
