import Foundation
import SchemaModel
import Testing

/// The dependency graph keeps objects numbered, and a renamed graph notes its renames beside
/// the numbering it shares: every way of renaming must read as a graph built afresh would.
@Suite("Dependency graphs")
struct DependenciesTests {
    static let t = QualifiedName("t"), u = QualifiedName("u")

    /// The graph built edge by edge from `edges`, renamed objects and all.
    static func built(_ edges: [(ObjectID, ObjectID)]) -> Dependencies {
        var graph = Dependencies()
        for (a, b) in edges { graph.add(a, dependsOn: b) }
        return graph
    }

    static let edges: [(ObjectID, ObjectID)] = [
        (.column(t, "a"), .table(t)), (.column(t, "b"), .table(t)), (.index(QualifiedName("t_a")), .column(t, "a")),
        (.constraint(u, "u_fk"), .column(t, "a")), (.column(u, "x"), .table(u)), (.view(QualifiedName("v")), .column(t, "b")),
    ]

    static func renaming(_ pairs: [ObjectID: ObjectID]) -> (ObjectID) -> ObjectID? { { pairs[$0] } }

    /// `edges`' graph renamed by `pairs`, and the graph built with the new names.
    static func renamedAndBuilt(_ pairs: [ObjectID: ObjectID]) -> (renamed: Dependencies, built: Dependencies) {
        let rename = renaming(pairs)
        return (built(edges).renamed(rename), built(edges.map { (rename($0.0) ?? $0.0, rename($0.1) ?? $0.1) }))
    }

    /// One object; a table with its columns; two objects swapping names.
    static let renames: [[ObjectID: ObjectID]] = [
        [.column(DependenciesTests.t, "a"): .column(DependenciesTests.t, "c")],
        [.table(DependenciesTests.t): .table(QualifiedName("t2")), .column(DependenciesTests.t, "a"): .column(QualifiedName("t2"), "a"),
         .column(DependenciesTests.t, "b"): .column(QualifiedName("t2"), "b")],
        [.column(DependenciesTests.t, "a"): .column(DependenciesTests.t, "b"), .column(DependenciesTests.t, "b"): .column(DependenciesTests.t, "a")],
    ]

    @Test("a renamed graph reads as the graph built with the new names", arguments: renames)
    func renamed(_ pairs: [ObjectID: ObjectID]) throws {
        let graph = Self.built(Self.edges)
        let rename = Self.renaming(pairs)
        let (renamed, expected) = Self.renamedAndBuilt(pairs)
        #expect(renamed == expected)
        for (a, _) in Self.edges {
            let now = rename(a) ?? a
            #expect(Set(renamed.of(now)) == Set(expected.of(now)), "\(now)")
            #expect(Set(renamed.dependents().of(now)) == Set(expected.dependents().of(now)), "\(now)")
        }
        // The old names are gone unless another object took them.
        for (old, _) in pairs where !pairs.values.contains(old) {
            #expect(renamed.of(old).isEmpty && renamed.dependents().of(old).isEmpty, "\(old)")
        }
        // The graph it came from is as it was.
        #expect(graph == Self.built(Self.edges))
        // Renamed back, and encoded and decoded, it is the first graph again.
        let back = Dictionary(uniqueKeysWithValues: pairs.map { ($1, $0) })
        #expect(renamed.renamed(Self.renaming(back)) == graph)
        let decoded = try JSONDecoder().decode(Dependencies.self, from: JSONEncoder().encode(renamed))
        #expect(decoded == expected)
    }

    @Test("a renamed graph grows, filters and is made room in as one built afresh")
    func renamedThenChanged() {
        var (renamed, expected) = Self.renamedAndBuilt([.column(Self.t, "a"): .column(Self.t, "c")])
        // The old name used again, for a new object.
        renamed.add(.column(Self.t, "a"), dependsOn: .table(Self.t))
        expected.add(.column(Self.t, "a"), dependsOn: .table(Self.t))
        #expect(renamed == expected)
        #expect(Set(renamed.dependents().of(.table(Self.t))) == [.column(Self.t, "a"), .column(Self.t, "b"), .column(Self.t, "c")])
        let keep: (ObjectID) -> Bool = { $0.table != Self.u }
        #expect(renamed.filter(keep) == expected.filter(keep))
        // Room made copies the renamed graph (it shares its storage with `grown`'s source).
        var grown = renamed
        grown.reserveCapacity(grown.objectCount * 2)
        grown.add(.view(QualifiedName("w")), dependsOn: .column(Self.t, "c"))
        expected.add(.view(QualifiedName("w")), dependsOn: .column(Self.t, "c"))
        #expect(grown == expected)
        #expect(grown.dependents().of(.column(Self.t, "c")).contains(.view(QualifiedName("w"))))
        #expect(renamed.of(.view(QualifiedName("w"))).isEmpty)
    }

