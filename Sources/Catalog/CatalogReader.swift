import Foundation
import PostgresClient
import SQLRenderer
import SchemaModel

/// Reads a live database into a `DatabaseModel`: every user schema's objects, leaving out
/// system schemas and whatever belongs to an extension. A fixed number of queries (see
/// `queryCount`), whatever the number of objects; each returns all objects of one kind.
public enum CatalogReader {
    public static var queryCount: Int { Query.allCases.count }

    /// Reads on one connection, in whatever transaction state the caller left it.
    public static func read(_ connection: Connection) throws -> DatabaseModel {
        let results = try run(Query.allCases, on: connection)
        return try complete(partial(from: results), with: results)
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
            try second.execute("""
                BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;
                SET TRANSACTION SNAPSHOT \(quoteLiteral(snapshot));
                \(sessionSettings)
                """)
        } catch {
            try first.execute("ROLLBACK")
            return try read(first)
        }
        // The first connection's half is turned into tables and columns while the second's
        // queries, the longer half, still run.
        let connections = [Unchecked(first), Unchecked(second)]
        let parts = try concurrently(2) { i -> (results: [Query: [Record]], partial: Partial?) in
            if i == 1 { return (try run(Query.openingTables, on: connections[1].value), nil) }
            let results = try run(Query.allCases.filter { !Query.openingTables.contains($0) }, on: connections[0].value)
            return (results, try partial(from: results))
        }
        for connection in [first, second] { try connection.execute("COMMIT") }
        return try complete(parts[0].partial!, with: parts[1].results)
    }

    /// A read-only repeatable-read transaction whose snapshot another session can share.
    private static func beginSnapshot(on connection: Connection) throws -> String {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; \(sessionSettings)")
        do {
            guard let id = try connection.query("SELECT pg_export_snapshot()").scalar else {
                throw PostgresError(message: "no snapshot")
            }
            return id
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Sorts of tens of thousands of catalog rows stay in memory; no query here is worth
    /// compiling.
    private static let sessionSettings = "SET LOCAL work_mem = '64MB'; SET LOCAL jit = off;"

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
    private static func partial(from results: [Query: [Record]]) throws -> Partial {
        let lookups = Lookups(results[.lookups]!)
        var model = DatabaseModel()
        model.namespaces = results[.namespaces]!.map {
            Namespace(name: $0.string("nspname"), comment: $0["comment"])
        }
        model.extensions = results[.extensions]!.map {
            Extension(name: $0.string("extname"), schema: $0["schema"])
        }
        model.enums = try results[.enums]!.map {
            EnumType(name: qualified($0, "nspname", "typname"), labels: try json($0["labels"]), comment: $0["comment"])
        }
        model.domains = try results[.domains]!.map { r in
            let checks: [DomainCheckRow] = try json(r["checks"])
            return Domain(
                name: qualified(r, "nspname", "typname"), baseType: lookups.dataType(r, prefix: "base_"),
                isNullable: !r.bool("typnotnull"), defaultExpression: r["typdefault"],
                checks: checks.map { .init(name: $0.name, expression: checkExpression($0.definition)) },
                comment: r["comment"])
        }
        model.sequences = results[.sequences]!.map { r in
            Sequence(
                name: qualified(r, "nspname", "relname"), type: lookups.dataType(r, prefix: ""),
                start: Int64(r.string("seqstart"))!, increment: Int64(r.string("seqincrement"))!,
                minValue: Int64(r.string("seqmin")), maxValue: Int64(r.string("seqmax")),
                cache: Int64(r.string("seqcache"))!, cycle: r.bool("seqcycle"), comment: r["comment"])
        }

        // Tables by oid; everything that belongs to a table names it by oid, and what belongs
        // to no table read here (a system or extension table) is left out. The queries return
        // a table's rows together, so the position is looked up once per table.
        var tables: [Table] = []
        var positions = Positions()
        for r in results[.tables]! {
            var table = Table(name: qualified(r, "nspname", "relname"), rowLevelSecurity: r.bool("relrowsecurity"),
                              forceRowLevelSecurity: r.bool("relforcerowsecurity"), comment: r["comment"])
            if let key = r["partkey"] { table.partitioning = partitioning(key) }
            if let parentName = r["parent_relname"] {
                table.partitionOf = PartitionOf(parent: QualifiedName(schema: r.string("parent_nspname"), parentName),
                                                bound: r.string("bound"))
            }
            positions.byOid[r.string("oid")] = tables.count
            tables.append(table)
        }
        var attributes: [String: Attributes] = [:]
        var current = Attributes()
        var currentOid = ""
        for r in results[.columns]! {
            let oid = r.string("attrelid")
            if oid != currentOid {
                if !currentOid.isEmpty { attributes[currentOid] = current }
                (current, currentOid) = (Attributes(), oid)
            }
            current.add(number: r.string("attnum"), name: r.string("attname"), collation: r.string("attcollation"))
            // A partition's columns are its parent's.
            guard let t = positions.of(oid), tables[t].partitionOf == nil else { continue }
            let generated = r.string("attgenerated") == "s"
            let identity = r.string("attidentity")
            tables[t].columns.append(Column(
                name: r.string("attname"), type: lookups.dataType(r, prefix: ""), isNullable: !r.bool("attnotnull"),
                defaultExpression: generated ? nil : r["default"],
                identity: identity == "a" ? .always : identity == "d" ? .byDefault : nil,
                generatedExpression: generated ? r["default"] : nil, collation: r["collation"].flatMap { lookups.collations[$0] },
                comment: r["comment"]))
        }
        if !currentOid.isEmpty { attributes[currentOid] = current }
        model.functions = try results[.functions]!.map { try function($0, lookups: lookups) }
        return Partial(model: model, lookups: lookups, tables: tables, positions: positions, attributes: attributes)
    }

    /// The partial model completed with the results of `Query.openingTables`.
    private static func complete(_ partial: Partial, with results: [Query: [Record]]) throws -> DatabaseModel {
        var model = partial.model
        var tables = partial.tables
        var positions = partial.positions
        let attributes = partial.attributes
        var constraintIndexes = Set<String>()
        for r in results[.constraints]! {
            guard let t = positions.of(r.string("conrelid")) else { continue }
            switch r.string("contype") {
            case "p", "u", "x": constraintIndexes.insert(r.string("conindid"))
            default: break
            }
            tables[t].constraints.append(try constraint(r, attributes: attributes))
        }
        for r in results[.indexes]! {
            let oid = r.string("indrelid")
            guard let t = positions.of(oid), !constraintIndexes.contains(r.string("indexrelid")) else { continue }
            tables[t].indexes.append(index(r, attributes: attributes[oid] ?? Attributes(), lookups: partial.lookups))
        }
        for r in results[.triggers]! {
            let oid = r.string("tgrelid")
            guard let t = positions.of(oid) else { continue }
            tables[t].triggers.append(trigger(r, attributes: attributes[oid] ?? Attributes()))
        }
        for r in results[.policies]! {
            guard let t = positions.of(r.string("polrelid")) else { continue }
            let command: Policy.Command = switch r.string("polcmd") {
            case "r": .select
            case "a": .insert
            case "w": .update
            case "d": .delete
            default: .all
            }
            tables[t].policies.append(Policy(
                name: r.string("polname"), command: command, isPermissive: r.bool("polpermissive"),
                roles: (try json(r["roles"]) as [String]).filter { $0 != "public" }, using: r["using"], withCheck: r["with_check"], comment: r["comment"]))
        }
        model.tables = tables
        model.views = results[.views]!.map { r in
            View(name: qualified(r, "nspname", "relname"), query: r.string("definition"),
                 isMaterialized: r.string("relkind") == "m", comment: r["comment"])
        }
        return model
    }

    /// The output columns of every view, in one query. PostgreSQL does not know whether a view
    /// column can be NULL, so every one is nullable.
    public static func viewColumns(_ connection: Connection) throws -> [QualifiedName: [Column]] {
        let lookups = Lookups(try connection.query(Query.lookups.sql).records)
        var columns: [QualifiedName: [Column]] = [:]
        for r in try connection.query(viewColumnsQuery).records {
            columns[qualified(r, "nspname", "relname"), default: []].append(
                Column(name: r.string("attname"), type: lookups.dataType(r, prefix: "")))
        }
        return columns
    }

    // MARK: Rows to model

    private static func qualified(_ r: Record, _ schema: String, _ name: String) -> QualifiedName {
        QualifiedName(schema: r.string(schema), r.string(name))
    }

    private static func constraint(_ r: Record, attributes: [String: Attributes]) throws -> Constraint {
        let columns = attributes[r.string("conrelid")]?.names(r.string("conkey")) ?? []
        let deferrable: Deferrable = !r.bool("condeferrable") ? .notDeferrable
            : r.bool("condeferred") ? .initiallyDeferred : .initiallyImmediate
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
            kind = .foreignKey(ForeignKey(
                columns: columns,
                referencedTable: QualifiedName(schema: r.string("ref_nspname"), r.string("ref_relname")),
                referencedColumns: attributes[r.string("confrelid")]?.names(r.string("confkey")) ?? [], onDelete: action(r.string("confdeltype")),
                onUpdate: action(r.string("confupdtype")), match: r.string("confmatchtype") == "f" ? .full : .simple))
        default:
            let elements: [ExclusionRow] = try json(r["exclusion"])
            kind = .exclusion(Exclusion(
                method: IndexMethod(rawValue: r.string("amname")) ?? .gist,
                elements: elements.map { e in
                    e.column.map { .init(column: $0, operator: e.op) } ?? .init(expression: e.expression ?? "", operator: e.op)
                },
                predicate: r["predicate"]))
        }
        return Constraint(name: r.string("conname"), kind: kind, deferrable: deferrable, comment: r["comment"])
    }

    private static func index(_ r: Record, attributes: Attributes, lookups: Lookups) -> Index {
        let numbers = r.string("attnums").split(separator: " ")
        let opclasses = r.string("opclasses").split(separator: " ")
        let collations = r.string("collations").split(separator: " ")
        let options = r.string("options").split(separator: " ").map { Int($0) ?? 0 }
        let expressions = r["expressions"].flatMap(parseArrayLiteral) ?? []
        let keyCount = Int(r.string("indnkeyatts"))!
        var keys: [IndexKey] = []
        var include: [String] = []
        for (i, number) in numbers.enumerated() {
            let column = number == "0" ? nil : attributes.names[String(number)]
            guard i < keyCount else {
                include += column.map { [$0] } ?? []
                continue
            }
            let desc = options[i] & 1 != 0
            let nullsFirst = options[i] & 2 != 0
            // A collation is named where it is not the column's own (or, for an expression, not
            // the default).
            let collation = String(collations[i])
            let named = collation != "0" && collation != "100" && collation != attributes.collations[String(number)]
            keys.append(IndexKey(
                column.map { .column($0) } ?? .expression((i < expressions.count ? expressions[i] : nil) ?? ""),
                opclass: lookups.opclasses[String(opclasses[i])],
                collation: named ? lookups.collations[collation] : nil, order: desc ? .desc : .asc,
                nulls: desc == nullsFirst ? nil : (nullsFirst ? .first : .last)))
        }
        return Index(
            name: r.string("indexname"), isUnique: r.bool("indisunique"),
            method: IndexMethod(rawValue: r.string("amname")) ?? .btree, keys: keys,
            include: include, predicate: r["predicate"],
            nullsNotDistinct: r.bool("nulls_not_distinct"), comment: r["comment"])
    }

    private static func trigger(_ r: Record, attributes: Attributes) -> Trigger {
        let type = Int(r.string("tgtype"))!
        var events: [Trigger.Event] = []
        if type & 4 != 0 { events.append(.insert) }
        if type & 16 != 0 {
            events.append(.update(columns: r.string("update_attnums").split(separator: " ").compactMap { attributes.names[String($0)] }))
        }
        if type & 8 != 0 { events.append(.delete) }
        if type & 32 != 0 { events.append(.truncate) }
        let timing: Trigger.Timing = type & 2 != 0 ? .before : type & 64 != 0 ? .insteadOf : .after
        // pg_get_triggerdef is the only place the WHEN condition is printed.
        let definition = r.string("definition")
        var condition: String?
        if let when = definition.range(of: " WHEN ("), let execute = definition.range(of: ") EXECUTE ", options: .backwards) {
            condition = String(definition[when.upperBound..<execute.lowerBound])
        }
        return Trigger(
            name: r.string("tgname"), timing: timing, events: events, level: type & 1 != 0 ? .row : .statement,
            condition: condition, function: QualifiedName(schema: r.string("fn_nspname"), r.string("fn_proname")),
            arguments: triggerArguments(definition), comment: r["comment"])
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
        return Function(
            name: qualified(r, "nspname", "proname"), arguments: modelArguments, returns: returns,
            language: Function.Language(rawValue: r.string("lanname")) ?? .sql, volatility: volatility,
            isStrict: r.bool("proisstrict"), isSecurityDefiner: r.bool("prosecdef"), body: r.string("prosrc"),
            comment: r["comment"])
    }

    private static func json<T: Decodable>(_ text: String?) throws -> T {
        try decoder.decode(T.self, from: Data((text ?? "[]").utf8))
    }

    /// One decoder for all nested lists: making one per value was a tenth of a large read.
    private static let decoder = JSONDecoder()
}

