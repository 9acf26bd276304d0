@testable import Differ
import SchemaDSL
import SchemaModel
import Schemas
import Testing

/// Planning asks whether a model has an object through its table rather than a set of every
/// object's ID; both must say the same, for objects it has and objects it lacks.
@Suite("Planning models")
struct PlanningModelTests {
    @Test("has(_:) agrees with objectIDs on every seed, for its own objects and the other seeds'")
    func hasAgreesWithObjectIDs() throws {
        let models = try declaredSchemas.map { try $0.validated() }
        var everyID = Set<ObjectID>()
        for m in models { everyID.formUnion(m.objectIDs) }
        // Objects named like the model's but absent: a column, default, constraint, trigger,
        // policy, inheritance and index on tables that exist, and a table that does not.
        for m in models {
            for t in m.tables {
                everyID.formUnion([.column(t.name, "absent"), .columnDefault(t.name, "absent"), .constraint(t.name, "absent"),
                                   .trigger(t.name, "absent"), .policy(t.name, "absent"), .inheritance(t.name, t.name),
                                   .index(QualifiedName(schema: t.name.schema, "absent")), .table(QualifiedName(schema: "absent", t.name.name))])
                for c in t.columns where c.defaultExpression == nil && c.generatedExpression == nil {
                    everyID.insert(.columnDefault(t.name, c.name))
                }
            }
        }
        var checked = 0
        for m in models {
            let ids = m.objectIDs
            let planning = PlanningModel(m)
            for id in everyID {
                #expect(planning.has(id) == ids.contains(id), "\(m.name): \(id)")
                checked += 1
            }
            #expect(ids.contains { if case .column = $0 { true } else { false } })
        }
        #expect(checked > 1000)
    }
}
