import Foundation
import LibPQClient
import PostgresTextFormat
import SQLRenderer
import SchemaModel

/// Reads a live database into a `DatabaseModel`: every user schema's objects, leaving out
/// system schemas and whatever belongs to an extension. A fixed number of queries (see
/// `queryCount`), whatever the number of objects; each returns all objects of one kind.
public enum CatalogReader {
    public static var queryCount: Int { Query.allCases.count }

    /// Reads on one connection: in the caller's transaction when one is open, else in a
    /// read-only transaction of its own.
    public static func read(_ connection: Connection) throws -> DatabaseModel {
        try inReadTransaction(connection) { try readAll(on: connection) }
    }

    private static func readAll(on connection: Connection) throws -> DatabaseModel {
        var results = Results(connection: connection)
        let tables = try partial(from: &results)
        return try complete(tables, with: &results)
    }

    /// `body` in the caller's transaction when one is open, else in a read-only transaction of
    /// its own with the read's settings.
    private static func inReadTransaction<T>(_ connection: Connection, _ body: () throws -> T) throws -> T {
        guard !connection.inTransaction else { return try body() }
        try connection.execute(beginRead())
        do {
            let value = try body()
            try connection.execute("COMMIT")
            return value
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Reads over two connections at once, the second sharing the first's snapshot, so that
    /// both halves see the same catalog; each server backend does half the work. With one
    /// connection when a second is refused (a connection limit) or cannot share the snapshot.
    public static func read(url: String) throws -> DatabaseModel {
        let first = try Connection(url: url)
        guard let second = try? Connection(url: url), let snapshot = try? beginSnapshot(on: first) else {
            return try read(first)
        }
        do {
            try second.execute(beginRead(sharing: snapshot))
        } catch {
            try first.execute("ROLLBACK")
            return try read(first)
        }
        // The first connection's queries are run and turned into tables and columns while the
        // second's, the longer half, still run.
        let connections = [Unchecked(first), Unchecked(second)]
        var parts = try concurrently(2) { i -> (results: [Query: [Record]], partial: Partial?) in
            if i == 1 { return (try run(Query.openingTables, on: connections[1].value), nil) }
            var results = Results(connection: connections[0].value)
            return ([:], try partial(from: &results))
        }
        try second.execute("COMMIT")
        var results = Results(connection: first, fetched: parts[1].results)
        let tables = parts[0].partial!
        parts = []
        let model = try complete(tables, with: &results)
        try first.execute("COMMIT")
        return model
    }

    /// Query results, each fetched when it is first taken unless it was fetched already, and
    /// handed over once: a read holds few large results at a time, not all of them.
    private struct Results {
        let connection: Connection
        var fetched: [Query: [Record]] = [:]

        mutating func take(_ query: Query) throws -> [Record] {
            if let rows = fetched.removeValue(forKey: query) { return rows }
            return try withPlan(of: query) { try connection.query(query.sql).records }
        }

        /// `body`, which runs `query`, with the planner settings the query needs.
        private func withPlan<T>(of query: Query, _ body: () throws -> T) throws -> T {
            let hashJoins = Query.plannedWithHashJoins.contains(query)
            if hashJoins { try connection.execute("SET LOCAL enable_nestloop = off") }
            defer { if hashJoins { try? connection.execute("RESET enable_nestloop") } }
            return try body()
        }

        /// The rows of `query` a batch at a time, through a cursor (a read is always in a
        /// transaction).
        mutating func forEachBatch(_ query: Query, _ body: ([Record]) throws -> Void) throws {
            if let rows = fetched.removeValue(forKey: query) { return try body(rows) }
            // The cursor is planned when it is declared.
            try withPlan(of: query) { try connection.forEachBatch(of: query.sql, size: 20_000) { try body($0.records) } }
        }
    }

    /// A read-only repeatable-read transaction whose snapshot another session can share.
    private static func beginSnapshot(on connection: Connection) throws -> String {
        try connection.execute(beginRead())
        do {
            guard let id = try connection.query("SELECT pg_export_snapshot()").scalar else {
                throw LibPQError(message: "no snapshot")
            }
            return id
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// A read's transaction; a shared snapshot is taken on before anything else.
    private static func beginRead(sharing snapshot: String? = nil) -> String {
        "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; "
            + (snapshot.map { "SET TRANSACTION SNAPSHOT \(quoteLiteral($0)); " } ?? "") + sessionSettings
    }

    /// Sorts of tens of thousands of catalog rows stay in memory; no query here is worth
    /// compiling.
    /// A cursor's query is planned for all its rows, as the others are, not for the first few.
    /// PostgreSQL prints a name qualified unless its schema is on the search path: every read
    /// uses the same path, whatever a script run before (`pg_dump`'s output empties it) or the
    /// role's settings made it, so that two reads of the same objects print alike.
    private static let sessionSettings = """
        SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL cursor_tuple_fraction = 1; \
        SET LOCAL search_path = public;
        """

    private static func run(_ queries: [Query], on connection: Connection) throws -> [Query: [Record]] {
        var results: [Query: [Record]] = [:]
        for query in queries { results[query] = try connection.query(query.sql).records }
        return results
    }

    /// Tables and what their parts are named by, with everything else but the parts.
    private struct Partial: Sendable {
        var model: DatabaseModel
        var lookups: Lookups
        var tables: [Table]
        var positions: Positions
        var attributes: [String: Attributes]
        var names: ObjectNames
        /// Comments on columns by relation oid and column name: views' are read only here.
        var columnComments: [String: [String: String]]
    }

    /// Table positions by oid. Rows come a table at a time, so the last lookup is kept.
    private struct Positions: Sendable {
        var byOid: [String: Int] = [:]
        private var last: (oid: String, position: Int?) = ("", nil)

        mutating func of(_ oid: String) -> Int? {
            if oid != last.oid { last = (oid, byOid[oid]) }
            return last.position
        }
    }

    /// The model from every query but `Query.openingTables`.
    /// Takes the results it reads out of `results`, so that each is freed once read.
    private static func partial(from results: inout Results) throws -> Partial {
        let lookupRows = try results.take(.lookups)
        let lookups = Lookups(lookupRows)
        var names = ObjectNames()
        var model = DatabaseModel()
        model.namespaces = try results.take(.namespaces).map { r in
            names.namespaces[r.string("oid")] = .schema(r.string("nspname"))
            return Namespace(name: r.string("nspname"), comment: r["comment"])
        }
        model.extensions = try results.take(.extensions).map { r in
            names.extensions[r.string("oid")] = .extension(r.string("extname"))
            return Extension(name: r.string("extname"), schema: r["schema"], version: r["extversion"])
        }
        for r in lookupRows where r.string("kind") == "type" {
            names.types[r.string("oid")] = .type(QualifiedName(schema: r.string("nspname"), r.string("name")))
        }
        model.defaultPrivileges = try results.take(.defaultPrivileges).compactMap { r in
            let objects: DefaultPrivilege.Objects? = switch r.string("objects") {
            case "r": .tables
            case "S": .sequences
            case "f": .functions
            case "T": .types
            case "n": .schemas
            default: nil
            }
            return objects.map {
                DefaultPrivilege(role: r["role"], schema: r["schema"], objects: $0, privilege: r.string("privilege_type"),
                                 grantee: r.string("grantee"), withGrantOption: r.bool("is_grantable"),
                                 revokesDefault: r.bool("revoked"))
            }
        }
        model.enums = try results.take(.enums).map {
            EnumType(name: qualified($0, "nspname", "typname"), labels: try json($0["labels"]), comment: $0["comment"])
        }
        model.domains = try results.take(.domains).map { r in
            let checks: [DomainCheckRow] = try json(r["checks"])
            let name = qualified(r, "nspname", "typname")
            for c in checks { names.constraints[c.oid] = .type(name) }
            return Domain(
                name: name, baseType: lookups.dataType(r, prefix: "base_"),
                collation: r["collation"].flatMap { lookups.collations[$0] },
                isNullable: !r.bool("typnotnull"), defaultExpression: r["typdefault"],
                checks: checks.map {
                    .init(name: $0.name, expression: checkExpression($0.definition), isValid: $0.valid, comment: $0.comment)
                },
                comment: r["comment"])
        }

        model.collations = try results.take(.collations).map { r in
            let name = qualified(r, "nspname", "collname")
            names.collations[r.string("oid")] = .collation(name)
            let icu = r.string("collprovider") == "i"
            let collate = r["collcollate"] ?? "", ctype = r["collctype"] ?? ""
            return Collation(
                name: name, provider: icu ? .icu : .libc, locale: icu ? r.string("icu_locale") : collate,
                ctype: icu || ctype == collate ? nil : ctype, deterministic: r.bool("collisdeterministic"),
                comment: r["comment"])
        }
        // Composite types get their attributes with the columns below, by `typrelid`.
        var composites: [String: Int] = [:]
        for r in try results.take(.types) {
            let name = qualified(r, "nspname", "typname")
            names.types[r.string("oid")] = .type(name)
            if r.string("typtype") == "c" {
                names.classes[r.string("typrelid")] = .type(name)
                composites[r.string("typrelid")] = model.compositeTypes.count
                model.compositeTypes.append(CompositeType(name: name, attributes: [], comment: r["comment"]))
                continue
            }
            let multirange = r["multirange"].flatMap { $0 == RangeType.defaultMultirangeName(for: name.name) ? nil : $0 }
            model.rangeTypes.append(RangeType(
                name: name, subtype: lookups.dataType(r, prefix: "sub_"),
                subtypeOpclass: r["opclass"].flatMap { lookups.opclasses[$0] },
                collation: r["collation"].flatMap { lookups.collations[$0] }, canonical: r["canonical"],
                subtypeDiff: r["subtype_diff"], multirangeName: multirange, comment: r["comment"]))
        }

        // Tables by oid; everything that belongs to a table names it by oid, and what belongs
        // to no table read here (a system or extension table) is left out. The queries return
        // a table's rows together, so the position is looked up once per table.
        var tables: [Table] = []
        var positions = Positions()
        for r in try results.take(.tables) {
            var table = Table(name: qualified(r, "nspname", "relname"), rowLevelSecurity: r.bool("relrowsecurity"),
                              forceRowLevelSecurity: r.bool("relforcerowsecurity"), isUnlogged: r.bool("unlogged"),
                              storageParameters: reloptions(r["reloptions"]), comment: r["comment"])
            if let key = r["partkey"] { table.partitioning = partitioning(key) }
            switch r.string("relreplident") {
            case "f": table.replicaIdentity = .full
            case "n": table.replicaIdentity = .nothing
            case "i": table.replicaIdentity = r["replica_index"].map { .index($0) } ?? .default
            default: break
            }
            table.clusterIndex = r["cluster_index"]
            let parents: [[String]] = try json(r["inherits"])
            table.inherits = parents.map { QualifiedName(schema: $0[0], $0[1]) }
            if let parentName = r["parent_relname"] {
                table.partitionOf = PartitionOf(parent: QualifiedName(schema: r.string("parent_nspname"), parentName),
                                                bound: r.string("bound"))
            }
            positions.byOid[r.string("oid")] = tables.count
            names.classes[r.string("oid")] = table.id
            names.types[r.string("reltype")] = table.id
            tables.append(table)
        }
        // Identity sequences belong to their column; the others are sequences of their own.
        var identities: [String: [String: (name: String, options: SequenceOptions)]] = [:]
        var owners: [(sequence: Int, table: String, attnum: String)] = []
        for r in try results.take(.sequences) {
            let name = qualified(r, "nspname", "relname")
            let options = SequenceOptions(
                type: lookups.dataType(r, prefix: ""), start: Int64(r.string("seqstart")),
                increment: Int64(r.string("seqincrement")) ?? 1, minValue: Int64(r.string("seqmin")),
                maxValue: Int64(r.string("seqmax")), cache: Int64(r.string("seqcache")) ?? 1,
                cycle: r.bool("seqcycle")).normalised
            if r["owner_deptype"] == "i" {
                identities[r.string("owner_oid"), default: [:]][r.string("owner_attnum")] = (name.name, options)
                // Named for the privileges on it.
                names.classes[r.string("oid")] = .sequence(name)
                continue
            }
            names.classes[r.string("oid")] = .sequence(name)
            names.sequences.insert(r.string("oid"))
            if r["owner_deptype"] == "a" {
                owners.append((model.sequences.count, r.string("owner_oid"), r.string("owner_attnum")))
            }
            model.sequences.append(Sequence(name: name, options: options, comment: r["comment"]))
        }

        var attributes: [String: Attributes] = [:]
        var columnComments: [String: [String: String]] = [:]
        var current = Attributes()
        var currentOid = ""
        let columnRows = try results.take(.columns)
        for (row, r) in columnRows.enumerated() {
            let oid = r.string("attrelid")
            if oid != currentOid {
                if !currentOid.isEmpty { attributes[currentOid] = current }
                (current, currentOid) = (Attributes(), oid)
                // A relation's columns come together: its arrays are made once, at their size.
                let count = columnRows[row...].prefix { $0.string("attrelid") == oid }.count
                current.reserveCapacity(count)
                if let t = positions.of(oid) { tables[t].columns.reserveCapacity(tables[t].columns.count + count) }
            }
            let attnum = r.string("attnum")
            current.add(number: attnum, name: r.string("attname"), collation: r.string("attcollation"))
            if let c = composites[oid] {
                model.compositeTypes[c].attributes.append(CompositeType.Attribute(
                    name: r.string("attname"), type: lookups.dataType(r, prefix: ""),
                    collation: r["collation"].flatMap { lookups.collations[$0] }, comment: r["comment"]))
                continue
            }
            guard let t = positions.of(oid) else {
                // A view's or materialized view's column: its comment is kept for the view.
                if let comment = r["comment"] { columnComments[oid, default: [:]][r.string("attname")] = comment }
                continue
            }
            if let attrdef = r["attrdef_oid"] { names.attrdefs[attrdef] = .columnDefault(tables[t].name, r.string("attname")) }
            // A partition's columns are its parent's.
            if tables[t].partitionOf != nil { continue }
            let generated = r.string("attgenerated") == "s"
            let type = lookups.dataType(r, prefix: "")
            var identity: Column.Identity?
            if let kind = Column.Identity.Generation(code: r.string("attidentity")) {
                var i = Column.Identity(kind)
                if let sequence = identities[oid]?[attnum] {
                    var options = sequence.options
                    options.type = type
                    i.options = options.normalised
                    if sequence.name != defaultObjectName(table: tables[t].name.name, columns: [r.string("attname")], label: "seq") {
                        i.sequenceName = sequence.name
                    }
                }
                // The sequence's type is the column's, so the options leave it at the default.
                i.options.type = .bigint
                identity = i
            }
            var column = Column(
                name: r.string("attname"), type: type, isNullable: !r.bool("attnotnull"),
                defaultExpression: generated ? nil : r["default"], identity: identity,
                generatedExpression: generated ? r["default"] : nil,
                collation: r["collation"].flatMap { lookups.collations[$0] },
                storage: r["storage"].flatMap(storageName), compression: r["compression"],
                statisticsTarget: r["statistics"].flatMap { Int($0) }, comment: r["comment"])
            column.isInherited = !r.bool("attislocal")
            tables[t].columns.append(column)
        }
        if !currentOid.isEmpty { attributes[currentOid] = current }
        for owner in owners {
            guard let t = positions.of(owner.table), let column = attributes[owner.table]?.name(owner.attnum) else { continue }
            model.sequences[owner.sequence].ownedBy = ColumnName(table: tables[t].name, column: column)
        }
        model.functions = try results.take(.functions).map { r in
            let f = try function(r, lookups: lookups)
            names.functions[r.string("oid")] = f.id
            return f
        }
        for r in try results.take(.unmanaged) {
            let object = UnmanagedObject(kind: r.string("kind"), identity: r.string("identity"), schema: r.string("nspname"))
            // A row about a table's settings names the table, which is managed itself.
            if !["column options", "tablespace placement", "table access method"].contains(object.kind) {
                names.unmanaged[r.string("classid") + "/" + r.string("objid")] = .unmanaged(object.description)
            }
            model.unmanaged.append(object)
        }
        return Partial(model: model, lookups: lookups, tables: tables, positions: positions, attributes: attributes,
                       names: names, columnComments: columnComments)
    }

    /// The partial model completed from every query's results: the parts `Query.openingTables`
    /// read, the privileges (on objects named only now) and the dependencies between everything.
    private static func complete(_ partial: Partial, with results: inout Results) throws
        -> DatabaseModel
    {
        var model = partial.model
        var tables = partial.tables
        var positions = partial.positions
        var names = partial.names
        let attributes = partial.attributes
        var constraintIndexes = Set<String>()
        for r in try results.take(.constraints) {
            guard let t = positions.of(r.string("conrelid")) else { continue }
            let c = try constraint(r, attributes: attributes)
            if let parent = r["parent_constraint"] {
                // A partition's key or foreign key made from its parent's: only its name is its own.
                if ["p", "u", "x"].contains(r.string("contype")) { constraintIndexes.insert(r.string("conindid")) }
                let label = ["p": "pkey", "u": "key", "x": "excl"][r.string("contype")]
                let isDefault = label.map {
                    isDefaultPartitionName(c.name, partition: tables[t].name.name, columns: c.columns, label: $0)
                } ?? (c.name == parent)
                if !isDefault { tables[t].attachedConstraintNames[parent] = c.name }
                continue
            }
            let id = ObjectID.constraint(tables[t].name, c.name)
            names.constraints[r.string("oid")] = id
            switch r.string("contype") {
            case "p", "u", "x":
                constraintIndexes.insert(r.string("conindid"))
                names.classes[r.string("conindid")] = id
            default: break
            }
            tables[t].constraints.append(c)
        }
        var viewPositions: [String: Int] = [:]
        model.views = try results.take(.views).map { r in
            var options = reloptions(r["reloptions"])
            var check: View.CheckOption?
            if let option = options.first(where: { $0.hasPrefix("check_option=") }) {
                options.removeAll { $0 == option }
                check = option.hasSuffix("cascaded") ? .cascaded : .local
            }
            var view = View(
                name: qualified(r, "nspname", "relname"), query: r.string("definition"),
                isMaterialized: r.string("relkind") == "m", options: options, checkOption: check,
                withData: r.bool("relispopulated"), comment: r["comment"])
            view.columnComments = partial.columnComments[r.string("oid")] ?? [:]
            viewPositions[r.string("oid")] = viewPositions.count
            names.classes[r.string("oid")] = view.id
            names.types[r.string("reltype")] = view.id
            return view
        }
        for r in try results.take(.indexes) {
            let oid = r.string("indrelid")
            guard !constraintIndexes.contains(r.string("indexrelid")) else { continue }
            if let parent = r["parent_index"] {
                guard let t = positions.of(oid) else { continue }
                let i = index(r, attributes: attributes[oid] ?? Attributes(), lookups: partial.lookups)
                let columns = i.keys.map { $0.column ?? "expr" } + i.include
                if !isDefaultPartitionName(i.name, partition: tables[t].name.name, columns: columns, label: "idx") {
                    tables[t].attachedIndexNames[parent] = i.name
                }
                continue
            }
            if let t = positions.of(oid) {
                let i = index(r, attributes: attributes[oid] ?? Attributes(), lookups: partial.lookups)
                names.classes[r.string("indexrelid")] = tables[t].indexID(i)
                tables[t].indexes.append(i)
            } else if let v = viewPositions[oid] {
                let i = index(r, attributes: attributes[oid] ?? Attributes(), lookups: partial.lookups)
                names.classes[r.string("indexrelid")] = .index(QualifiedName(schema: model.views[v].name.schema, i.name))
                model.views[v].indexes.append(i)
            }
        }
        for r in try results.take(.triggers) {
            let oid = r.string("tgrelid")
            if let t = positions.of(oid) {
                let g = trigger(r, attributes: attributes[oid] ?? Attributes())
                names.triggers[r.string("oid")] = .trigger(tables[t].name, g.name)
                tables[t].triggers.append(g)
            } else if let v = viewPositions[oid] {
                // INSTEAD OF row triggers, and statement triggers, on a view.
                let g = trigger(r, attributes: attributes[oid] ?? Attributes())
                names.triggers[r.string("oid")] = .trigger(model.views[v].name, g.name)
                model.views[v].triggers.append(g)
            }
        }
        for r in try results.take(.policies) {
            guard let t = positions.of(r.string("polrelid")) else { continue }
            let command: Policy.Command = switch r.string("polcmd") {
            case "r": .select
            case "a": .insert
            case "w": .update
            case "d": .delete
            default: .all
            }
            let p = Policy(
                name: r.string("polname"), command: command, isPermissive: r.bool("polpermissive"),
                roles: (try json(r["roles"]) as [String]).filter { $0 != "public" }, using: r["using"],
                withCheck: r["with_check"], comment: r["comment"])
            names.policies[r.string("oid")] = .policy(tables[t].name, p.name)
            tables[t].policies.append(p)
        }
        model.tables = tables
        names.attributes = attributes
        model.grants = try results.take(.privileges).compactMap { r in
            let object: ObjectID? = r["schema"].map { .schema($0) }
                ?? names.object(r.string("classid"), r.string("objid"), r.string("objsubid"))
            guard let object else { return nil }
            var grant = Grant(object: object, privilege: r.string("privilege_type"), grantee: r.string("grantee"),
                              withGrantOption: r.bool("is_grantable"), revokesDefault: r.bool("revoked"))
            if case .column(let t, let c) = object {
                grant.object = .table(t)
                grant.column = c
            }
            return grant
        }
        // The largest result by far (a row per column of every key, index and default, and
        // more): read a batch at a time, unless unmanaged objects need every row seen first.
        var dependencies = Dependencies()
        dependencies.reserveCapacity(names.objectCount)
        if names.unmanaged.isEmpty {
            try results.forEachBatch(.dependencies) { names.add($0, owners: [:], to: &dependencies) }
        } else {
            let rows = try results.take(.dependencies)
            names.add(rows, owners: names.owners(rows), to: &dependencies)
        }
        // With what the model's structure states, here where the graph is made: planning then
        // finds nothing to add, and uses this graph rather than a copy of it.
        model.addStructuralDependencies(to: &dependencies)
        model.dependencies = dependencies
        return model
    }

    /// The output columns of every view, in one query. PostgreSQL does not know whether a view
    /// column can be NULL, so every one is nullable.
    public static func viewColumns(_ connection: Connection) throws -> [QualifiedName: [Column]] {
        try inReadTransaction(connection) {
            let lookups = Lookups(try connection.query(Query.lookups.sql).records)
            var columns: [QualifiedName: [Column]] = [:]
            for r in try connection.query(viewColumnsQuery).records {
                columns[qualified(r, "nspname", "relname"), default: []].append(
                    Column(name: r.string("attname"), type: lookups.dataType(r, prefix: "")))
            }
            return columns
        }
    }

    // MARK: Rows to model

    private static func qualified(_ r: Record, _ schema: String, _ name: String) -> QualifiedName {
        QualifiedName(schema: r.string(schema), r.string(name))
    }

    private static func constraint(_ r: Record, attributes: [String: Attributes]) throws -> Constraint {
        let columns = attributes[r.string("conrelid")]?.names(r.string("conkey")) ?? []
        let deferrable = Deferrable(deferrable: r.bool("condeferrable"), initiallyDeferred: r.bool("condeferred"))
        let kind: Constraint.Kind
        switch r.string("contype") {
        case "p": kind = .primaryKey(columns: columns)
        case "u": kind = .unique(columns: columns, nullsNotDistinct: r.bool("nulls_not_distinct"))
        case "c": kind = .check(expression: checkExpression(r.string("definition")))
        case "f":
            func action(_ code: String) -> ForeignKey.Action {
                switch code {
                case "r": .restrict
                case "c": .cascade
                case "n": .setNull
                case "d": .setDefault
                default: .noAction
                }
            }
            var fk = ForeignKey(
                columns: columns,
                referencedTable: QualifiedName(schema: r.string("ref_nspname"), r.string("ref_relname")),
                referencedColumns: attributes[r.string("confrelid")]?.names(r.string("confkey")) ?? [],
                onDelete: action(r.string("confdeltype")), onUpdate: action(r.string("confupdtype")),
                match: r.string("confmatchtype") == "f" ? .full : .simple)
            fk.onDeleteColumns = r["confdelsetcols"].map { attributes[r.string("conrelid")]?.names($0) ?? [] } ?? []
            kind = .foreignKey(fk)
        default:
            let elements: [ExclusionRow] = try json(r["exclusion"])
            kind = .exclusion(Exclusion(
                method: IndexMethod(rawValue: r.string("amname")) ?? .gist,
                elements: elements.map { e in
                    e.column.map { .init(column: $0, operator: e.op) } ?? .init(expression: e.expression ?? "", operator: e.op)
                },
                predicate: r["predicate"]))
        }
        // The index behind a key or exclusion constraint: its INCLUDE columns and storage parameters.
        var include: [String] = []
        if let keys = r["index_attnums"], let keyCount = Int(r.string("indnkeyatts")) {
            let numbers = keys.split(separator: " ").map(String.init)
            include = numbers.dropFirst(keyCount).compactMap { attributes[r.string("conrelid")]?.name($0) }
        }
        return Constraint(
            name: r.string("conname"), kind: kind, deferrable: deferrable, isValid: r.bool("convalidated"),
            noInherit: r.bool("connoinherit"), include: include, storageParameters: reloptions(r["index_reloptions"]),
            comment: r["comment"])
    }

    private static func index(_ r: Record, attributes: Attributes, lookups: Lookups) -> Index {
        let numbers = r.string("attnums").split(separator: " ")
        let opclasses = r.string("opclasses").split(separator: " ")
        let collations = r.string("collations").split(separator: " ")
        let options = r.string("options").split(separator: " ").map { Int($0) ?? 0 }
        var expressions = (r["expressions"].map(splitTopLevel) ?? [])[...]
        let keyCount = Int(r.string("indnkeyatts"))!
        let opclassOptions = Dictionary(
            ((try? json(r["opclass_options"]) as [OpclassOptionsRow]) ?? []).map { ($0.n - 1, reloptions($0.options)) },
            uniquingKeysWith: { a, _ in a })
        var keys: [IndexKey] = []
        var include: [String] = []
        for (i, number) in numbers.enumerated() {
            let column = number == "0" ? nil : attributes.name(number)
            guard i < keyCount else {
                include += column.map { [$0] } ?? []
                continue
            }
            let desc = options[i] & 1 != 0
            let nullsFirst = options[i] & 2 != 0
            // A collation is named where it is not the column's own (or, for an expression, not
            // the default).
            let collation = String(collations[i])
            let named = collation != "0" && collation != "100" && collation != attributes.collation(number)
            var opclass = lookups.opclasses[String(opclasses[i])]
            if let parameters = opclassOptions[i], !parameters.isEmpty {
                opclass = (opclass ?? lookups.defaultOpclasses[String(opclasses[i])] ?? "")
                    + "(\(parameters.map(parameter).joined(separator: ", ")))"
            }
            keys.append(IndexKey(
                number == "0" ? .expression(expressions.popFirst() ?? "") : column.map { .column($0) } ?? .expression(""),
                opclass: opclass,
                collation: named ? lookups.collations[collation] : nil, order: desc ? .desc : .asc,
                nulls: desc == nullsFirst ? nil : (nullsFirst ? .first : .last)))
        }
        return Index(
            name: r.string("indexname"), isUnique: r.bool("indisunique"),
            method: IndexMethod(rawValue: r.string("amname")) ?? .btree, keys: keys,
            include: include, predicate: r["predicate"],
            nullsNotDistinct: r.bool("nulls_not_distinct"), storageParameters: reloptions(r["reloptions"]),
            comment: r["comment"])
    }

    private static func trigger(_ r: Record, attributes: Attributes) -> Trigger {
        let type = Int(r.string("tgtype"))!
        var events: [Trigger.Event] = []
        if type & 4 != 0 { events.append(.insert) }
        if type & 16 != 0 {
            events.append(.update(columns: r.string("update_attnums").split(separator: " ").compactMap { attributes.name($0) }))
        }
        if type & 8 != 0 { events.append(.delete) }
        if type & 32 != 0 { events.append(.truncate) }
        let timing: Trigger.Timing = type & 2 != 0 ? .before : type & 64 != 0 ? .insteadOf : .after
        // pg_get_triggerdef is the only place the WHEN condition is printed.
        let definition = r.string("definition")
        var condition: String?
        if let when = byteRange(of: " WHEN (", in: definition),
           let execute = byteRange(of: ") EXECUTE ", in: definition, last: true) {
            condition = String(definition[when.upperBound..<execute.lowerBound])
        }
        var trigger = Trigger(
            name: r.string("tgname"), timing: timing, events: events, level: type & 1 != 0 ? .row : .statement,
            condition: condition, function: QualifiedName(schema: r.string("fn_nspname"), r.string("fn_proname")),
            arguments: triggerArguments(definition), comment: r["comment"])
        trigger.firing = Trigger.Firing(rawValue: r.string("tgenabled")) ?? .origin
        if r.bool("is_constraint") {
            trigger.constraint = Trigger.ConstraintTrigger(
                deferrable: Deferrable(deferrable: r.bool("tgdeferrable"), initiallyDeferred: r.bool("tginitdeferred")),
                referencedTable: r["ref_relname"].map { QualifiedName(schema: r.string("ref_nspname"), $0) })
        }
        trigger.oldTable = r["tgoldtable"]
        trigger.newTable = r["tgnewtable"]
        return trigger
    }

    private static func function(_ r: Record, lookups: Lookups) throws -> Function {
        let arguments: [ArgumentRow] = try json(r["arguments"])
        let defaults = splitTopLevel(r["defaults"] ?? "")
        // Defaults belong to the last input arguments.
        let inputs = arguments.indices.filter { arguments[$0].mode != "o" && arguments[$0].mode != "t" }
        var modelArguments: [Function.Argument] = []
        var tableColumns: [Function.Argument] = []
        for (i, a) in arguments.enumerated() {
            let type = lookups.types[a.typid] ?? parseType(a.formatted)
            if a.mode == "t" {
                tableColumns.append(.init(name: a.name, type: type, mode: .out))
                continue
            }
            let mode: Function.Argument.Mode = switch a.mode {
            case "o": .out
            case "b": .inout
            case "v": .variadic
            default: .in
            }
            var argument = Function.Argument(name: a.name, type: type, mode: mode)
            if let position = inputs.firstIndex(of: i), position >= inputs.count - defaults.count {
                argument.defaultExpression = defaults[position - (inputs.count - defaults.count)]
            }
            modelArguments.append(argument)
        }
        var returns: Function.Returns?
        if r.string("prokind") != "p" {
            let returnType = lookups.dataType(r, prefix: "ret_")
            if !tableColumns.isEmpty {
                returns = .table(tableColumns)
            } else if r.bool("proretset") {
                returns = .setOf(returnType)
            } else if case .other("trigger") = returnType {
                returns = .trigger
            } else if case .other("void") = returnType {
                returns = .void
            } else {
                returns = .type(returnType)
            }
        }
        let volatility: Function.Volatility = switch r.string("provolatile") {
        case "i": .immutable
        case "s": .stable
        default: .volatile
        }
        let language = Function.Language(rawValue: r.string("lanname"))
        let parallel: Function.Parallel = switch r.string("proparallel") {
        case "s": .safe
        case "r": .restricted
        default: .unsafe
        }
        // PostgreSQL's defaults: cost 1 for C and internal functions, 100 otherwise; 1000 rows
        // for a set-returning function.
        let cost = Double(r.string("procost"))
        let defaultCost: Double = ["c", "internal"].contains(language.rawValue) ? 1 : 100
        let rows = Double(r.string("prorows"))
        let defaultRows: Double = r.bool("proretset") ? 1000 : 0
        let settings = (r["config"].flatMap(parseArrayLiteral) ?? []).compactMap { item -> Function.Setting? in
            guard let item, let eq = item.firstIndex(of: "=") else { return nil }
            return .init(name: String(item[..<eq]), value: String(item[item.index(after: eq)...]))
        }
        return Function(
            name: qualified(r, "nspname", "proname"), arguments: modelArguments, returns: returns,
            language: language, volatility: volatility,
            isStrict: r.bool("proisstrict"), isSecurityDefiner: r.bool("prosecdef"), isLeakproof: r.bool("proleakproof"),
            parallel: parallel, cost: cost == defaultCost ? nil : cost, rows: rows == defaultRows ? nil : rows,
            settings: settings, body: r["sqlbody"] ?? r.string("prosrc"), isSQLStandardBody: r["sqlbody"] != nil,
            comment: r["comment"])
    }

    /// A JSON list; NULL (an aggregate of no rows, which most are) is empty without decoding.
    private static func json<Element: Decodable>(_ text: String?) throws -> [Element] {
        guard let text else { return [] }
        return try decoder.decode([Element].self, from: Data(text.utf8))
    }

    /// One decoder for all nested lists: making one per value was a tenth of a large read.
    private static let decoder = JSONDecoder()
}

/// What the reader resolves by oid instead of joining per row: enums and domains (and arrays
/// of them), operator classes that are not their type's default, collations.
private struct Lookups: Sendable {
    var types: [String: DataType] = [:]
    /// Operator classes an index key must name: those that are not their type's default.
    var opclasses: [String: String] = [:]
    var defaultOpclasses: [String: String] = [:]
    var collations: [String: String] = [:]

    init(_ records: [Record]) {
        for r in records {
            let oid = r.string("oid")
            switch r.string("kind") {
            case "type":
                let named = DataType.named(QualifiedName(schema: r.string("nspname"), r.string("name")))
                types[oid] = r.bool("flag") ? .array(named) : named
            case "opclass":
                let schema = r.string("nspname")
                let name = ["pg_catalog", "public"].contains(schema)
                    ? quoteIdentifier(r.string("name")) : quoteIdentifier(schema) + "." + quoteIdentifier(r.string("name"))
                if r.bool("flag") { defaultOpclasses[oid] = name } else { opclasses[oid] = name }
            default: collations[oid] = r.string("name")
            }
        }
    }

    /// A type from `<prefix>typid` when it is an enum or domain, else from `<prefix>formatted`.
    func dataType(_ r: Record, prefix: String) -> DataType {
        // Most types are columns' (no prefix): their field names are not made again per row.
        let (typid, formatted) = prefix.isEmpty ? ("typid", "formatted") : (prefix + "typid", prefix + "formatted")
        return types[r.string(typid)] ?? parseType(r.string(formatted))
    }
}

/// A table's column names and collation oids by attribute number.
/// A relation's attributes by number, as constraints, indexes and `pg_depend` name them.
struct Attributes: Sendable {
    /// Name and collation oid of attribute `n` at `n - 1`; nil for a number not read (a
    /// dropped column). Arrays, as numbers run from 1 with few gaps.
    private var names: [String?] = []
    private var collations: [String?] = []

    /// The highest attribute number.
    var count: Int { names.count }

    mutating func reserveCapacity(_ count: Int) {
        names.reserveCapacity(count)
        collations.reserveCapacity(count)
    }

    mutating func add(number: String, name: String, collation: String) {
        guard let n = Int(number), n > 0 else { return }
        if names.count < n {
            names += repeatElement(nil, count: n - names.count)
            collations += repeatElement(nil, count: n - collations.count)
        }
        names[n - 1] = name
        collations[n - 1] = collation
    }

    /// The name of attribute `number` (as PostgreSQL prints it).
    func name(_ number: some StringProtocol) -> String? {
        guard let n = Int(number), n > 0, n <= names.count else { return nil }
        return names[n - 1]
    }

    func collation(_ number: some StringProtocol) -> String? {
        guard let n = Int(number), n > 0, n <= collations.count else { return nil }
        return collations[n - 1]
    }

    /// The names of `{1,3}` (an int2[] as PostgreSQL prints it), in order.
    func names(_ numbers: String) -> [String] {
        numbers.dropFirst().dropLast().split(separator: ",").compactMap { name($0) }
    }
}

/// A value handed to another thread that only that thread uses from then on.
private struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

private struct DomainCheckRow: Decodable {
    var oid: String
    var name: String
    var definition: String
    var valid: Bool
    var comment: String?
}
private struct OpclassOptionsRow: Decodable { var n: Int; var options: String }
private struct ExclusionRow: Decodable { var column: String?; var expression: String?; var op: String }
private struct ArgumentRow: Decodable {
    var name: String?
    var mode: String
    var formatted: String
    var typid: String
}

/// `{fillfactor=70,autovacuum_enabled=off}` → `["fillfactor=70", "autovacuum_enabled=off"]`.
func reloptions(_ text: String?) -> [String] {
    (text.flatMap(parseArrayLiteral) ?? []).compactMap { $0 }
}

/// `siglen=32` → `siglen='32'`, as an operator class's parameters are written.
func parameter(_ option: String) -> String {
    guard let eq = option.firstIndex(of: "=") else { return option }
    return quoteIdentifier(String(option[..<eq])) + "=" + quoteLiteral(String(option[option.index(after: eq)...]))
}

/// `attstorage` codes as `SET STORAGE` spells them.
func storageName(_ code: String) -> String? {
    switch code {
    case "p": return "plain"
    case "e": return "external"
    case "m": return "main"
    case "x": return "extended"
    default: return nil
    }
}

extension Column.Identity.Generation {
    init?(code: String) {
        switch code {
        case "a": self = .always
        case "d": self = .byDefault
        default: return nil
        }
    }
}

/// `CHECK ((amount > 0))` → `(amount > 0)`: the expression as PostgreSQL prints it.
func checkExpression(_ definition: String) -> String {
    var text = Substring(definition)
    if text.hasPrefix("CHECK (") { text = text.dropFirst("CHECK (".count) }
    if text.hasSuffix(" NOT VALID") { text = text.dropLast(" NOT VALID".count) }
    if text.hasSuffix(" NO INHERIT") { text = text.dropLast(" NO INHERIT".count) }
    if let end = text.lastIndex(of: ")") { text = text[..<end] }
    return String(text)
}

/// `RANGE (created_at)` → strategy and key.
func partitioning(_ definition: String) -> Partitioning? {
    guard let open = definition.firstIndex(of: "("),
          let strategy = Partitioning.Strategy(rawValue: String(definition[..<open]).trimmingCharacters(in: .whitespaces))
    else { return nil }
    let inner = definition[definition.index(after: open)..<definition.index(before: definition.endIndex)]
    return Partitioning(strategy: strategy, key: splitTopLevel(String(inner)))
}

/// A built-in type from its `format_type` spelling; anything unknown is kept verbatim.
public func parseType(_ spelling: String) -> DataType {
    if let type = builtinTypeSpellings[spelling] { return type }
    if spelling.hasSuffix("[]") { return .array(parseType(String(spelling.dropLast(2)))) }
    func arguments(_ prefix: String) -> [Int]? {
        guard spelling.hasPrefix(prefix + "("), spelling.hasSuffix(")") else { return nil }
        return spelling.dropFirst(prefix.count + 1).dropLast().split(separator: ",").compactMap { Int($0) }
    }
    if let n = arguments("numeric"), n.count == 2 { return .numeric(precision: n[0], scale: n[1]) }
    if let n = arguments("character varying"), n.count == 1 { return .varchar(n[0]) }
    if let n = arguments("character"), n.count == 1 { return .char(n[0]) }
    return .other(spelling)
}

/// The spellings of built-in types without arguments: found by one lookup, as a catalog read
/// parses a type per column.
private let builtinTypeSpellings: [String: DataType] = [
    "smallint": .smallint, "integer": .integer, "bigint": .bigint, "numeric": .numeric(precision: nil, scale: nil),
    "real": .real, "double precision": .doublePrecision, "boolean": .boolean, "text": .text,
    "character varying": .varchar(nil), "uuid": .uuid, "jsonb": .jsonb, "json": .json, "bytea": .bytea, "date": .date,
    "timestamp without time zone": .timestamp, "timestamp with time zone": .timestamptz, "interval": .interval,
    "inet": .inet,
]

/// Splits `a, f(b, c), 'x,y'` at top-level commas.
func splitTopLevel(_ text: String) -> [String] {
    if !text.utf8.contains(UInt8(ascii: ",")) {
        let only = text.trimmingCharacters(in: .whitespaces)
        return only.isEmpty ? [] : [only]
    }
    var parts: [String] = []
    var current = ""
    var depth = 0
    var quote: Character?
    for ch in text {
        if let q = quote {
            if ch == q { quote = nil }
        } else if ch == "'" || ch == "\"" {
            quote = ch
        } else if ch == "(" || ch == "[" {
            depth += 1
        } else if ch == ")" || ch == "]" {
            depth -= 1
        } else if ch == "," && depth == 0 {
            parts.append(current.trimmingCharacters(in: .whitespaces))
            current = ""
            continue
        }
        current.append(ch)
    }
    let last = current.trimmingCharacters(in: .whitespaces)
    if !last.isEmpty { parts.append(last) }
    return parts
}

/// Where `needle` first (or last) is in `text`, found comparing bytes: thousands of trigger
/// definitions are searched a few times each, and Foundation's and the standard library's
/// searches cost more than the rest of reading a trigger.
func byteRange(of needle: String, in text: String, last: Bool = false) -> Range<String.Index>? {
    let pattern = Array(needle.utf8)
    func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
        let limit = bytes.count - pattern.count
        for step in 0...limit {
            let i = last ? limit - step : step
            if bytes[i] == pattern[0] && (1..<pattern.count).allSatisfy({ bytes[i + $0] == pattern[$0] }) { return i }
        }
        return nil
    }
    let offset = text.utf8.withContiguousStorageIfAvailable(search) ?? Array(text.utf8).withUnsafeBufferPointer(search)
    guard let offset else { return nil }
    let lower = text.utf8.index(text.startIndex, offsetBy: offset)
    return lower..<text.utf8.index(lower, offsetBy: pattern.count)
}

/// The arguments in `… EXECUTE FUNCTION f('a', 'it''s')`, unquoted.
func triggerArguments(_ definition: String) -> [String] {
    guard let execute = byteRange(of: " EXECUTE FUNCTION ", in: definition),
          let open = definition[execute.upperBound...].firstIndex(of: "("),
          definition.hasSuffix(")") else { return [] }
    let inner = String(definition[definition.index(after: open)..<definition.index(before: definition.endIndex)])
    return splitTopLevel(inner).map { literal in
        guard literal.hasPrefix("'"), literal.hasSuffix("'"), literal.count >= 2 else { return literal }
        return String(literal.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
    }
}

/// What each oid read names, by catalog, to turn `pg_depend` rows into object dependencies.
private struct ObjectNames: Sendable {
    var classes: [String: ObjectID] = [:]
    var sequences = Set<String>()
    var types: [String: ObjectID] = [:]
    var functions: [String: ObjectID] = [:]
    var constraints: [String: ObjectID] = [:]
    var attrdefs: [String: ObjectID] = [:]
    var triggers: [String: ObjectID] = [:]
    var policies: [String: ObjectID] = [:]
    var namespaces: [String: ObjectID] = [:]
    var extensions: [String: ObjectID] = [:]
    var collations: [String: ObjectID] = [:]
    var attributes: [String: Attributes] = [:]
    /// Objects schemagen does not manage, by `classid/objid`.
    var unmanaged: [String: ObjectID] = [:]

    // Catalog oids, fixed in every PostgreSQL.
    static let pgClass = "1259", pgType = "1247", pgProc = "1255", pgConstraint = "2606", pgAttrdef = "2604"
    static let pgTrigger = "2620", pgPolicy = "3256", pgNamespace = "2615", pgExtension = "3079", pgCollation = "3456"

    func object(_ classid: String, _ objid: String, _ subid: String) -> ObjectID? {
        if !unmanaged.isEmpty, let object = unmanaged[classid + "/" + objid] { return object }
        switch classid {
        case Self.pgClass:
            guard let object = classes[objid] else { return nil }
            if subid != "0", case .table(let t) = object, let column = attributes[objid]?.name(subid) {
                return .column(t, column)
            }
            return object
        case Self.pgType: return types[objid]
        case Self.pgProc: return functions[objid]
        case Self.pgConstraint: return constraints[objid]
        case Self.pgAttrdef: return attrdefs[objid]
        case Self.pgTrigger: return triggers[objid]
        case Self.pgPolicy: return policies[objid]
        case Self.pgNamespace: return namespaces[objid]
        case Self.pgExtension: return extensions[objid]
        case Self.pgCollation: return collations[objid]
        default: return nil
        }
    }

    /// Unmanaged objects that go with what they hang on (a rule with its table), found in the
    /// dependencies query's rows: no obstacle to dropping that, nor its columns.
    func owners(_ rows: [Record]) -> [ObjectID: ObjectID] {
        var owners: [ObjectID: ObjectID] = [:]
        guard !unmanaged.isEmpty else { return [:] }
        for r in rows where r["deptype"] == "a" {
            guard let object = unmanaged[r.string("classid") + "/" + r.string("objid")],
                  let owner = self.object(r.string("refclassid"), r.string("refobjid"), "0") else { continue }
            owners[object] = owner
        }
        return owners
    }

    /// About how many objects the graph numbers: those named here, a default per column at
    /// most, and the structure's few others. Room for them is made at once.
    var objectCount: Int {
        classes.count + types.count + functions.count + constraints.count + attrdefs.count + triggers.count
            + policies.count + attributes.values.reduce(0) { $0 + $1.count }
    }

    /// Adds the edges the dependencies query's `rows` state.
    func add(_ rows: [Record], owners: [ObjectID: ObjectID], to deps: inout Dependencies) {
        for r in rows {
            let target: ObjectID?
            if let ext = r["extension"] {
                target = extensions[ext]
            } else {
                target = object(r.string("refclassid"), r.string("refobjid"), r.string("refobjsubid"))
            }
            guard let target, var object = object(r.string("classid"), r.string("objid"), r.string("objsubid")) else {
                continue
            }
            // A sequence depends on the column that owns it through its ownership, which the
            // plan sets once both exist (so that a column default may take the sequence).
            if case .sequence(let s) = object, case .column = target { object = .sequenceOwner(s) }
            if case .unmanaged = object, let owner = owners[object] {
                if r["deptype"] == "a" || (owner.table != nil && target.table == owner.table) { continue }
            }
            deps.add(object, dependsOn: target)
        }
    }
}
