import SchemaModel

public typealias FunctionLanguage = SchemaModel.Function.Language
public typealias Volatility = SchemaModel.Function.Volatility
public typealias Returns = SchemaModel.Function.Returns
public typealias Parallel = SchemaModel.Function.Parallel

/// A function argument: `Arg("p_pool_id", .uuid)`.
public struct Arg: Sendable {
    let value: SchemaModel.Function.Argument

    public init(_ name: String, _ type: DataType, default expression: String? = nil) {
        value = .init(name: name, type: type, defaultExpression: expression)
    }

    /// An argument without a name, read as `$1`, `$2`, ….
    public init(_ type: DataType, default expression: String? = nil) {
        value = .init(name: nil, type: type, defaultExpression: expression)
    }

    public static func out(_ name: String, _ type: DataType) -> Arg { Arg(.init(name: name, type: type, mode: .out)) }
    public static func `inout`(_ name: String, _ type: DataType) -> Arg { Arg(.init(name: name, type: type, mode: .inout)) }
    /// `VARIADIC name type[]`: the last arguments of a call, as an array.
    public static func variadic(_ name: String, _ type: DataType) -> Arg {
        Arg(.init(name: name, type: type, mode: .variadic))
    }
    init(_ value: SchemaModel.Function.Argument) { self.value = value }
}

extension SchemaModel.Function.Returns {
    /// `RETURNS TABLE (name type, …)`.
    public static func table(_ columns: (String, DataType)...) -> Self {
        .table(columns.map { .init(name: $0.0, type: $0.1, mode: .out) })
    }
}

/// `CREATE FUNCTION name(args) RETURNS … LANGUAGE … AS $$body$$`.
public struct Function: DatabaseContent, Modifiable {
    var name: String
    var value: SchemaModel.Function

    public init(
        _ name: String, _ arguments: Arg..., returns: Returns, language: FunctionLanguage = .plpgsql,
        volatility: Volatility = .volatile, strict: Bool = false, securityDefiner: Bool = false,
        file: String = #filePath, line: Int = #line, body: String
    ) {
        self.name = name
        value = .init(name: QualifiedName(name), arguments: arguments.map(\.value), returns: returns,
                      language: language, volatility: volatility, isStrict: strict,
                      isSecurityDefiner: securityDefiner, body: body,
                      location: SourceLocation(file: file, line: line))
    }

    public func comment(_ text: String) -> Function { with { $0.value.comment = text } }
    /// `LEAKPROOF`: reveals nothing about its arguments but through its result.
    public func leakproof() -> Function { with { $0.value.isLeakproof = true } }
    /// `PARALLEL SAFE | RESTRICTED`.
    public func parallel(_ mode: Parallel) -> Function { with { $0.value.parallel = mode } }
    /// `COST n`: the planner's estimate of one call.
    public func cost(_ cost: Double) -> Function { with { $0.value.cost = cost } }
    /// `ROWS n`: the planner's estimate of a set-returning function's rows.
    public func rows(_ rows: Double) -> Function { with { $0.value.rows = rows } }
    /// `SECURITY DEFINER`: runs with its owner's rights (pair it with `set("search_path", …)`).
    public func securityDefiner() -> Function { with { $0.value.isSecurityDefiner = true } }
    /// `SET name TO value` while the function runs: `set("search_path", "pg_catalog, public")`.
    public func set(_ name: String, _ value: String) -> Function {
        with { $0.value.settings.append(.init(name: name, value: value)) }
    }
    /// The body is SQL-standard (`BEGIN ATOMIC … END` or `RETURN …`), parsed when the function
    /// is created, so PostgreSQL tracks what it uses; not a string between dollar quotes.
    public func sqlStandardBody() -> Function { with { $0.value.isSQLStandardBody = true } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        var function = value
        function.name = QualifiedName(parsing: name, defaultSchema: schema)
        model.functions.append(function)
    }
}

/// `CREATE PROCEDURE name(args) LANGUAGE … AS $$body$$`.
public struct Procedure: DatabaseContent, Modifiable {
    var function: Function

    public init(
        _ name: String, _ arguments: Arg..., language: FunctionLanguage = .plpgsql, securityDefiner: Bool = false,
        file: String = #filePath, line: Int = #line, body: String
    ) {
        var function = Function(name, returns: .void, language: language, securityDefiner: securityDefiner,
                                file: file, line: line, body: body)
        function.value.arguments = arguments.map(\.value)
        function.value.returns = nil
        self.function = function
    }

    public func comment(_ text: String) -> Procedure { with { $0.function = $0.function.comment(text) } }
    public func securityDefiner() -> Procedure { with { $0.function = $0.function.securityDefiner() } }
    public func set(_ name: String, _ value: String) -> Procedure { with { $0.function = $0.function.set(name, value) } }
    /// A SQL-standard body (`BEGIN ATOMIC … END`), as for a function.
    public func sqlStandardBody() -> Procedure { with { $0.function = $0.function.sqlStandardBody() } }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        function.contribute(to: &model, schema: schema)
    }
}
