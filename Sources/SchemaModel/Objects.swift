public struct Extension: Codable, Hashable, Sendable {
    public var name: String
    /// Schema the extension's objects go into; nil lets PostgreSQL choose.
    public var schema: String?
    public var location: SourceLocation?

    public init(name: String, schema: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.schema = schema
        self.location = location
    }
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
        public init(name: String, expression: String) {
            self.name = name
            self.expression = expression
        }
    }

    public var name: QualifiedName
    public var baseType: DataType
    public var isNullable: Bool
    public var defaultExpression: String?
    public var checks: [Check]
    public var comment: String?
    public var location: SourceLocation?

    public init(
        name: QualifiedName, baseType: DataType, isNullable: Bool = true, defaultExpression: String? = nil,
        checks: [Check] = [], comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.baseType = baseType
        self.isNullable = isNullable
        self.defaultExpression = defaultExpression
        self.checks = checks
        self.comment = comment
        self.location = location
    }
}

public struct Sequence: Codable, Hashable, Sendable {
    public var name: QualifiedName
    public var type: DataType
    public var start: Int64
    public var increment: Int64
    public var minValue: Int64?
    public var maxValue: Int64?
    public var cache: Int64
    public var cycle: Bool
    public var comment: String?
    public var location: SourceLocation?

    public init(
        name: QualifiedName, type: DataType = .bigint, start: Int64 = 1, increment: Int64 = 1,
        minValue: Int64? = nil, maxValue: Int64? = nil, cache: Int64 = 1, cycle: Bool = false,
        comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.type = type
        self.start = start
        self.increment = increment
        self.minValue = minValue
        self.maxValue = maxValue
        self.cache = cache
        self.cycle = cycle
        self.comment = comment
        self.location = location
    }
}

public struct View: Codable, Hashable, Sendable {
    public var name: QualifiedName
    /// The SELECT that defines the view.
    public var query: String
    public var isMaterialized: Bool
    public var comment: String?
    public var location: SourceLocation?

    public init(
        name: QualifiedName, query: String, isMaterialized: Bool = false, comment: String? = nil,
        location: SourceLocation? = nil
    ) {
        self.name = name
        self.query = query
        self.isMaterialized = isMaterialized
        self.comment = comment
        self.location = location
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
    public var comment: String?
    public var location: SourceLocation?

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
