import Foundation
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import CLibPQ

/// One libpq connection. Values travel in text format, so numbers keep their exact digits.
/// Not thread-safe: use a connection from one task at a time.
public final class Connection {
    private let handle: OpaquePointer

    /// Connects with a libpq URL or key/value string (`postgresql://user@host:5432/db`).
    public init(url: String) throws(LibPQError) {
        // libpq reads a string without `scheme://` as `key=value` pairs and would answer
        // `missing "=" after …`, which does not say what is wrong.
        if !url.contains("://"), !url.contains("="), !url.trimmingCharacters(in: .whitespaces).isEmpty {
            let shown = redactedURL("postgresql://" + url)
            throw LibPQError(message: "the database URL \(shown.dropFirst("postgresql://".count)) has no scheme: "
                             + "write \(shown) (postgresql://user@host:5432/dbname), or libpq's key=value form")
        }
        guard let handle = PQconnectdb(url) else {
            throw LibPQError(message: "could not allocate a libpq connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            // libpq's connect messages span lines ("…failed: …\n\tIs the server running…").
            var message = Self.text(PQerrorMessage(handle)).split(whereSeparator: \.isNewline)
                .map { $0.drop(while: \.isWhitespace) }.joined(separator: " ")
            // libpq quotes the URL it could not parse, password and all.
            message = message.replacingOccurrences(of: url, with: redactedURL(url))
            if let password = password(in: url), !password.isEmpty {
                message = message.replacingOccurrences(of: password, with: "***")
            }
            PQfinish(handle)
            throw LibPQError(message: "could not connect to \(redactedURL(url)): \(message)")
        }
        self.handle = handle
        // NOTICEs ("… already exists, skipping") would go to stderr; callers do not want them.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Runs one or more statements with the simple query protocol (no parameters).
    public func execute(_ sql: String) throws(LibPQError) {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, statement: sql)
    }

    /// Runs one statement with `$1…` parameters bound (never spliced into the text).
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(LibPQError) -> QueryResult {
        let result = withCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        return try rows(of: result, statement: sql)
    }

    /// Whether a transaction block is open: a cursor can be declared only in one.
    public var inTransaction: Bool { PQtransactionStatus(handle) == PQTRANS_INTRANS }

    /// Runs one statement through a cursor and hands `body` its rows `size` at a time, so that
    /// a result of hundreds of thousands of rows is never held whole. Only in a transaction block.
    /// The next batch is asked for before `body` gets this one: the server makes it meanwhile.
    public func forEachBatch(of sql: String, size: Int, _ body: (QueryResult) throws -> Void) throws {
        try execute("DECLARE schemagen_batches NO SCROLL CURSOR FOR \(sql)")
        defer {
            // A batch asked for before `body` threw is taken first.
            while let pending = PQgetResult(handle) { PQclear(pending) }
            try? execute("CLOSE schemagen_batches")
        }
        let fetch = "FETCH FORWARD \(size) FROM schemagen_batches"
        var batch = try query(fetch)
        while true {
            let more = batch.rowCount >= size
            if more { try send(fetch) }
            try body(batch)
            guard more else { return }
            batch = try received(fetch)
        }
    }

    /// Sends one statement without waiting for its result (see `received`).
    private func send(_ sql: String) throws(LibPQError) {
        guard PQsendQueryParams(handle, sql, 0, nil, nil, nil, nil, 0) == 1 else {
            throw LibPQError(message: Self.text(PQerrorMessage(handle)), statement: sql)
        }
    }

    /// The result of the statement `send` sent, waited for.
    private func received(_ sql: String) throws(LibPQError) -> QueryResult {
        var result: OpaquePointer? = nil
        while let next = PQgetResult(handle) {
            if result == nil { result = next } else { PQclear(next) }
        }
        return try rows(of: result, statement: sql)
    }

    /// The rows of a statement's `result`, which they then own; its error, the result cleared.
    private func rows(of result: OpaquePointer?, statement sql: String) throws(LibPQError) -> QueryResult {
        do {
            try check(result, statement: sql)
        } catch {
            PQclear(result)
            throw error
        }
        return QueryResult(result!)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func check(_ result: OpaquePointer?, statement: String) throws(LibPQError) {
        guard let result else {
            throw LibPQError(message: Self.text(PQerrorMessage(handle)), statement: statement)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return
        default:
            func field(_ code: Character) -> String? {
                PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
            }
            let primary = field("M") ?? Self.text(PQresultErrorMessage(result))
            throw LibPQError(
                message: primary, sqlState: field("C"), detail: field("D"), hint: field("H"),
                position: field("P").flatMap { Int($0) }, statement: statement)
        }
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        var text = String(cString: pointer)
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}

/// Whether a server answers at `url` (PQping: no authentication needed).
public func serverAccepts(url: String) -> Bool {
    PQping(url) == PQPING_OK
}

/// Calls `body` with the parameters as C strings (NULL for nil) that live as long as the call.
private func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { $0.map { strdup($0) } ?? nil }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}
