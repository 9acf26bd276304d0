import Differ
import LibPQClient
import SchemaModel
import SQLRenderer

/// Every part of a declaration that PostgreSQL refused, each at the line of the `Check`,
/// column default, generated column, `Index`, `View` or other object that holds it.
public struct DeclarationFailures: Error, CustomStringConvertible {
    public var failures: [StatementError]

    /// `file:line: error: …` lines, as for mistakes found without a server, each with its statement.
    public var description: String { messages.joined(separator: "\n") }

    /// One message per failure: its `file:line: error:` line, the server's detail and hint, the statement.
    public var messages: [String] {
        failures.map { failure in
            let place = failure.statement.location.map { "\($0): " } ?? ""
            let sql = failure.statement.sql.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            return "\(place)error: \(failure.statement.summary): \(failure.errorText)\n\(sql)"
        }
    }

    /// Creates the model again with each table's checks, defaults and generated columns as
    /// statements of their own, every statement in a savepoint, so one mistake neither hides
    /// the others nor makes what depends on its table fail too. Nil when nothing fails this way
    /// (the failure was not the declaration's). Leaves nothing behind.
    static func diagnosing(_ model: DatabaseModel, on connection: Connection) throws -> DeclarationFailures? {
        var bare = model
        var parts: [Statement] = []
        for (i, table) in model.tables.enumerated() {
            let name = table.name
            bare.tables[i].constraints.removeAll { if case .check = $0.kind { true } else { false } }
            bare.tables[i].columns.removeAll { $0.generatedExpression != nil }
            for (j, column) in bare.tables[i].columns.enumerated() where column.defaultExpression != nil {
                bare.tables[i].columns[j].defaultExpression = nil
                parts.append(Statement(
                    SQL.render(.alterTable(name, .alterColumn(column.name, .setDefault(column.defaultExpression!)))),
                    summary: "default of column \(name).\(column.name)", location: column.location ?? table.location))
            }
            for column in table.columns where column.generatedExpression != nil {
                parts.append(Statement(SQL.render(.alterTable(name, .addColumn(column))),
                                       summary: "generated column \(name).\(column.name)",
                                       location: column.location ?? table.location))
            }
            for check in table.constraints {
                guard case .check = check.kind else { continue }
                parts.append(Statement(SQL.render(.alterTable(name, .addConstraint(check, notValid: false))),
                                       summary: "check \(check.name) on \(name)", location: check.location ?? table.location))
            }
        }
        let statements = try SQL.createStatements(for: bare) + parts
        try connection.execute("BEGIN")
        defer { _ = try? connection.execute("ROLLBACK") }
        var failed = try applyWhatApplies(statements, on: connection)
        if failed.isEmpty { return nil }
        // A view over a view that failed fails for that reason alone: only the first is news.
        let failedObjects = Set(failed.compactMap { $0.0.summary.split(separator: ".").last.map(String.init) })
        failed.removeAll { _, error in
            let text = "\(error)"
            return failedObjects.contains { text.contains("relation \"\($0)\" does not exist") }
        }
        return DeclarationFailures(failures: failed.map { statement, error in
            StatementError(statement: statement, underlying: error, suggestion: suggestion(for: error, in: model))
        })
    }

    /// "did you mean" for a relation, column, type or schema the server did not find, among
    /// the model's names.
    static func suggestion(for error: any Error, in model: DatabaseModel) -> String {
        let text = "\(error)"
        if text.contains("HINT: Perhaps you meant") { return "" }
        func missing(_ kind: String) -> String? {
            guard let start = text.range(of: "\(kind) \""),
                  let end = text[start.upperBound...].range(of: "\" does not exist") else { return nil }
            let name = String(text[start.upperBound..<end.lowerBound])
            return name.split(separator: ".").last.map(String.init)
        }
        let relations = model.tables.map(\.name.name) + model.views.map(\.name.name) + model.sequences.map(\.name.name)
        if let name = missing("relation") { return didYouMean(name, among: relations) }
        if let name = missing("column") {
            return didYouMean(name, among: Set(model.tables.flatMap { $0.columns.map(\.name) }).sorted())
        }
        if let name = missing("type") {
            return didYouMean(name, among: model.enums.map(\.name.name) + model.domains.map(\.name.name))
        }
        if let name = missing("schema") { return didYouMean(name, among: ["public"] + model.namespaces.map(\.name)) }
        return ""
    }
}
