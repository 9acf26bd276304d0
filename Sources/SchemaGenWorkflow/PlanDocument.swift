import Differ
import Foundation
import SQLRenderer
import SchemaModel

/// The JSON form of a staged plan (`--format json`), built from the typed plan. Its shape is
/// versioned by `formatVersion`; fields are only ever added.
///
///     {"formatVersion": 1, "changes": [{"kind": "addColumn", "object": "column public.users.email",
///       "summary": "add column public.users.email", "hazards": [], "stage": "main",
///       "statements": ["ALTER TABLE public.users ADD COLUMN email text"]}], "unmanaged": [],
///      "notes": [], "hazardExplanations": {}}
public struct PlanDocument: Codable, Hashable, Sendable {
    public static let currentVersion = 1

    public struct Change: Codable, Hashable, Sendable {
        /// The operation: `createTable`, `addColumn`, `alterColumn.setType`, `createIndexConcurrently`, ….
        public var kind: String
        /// The object it is about, e.g. `table public.users`.
        public var object: String?
        public var summary: String
        /// `deletes-data`, `rewrites-table`, `blocks-writes`, … (see `hazardExplanations`).
        public var hazards: [String]
        /// The stage it runs in: `enum_values` and `concurrent_indexes` run outside a transaction.
        public var stage: String
        public var statements: [String]
    }

    public var formatVersion: Int
    public var changes: [Change]
    /// Objects of kinds schemagen does not manage, left alone.
    public var unmanaged: [String]
    /// Differences the plan leaves as they are (columns in another order, …), one sentence each.
    public var notes: [String]
    /// What each hazard that occurs in `changes` means, for a reviewer.
    public var hazardExplanations: [String: String]

    public init(_ plan: StagedPlan, unmanaged: [UnmanagedObject] = []) {
        formatVersion = Self.currentVersion
        changes = plan.stages.flatMap { stage in
            stage.up.changes.map { change in
                Change(kind: change.operation.kindName, object: change.object?.description, summary: change.summary,
                       hazards: change.hazards.sorted().map(\.rawValue), stage: stage.kind.rawValue,
                       statements: [SQL.render(change.operation)])
            }
        }
        self.unmanaged = unmanaged.map(\.description)
        notes = plan.notes
        hazardExplanations = Dictionary(uniqueKeysWithValues: Differ.Change.Hazard.allCases
            .filter { !plan.changes(with: $0).isEmpty }.map { ($0.rawValue, $0.explanation) })
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
