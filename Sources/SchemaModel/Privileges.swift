/// One privilege on one object, as the difference from what PostgreSQL gives by default: a
/// grant the object's ACL has beyond its default, or (`revokesDefault`) a default privilege
/// taken away (`EXECUTE` from `PUBLIC` on a function). The owner's own privileges are left
/// out: they follow whoever owns the object. A role is named, not declared: roles belong to
/// the cluster, not to a database's schema.
public struct Grant: Codable, Hashable, Sendable, Comparable {
    /// A table, view, sequence, function, schema or type (enum or domain); a column's privilege
    /// names its table here and the column in `column`.
    public var object: ObjectID
    public var column: String?
    /// `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, `REFERENCES`, `TRIGGER`, `USAGE`,
    /// `CREATE`, `EXECUTE`, as `aclexplode` spells them.
    public var privilege: String
    /// A role's name, or `PUBLIC`.
    public var grantee: String
    public var withGrantOption: Bool
    public var revokesDefault: Bool
    public var location: SourceLocation?

    public init(object: ObjectID, column: String? = nil, privilege: String, grantee: String,
                withGrantOption: Bool = false, revokesDefault: Bool = false, location: SourceLocation? = nil) {
        self.object = object
        self.column = column
        self.privilege = privilege.uppercased()
        self.grantee = grantee.lowercased() == "public" ? "PUBLIC" : grantee
        self.withGrantOption = withGrantOption
        self.revokesDefault = revokesDefault
        self.location = location
    }

    /// The object itself, or the column.
    public var grantedOn: ObjectID {
        if let column, let table = object.table { return .column(table, column) }
        return object
    }

    /// What tells two entries apart; the grant option is a property of the entry.
    public var key: Key { Key(object: object, column: column, privilege: privilege, grantee: grantee, revokesDefault: revokesDefault) }

    public struct Key: Hashable, Sendable, Comparable {
        public var object: ObjectID
        public var column: String?
        public var privilege: String
        public var grantee: String
        public var revokesDefault: Bool

        public static func < (a: Key, b: Key) -> Bool {
            (a.object, a.column ?? "", a.grantee, a.privilege, a.revokesDefault ? 1 : 0)
                < (b.object, b.column ?? "", b.grantee, b.privilege, b.revokesDefault ? 1 : 0)
        }
    }

    public static func < (a: Grant, b: Grant) -> Bool { a.key < b.key }

    /// Whether the two say the same, wherever they were written.
    public func same(as other: Grant) -> Bool { key == other.key && withGrantOption == other.withGrantOption }
}

/// `ALTER DEFAULT PRIVILEGES`: what objects a role creates later get, beyond (or, without a
/// schema, short of) PostgreSQL's defaults.
public struct DefaultPrivilege: Codable, Hashable, Sendable, Comparable {
    public enum Objects: String, Codable, Hashable, Sendable, Comparable, CaseIterable {
        case tables = "TABLES", sequences = "SEQUENCES", functions = "FUNCTIONS", types = "TYPES", schemas = "SCHEMAS"
        public static func < (a: Objects, b: Objects) -> Bool { a.rawValue < b.rawValue }
    }
    /// The role whose new objects get them; nil for the role that runs the migration.
    public var role: String?
    /// Only objects created in this schema; nil for all.
    public var schema: String?
    public var objects: Objects
    public var privilege: String
    public var grantee: String
    public var withGrantOption: Bool
    /// A privilege PostgreSQL gives such objects by default, taken away (only without a schema).
    public var revokesDefault: Bool
    public var location: SourceLocation?

    public init(role: String? = nil, schema: String? = nil, objects: Objects, privilege: String, grantee: String,
                withGrantOption: Bool = false, revokesDefault: Bool = false, location: SourceLocation? = nil) {
        self.role = role
        self.schema = schema
        self.objects = objects
        self.privilege = privilege.uppercased()
        self.grantee = grantee.lowercased() == "public" ? "PUBLIC" : grantee
        self.withGrantOption = withGrantOption
        self.revokesDefault = revokesDefault
        self.location = location
    }

    public var key: Key {
        Key(role: role, schema: schema, objects: objects, privilege: privilege, grantee: grantee, revokesDefault: revokesDefault)
    }

    public struct Key: Hashable, Sendable, Comparable {
        public var role: String?
        public var schema: String?
        public var objects: Objects
        public var privilege: String
        public var grantee: String
        public var revokesDefault: Bool

        public static func < (a: Key, b: Key) -> Bool {
            (a.role ?? "", a.schema ?? "", a.objects, a.grantee, a.privilege, a.revokesDefault ? 1 : 0)
                < (b.role ?? "", b.schema ?? "", b.objects, b.grantee, b.privilege, b.revokesDefault ? 1 : 0)
        }
    }

    public static func < (a: DefaultPrivilege, b: DefaultPrivilege) -> Bool { a.key < b.key }

    public func same(as other: DefaultPrivilege) -> Bool { key == other.key && withGrantOption == other.withGrantOption }
}

extension DatabaseModel {
    /// Every role a grant, default privilege or policy names (`PUBLIC` and the roles the
    /// migration runs as left out).
    public var referencedRoles: Set<String> {
        var roles = Set(grants.map(\.grantee) + defaultPrivileges.map(\.grantee) + defaultPrivileges.compactMap(\.role))
        for t in tables { for p in t.policies { roles.formUnion(p.roles) } }
        roles.remove("PUBLIC")
        for special in ["public", "current_user", "session_user", "current_role"] { roles.remove(special) }
        return roles
    }
}
