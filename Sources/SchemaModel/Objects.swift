public struct Extension: Codable, Hashable, Sendable {
    public var name: String
    /// Schema the extension's objects go into; nil lets PostgreSQL choose.
    public var schema: String?
    /// The extension's version (`ALTER EXTENSION … UPDATE TO`); nil in a declaration takes
    /// whatever version the server installs by default and leaves an installed one as it is.
    public var version: String?
    public var location: SourceLocation?

    public init(name: String, schema: String? = nil, version: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.schema = schema
        self.version = version
        self.location = location
    }
}

/// Compares extension versions as PostgreSQL's extensions number them (`1.5` < `1.10`,
/// `2.3.1` > `2.3`): dotted numbers numerically, anything else as text.
public func extensionVersion(_ a: String, isOlderThan b: String) -> Bool {
    let x = a.split(separator: "."), y = b.split(separator: ".")
    for (p, q) in zip(x, y) where p != q {
        if let m = Int(p), let n = Int(q) { return m < n }
        return p < q
    }
    return x.count < y.count
}

/// A namespace (`CREATE SCHEMA`). `public` exists already and need not be declared.
public struct Namespace: Codable, Hashable, Sendable {
    public var name: String
    public var comment: String?
    public var location: SourceLocation?

    public init(name: String, comment: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.comment = comment
        self.location = location
    }
}

public struct EnumType: Codable, Hashable, Sendable {
    public var name: QualifiedName
    /// Labels in their sort order.
    public var labels: [String]
    public var comment: String?
    /// A rename hint: the name this enum had before.
    public var renamedFrom: QualifiedName?
    public var location: SourceLocation?

    public init(name: QualifiedName, labels: [String], comment: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.labels = labels
        self.comment = comment
        self.location = location
    }
}

public struct Domain: Codable, Hashable, Sendable {
    public struct Check: Codable, Hashable, Sendable {
        public var name: String
        public var expression: String
        /// False for a check added `NOT VALID`: existing values were not checked.
        public var isValid: Bool
        public var comment: String?
        public init(name: String, expression: String, isValid: Bool = true, comment: String? = nil) {
            self.name = name
            self.expression = expression
            self.isValid = isValid
            self.comment = comment
        }
    }

    public var name: QualifiedName
    public var baseType: DataType
    public var collation: String?
    public var isNullable: Bool
    public var defaultExpression: String?
    public var checks: [Check]
    public var comment: String?
    public var location: SourceLocation?

    public init(
        name: QualifiedName, baseType: DataType, collation: String? = nil, isNullable: Bool = true,
        defaultExpression: String? = nil, checks: [Check] = [], comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.baseType = baseType
        self.collation = collation
        self.isNullable = isNullable
        self.defaultExpression = defaultExpression
        self.checks = checks
        self.comment = comment
        self.location = location
    }
}

/// `AS type START … INCREMENT … MINVALUE … MAXVALUE … CACHE … [NO] CYCLE`, shared by sequences
/// and identity columns. A nil bound or start is PostgreSQL's default for the type and direction,
/// and the catalog reader writes nil wherever the value is that default, so a declaration that
/// leaves them out compares equal to a database created from it.
public struct SequenceOptions: Codable, Hashable, Sendable {
    /// `smallint`, `integer` or `bigint`.
    public var type: DataType
    public var start: Int64?
    public var increment: Int64
    public var minValue: Int64?
    public var maxValue: Int64?
    public var cache: Int64
    public var cycle: Bool

    public init(
        type: DataType = .bigint, start: Int64? = nil, increment: Int64 = 1, minValue: Int64? = nil,
        maxValue: Int64? = nil, cache: Int64 = 1, cycle: Bool = false
    ) {
        self.type = type
        self.start = start
        self.increment = increment
        self.minValue = minValue
        self.maxValue = maxValue
        self.cache = cache
        self.cycle = cycle
    }

