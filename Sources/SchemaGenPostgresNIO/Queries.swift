import PostgresNIO
import SchemaGenRuntime

/// What runs a `PostgresQuery`: a `PostgresClient` (a pooled connection per query) or one
/// `PostgresConnection` (inside `withTransaction`, say). The generated structs' queries are
/// written once on it.
public protocol PostgresQueryRunner: Sendable {
    func run(_ query: PostgresQuery) async throws -> PostgresRowSequence
}

extension PostgresClient: PostgresQueryRunner {
    public func run(_ query: PostgresQuery) async throws -> PostgresRowSequence { try await self.query(query) }
}

extension PostgresConnection: PostgresQueryRunner {
    public func run(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await self.query(query, logger: logger)
    }
}

extension PostgresQuery.StringInterpolation {
    /// A generated enum, bound so that PostgreSQL takes it as the enum type the query needs (an
    /// untyped parameter, as a string literal would be), not as `text`.
    public mutating func appendInterpolation(_ value: some PostgresEnum) {
        appendInterpolation(UntypedText(value.rawValue))
    }

    public mutating func appendInterpolation(_ value: (some PostgresEnum)?) {
        appendInterpolation(value.map { UntypedText($0.rawValue) })
    }
}

/// Text bound without a type (OID 0): PostgreSQL infers it from where it is used, as libpq's
/// untyped parameters are.
struct UntypedText: PostgresNonThrowingEncodable, PostgresDynamicTypeEncodable {
    var text: String
    init(_ text: String) { self.text = text }
    static var psqlType: PostgresDataType { PostgresDataType(0) }
    static var psqlFormat: PostgresFormat { .text }
    func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        buffer.writeString(text)
    }
}

extension PostgresQueryRunner {
    /// The rows of a query, each decoded by column name.
    public func fetch<R: Decodable>(_ type: R.Type = R.self, _ query: PostgresQuery) async throws -> [R] {
        try await run(query).collectByName(R.self)
    }

    /// The first row of a query, decoded by column name; nil when there is none.
    public func fetchOne<R: Decodable>(_ type: R.Type = R.self, _ query: PostgresQuery) async throws -> R? {
        for try await row in try await run(query) { return try row.decodeByName(R.self) }
        return nil
    }

    /// Every row of a generated struct's table or view.
    public func fetchAll<R: Row>(_ type: R.Type = R.self) async throws -> [R] {
        try await fetch(R.self, PostgresQuery(unsafeSQL: "SELECT \(selectList(R.self)) FROM \(R.qualifiedName)"))
    }

    /// Inserts `row` and returns it as stored. Columns in `databaseDefaults` are left out so that
    /// the column's DEFAULT fills them; computed columns are always left out. Every value is
    /// checked against its column (a decimal with more digits than it keeps is refused) before
    /// anything is sent.
    @discardableResult
    public func insert<R: TableRow>(_ row: R, databaseDefaults: Set<String> = []) async throws -> R {
        try await insert(R.self, columnBindings(of: row).filter { !databaseDefaults.contains($0.column.name) })
    }

    /// Inserts a new row, leaving to the database what `values` leaves out (defaults,
    /// identities), and returns the row as stored.
    @discardableResult
    public func insert<I: TableInsert>(_ values: I) async throws -> I.Stored {
        try await insert(I.Stored.self, columnBindings(ofInsert: values))
    }

    private func insert<R: TableRow>(_ type: R.Type, _ values: [(column: ColumnInfo, value: (any PostgresValue)?)])
        async throws -> R
    {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { try bind(value.value, as: value.column, into: &bindings) }
        let sql = values.isEmpty
            ? "INSERT INTO \(R.qualifiedName) DEFAULT VALUES"
            : "INSERT INTO \(R.qualifiedName) (\(values.map { R.quotedColumn($0.column.name) }.joined(separator: ", "))) VALUES ("
                + values.indices.map { "$\($0 + 1)" }.joined(separator: ", ") + ")"
        return try await one(R.self, sql + " RETURNING \(selectList(R.self))", bindings, what: "INSERT")
    }

    /// Writes every column of `row` to the row with its primary key; returns it as stored.
    @discardableResult
    public func update<R: TableRow>(_ row: R) async throws -> R {
        let values = try columnBindings(of: row)
        let key = try keyValues(of: values, in: R.self)
        let set = values.filter { !R.primaryKey.contains($0.column.name) }
        var bindings = PostgresBindings(capacity: values.count)
        for value in set + key { try bind(value.value, as: value.column, into: &bindings) }
        let assignments = set.enumerated().map { "\(R.quotedColumn($0.element.column.name)) = $\($0.offset + 1)" }
        let conditions = key.enumerated().map { "\(R.quotedColumn($0.element.column.name)) = $\(set.count + $0.offset + 1)" }
        let sql = "UPDATE \(R.qualifiedName) SET \(assignments.joined(separator: ", ")) WHERE "
            + conditions.joined(separator: " AND ") + " RETURNING \(selectList(R.self))"
        return try await one(R.self, sql, bindings, what: "UPDATE")
    }

