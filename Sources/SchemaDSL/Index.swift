import SchemaModel

/// One key of an index: a column name (a string literal), or `.expression("lower(email)")`,
/// with order, NULLS placement and operator class as modifiers.
public struct IndexKey: ExpressibleByStringLiteral, Sendable, Modifiable {
    var value: SchemaModel.IndexKey

    public init(stringLiteral column: String) { value = .init(.column(column)) }
    init(_ value: SchemaModel.IndexKey) { self.value = value }

    public static func column(_ name: String) -> IndexKey { IndexKey(.init(.column(name))) }
    public static func expression(_ sql: String) -> IndexKey { IndexKey(.init(.expression(sql))) }
    public static func desc(_ column: String) -> IndexKey { IndexKey(.init(.column(column), order: .desc)) }

    public func desc() -> IndexKey { with { $0.value.order = .desc } }
    public func nullsFirst() -> IndexKey { with { $0.value.nulls = .first } }
    public func nullsLast() -> IndexKey { with { $0.value.nulls = .last } }
    public func opclass(_ name: String) -> IndexKey { with { $0.value.opclass = name } }
    public func collate(_ collation: String) -> IndexKey { with { $0.value.collation = collation } }
}

/// `CREATE [UNIQUE] INDEX name ON table USING method (keys) INCLUDE (…) WHERE (…)`.
public struct Index: TableContent, Modifiable {
    var value: SchemaModel.Index

    public init(_ name: String, on keys: IndexKey..., file: String = #filePath, line: Int = #line) {
        value = .init(name: name, keys: keys.map(\.value), location: SourceLocation(file: file, line: line))
    }

    public func unique() -> Index { with { $0.value.isUnique = true } }
    public func using(_ method: IndexMethod) -> Index { with { $0.value.method = method } }
    public func include(_ columns: String...) -> Index { with { $0.value.include = columns } }
    public func `where`(_ predicate: String) -> Index { with { $0.value.predicate = predicate } }
    public func nullsNotDistinct() -> Index { with { $0.value.nullsNotDistinct = true } }
    /// Storage parameters as `name=value` (`"fillfactor=70"`, `"fastupdate=off"`).
    public func with(_ parameters: String...) -> Index { with { $0.value.storageParameters = parameters } }
    public func comment(_ text: String) -> Index { with { $0.value.comment = text } }
    /// A rename hint: the index was called `old` before.
    public func renamed(from old: String) -> Index { with { $0.value.renamedFrom = old } }

    public func contribute(to table: inout SchemaModel.Table) { table.indexes.append(value) }
}
