/// A table (plain, partitioned parent, or partition) with everything that hangs off it.
public struct Table: Codable, Hashable, Sendable {
    public var name: QualifiedName
    public var columns: [Column]
    public var constraints: [Constraint]
    public var indexes: [Index]
    public var triggers: [Trigger]
    public var policies: [Policy]
    public var rowLevelSecurity: Bool
    public var forceRowLevelSecurity: Bool
    /// `CREATE UNLOGGED TABLE`: not written to the write-ahead log, emptied after a crash.
    public var isUnlogged: Bool
    /// Storage parameters, as `name=value` (`fillfactor=70`).
    public var storageParameters: [String]
    /// `REPLICA IDENTITY`: what logical replication records of an updated or deleted row.
    public var replicaIdentity: ReplicaIdentity
    /// `CLUSTER ON index`: the index `CLUSTER` without one uses.
    public var clusterIndex: String?

    public enum ReplicaIdentity: Codable, Hashable, Sendable {
        case `default`, full, nothing
        case index(String)
    }
    /// Set on a partitioned parent: `PARTITION BY <strategy> (<key>)`.
    public var partitioning: Partitioning?
    /// Set on a partition: its parent and bound. A partition's columns come from the parent.
    public var partitionOf: PartitionOf?
    /// On a partition: the names of its indexes attached to its parent's indexes (parent
    /// index → this one), where they are not the name PostgreSQL gives a partition's index.
    public var attachedIndexNames: [String: String] = [:]
    /// The same for its keys and foreign keys made from the parent's (parent constraint → this one).
    public var attachedConstraintNames: [String: String] = [:]
    /// `INHERITS (parent, …)`: tables whose columns and CHECK constraints this one inherits,
    /// in order. Inherited columns are listed among `columns`, marked `isInherited`.
    public var inherits: [QualifiedName] = []
    public var comment: String?
    /// A rename hint: the name this table had before (`.renamed(from:)` in the DSL).
    public var renamedFrom: QualifiedName?
    public var location: SourceLocation?

    public init(
        name: QualifiedName, columns: [Column] = [], constraints: [Constraint] = [], indexes: [Index] = [],
        triggers: [Trigger] = [], policies: [Policy] = [], rowLevelSecurity: Bool = false,
        forceRowLevelSecurity: Bool = false, isUnlogged: Bool = false, storageParameters: [String] = [],
        partitioning: Partitioning? = nil, partitionOf: PartitionOf? = nil,
        comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.columns = columns
        self.constraints = constraints
        self.indexes = indexes
        self.triggers = triggers
        self.policies = policies
        self.rowLevelSecurity = rowLevelSecurity
        self.forceRowLevelSecurity = forceRowLevelSecurity
        self.isUnlogged = isUnlogged
        self.storageParameters = storageParameters
        replicaIdentity = .default
        clusterIndex = nil
        self.partitioning = partitioning
        self.partitionOf = partitionOf
        self.comment = comment
        self.location = location
    }

    public func column(named name: String) -> Column? { columns.first { $0.name == name } }

    public var primaryKey: Constraint? {
        constraints.first { if case .primaryKey = $0.kind { return true } else { return false } }
    }
}

public struct Column: Codable, Hashable, Sendable {
    /// `GENERATED ALWAYS | BY DEFAULT AS IDENTITY (sequence options)`.
    public struct Identity: Codable, Hashable, Sendable {
        public enum Generation: String, Codable, Hashable, Sendable {
            case always = "ALWAYS"
            case byDefault = "BY DEFAULT"
        }
        public var generation: Generation
        /// The options of the identity's sequence; its type is the column's.
        public var options: SequenceOptions
        /// `SEQUENCE NAME`; nil is PostgreSQL's own choice, `<table>_<column>_seq`.
        public var sequenceName: String?

        public init(_ generation: Generation, options: SequenceOptions = SequenceOptions(), sequenceName: String? = nil) {
            self.generation = generation
            self.options = options
            self.sequenceName = sequenceName
        }

        public static let always = Identity(.always)
        public static let byDefault = Identity(.byDefault)
    }

    public var name: String
    public var type: DataType
    /// A column that comes from a parent table only (`INHERITS`), not declared by the table
    /// itself: its type is the parent's; its default and NOT NULL may be the table's own.
    public var isInherited = false
    public var isNullable: Bool
    /// A SQL expression (`now()`, `'USD'::character varying`, `0`).
    public var defaultExpression: String?
    @OutOfLine public var identity: Identity?
    /// Expression of a `GENERATED ALWAYS AS (…) STORED` column.
    public var generatedExpression: String?
    public var collation: String?
    /// `SET STORAGE`, where it is not the type's own (`external`, `main`, `extended`, `plain`).
    @OutOfLine public var storage: String?
    /// `SET COMPRESSION` (`pglz`, `lz4`); nil is the server's default.
    @OutOfLine public var compression: String?
    /// `SET STATISTICS n`; nil is the server's default.
    @OutOfLine public var statisticsTarget: Int?
    public var comment: String?
    /// A rename hint: the name this column had before.
    @OutOfLine public var renamedFrom: String? = nil
    /// A migration hint: how values are converted when the type changes without a cast.
    @OutOfLine public var conversion: Conversion? = nil
    @OutOfLine public var location: SourceLocation?

    /// `ALTER COLUMN … TYPE … USING expression`, and the expression that converts back on rollback.
    public struct Conversion: Codable, Hashable, Sendable {
        public var expression: String
        public var rollback: String?
        public init(expression: String, rollback: String? = nil) {
            self.expression = expression
            self.rollback = rollback
        }
    }

    public init(
        name: String, type: DataType, isNullable: Bool = true, defaultExpression: String? = nil,
        identity: Identity? = nil, generatedExpression: String? = nil, collation: String? = nil,
        storage: String? = nil, compression: String? = nil, statisticsTarget: Int? = nil,
        comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.defaultExpression = defaultExpression
        self.identity = identity
        self.generatedExpression = generatedExpression
        self.collation = collation
        self.storage = storage
        self.compression = compression
        self.statisticsTarget = statisticsTarget
        self.comment = comment
        self.location = location
    }
}

extension Column {
    /// The column as a table that inherits it has it: the parent's type, default and NOT NULL,
    /// none of what is the parent's own (identity, comment, hints).
    public var inherited: Column {
        var c = self
        c.isInherited = true
        c.identity = nil
        c.comment = nil
        c.renamedFrom = nil
        c.conversion = nil
        c.location = nil
        return c
    }
}

public struct Partitioning: Codable, Hashable, Sendable {
    public enum Strategy: String, Codable, Hashable, Sendable {
        case range = "RANGE", list = "LIST", hash = "HASH"
    }
    public var strategy: Strategy
    /// Key columns or parenthesised expressions, as written after `PARTITION BY RANGE (`.
    public var key: [String]

    public init(strategy: Strategy, key: [String]) {
        self.strategy = strategy
        self.key = key
    }
}

public struct PartitionOf: Codable, Hashable, Sendable {
    public var parent: QualifiedName
    /// The bound as PostgreSQL prints it: `FOR VALUES FROM (…) TO (…)`, `FOR VALUES IN (…)`,
    /// `FOR VALUES WITH (modulus m, remainder r)` or `DEFAULT`.
    public var bound: String

    public init(parent: QualifiedName, bound: String) {
        self.parent = parent
        self.bound = bound
    }
}