    /// Deletes the row with `row`'s primary key; throws `RowNotFound` if there is none.
    public func delete<R: TableRow>(_ row: R) async throws {
        let key = try keyValues(of: columnBindings(of: row), in: R.self)
        var bindings = PostgresBindings(capacity: key.count)
        for value in key { try bind(value.value, as: value.column, into: &bindings) }
        let conditions = key.enumerated().map { "\(R.quotedColumn($0.element.column.name)) = $\($0.offset + 1)" }
        let query = PostgresQuery(unsafeSQL: "DELETE FROM \(R.qualifiedName) WHERE \(conditions.joined(separator: " AND ")) RETURNING 1",
                                  binds: bindings)
        var deleted = 0
        for try await _ in try await run(query) { deleted += 1 }
        guard deleted == 1 else { throw RowNotFound(relation: R.qualifiedName, statement: "DELETE") }
    }

    private func one<R: Decodable>(_ type: R.Type, _ sql: String, _ bindings: PostgresBindings, what: String) async throws -> R {
        guard let row = try await fetchOne(R.self, PostgresQuery(unsafeSQL: sql, binds: bindings)) else {
            throw RowNotFound(relation: "\(R.self)", statement: what)
        }
        return row
    }

    private func keyValues<R: TableRow>(of values: [(column: ColumnInfo, value: (any PostgresValue)?)], in type: R.Type) throws
        -> [(column: ColumnInfo, value: (any PostgresValue)?)]
    {
        guard !R.primaryKey.isEmpty else {
            throw RowCodingError(column: R.relationName, value: nil, problem: "the table has no primary key to find the row by")
        }
        return try R.primaryKey.map { name in
            guard let value = values.first(where: { $0.column.name == name }) else {
                throw RowCodingError(column: name, value: nil, problem: "the primary key column is not written by \(R.self)")
            }
            return value
        }
    }
}

// MARK: Columns as sent and read

/// The binary type of a column as `format_type` spells it, for the types this module reads and
/// writes in binary; nil for any other (an enum, `inet`, `interval`…), which goes as text.
func binaryType(ofColumn type: String) -> PostgresDataType? {
    // Type modifiers (`numeric(78,0)`, `timestamp(3) with time zone`) do not change the format.
    var bare = ""
    var depth = 0
    for c in type {
        if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } else if depth == 0 { bare.append(c) }
    }
    let isArray = bare.hasSuffix("[]")
    if isArray { bare.removeLast(2) }
    return binaryTypes[bare.trimmingCharacters(in: .whitespaces)].map { isArray ? $0.1 : $0.0 }
}

/// `format_type` names without modifiers → the type and its array type, for `binaryType(ofColumn:)`.
private let binaryTypes: [String: (PostgresDataType, PostgresDataType)] = [
    "smallint": (.int2, .int2Array), "integer": (.int4, .int4Array), "bigint": (.int8, .int8Array),
    "numeric": (.numeric, .numericArray), "real": (.float4, .float4Array), "double precision": (.float8, .float8Array),
    "boolean": (.bool, .boolArray), "text": (.text, .textArray), "character varying": (.varchar, .varcharArray),
    "character": (.bpchar, PostgresDataType(1014)), "uuid": (.uuid, .uuidArray), "bytea": (.bytea, .byteaArray),
    "date": (.date, .dateArray), "timestamp with time zone": (.timestamptz, .timestamptzArray),
    "timestamp without time zone": (.timestamp, .timestampArray), "jsonb": (.jsonb, .jsonbArray),
    "json": (.json, .jsonArray),
]

/// The columns of `R` as a SELECT or RETURNING list: as they are where they come in a binary
/// form read here, as text otherwise (`inet`, `interval`, an enum), which the generated
/// String or enum property reads.
func selectList<R: Row>(_ type: R.Type) -> String {
    R.columns.map { column in
        let name = R.quotedColumn(column.name)
        guard binaryType(ofColumn: column.type) == nil else { return name }
        return "\(name)::\(column.type.hasSuffix("[]") ? "text[]" : "text") AS \(name)"
    }.joined(separator: ", ")
}

/// Binds `value` for `column`: in binary where its codec is the column's type, otherwise as
/// untyped text (PostgreSQL's text form, which the runtime writes exactly), so that PostgreSQL
/// reads it as the column's type — an enum, `inet`, `varchar`, `json` kept as written.
func bind(_ value: (any PostgresValue)?, as column: ColumnInfo, into bindings: inout PostgresBindings) throws {
    guard let value else { return bindings.appendNull() }
    if let encodable = value as? any PostgresThrowingDynamicTypeEncodable,
       let type = binaryType(ofColumn: column.type), encodable.psqlType == type {
        try bindings.append(encodable)
    } else {
        bindings.append(UntypedText(value.postgresText))
    }
}
