import LibPQClient
import SchemaGenRuntime

/// A connection for application code: reads rows into generated structs and writes structs
/// as rows, every value bound as a parameter. Not thread-safe: one task at a time.
public final class DatabaseSession {
    public let connection: Connection

    /// Connects with a libpq URL and fixes the session settings the text forms rely on: UTC,
    /// ISO dates, hex `bytea`, shortest exact floats.
    public init(url: String) throws(LibPQError) {
        connection = try Connection(url: url)
        try connection.execute("""
            SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET bytea_output = 'hex'; SET extra_float_digits = 1
            """)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: (DatabaseSession) throws -> T) throws -> T {
        try connection.transaction { _ in try body(self) }
    }

    /// Runs a statement with `$1…` bound to `parameters`; returns nothing.
    public func execute(_ sql: String, _ parameters: [(any PostgresValue)?] = []) throws {
        try connection.query(sql, parameters.map { $0?.postgresText })
    }

    /// The rows of a query, each decoded by column name.
    public func fetch<R: Decodable>(_ type: R.Type = R.self, _ sql: String, _ parameters: [(any PostgresValue)?] = []) throws -> [R] {
        try decode(R.self, connection.query(sql, parameters.map { $0?.postgresText }))
    }

    /// Every row of a generated struct's table or view.
    public func fetchAll<R: Row>(_ type: R.Type = R.self) throws -> [R] {
        try fetch(R.self, "SELECT * FROM \(R.qualifiedName)")
    }

    /// Inserts `row` and returns it as stored. Columns in `databaseDefaults` are left out so the
    /// column's DEFAULT fills them; computed columns are always left out.
    @discardableResult
    public func insert<R: TableRow>(_ row: R, databaseDefaults: Set<String> = []) throws -> R {
        try insert(R.self, try encode(row).filter { !databaseDefaults.contains($0.column) })
    }

    /// Inserts a new row, leaving to the database what `values` leaves out (defaults, identities),
    /// and returns the row as stored.
    @discardableResult
    public func insert<I: TableInsert>(_ values: I) throws -> I.Stored {
        try insert(I.Stored.self, columnValues(ofInsert: values))
    }

    /// `INSERT … RETURNING *` of `values` into `R`'s table; with none, `DEFAULT VALUES`.
    private func insert<R: TableRow>(_ type: R.Type, _ values: [(column: String, text: String?)]) throws -> R {
        let sql = values.isEmpty
            ? "INSERT INTO \(R.qualifiedName) DEFAULT VALUES RETURNING *"
            : "INSERT INTO \(R.qualifiedName) (\(values.map { R.quotedColumn($0.column) }.joined(separator: ", "))) VALUES ("
                + values.indices.map { "$\($0 + 1)" }.joined(separator: ", ") + ") RETURNING *"
        return try decodeOne(R.self, connection.query(sql, values.map(\.text)), what: "INSERT")
    }

    /// Writes every column of `row` to the row with its primary key; returns it as stored.
    @discardableResult
    public func update<R: TableRow>(_ row: R) throws -> R {
        let values = try encode(row)
        let key = try keyValues(of: values, in: R.self)
        let set = values.filter { !R.primaryKey.contains($0.column) }
        let assignments = set.enumerated().map { "\(R.quotedColumn($0.element.column)) = $\($0.offset + 1)" }
        let conditions = key.enumerated().map { "\(R.quotedColumn($0.element.column)) = $\(set.count + $0.offset + 1)" }
        let sql = "UPDATE \(R.qualifiedName) SET \(assignments.joined(separator: ", ")) WHERE "
            + conditions.joined(separator: " AND ") + " RETURNING *"
        return try decodeOne(R.self, connection.query(sql, (set + key).map(\.text)), what: "UPDATE")
    }

    /// Deletes the row with `row`'s primary key; throws if there is none.
    public func delete<R: TableRow>(_ row: R) throws {
        let key = try keyValues(of: encode(row), in: R.self)
        let conditions = key.enumerated().map { "\(R.quotedColumn($0.element.column)) = $\($0.offset + 1)" }
        let sql = "DELETE FROM \(R.qualifiedName) WHERE \(conditions.joined(separator: " AND ")) RETURNING 1"
        guard try connection.query(sql, key.map(\.text)).rows.count == 1 else {
            throw RowNotFound(relation: R.qualifiedName, statement: "DELETE")
        }
    }

    private func encode<R: Row>(_ row: R) throws -> [(column: String, text: String?)] { try columnValues(of: row) }

    private func keyValues<R: TableRow>(of values: [(column: String, text: String?)], in type: R.Type) throws
        -> [(column: String, text: String?)]
    {
        guard !R.primaryKey.isEmpty else {
            throw RowCodingError(column: R.relationName, value: nil, problem: "the table has no primary key to find the row by")
        }
        return R.primaryKey.map { column in (column, values.first { $0.column == column }?.text ?? nil) }
    }

    private func decode<R: Decodable>(_ type: R.Type, _ result: QueryResult) throws -> [R] {
        let columns = Dictionary(result.columns.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return try result.rows.map { try decodeRow(R.self, columns: columns, values: $0) }
    }

    private func decodeOne<R: Decodable>(_ type: R.Type, _ result: QueryResult, what: String) throws -> R {
        guard let row = try decode(R.self, result).first else {
            throw RowNotFound(relation: "\(R.self)", statement: what)
        }
        return row
    }
}
