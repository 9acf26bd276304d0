import Foundation
import SchemaModel

/// A privilege to grant or revoke: `.select`, `.update("email")` for columns, `.all`.
public struct Privilege: Sendable, Hashable {
    let name: String
    let columns: [String]

    public init(_ name: String, columns: [String] = []) {
        self.name = name.uppercased()
        self.columns = columns
    }

    public static let select = Privilege("SELECT")
    public static let insert = Privilege("INSERT")
    public static let update = Privilege("UPDATE")
    public static let delete = Privilege("DELETE")
    public static let truncate = Privilege("TRUNCATE")
    public static let references = Privilege("REFERENCES")
    public static let trigger = Privilege("TRIGGER")
    public static let usage = Privilege("USAGE")
    public static let create = Privilege("CREATE")
    public static let execute = Privilege("EXECUTE")
    /// Every privilege the kind of object has.
    public static let all = Privilege("ALL")

    /// The privilege on some columns of a table only.
    public static func select(_ columns: String...) -> Privilege { Privilege("SELECT", columns: columns) }
    public static func insert(_ columns: String...) -> Privilege { Privilege("INSERT", columns: columns) }
    public static func update(_ columns: String...) -> Privilege { Privilege("UPDATE", columns: columns) }
    public static func references(_ columns: String...) -> Privilege { Privilege("REFERENCES", columns: columns) }
}

/// What a privilege is on. Names without a schema are in the enclosing `Namespace`.
public enum PrivilegeObject: Sendable, Hashable {
    /// A table, partitioned table, view or materialized view.
    case table(String)
    case sequence(String)
    /// A function or procedure by its input argument types, as SQL writes them:
    /// `.function("add_one", "integer")`, `.function("now_utc")`.
    case function(String, String = "")
    case schema(String)
    /// An enum or a domain.
    case type(String)
    /// Every table, view and materialized view the declaration has in a schema, as
    /// `ON ALL TABLES IN SCHEMA` grants on those there when it runs.
    case allTables(in: String)
    /// Every sequence in a schema, identity columns' included (`ON ALL SEQUENCES IN SCHEMA`).
    case allSequences(in: String)

    func id(inSchema schema: String) -> ObjectID {
        switch self {
        // Expanded once the declaration is complete (`DatabaseModel.resolveGrantTargets`).
        case .allTables(let s): return .table(QualifiedName(schema: s, ""))
        case .allSequences(let s): return .sequence(QualifiedName(schema: s, ""))
        case .table(let n): return .table(QualifiedName(parsing: n, defaultSchema: schema))
        case .sequence(let n): return .sequence(QualifiedName(parsing: n, defaultSchema: schema))
        case .function(let n, let arguments):
            let types = arguments.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return .function(QualifiedName(parsing: n, defaultSchema: schema), arguments: types.joined(separator: ","))
        case .schema(let n): return .schema(n)
        case .type(let n): return .type(QualifiedName(parsing: n, defaultSchema: schema))
        }
    }
}

/// `GRANT privileges ON object TO roles`. Roles belong to the server's cluster: they are named
/// here, not created (`diff` names any the target server lacks).
///
///     Grant(.select, .insert, .update, .delete, on: .table("memory_assets"), to: "service_role")
///     Grant(.update("display_name"), on: .table("profiles"), to: "app")
///     Grant(.execute, on: .function("add_one", "integer"), to: "app", withGrantOption: true)
public struct Grant: DatabaseContent {
    let privileges: [Privilege]
    let object: PrivilegeObject
    let roles: [String]
    let withGrantOption: Bool
    let location: SourceLocation

    public init(_ privileges: Privilege..., on object: PrivilegeObject, to roles: String..., withGrantOption: Bool = false,
                file: String = #filePath, line: Int = #line) {
        self.privileges = privileges
        self.object = object
        self.roles = roles
        self.withGrantOption = withGrantOption
        location = SourceLocation(file: file, line: line)
    }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        model.grants += entries(privileges, on: object.id(inSchema: schema), roles: roles, withGrantOption: withGrantOption,
                                revokesDefault: false, location: location)
    }
}

