import Catalog
import Differ
import Foundation
import MigrationFiles
import Migrator
import LibPQClient
import SchemaModel

/// One side of a comparison.
public enum SchemaSource: Sendable {
    /// A declaration, validated: created in a scratch database and read back.
    case declaration(DatabaseModel)
    /// A live database's catalog, by URL, without the migration history's schema.
    case database(url: String)
    /// What a migrations directory's up files make, replayed into a scratch database, up to
    /// and including `version` (all when nil).
    case migrations(MigrationDirectory, upTo: Int64?)
    /// A model already in the form the differ compares.
    case model(DatabaseModel)
    case empty
}

/// The result of the one comparison every command and test uses: read both sides, print what
/// is written differently in PostgreSQL's own form, plan, stage.
public struct Comparison: Sendable {
    /// Both sides as the differ compared them.
    public var current: DatabaseModel
    public var desired: DatabaseModel
    /// Renames, conversions and options the plan was made with.
    public var hints: MigrationHints
    /// The changes from `current` to `desired`: what `diff` shows, `emit` writes and `status` reports.
    public var plan: StagedPlan
    /// Objects of kinds schemagen does not manage, on either side: left alone.
    public var unmanaged: [UnmanagedObject]
    /// The declared schema's name, when a side is a declaration.
    public var name: String
    /// What of the declaration was realised, when a side is one.
    public var realised: Realised?
    /// How long reading both sides took (catalogs read, a declaration realised or found cached),
    /// before anything was printed again.
    public var readTime: Duration
    /// How long printing again what reads differently took (zero when nothing did).
    public var normaliseTime: Duration = .zero
    /// How long making the staged plan took.
    public var planTime: Duration = .zero
    /// Whether the plan was made while printing again, of the models as read (which came back
    /// unchanged): its time was then spent beside `normaliseTime`, not after it.
    public var plannedWhileNormalising = false
}

public struct ComparisonOptions: Sendable {
    /// The migration history's schema, left out of both sides.
    public var historySchema = History.defaultSchema
    /// Compare live catalogs as read, without printing anything again.
    public var normalise = true
    /// Rebuild tables whose columns are in another order than the target's (see `MigrationHints`).
    public var exactColumnOrder = false
    /// Conversions given on the command line for type changes without a cast, beside the
    /// declaration's own (`.using`).
    public var conversions: [ColumnName: String] = [:]
    /// The same for the rollback.
    public var rollbackConversions: [ColumnName: String] = [:]

    public init(historySchema: String = History.defaultSchema, normalise: Bool = true, exactColumnOrder: Bool = false,
                conversions: [ColumnName: String] = [:], rollbackConversions: [ColumnName: String] = [:]) {
        self.historySchema = historySchema
        self.normalise = normalise
        self.exactColumnOrder = exactColumnOrder
        self.conversions = conversions
        self.rollbackConversions = rollbackConversions
    }
}

