/// Everything schemagen knows about one database: what a declaration says it should be, or
/// what the catalog says it is.
public struct DatabaseModel: Codable, Hashable, Sendable {
    /// The declaration's name (`compute_pools`); empty for a model read from a catalog.
    public var name: String
    public var extensions: [Extension]
    public var namespaces: [Namespace]
    public var enums: [EnumType]
    public var domains: [Domain]
    public var compositeTypes: [CompositeType]
    public var rangeTypes: [RangeType]
    public var collations: [Collation]
    public var sequences: [Sequence]
    public var functions: [Function]
    public var tables: [Table]
    public var views: [View]
    /// Privileges on the objects above, beyond or short of PostgreSQL's defaults.
    public var grants: [Grant]
    public var defaultPrivileges: [DefaultPrivilege]
    /// What depends on what; see `Dependencies`.
    public var dependencies: Dependencies
    /// Objects in the database that schemagen does not manage (an aggregate, a rule, a foreign
    /// table, …): left alone, and named so that nobody thinks they are covered.
    public var unmanaged: [UnmanagedObject]
    public var location: SourceLocation?

    public init(
        name: String = "", extensions: [Extension] = [], namespaces: [Namespace] = [], enums: [EnumType] = [],
        domains: [Domain] = [], compositeTypes: [CompositeType] = [], rangeTypes: [RangeType] = [],
        collations: [Collation] = [], sequences: [Sequence] = [], functions: [Function] = [], tables: [Table] = [],
        views: [View] = [], grants: [Grant] = [], defaultPrivileges: [DefaultPrivilege] = [],
        dependencies: Dependencies = Dependencies(), unmanaged: [UnmanagedObject] = [],
        location: SourceLocation? = nil
    ) {
        self.name = name
        self.extensions = extensions
        self.namespaces = namespaces
        self.enums = enums
        self.domains = domains
        self.compositeTypes = compositeTypes
        self.rangeTypes = rangeTypes
        self.collations = collations
        self.sequences = sequences
        self.functions = functions
        self.tables = tables
        self.views = views
        self.grants = grants
        self.defaultPrivileges = defaultPrivileges
        self.dependencies = dependencies
        self.unmanaged = unmanaged
        self.location = location
    }

    public func table(_ name: QualifiedName) -> Table? { tables.first { $0.name == name } }
    /// Each table's position in `tables` by its name (the first, as `table(_:)` finds it), for
    /// looking up many tables.
    public var tablePositions: [QualifiedName: Int] {
        Dictionary(tables.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }
    public func view(_ name: QualifiedName) -> View? { views.first { $0.name == name } }

    /// Every user-defined type's name: enums, domains, composite and range types, and the
    /// multirange types PostgreSQL makes with the ranges.
    public var typeNames: Set<QualifiedName> {
        Set(enums.map(\.name) + domains.map(\.name) + compositeTypes.map(\.name) + rangeTypes.map(\.name)
            + rangeTypes.map { QualifiedName(schema: $0.name.schema, $0.effectiveMultirangeName) })
    }
}

extension DatabaseModel {
    /// The model without one schema and what is in it (e.g. the migration history's).
    public func without(schema: String) -> DatabaseModel {
        // Only `public` is not among a catalog's namespaces; any other schema absent has nothing in
        // it, and the graph is not copied to find so.
        guard schema == "public" || namespaces.contains(where: { $0.name == schema }) else { return self }
        var model = self
        model.namespaces.removeAll { $0.name == schema }
        model.enums.removeAll { $0.name.schema == schema }
        model.domains.removeAll { $0.name.schema == schema }
        model.compositeTypes.removeAll { $0.name.schema == schema }
        model.rangeTypes.removeAll { $0.name.schema == schema }
        model.collations.removeAll { $0.name.schema == schema }
        model.sequences.removeAll { $0.name.schema == schema }
        model.functions.removeAll { $0.name.schema == schema }
        model.tables.removeAll { $0.name.schema == schema }
        model.views.removeAll { $0.name.schema == schema }
        model.grants.removeAll { $0.object.schema == schema }
        model.defaultPrivileges.removeAll { $0.schema == schema }
        model.dependencies = dependencies.filter { $0.schema != schema }
        model.unmanaged.removeAll { $0.schema == schema }
        return model
    }
}

/// An object of a kind schemagen does not manage, as `pg_describe_object` names it.
public struct UnmanagedObject: Codable, Hashable, Sendable, CustomStringConvertible {
    /// e.g. `aggregate`, `rule`, `foreign table`.
    public var kind: String
    /// e.g. `function public.my_sum(integer)` → `public.my_sum(integer)`.
    public var identity: String
    public var schema: String

    public init(kind: String, identity: String, schema: String) {
        self.kind = kind
        self.identity = identity
        self.schema = schema
    }

    public var description: String { "\(kind) \(identity)" }
}
