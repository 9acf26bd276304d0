import CLibPQ

/// The rows of a query in text format. The values stay in libpq's result, which holds them
/// compactly, and become Swift strings only when read: a catalog read fetches tens of
/// thousands of rows and reads a few of their fields.
public struct QueryResult: Sendable {
    public let columns: [String]
    /// Type modifier of each column (`PQfmod`): for numeric, `((precision << 16) | scale) + 4`.
    public let typeModifiers: [Int32]
    private let storage: Storage

    /// Takes ownership of `result`: it is cleared when the last record of it goes.
    init(_ result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        typeModifiers = (0..<columnCount).map { PQfmod(result, Int32($0)) }
        storage = Storage(result: result, columns: columns)
    }

    public var rowCount: Int { storage.rowCount }

    public var rows: [[String?]] {
        (0..<storage.rowCount).map { r in columns.indices.map { storage.value(row: Int32(r), column: Int32($0)) } }
    }

    /// The only value of a one-row, one-column result.
    public var scalar: String? { storage.rowCount > 0 && !columns.isEmpty ? storage.value(row: 0, column: 0) : nil }

    /// Rows whose values are looked up by column name, for readable catalog code.
    public var records: [Record] { (0..<Int32(storage.rowCount)).map { Record(storage: storage, row: $0) } }

    /// A libpq result, read-only once made (so it may be read from any thread).
    final class Storage: @unchecked Sendable {
        private let result: OpaquePointer
        let rowCount: Int
        /// Shared by every record. Found by a linear search: a catalog read looks up a million
        /// fields in results of a few to thirty columns, and comparing names' lengths first
        /// (read in place), then the few names of that length, costs less than hashing them.
        let columns: [String]
        private let lengths: [Int]

        init(result: OpaquePointer, columns: [String]) {
            self.result = result
            self.columns = columns
            lengths = columns.map(\.utf8.count)
            rowCount = Int(PQntuples(result))
        }

        func column(_ name: String) -> Int32 {
            let length = name.utf8.count
            for i in lengths.indices where lengths[i] == length && columns[i] == name { return Int32(i) }
            preconditionFailure("no column \(name) in result")
        }

        deinit { PQclear(result) }

        func value(row: Int32, column: Int32) -> String? {
            PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
        }
    }
}

public struct Record: Sendable {
    let storage: QueryResult.Storage
    let row: Int32

    public subscript(_ name: String) -> String? {
        storage.value(row: row, column: storage.column(name))
    }

    public func string(_ name: String) -> String { self[name] ?? "" }
    public func bool(_ name: String) -> Bool { self[name] == "t" }
}