    /// PostgreSQL's bounds of the sequence's type.
    public var typeRange: ClosedRange<Int64> {
        switch type {
        case .smallint: return Int64(Int16.min)...Int64(Int16.max)
        case .integer: return Int64(Int32.min)...Int64(Int32.max)
        default: return Int64.min...Int64.max
        }
    }

    public var effectiveMin: Int64 { minValue ?? (increment > 0 ? 1 : typeRange.lowerBound) }
    public var effectiveMax: Int64 { maxValue ?? (increment > 0 ? typeRange.upperBound : -1) }
    public var effectiveStart: Int64 { start ?? (increment > 0 ? effectiveMin : effectiveMax) }

    /// The same options with every value that is the default written as nil.
    public var normalised: SequenceOptions {
        var o = self
        let min = effectiveMin, max = effectiveMax, start = effectiveStart
        o.minValue = nil
        o.maxValue = nil
        o.start = nil
        if min != o.effectiveMin { o.minValue = min }
        if max != o.effectiveMax { o.maxValue = max }
        if start != o.effectiveStart { o.start = start }
        return o
    }
}

/// A column named by its table.
public struct ColumnName: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var table: QualifiedName
    public var column: String

    public init(table: QualifiedName, column: String) {
        self.table = table
        self.column = column
    }

    public var description: String { "\(table).\(column)" }
    public static func < (a: ColumnName, b: ColumnName) -> Bool { (a.table, a.column) < (b.table, b.column) }
}

public struct Sequence: Codable, Hashable, Sendable {
    public var name: QualifiedName
    public var options: SequenceOptions
    /// `OWNED BY table.column`: the sequence is dropped with the column. A `serial` column is an
    /// integer column whose default takes `nextval` of a sequence it owns.
    public var ownedBy: ColumnName?
    public var comment: String?
    public var location: SourceLocation?

    public init(
        name: QualifiedName, options: SequenceOptions = SequenceOptions(), ownedBy: ColumnName? = nil,
        comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.options = options
        self.ownedBy = ownedBy
        self.comment = comment
        self.location = location
    }
}

public struct View: Codable, Hashable, Sendable {
    public enum CheckOption: String, Codable, Hashable, Sendable { case local = "LOCAL", cascaded = "CASCADED" }

    public var name: QualifiedName
    /// The SELECT that defines the view.
    public var query: String
    public var isMaterialized: Bool
    /// `WITH (…)` as PostgreSQL stores it, `name=value` in order: `security_invoker=true`,
    /// `security_barrier=on`, a materialized view's storage parameters (`check_option` aside).
    public var options: [String]
    /// `WITH [LOCAL | CASCADED] CHECK OPTION`.
    public var checkOption: CheckOption?
    /// A materialized view created `WITH NO DATA` holds no rows until refreshed.
    public var withData: Bool
    /// Indexes of a materialized view.
    public var indexes: [Index]
    /// Triggers on the view: `INSTEAD OF` row triggers that make it writable, statement triggers.
    public var triggers: [Trigger]
    /// `COMMENT ON COLUMN view.column`, by column.
    public var columnComments: [String: String] = [:]
    public var comment: String?
    public var location: SourceLocation?

    public init(
        name: QualifiedName, query: String, isMaterialized: Bool = false, options: [String] = [],
        checkOption: CheckOption? = nil, withData: Bool = true, indexes: [Index] = [], triggers: [Trigger] = [],
        comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.query = query
        self.isMaterialized = isMaterialized
        self.options = options
        self.checkOption = checkOption
        self.withData = withData
        self.indexes = indexes
        self.triggers = triggers
        self.comment = comment
        self.location = location
    }

    /// `security_invoker`: the view reads its tables with the caller's rights, so row-level
    /// security policies apply to whoever queries it.
    public var securityInvoker: Bool { flag("security_invoker") }
    /// `security_barrier`: the caller's conditions run after the view's own.
    public var securityBarrier: Bool { flag("security_barrier") }

