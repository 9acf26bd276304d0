import HeapModule
import SchemaModel

/// One change of a migration: an operation, how risky it is, and what it removes from and
/// provides to the database, which is what orders it among the others.
public struct Change: Hashable, Sendable {
    /// What a change can do to a live database or its clients; each names what a reviewer
    /// should weigh, in `explanation`.
    public enum Hazard: String, Codable, Sendable, Comparable, CaseIterable {
        /// Loses data: a dropped table or column, a narrowed type, a removed enum value.
        case deletesData = "deletes-data"
        /// Writes every row of the table again.
        case rewritesTable = "rewrites-table"
        /// Holds a lock under which writes to the table wait, for longer than a moment.
        case blocksWrites = "blocks-writes"
        /// Holds an ACCESS EXCLUSIVE lock, under which reads of the table wait too.
        case blocksReads = "blocks-reads"
        /// Builds an index: reads the whole table and sorts it.
        case indexBuild = "index-build"
        /// Reads the whole table to prove a constraint holds.
        case validationScan = "validation-scan"
        /// Clients that name the old table, column or type, or read the old type, stop working.
        case breaksClients = "breaks-clients"
        /// A constraint, unique index or NOT NULL goes away: rows it kept out can be written.
        case dropsGuarantee = "drops-guarantee"
        /// A NOT NULL column without a default: adding it fails on a table that has rows.
        case failsIfRows = "fails-if-rows"
        /// A new column's default is computed for every existing row.
        case volatileDefault = "volatile-default"
        /// Function bodies PostgreSQL does not track may name what is dropped or renamed.
        case untrackedDependencies = "untracked-dependencies"
        /// A role loses a privilege it had.
        case revokesAccess = "revokes-access"

        public static func < (a: Hazard, b: Hazard) -> Bool { a.rawValue < b.rawValue }

        /// A sentence a reviewer can act on.
        public var explanation: String {
            switch self {
            case .deletesData:
                return "Data is lost for good; back it up or copy it elsewhere first if it may be needed."
            case .rewritesTable:
                return "Every row is written again under an ACCESS EXCLUSIVE lock; on a large table run it in a quiet hour or change the column in steps (new column, backfill, swap)."
            case .blocksWrites:
                return "Writes to the table wait while this runs; how long grows with the table's size."
            case .blocksReads:
                return "Reads and writes of the table wait while this runs, and every query queues behind it while it waits for its lock."
            case .indexBuild:
                return "Reads and sorts the whole table: expect I/O and time in proportion to its size."
            case .validationScan:
                return "Reads the whole table to check existing rows, and fails if one breaks the constraint; writes go on meanwhile."
            case .breaksClients:
                return "Application code and queries that use the old name or type fail from this migration on; deploy the code that uses the new one with it."
            case .dropsGuarantee:
                return "Rows the constraint kept out can be written from now on; make sure no code relies on it, and that it is not needed to roll back."
            case .failsIfRows:
                return "Fails if the table has rows: give the column a default, or add it nullable, backfill, then SET NOT NULL."
            case .volatileDefault:
                return "The default is computed for every existing row, which rewrites the table; add the column without it, backfill in batches, then set the default."
            case .untrackedDependencies:
                return "A function body PostgreSQL does not track mentions this name and fails when next called; change the function in the same migration."
            case .revokesAccess:
                return "Sessions of the role that use the privilege fail with \"permission denied\" from this migration on; make sure no service still needs it."
            }
        }

        /// Names of earlier versions, as migration files written then say them.
        public init?(named name: String) {
            switch name {
            case "destructive": self = .deletesData
            case "long-lock": self = .blocksWrites
            default: self.init(rawValue: name)
            }
        }
    }

    public var operation: SchemaOperation
    public var hazards: Set<Hazard>
    /// Objects of the current database this change takes away (or replaces).
    public var removes: [ObjectID]
    /// Objects of the desired database this change brings or changes.
    public var provides: [ObjectID]
    /// Objects that must exist first, besides what `provides` depends on.
    public var requires: [ObjectID]
    /// Only a tie-breaker: among changes free to go, the lower phase goes first.
    var phase: Phase