/// `REVOKE privileges ON object FROM roles`, for what PostgreSQL grants by default: `EXECUTE` on
/// functions and `USAGE` on types to `PUBLIC`, `USAGE` on the `public` schema.
///
///     Revoke(.execute, on: .function("transfer", "uuid, uuid, numeric"), from: "PUBLIC")
public struct Revoke: DatabaseContent {
    let privileges: [Privilege]
    let object: PrivilegeObject
    let roles: [String]
    let location: SourceLocation

    public init(_ privileges: Privilege..., on object: PrivilegeObject, from roles: String...,
                file: String = #filePath, line: Int = #line) {
        self.privileges = privileges
        self.object = object
        self.roles = roles
        location = SourceLocation(file: file, line: line)
    }

    public func contribute(to model: inout DatabaseModel, schema: String) {
        model.grants += entries(privileges, on: object.id(inSchema: schema), roles: roles, withGrantOption: false,
                                revokesDefault: true, location: location)
    }
}

private func entries(_ privileges: [Privilege], on object: ObjectID, roles: [String], withGrantOption: Bool,
                     revokesDefault: Bool, location: SourceLocation) -> [SchemaModel.Grant] {
    roles.flatMap { role in
        privileges.flatMap { p in
            (p.columns.isEmpty ? [nil] : p.columns.map(Optional.some)).map { column in
                SchemaModel.Grant(object: object, column: column, privilege: p.name, grantee: role,
                                  withGrantOption: withGrantOption, revokesDefault: revokesDefault, location: location)
            }
        }
    }
}

/// `ALTER DEFAULT PRIVILEGES`: what tables, sequences, functions, types or schemas get when
/// they are created later, by the role that runs the migration (or `role`), in `schema` (or
/// anywhere).
///
///     DefaultPrivileges(in: "reports") {
///         GrantOnFuture(.select, on: .tables, to: "reporting")
///     }
public struct DefaultPrivileges: DatabaseContent {
    let role: String?
    let schema: String?
    let entries: [GrantOnFuture]

    public init(for role: String? = nil, in schema: String? = nil, @DefaultPrivilegesBuilder _ entries: () -> [GrantOnFuture]) {
        self.role = role
        self.schema = schema
        self.entries = entries()
    }

    public func contribute(to model: inout DatabaseModel, schema _: String) {
        for e in entries {
            for role in e.roles {
                for p in e.privileges {
                    model.defaultPrivileges.append(DefaultPrivilege(
                        role: self.role, schema: schema, objects: e.objects, privilege: p.name, grantee: role,
                        withGrantOption: e.withGrantOption, revokesDefault: e.revokes, location: e.location))
                }
            }
        }
    }
}

/// One `GRANT` (or, with `revoking`, `REVOKE`) of `DefaultPrivileges`.
public struct GrantOnFuture: Sendable {
    let privileges: [Privilege]
    let objects: DefaultPrivilege.Objects
    let roles: [String]
    let withGrantOption: Bool
    let revokes: Bool
    let location: SourceLocation

    public init(_ privileges: Privilege..., on objects: DefaultPrivilege.Objects, to roles: String...,
                withGrantOption: Bool = false, file: String = #filePath, line: Int = #line) {
        self.privileges = privileges
        self.objects = objects
        self.roles = roles
        self.withGrantOption = withGrantOption
        revokes = false
        location = SourceLocation(file: file, line: line)
    }

    /// A privilege such objects have by default, taken away: `EXECUTE` on functions from `PUBLIC`.
    public init(revoking privileges: Privilege..., on objects: DefaultPrivilege.Objects, from roles: String...,
                file: String = #filePath, line: Int = #line) {
        self.privileges = privileges
        self.objects = objects
        self.roles = roles
        withGrantOption = false
        revokes = true
        location = SourceLocation(file: file, line: line)
    }
}

@resultBuilder
public enum DefaultPrivilegesBuilder {
    public static func buildBlock(_ parts: GrantOnFuture...) -> [GrantOnFuture] { parts }
}