    private func flag(_ name: String) -> Bool {
        guard let option = options.first(where: { $0.hasPrefix(name + "=") }) else { return false }
        return ["true", "on", "yes", "1"].contains(option.dropFirst(name.count + 1).lowercased())
    }

    /// `options` with `name` set to `value`, or removed for nil.
    public func setting(_ name: String, _ value: String?) -> [String] {
        var result = options.filter { !$0.hasPrefix(name + "=") }
        if let value { result.append(name + "=" + value) }
        return result
    }
}

public struct Trigger: Codable, Hashable, Sendable {
    public enum Timing: String, Codable, Hashable, Sendable {
        case before = "BEFORE", after = "AFTER", insteadOf = "INSTEAD OF"
    }
    public enum Event: Codable, Hashable, Sendable {
        case insert, delete, truncate
        /// `UPDATE` or `UPDATE OF col, …`.
        case update(columns: [String])

        public static let update = Event.update(columns: [])
    }
    public enum Level: String, Codable, Hashable, Sendable {
        case row = "ROW", statement = "STATEMENT"
    }

    public var name: String
    public var timing: Timing
    public var events: [Event]
    public var level: Level
    /// `WHEN (…)` condition.
    public var condition: String?
    public var function: QualifiedName
    public var arguments: [String]
    /// `ALTER TABLE … DISABLE | ENABLE [REPLICA | ALWAYS] TRIGGER`: when the trigger fires.
    public var firing: Firing
    /// Set on a `CREATE CONSTRAINT TRIGGER`: an `AFTER … FOR EACH ROW` trigger whose firing
    /// can be deferred to the end of the transaction.
    public var constraint: ConstraintTrigger?
    /// `REFERENCING OLD TABLE AS …`: the name the function reads the rows before the statement by.
    public var oldTable: String?
    /// `REFERENCING NEW TABLE AS …`: the rows after the statement.
    public var newTable: String?
    public var comment: String?
    public var location: SourceLocation?

    public struct ConstraintTrigger: Codable, Hashable, Sendable {
        public var deferrable: Deferrable
        /// `FROM table`: the table a referential check looks at.
        public var referencedTable: QualifiedName?
        public init(deferrable: Deferrable = .notDeferrable, referencedTable: QualifiedName? = nil) {
            self.deferrable = deferrable
            self.referencedTable = referencedTable
        }
    }

    public enum Firing: String, Codable, Hashable, Sendable {
        /// Fires (the default); `disabled` never, `replica` only under `session_replication_role =
        /// replica`, `always` in both.
        case origin = "O", disabled = "D", replica = "R", always = "A"
    }

    public init(
        name: String, timing: Timing, events: [Event], level: Level = .row, condition: String? = nil,
        function: QualifiedName, arguments: [String] = [], comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.timing = timing
        self.events = events
        self.level = level
        self.condition = condition
        self.function = function
        self.arguments = arguments
        firing = .origin
        self.comment = comment
        self.location = location
    }
}

public struct Policy: Codable, Hashable, Sendable {
    public enum Command: String, Codable, Hashable, Sendable {
        case all = "ALL", select = "SELECT", insert = "INSERT", update = "UPDATE", delete = "DELETE"
    }

    public var name: String
    public var command: Command
    public var isPermissive: Bool
    /// Role names; empty means `PUBLIC`.
    public var roles: [String]
    public var using: String?
    public var withCheck: String?
    public var comment: String?
    public var location: SourceLocation?

    public init(
        name: String, command: Command = .all, isPermissive: Bool = true, roles: [String] = [],
        using: String? = nil, withCheck: String? = nil, comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.command = command
        self.isPermissive = isPermissive
        self.roles = roles
        self.using = using
        self.withCheck = withCheck
        self.comment = comment
        self.location = location
    }
}

