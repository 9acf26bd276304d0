import SQLRenderer
import SchemaModel

/// One change of a migration: what it does, how risky it is, and its statements.
public struct Change: Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable { case create, alter, drop, rename }

    public enum Hazard: String, Codable, Sendable, Comparable, CaseIterable {
        /// Loses data: a dropped table or column, a narrowed type, a removed enum value.
        case destructive
        /// Rewrites the whole table (a column type change that is not a widening).
        case rewritesTable = "rewrites-table"
        /// Holds a lock that blocks writes while the table is scanned or an index is built.
        case longLock = "long-lock"

        public static func < (a: Hazard, b: Hazard) -> Bool { a.rawValue < b.rawValue }
    }

    public var kind: Kind
    /// e.g. `add column public.users.email`.
    public var summary: String
    public var hazards: Set<Hazard>
    public var statements: [Statement]
    /// Where in a migration the change runs; changes run in phase order, then as made.
    var phase: Phase
    /// `ALTER TYPE … ADD VALUE`: committed before the rest, so later statements may use the value.
    public var outsideTransaction: Bool

    init(_ kind: Kind, _ summary: String, phase: Phase, hazards: Set<Hazard> = [], _ statements: [Statement],
         outsideTransaction: Bool = false) {
        self.kind = kind
        self.summary = summary
        self.phase = phase
        self.hazards = hazards
        self.statements = statements
        self.outsideTransaction = outsideTransaction
    }
}

/// The order of a migration: renames, then drops from the most dependent object down, then
/// creates and alters from the least dependent up.
enum Phase: Int, Codable, Comparable, Sendable {
    case renames
    case dropTriggersAndPolicies, dropViews, dropForeignKeys, dropIndexes, dropConstraints
    case dropTables, dropColumns, dropFunctions
    /// An enum being replaced is renamed out of the way once what names it has been dropped.
    case setAsideEnums
    case createSchemas, enums, domainsAndSequences, createFunctions, createTables, addColumns, alterColumns
    case addConstraints, createIndexes, addForeignKeys, replaceFunctions, createViews, createTriggers, security
    case comments, dropTypes, dropSchemas

    static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
}

extension Statement: Codable {
    enum CodingKeys: String, CodingKey { case sql, summary }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .sql), summary: try c.decode(String.self, forKey: .summary))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sql, forKey: .sql)
        try c.encode(summary, forKey: .summary)
    }
}

/// An ordered list of changes that turns one database into another.
public struct MigrationPlan: Hashable, Sendable, Codable {
    public var changes: [Change]

    public init(changes: [Change]) {
        // A stable sort: within a phase, changes keep the order they were made in.
        var byPhase: [Phase: [Change]] = [:]
        for change in changes { byPhase[change.phase, default: []].append(change) }
        self.changes = byPhase.keys.sorted().flatMap { byPhase[$0]! }
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// Statements to commit one by one before the transactional part.
    public var preamble: [Statement] { changes.filter(\.outsideTransaction).flatMap(\.statements) }
    /// Statements that run together in one transaction.
    public var body: [Statement] { changes.filter { !$0.outsideTransaction }.flatMap(\.statements) }

    public func changes(with hazard: Change.Hazard) -> [Change] { changes.filter { $0.hazards.contains(hazard) } }

    /// The migration as one SQL script: a header that names every hazard, then the statements;
    /// new enum values first, followed by `commitMarker`.
    public func sql(title: String? = nil) -> String {
        var lines = header(title: title)
        if !preamble.isEmpty {
            lines.append("-- The first \(preamble.count) statement(s) run outside the transaction: a new enum value")
            lines.append("-- must be committed before statements that use it.")
        }
        var text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n\n"
        if !preamble.isEmpty { text += preamble.script + "\n" + Self.commitMarker + "\n\n" }
        text += body.script
        return text
    }

    /// A migration file of `statements` (this plan's, or a stage's rewriting of them): the
    /// header, and `noTransactionMarker` when they must run one by one outside a transaction.
    public func file(title: String, statements: [Statement], transactional: Bool) -> String {
        var lines = header(title: title)
        if !transactional {
            lines.append(Self.noTransactionMarker)
            lines.append("-- Runs outside a transaction, one statement at a time; every statement can run again.")
        }
        if statements.isEmpty { lines.append("-- Nothing to do.") }
        return lines.joined(separator: "\n") + "\n\n" + statements.script
    }

    private func header(title: String?) -> [String] {
        var lines: [String] = []
        if let title { lines.append("-- \(title)") }
        for hazard in Change.Hazard.allCases {
            for change in changes(with: hazard) { lines.append("-- \(hazard.rawValue): \(change.summary)") }
        }
        return lines
    }

    /// The line after which a migration file's statements run in a new transaction.
    public static let commitMarker = "-- schemagen:commit"
    /// The line that marks a migration file to run outside a transaction.
    public static let noTransactionMarker = "-- schemagen:no-transaction"
}