    init(_ operation: SchemaOperation, phase: Phase, hazards: Set<Hazard> = [], removes: [ObjectID] = [],
         provides: [ObjectID] = [], requires: [ObjectID] = []) {
        self.operation = operation
        self.phase = phase
        self.hazards = hazards
        self.removes = removes
        self.provides = provides
        self.requires = requires
    }

    public var summary: String { operation.summary }

    /// What the change is about, for JSON and reports.
    public var object: ObjectID? { provides.first ?? removes.first ?? requires.first }

    /// `create`, `alter`, `drop` or `rename`, for the marks of a summary.
    public var kind: Kind {
        switch operation {
        case .renameType, .renameTable, .renameIndex, .renameCollation, .renameFunction, .renameSequence, .nameAttachedIndex,
             .nameAttachedConstraint: return .rename
        case .alterTable(_, .renameColumn), .alterTable(_, .renameConstraint): return .rename
        case .dropSchema, .dropExtension, .dropType, .dropDomain, .dropSequence, .dropFunction, .dropTable,
             .dropIndex, .dropView, .dropTrigger, .dropPolicy, .dropCollation:
            return .drop
        case .alterTable(_, .dropColumn), .alterTable(_, .dropConstraint): return .drop
        case .createSchema, .createExtension, .createEnum, .createDomain, .createSequence, .createTable,
             .createIndex, .createView, .createTrigger, .createPolicy, .createCompositeType, .createRangeType,
             .createCollation:
            return .create
        case .createFunction(_, let replace): return replace ? .alter : .create
        case .alterTable(_, .addColumn), .alterTable(_, .addConstraint): return .create
        default: return .alter
        }
    }

    public enum Kind: String, Codable, Sendable { case create, alter, drop, rename }
}

/// The tie-breaking order of a migration, used where dependencies leave a choice: renames,
/// then drops from the most dependent object down, then creates and alters from the least
/// dependent up.
enum Phase: Int, Comparable, Sendable {
    case session, renames
    case dropTriggersAndPolicies, dropViews, dropForeignKeys, dropIndexes, dropConstraints, dropDefaults
    case dropTables, dropColumns, dropFunctions, dropSequences
    case createSchemas, enums, domains, sequences, createFunctions, createTables, addColumns, alterColumns
    case sequenceOwners, addConstraints, createIndexes, addForeignKeys, validate, replaceFunctions, createViews
    case createTriggers, security, comments, dropTypes, dropSchemas

    static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
}

/// The changes that turn one database into another, in an order PostgreSQL accepts.
public struct MigrationPlan: Hashable, Sendable {
    public var changes: [Change]
    /// For each change, the positions of the changes that must run before it.
    public var predecessors: [[Int]]
    /// Differences the plan leaves as they are, each said in a sentence (columns in another
    /// order, an extension newer than the target's): for the reviewer, not for the files.
    public var notes: [String] = []
    /// Columns a rollback retypes without a cast or a conversion given (see `MigrationHints`):
    /// the files would fail there.
    public var unconvertible: [String] = []

    public init() {
        changes = []
        predecessors = []
    }

    init(changes: [Change], predecessors: [[Int]]) {
        self.changes = changes
        self.predecessors = predecessors
    }

    public var isEmpty: Bool { changes.isEmpty }

    public func changes(with hazard: Change.Hazard) -> [Change] { changes.filter { $0.hazards.contains(hazard) } }

    /// The changes at `positions`, in plan order, with their order among themselves kept.
    public func subset(_ positions: Set<Int>) -> MigrationPlan {
        let kept = changes.indices.filter(positions.contains)
        let newPosition = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        return MigrationPlan(
            changes: kept.map { changes[$0] },
            predecessors: kept.map { predecessors[$0].compactMap { newPosition[$0] } })
    }

    /// New enum values and what must run before them: PostgreSQL lets a transaction use an
    /// enum value only once the value is committed, so these are committed first.
    public var committedFirst: Set<Int> {
        var found = Set<Int>()
        var work = changes.indices.filter { if case .addEnumValue = changes[$0].operation { true } else { false } }
        while let i = work.popLast() {
            if found.insert(i).inserted { work += predecessors[i] }
        }
        return found
    }
}