/// What the reader resolves by oid instead of joining per row: enums and domains (and arrays
/// of them), operator classes that are not their type's default, collations.
private struct Lookups {
    var types: [String: DataType] = [:]
    var opclasses: [String: String] = [:]
    var collations: [String: String] = [:]

    init(_ records: [Record]) {
        for r in records {
            let oid = r.string("oid")
            switch r.string("kind") {
            case "type":
                let named = DataType.named(QualifiedName(schema: r.string("nspname"), r.string("name")))
                types[oid] = r.bool("is_array") ? .array(named) : named
            case "opclass": opclasses[oid] = r.string("name")
            default: collations[oid] = r.string("name")
            }
        }
    }

    /// A type from `<prefix>typid` when it is an enum or domain, else from `<prefix>formatted`.
    func dataType(_ r: Record, prefix: String) -> DataType {
        types[r.string(prefix + "typid")] ?? parseType(r.string(prefix + "formatted"))
    }
}

/// A table's column names and collation oids by attribute number.
private struct Attributes {
    var names: [String: String] = [:]
    var collations: [String: String] = [:]

    mutating func add(number: String, name: String, collation: String) {
        names[number] = name
        collations[number] = collation
    }

    /// The names of `{1,3}` (an int2[] as PostgreSQL prints it), in order.
    func names(_ numbers: String) -> [String] {
        numbers.dropFirst().dropLast().split(separator: ",").compactMap { names[String($0)] }
    }
}