/// `CREATE COLLATION`: how text sorts and compares, from a libc or ICU locale.
public struct Collation: Codable, Hashable, Sendable {
    public enum Provider: String, Codable, Hashable, Sendable { case libc, icu }

    public var name: QualifiedName
    public var provider: Provider
    /// The ICU locale, or libc's `LC_COLLATE`.
    public var locale: String
    /// libc's `LC_CTYPE` where it is not `locale`.
    public var ctype: String?
    /// False for a collation that compares strings equal that are not byte for byte (ICU only).
    public var deterministic: Bool
    public var comment: String?
    public var location: SourceLocation?

    public init(name: QualifiedName, provider: Provider = .libc, locale: String, ctype: String? = nil,
                deterministic: Bool = true, comment: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.provider = provider
        self.locale = locale
        self.ctype = ctype
        self.deterministic = deterministic
        self.comment = comment
        self.location = location
    }

    /// Whether `other` is this collation with only its comment or location different.
    public func sameDefinition(as other: Collation) -> Bool {
        (provider, locale, ctype, deterministic) == (other.provider, other.locale, other.ctype, other.deterministic)
    }
}

/// `CREATE TYPE name AS (attribute type, …)`: a composite type of its own (not a table's row type).
public struct CompositeType: Codable, Hashable, Sendable {
    public struct Attribute: Codable, Hashable, Sendable {
        public var name: String
        public var type: DataType
        public var collation: String?
        public var comment: String?
        public init(name: String, type: DataType, collation: String? = nil, comment: String? = nil) {
            self.name = name
            self.type = type
            self.collation = collation
            self.comment = comment
        }
    }

    public var name: QualifiedName
    public var attributes: [Attribute]
    public var comment: String?
    public var location: SourceLocation?

    public init(name: QualifiedName, attributes: [Attribute], comment: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.attributes = attributes
        self.comment = comment
        self.location = location
    }
}

/// `CREATE TYPE name AS RANGE (subtype = …)`, with the multirange type PostgreSQL makes with it.
public struct RangeType: Codable, Hashable, Sendable {
    public var name: QualifiedName
    public var subtype: DataType
    /// A B-tree operator class of the subtype that is not its default.
    public var subtypeOpclass: String?
    /// A collation of the subtype that is not its default.
    public var collation: String?
    /// `canonical = function`, schema-qualified.
    public var canonical: String?
    /// `subtype_diff = function`, as PostgreSQL prints it (`float8mi`, `public.time_diff`).
    public var subtypeDiff: String?
    /// The multirange type's name; nil is PostgreSQL's own (`floatrange` → `floatmultirange`).
    public var multirangeName: String?
    public var comment: String?
    public var location: SourceLocation?

    public init(name: QualifiedName, subtype: DataType, subtypeOpclass: String? = nil, collation: String? = nil,
                canonical: String? = nil, subtypeDiff: String? = nil, multirangeName: String? = nil,
                comment: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.subtype = subtype
        self.subtypeOpclass = subtypeOpclass
        self.collation = collation
        self.canonical = canonical
        self.subtypeDiff = subtypeDiff
        self.multirangeName = multirangeName
        self.comment = comment
        self.location = location
    }

    /// The multirange type's name as PostgreSQL chooses it when none is given: `range` in the
    /// name becomes `multirange`, else `_multirange` is appended.
    public static func defaultMultirangeName(for range: String) -> String {
        let bytes = Array(range.utf8), word = Array("range".utf8)
        if bytes.count >= word.count,
           let at = (0...(bytes.count - word.count)).first(where: { Array(bytes[$0..<($0 + word.count)]) == word }) {
            return String(decoding: bytes[..<at] + Array("multi".utf8) + bytes[at...], as: UTF8.self)
        }
        return defaultObjectName(table: range, columns: [], label: "multirange")
    }

    public var effectiveMultirangeName: String { multirangeName ?? Self.defaultMultirangeName(for: name.name) }
}