    @Test("a graph of thousands of objects finds each, whether made with room or grown, and no other")
    func manyObjects() throws {
        // Every column of 300 tables on its table, and each table on the one before it: the
        // numbering's table grows many times over, or once with room made.
        let tables = (0..<300).map { QualifiedName("t\($0)") }
        var edges: [(ObjectID, ObjectID)] = []
        for (k, t) in tables.enumerated() {
            for c in 0..<12 { edges.append((.column(t, "c\(c)"), .table(t))) }
            if k > 0 { edges.append((.table(t), .table(tables[k - 1]))) }
        }
        var withRoom = Dependencies()
        withRoom.reserveCapacity(edges.count)
        for (a, b) in edges.shuffled() { withRoom.add(a, dependsOn: b) }
        let grown = Self.built(edges)
        let decoded = try JSONDecoder().decode(Dependencies.self, from: JSONEncoder().encode(grown))
        for graph in [grown, withRoom, decoded] {
            #expect(graph.objectCount == 300 * 13)
            #expect(graph == grown)
            for (k, t) in tables.enumerated() {
                #expect(graph.of(.column(t, "c7")) == [.table(t)])
                #expect(graph.of(.table(t)) == (k > 0 ? [.table(tables[k - 1])] : []))
                #expect(graph.dependents().of(.table(t)).count == (k < tables.count - 1 ? 13 : 12))
            }
            #expect(graph.of(.column(tables[0], "c12")).isEmpty && graph.dependents().of(.table(QualifiedName("t300"))).isEmpty)
        }
    }

    static let a = QualifiedName("a"), b = QualifiedName("b"), mood = QualifiedName("mood")

    /// `b` references `a`'s key and has a column of type `mood`, which is not a type of the model.
    static let keyed = DatabaseModel(tables: [
        Table(name: a, columns: [Column(name: "id", type: .integer)],
              constraints: [Constraint(name: "a_pkey", kind: .primaryKey(columns: ["id"]))]),
        Table(name: b, columns: [Column(name: "a_id", type: .integer), Column(name: "m", type: .named(mood))],
              constraints: [Constraint(name: "b_fk", kind: .foreignKey(ForeignKey(
                  columns: ["a_id"], referencedTable: a, referencedColumns: ["id"])))]),
    ])

    /// `keyed` with `a`'s key another one (`b` as it was), or with `mood` a type of the model.
    static func changed(_ change: String) -> DatabaseModel {
        var model = keyed
        if change == "key" { model.tables[0].constraints = [Constraint(name: "a_key", kind: .primaryKey(columns: ["id"]))] }
        if change == "type" { model.enums = [EnumType(name: mood, labels: ["ok"])] }
        return model
    }

    @Test("structure added again to a graph that has a model's: the changed tables', those whose keys they use, new types'",
          arguments: ["key", "type"])
    func structureAddedAgain(_ change: String) {
        let graph = Self.keyed.structuralDependencies
        let changed = Self.changed(change)
        var again = graph
        changed.addStructuralDependencies(to: &again)
        var expected = graph
        for (object, targets) in changed.structuralDependencies.edges {
            for target in targets { expected.add(object, dependsOn: target) }
        }
        #expect(again == expected, "\(change)")
        #expect(again != graph, "\(change)")
        // Nothing changed: nothing to add.
        var same = graph
        Self.keyed.addStructuralDependencies(to: &same)
        #expect(same == graph)
    }

    @Test("objects renamed onto another object's name merge their edges")
    func renamedOntoAnother() {
        let (renamed, expected) = Self.renamedAndBuilt([.column(Self.t, "a"): .column(Self.t, "b")])
        #expect(renamed == expected)
        #expect(Set(renamed.dependents().of(.column(Self.t, "b")))
                == [.index(QualifiedName("t_a")), .constraint(Self.u, "u_fk"), .view(QualifiedName("v"))])
    }
}