/// A value handed to another thread that only that thread uses from then on.
private struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

private struct DomainCheckRow: Decodable { var name: String; var definition: String }
private struct ExclusionRow: Decodable { var column: String?; var expression: String?; var op: String }
private struct ArgumentRow: Decodable {
    var name: String?
    var mode: String
    var formatted: String
    var typid: String
}

/// `CHECK ((amount > 0))` → `(amount > 0)`: the expression as PostgreSQL prints it.
func checkExpression(_ definition: String) -> String {
    var text = Substring(definition)
    if text.hasPrefix("CHECK (") { text = text.dropFirst("CHECK (".count) }
    if let end = text.range(of: ")", options: .backwards) { text = text[..<end.lowerBound] }
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
    if spelling.hasSuffix("[]") { return .array(parseType(String(spelling.dropLast(2)))) }
    switch spelling {
    case "smallint": return .smallint
    case "integer": return .integer
    case "bigint": return .bigint
    case "numeric": return .numeric(precision: nil, scale: nil)
    case "real": return .real
    case "double precision": return .doublePrecision
    case "boolean": return .boolean
    case "text": return .text
    case "character varying": return .varchar(nil)
    case "uuid": return .uuid
    case "jsonb": return .jsonb
    case "json": return .json
    case "bytea": return .bytea
    case "date": return .date
    case "timestamp without time zone": return .timestamp
    case "timestamp with time zone": return .timestamptz
    case "interval": return .interval
    case "inet": return .inet
    default: break
    }
    func arguments(_ prefix: String) -> [Int]? {
        guard spelling.hasPrefix(prefix + "("), spelling.hasSuffix(")") else { return nil }
        return spelling.dropFirst(prefix.count + 1).dropLast().split(separator: ",").compactMap { Int($0) }
    }
    if let n = arguments("numeric"), n.count == 2 { return .numeric(precision: n[0], scale: n[1]) }
    if let n = arguments("character varying"), n.count == 1 { return .varchar(n[0]) }
    if let n = arguments("character"), n.count == 1 { return .char(n[0]) }
    return .other(spelling)
}

/// Splits `a, f(b, c), 'x,y'` at top-level commas.
func splitTopLevel(_ text: String) -> [String] {
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

/// The arguments in `… EXECUTE FUNCTION f('a', 'it''s')`, unquoted.
func triggerArguments(_ definition: String) -> [String] {
    guard let execute = definition.range(of: " EXECUTE FUNCTION "),
          let open = definition[execute.upperBound...].firstIndex(of: "("),
          definition.hasSuffix(")") else { return [] }
    let inner = String(definition[definition.index(after: open)..<definition.index(before: definition.endIndex)])
    return splitTopLevel(inner).map { literal in
        guard literal.hasPrefix("'"), literal.hasSuffix("'"), literal.count >= 2 else { return literal }
        return String(literal.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
    }
}
