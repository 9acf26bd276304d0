/// A table constraint. Every constraint has a name: the DSL chooses PostgreSQL's own default
/// name (`users_pkey`, `users_email_key`, …) when none is given, so a declaration and the
/// catalog agree on it.
public struct Constraint: Codable, Hashable, Sendable {
    public enum Kind: Codable, Hashable, Sendable {
        case primaryKey(columns: [String])
        case unique(columns: [String], nullsNotDistinct: Bool)
        case check(expression: String)
        case foreignKey(ForeignKey)
        case exclusion(Exclusion)
    }

    public var name: String
    public var kind: Kind
    public var deferrable: Deferrable
    /// False for a constraint added `NOT VALID` and not validated since: existing rows were not checked.
    public var isValid: Bool
    /// `CHECK (…) NO INHERIT`: not passed on to child tables.
    public var noInherit: Bool
    /// What the index behind a primary key, unique or exclusion constraint carries:
    /// `INCLUDE (…)` columns and `WITH (…)` storage parameters.
    public var include: [String]
    public var storageParameters: [String]
    public var comment: String?
    /// A rename hint: the name this constraint had before.
    public var renamedFrom: String?
    public var location: SourceLocation?

    public init(
        name: String, kind: Kind, deferrable: Deferrable = .notDeferrable, isValid: Bool = true,
        noInherit: Bool = false, include: [String] = [], storageParameters: [String] = [], comment: String? = nil,
        location: SourceLocation? = nil
    ) {
        self.name = name
        self.kind = kind
        self.deferrable = deferrable
        self.isValid = isValid
        self.noInherit = noInherit
        self.include = include
        self.storageParameters = storageParameters
        self.comment = comment
        self.location = location
    }

    /// Columns of the table this constraint names directly (not those inside expressions).
    public var columns: [String] {
        switch kind {
        case .primaryKey(let columns), .unique(let columns, _): return columns
        case .foreignKey(let fk): return fk.columns
        case .exclusion(let ex): return ex.elements.compactMap { $0.column }
        case .check: return []
        }
    }
}

public enum Deferrable: String, Codable, Hashable, Sendable {
    case notDeferrable = "NOT DEFERRABLE"
    case initiallyImmediate = "DEFERRABLE INITIALLY IMMEDIATE"
    case initiallyDeferred = "DEFERRABLE INITIALLY DEFERRED"

    /// From the catalog's two flags (`condeferrable`, `condeferred`; `tgdeferrable`, `tginitdeferred`).
    public init(deferrable: Bool, initiallyDeferred: Bool) {
        self = !deferrable ? .notDeferrable : initiallyDeferred ? .initiallyDeferred : .initiallyImmediate
    }
}

public struct ForeignKey: Codable, Hashable, Sendable {
    public enum Action: String, Codable, Hashable, Sendable {
        case noAction = "NO ACTION", restrict = "RESTRICT", cascade = "CASCADE"
        case setNull = "SET NULL", setDefault = "SET DEFAULT"
    }
    public enum Match: String, Codable, Hashable, Sendable {
        case simple = "SIMPLE", full = "FULL"
    }

    public var columns: [String]
    public var referencedTable: QualifiedName
    public var referencedColumns: [String]
    public var onDelete: Action
    public var onUpdate: Action
    public var match: Match
    /// `ON DELETE SET NULL (col, …)` / `SET DEFAULT (…)`: only these columns; empty means all.
    public var onDeleteColumns: [String] = []

    public init(
        columns: [String], referencedTable: QualifiedName, referencedColumns: [String],
        onDelete: Action = .noAction, onUpdate: Action = .noAction, match: Match = .simple
    ) {
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
        self.match = match
    }
}

/// `EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (…)`.
public struct Exclusion: Codable, Hashable, Sendable {
    public struct Element: Codable, Hashable, Sendable {
        /// A column name, or nil when `expression` is used.
        public var column: String?
        public var expression: String?
        public var `operator`: String

        public init(column: String, operator op: String) {
            self.column = column
            self.expression = nil
            self.operator = op
        }

        public init(expression: String, operator op: String) {
            self.column = nil
            self.expression = expression
            self.operator = op
        }
    }

    public var method: IndexMethod
    public var elements: [Element]
    public var predicate: String?

    public init(method: IndexMethod = .gist, elements: [Element], predicate: String? = nil) {
        self.method = method
        self.elements = elements
        self.predicate = predicate
    }
}