/// A plan that cannot be made: changes that wait on each other, or that an object schemagen
/// does not manage stands in the way of.
public struct PlanError: Error, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The objects whose changes wait on each other.
        case cycle
        /// Objects created or changed that need an unmanaged object the database lacks, or
        /// removed while an unmanaged object still depends on them: `object ← unmanaged`.
        case unmanaged
        /// Columns whose type changes to one PostgreSQL has no cast to from the old.
        case conversionNeeded
    }
    public var reason: Reason
    public var objects: [String]

    public var description: String {
        switch reason {
        case .cycle:
            return "the changes cannot be ordered: these objects depend on each other in a cycle: "
                + objects.joined(separator: ", ")
        case .unmanaged:
            return "schemagen does not manage what these changes depend on; create, change or drop it by hand first:\n"
                + objects.map { "  " + $0 }.joined(separator: "\n")
        case .conversionNeeded:
            return "PostgreSQL has no cast for these type changes; say how each value is converted, with "
                + "`.using(\"expression\", rollback: \"expression\")` on the declared column, or "
                + "`--using schema.table.column=expression` comparing two databases:\n"
                + objects.map { "  " + $0 }.joined(separator: "\n")
        }
    }
}

/// Orders `changes` so that every dependency holds:
/// - a change that removes an object runs before the removal of anything that object depended on
///   (in `current`), so dependents go first;
/// - a change that provides an object runs after the changes that provide what it depends on (in
///   `desired`), and after the removal of the old object of the same name;
/// - explicit `requires` and `follows` hold.
/// Among changes free to run, the lowest phase goes first, then the order they were made in.
func ordered(_ changes: [Change], follows: [Int: Set<Int>], currentDependents: Dependents,
             desired: Dependencies) throws(PlanError)
    -> MigrationPlan
{
    var providers: [ObjectID: [Int]] = [:]
    var removers: [ObjectID: [Int]] = [:]
    for (i, c) in changes.enumerated() {
        for o in c.provides { providers[o, default: []].append(i) }
        for o in c.removes { removers[o, default: []].append(i) }
    }
    var before: [Set<Int>] = Array(repeating: [], count: changes.count)
    func edge(_ a: Int, _ b: Int) { if a != b { before[b].insert(a) } }

    for (b, c) in changes.enumerated() {
        for y in c.removes {
            // What depended on y is removed first.
            for x in currentDependents.of(y) { for a in removers[x] ?? [] { edge(a, b) } }
        }
        for x in c.provides {
            // What x depends on is provided first; an old x is removed first.
            for y in desired.of(x) { for a in providers[y] ?? [] { edge(a, b) } }
            for a in removers[x] ?? [] { edge(a, b) }
        }
        for y in c.requires { for a in providers[y] ?? [] { edge(a, b) } }
    }
    for (b, earlier) in follows { for a in earlier { edge(a, b) } }

    // Kahn's algorithm, taking the lowest (phase, position) among the ready changes.
    var waiting = before.map(\.count)
    var after: [[Int]] = Array(repeating: [], count: changes.count)
    for (b, set) in before.enumerated() { for a in set { after[a].append(b) } }
    var ready = Heap<Ready>()
    for i in changes.indices where waiting[i] == 0 { ready.insert(Ready(phase: changes[i].phase, position: i)) }
    var order: [Int] = []
    order.reserveCapacity(changes.count)
    while let next = ready.popMin() {
        order.append(next.position)
        for n in after[next.position] {
            waiting[n] -= 1
            if waiting[n] == 0 { ready.insert(Ready(phase: changes[n].phase, position: n)) }
        }
    }
    if order.count < changes.count {
        let stuck = changes.indices.filter { waiting[$0] > 0 }
        let objects = Set(stuck.compactMap { changes[$0].object?.description })
        throw PlanError(reason: .cycle, objects: objects.sorted())
    }
    let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    return MigrationPlan(
        changes: order.map { changes[$0] },
        predecessors: order.map { before[$0].map { position[$0]! }.sorted() })
}

/// A change free to run, ordered by phase, then by when it was made.
private struct Ready: Comparable {
    var phase: Phase
    var position: Int
    static func < (a: Ready, b: Ready) -> Bool { (a.phase, a.position) < (b.phase, b.position) }
}