/// Read → normalise → plan → stage. A declaration is realised in the dev database (so its
/// expressions are in PostgreSQL's printed form); a live database is read as it is, and then
/// only what reads differently from the other side is printed again. The dev server starts only
/// when something needs it.
public func compare(from: SchemaSource, to: SchemaSource, server: DevServer,
                    options: ComparisonOptions = ComparisonOptions()) throws -> Comparison {
    if case .declaration(let declared) = to {
        let roles = declared.referencedRoles
        // A grant to a role the target's cluster lacks would fail mid-migration: said now, by name.
        if case .database(let url) = from { try requireRoles(roles, at: url) }
        // Replayed migrations grant to the declaration's roles too.
        if case .migrations = from, !roles.isEmpty { try server.dev().provideRoles(roles) }
    }
    let readStarted = ContinuousClock.now
    let sides = try concurrently(2) { i in try read([from, to][i], server: server, options: options) }
    let readTime = ContinuousClock.now - readStarted
    // A printed form new to the cache is written there while the plan is made.
    let storing = DispatchGroup()
    for store in sides.compactMap(\.store) {
        storing.enter()
        Thread { store(); storing.leave() }.start()
    }
    defer { storing.wait() }
    var (a, b) = (sides[0].model, sides[1].model)
    // Hints are the declaration's: forward when it is the target, reversed when it is where we come from.
    let hints = {
        var hints = MigrationHints()
        if case .declaration(let declared) = to { hints = MigrationHints(declaredIn: declared) }
        if case .declaration(let declared) = from { hints = MigrationHints(declaredIn: declared).reversed }
        hints.conversions.merge(options.conversions) { declared, _ in declared }
        hints.rollbackConversions.merge(options.rollbackConversions) { declared, _ in declared }
        hints.exactColumnOrder = options.exactColumnOrder
        return hints
    }()
    let normaliseStarted = ContinuousClock.now
    // What is written differently is found here, so that the server starts only when something
    // is, and found once. A live database's expressions are printed by PostgreSQL already, so
    // printing them again mostly gives them back as they were: the plan of the models as read
    // is made meanwhile, and kept when they come back unchanged.
    var normalising: (written: WrittenDifferently, bIsNormal: Bool, swapped: Bool)?
    if options.normalise {
        switch (sides[0].isNormal, sides[1].isNormal) {
        case (false, true): normalising = (DevDatabase.writtenDifferently(a, b), true, false)
        case (true, false): normalising = (DevDatabase.writtenDifferently(b, a), true, true)
        case (false, false): normalising = (DevDatabase.writtenDifferently(a, b), false, false)
        case (true, true): break
        }
    }
    var normaliseTime = Duration.zero
    var planOfRead: (plan: Result<StagedPlan, any Error>, time: Duration)?
    if let (written, bIsNormal, swapped) = normalising, !written.isEmpty {
        let (x, y) = swapped ? (b, a) : (a, b)
        let asRead = (a, b)
        let normalised: (DatabaseModel, DatabaseModel)
        (normalised, planOfRead) = try concurrently({
            defer { normaliseTime = ContinuousClock.now - normaliseStarted }
            return try server.dev().normaliseDifferences(x, y, written, bIsNormal: bIsNormal)
        }, {
            let started = ContinuousClock.now
            return (Result { try stagedPlan(from: asRead.0, to: asRead.1, hints: hints) }, ContinuousClock.now - started)
        })
        (a, b) = swapped ? (normalised.1, normalised.0) : normalised
        if !DevDatabase.unchanged(a, from: asRead.0) || !DevDatabase.unchanged(b, from: asRead.1) { planOfRead = nil }
    }
    let planStarted = ContinuousClock.now
    let plan = try planOfRead?.plan.get() ?? stagedPlan(from: a, to: b, hints: hints)
    let planTime = planOfRead?.time ?? ContinuousClock.now - planStarted
    var name = ""
    for side in [from, to] { if case .declaration(let d) = side { name = d.name } }
    let unmanaged = Array(Set(a.unmanaged + b.unmanaged)).sorted { ($0.kind, $0.identity) < ($1.kind, $1.identity) }
    return Comparison(current: a, desired: b, hints: hints, plan: plan, unmanaged: unmanaged, name: name,
                      realised: sides[0].realised ?? sides[1].realised, readTime: readTime,
                      normaliseTime: normaliseTime, planTime: planTime, plannedWhileNormalising: planOfRead != nil)
}

private struct Side: Sendable {
    var model: DatabaseModel
    /// Already in printed form (realised), so nothing of it needs printing again.
    var isNormal: Bool
    var realised: Realised? = nil
    /// Writes what was printed to the normalisation cache, when it was not there.
    var store: (@Sendable () -> Void)? = nil
}

/// How much of a declaration was created on the dev server and read back for a comparison:
/// none when its printed form was cached, only what changed since the cached one, or all.
public struct Realised: Sendable {
    public var tables = 0
    public var views = 0
}

private func read(_ source: SchemaSource, server: DevServer, options: ComparisonOptions) throws -> Side {
    switch source {
    case .empty:
        return Side(model: DatabaseModel(), isNormal: true)
    case .model(let model):
        return Side(model: model, isNormal: true)
    case .declaration(let declared):
        func whole() throws -> Side {
            Side(model: try server.dev().normalise(declared: declared), isNormal: true,
                 realised: Realised(tables: declared.tables.count, views: declared.views.count))
        }
        guard let cache = NormalisationCache.shared, let identity = try server.identity() else { return try whole() }
        // The latest entry of this name is read while the declaration is encoded: a declaration
        // unchanged since finds its printed form there.
        let (key, latest) = try concurrently({ cache.key(for: declared, server: identity) },
                                             { cache.latest(named: declared.name, server: identity) })
        guard let key else { return try whole() }
        if let known = cache.lookup(key, latest: latest) { return Side(model: known, isNormal: true, realised: Realised()) }
        var side = Side(model: DatabaseModel(), isNormal: true,
                        realised: Realised(tables: declared.tables.count, views: declared.views.count))
        if let previous = latest?.previous() {
            // The server starts only when something is to be printed again.
            let normalised = try DevDatabase.normalise(declared: declared, after: previous) { try server.dev() }
            side.model = normalised.model
            side.realised = Realised(tables: normalised.realisedTables, views: normalised.realisedViews)
        } else {
            side.model = try server.dev().normalise(declared: declared)
        }
        let printed = side.model
        side.store = { cache.store(key, normalised: printed) }
        return side
    case .database(let url):
        return Side(model: try CatalogReader.read(url: url).without(schema: options.historySchema), isNormal: false)
    case .migrations(let directory, let version):
        let model = try server.dev().withScratchDatabase { connection in
            try directory.replay(on: connection, upTo: version)
            return try CatalogReader.read(connection).without(schema: options.historySchema)
        }
        return Side(model: model, isNormal: model == DatabaseModel())
    }
}
