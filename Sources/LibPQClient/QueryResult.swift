import CLibPQ

/// The rows of a query in text format, copied out of libpq.
public struct QueryResult: Sendable {
    public let columns: [String]
    /// Type modifier of each column (`PQfmod`): for numeric, `((precision << 16) | scale) + 4`.
    public let typeModifiers: [Int32]
    public let rows: [[String?]]

    init(_ result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        typeModifiers = (0..<columnCount).map { PQfmod(result, Int32($0)) }
        rows = (0..<rowCount).map { r in
            (0..<columnCount).map { c in
                PQgetisnull(result, Int32(r), Int32(c)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(r), Int32(c)))
            }
        }
    }

    /// The only value of a one-row, one-column result.
    public var scalar: String? { rows.first?.first ?? nil }

    /// Rows whose values are looked up by column name, for readable catalog code.
    public var records: [Record] { rows.map { Record(columns: columns, values: $0) } }
}

public struct Record: Sendable {
    /// The result's column names, shared by every record. Found by a linear search: a catalog
    /// read looks up a million fields in results of a few to twenty columns, and comparing
    /// short names (held inline, compared as two words) costs less than hashing them.
    let columns: [String]
    let values: [String?]

    public subscript(_ name: String) -> String? {
        guard let i = columns.firstIndex(of: name) else { preconditionFailure("no column \(name) in result") }
        return values[i]
    }

    public func string(_ name: String) -> String { self[name] ?? "" }
    public func bool(_ name: String) -> Bool { self[name] == "t" }
}
