public enum IndexMethod: String, Codable, Hashable, Sendable, CaseIterable {
    case btree, hash, gist, gin, brin, spgist
}

/// A `CREATE INDEX` on a table. Indexes that back a primary key or unique constraint are
/// not listed here: they belong to the constraint.
public struct Index: Codable, Hashable, Sendable {
    public var name: String
    public var isUnique: Bool
    public var method: IndexMethod
    public var keys: [IndexKey]
    public var include: [String]
    /// `WHERE …` of a partial index.
    public var predicate: String?
    public var nullsNotDistinct: Bool
    /// Storage parameters, as `name=value` (`fillfactor=70`, `fastupdate=off`).
    public var storageParameters: [String]
    public var comment: String?
    /// A rename hint: the name this index had before.
    public var renamedFrom: String?
    public var location: SourceLocation?

    public init(
        name: String, isUnique: Bool = false, method: IndexMethod = .btree, keys: [IndexKey],
        include: [String] = [], predicate: String? = nil, nullsNotDistinct: Bool = false,
        storageParameters: [String] = [], comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.isUnique = isUnique
        self.method = method
        self.keys = keys
        self.include = include
        self.predicate = predicate
        self.nullsNotDistinct = nullsNotDistinct
        self.storageParameters = storageParameters
        self.comment = comment
        self.location = location
    }
}

public struct IndexKey: Codable, Hashable, Sendable {
    public enum Target: Codable, Hashable, Sendable {
        case column(String)
        /// An expression such as `lower(email)`; rendered in parentheses.
        case expression(String)
    }
    public enum Order: String, Codable, Hashable, Sendable { case asc = "ASC", desc = "DESC" }
    public enum Nulls: String, Codable, Hashable, Sendable { case first = "NULLS FIRST", last = "NULLS LAST" }

    public var target: Target
    /// An operator class that is not the type's default, with its parameters if any
    /// (`gist_trgm_ops(siglen='32')`).
    public var opclass: String?
    public var collation: String?
    public var order: Order
    /// nil means the default for the order (LAST for ASC, FIRST for DESC).
    public var nulls: Nulls?

    public init(
        _ target: Target, opclass: String? = nil, collation: String? = nil, order: Order = .asc, nulls: Nulls? = nil
    ) {
        self.target = target
        self.opclass = opclass
        self.collation = collation
        self.order = order
        self.nulls = nulls
    }

    public var column: String? {
        if case .column(let name) = target { return name }
        return nil
    }
}
