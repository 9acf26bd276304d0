/// Everything schemagen knows about one database: what a declaration says it should be, or
/// what the catalog says it is.
public struct DatabaseModel: Codable, Hashable, Sendable {
    /// The declaration's name (`compute_pools`); empty for a model read from a catalog.
    public var name: String
    public var extensions: [Extension]
    public var namespaces: [Namespace]
    public var enums: [EnumType]
    public var domains: [Domain]
    public var sequences: [Sequence]
    public var functions: [Function]
    public var tables: [Table]
    public var views: [View]
    public var location: SourceLocation?

    public init(
        name: String = "", extensions: [Extension] = [], namespaces: [Namespace] = [], enums: [EnumType] = [],
        domains: [Domain] = [], sequences: [Sequence] = [], functions: [Function] = [], tables: [Table] = [],
        views: [View] = [], location: SourceLocation? = nil
    ) {
        self.name = name
        self.extensions = extensions
        self.namespaces = namespaces
        self.enums = enums
        self.domains = domains
        self.sequences = sequences
        self.functions = functions
        self.tables = tables
        self.views = views
        self.location = location
    }

    public func table(_ name: QualifiedName) -> Table? { tables.first { $0.name == name } }
    public func view(_ name: QualifiedName) -> View? { views.first { $0.name == name } }
}

extension DatabaseModel {
    /// The model without one schema and what is in it (e.g. the migration history's).
    public func without(schema: String) -> DatabaseModel {
        var model = self
        model.namespaces.removeAll { $0.name == schema }
        model.enums.removeAll { $0.name.schema == schema }
        model.domains.removeAll { $0.name.schema == schema }
        model.sequences.removeAll { $0.name.schema == schema }
        model.functions.removeAll { $0.name.schema == schema }
        model.tables.removeAll { $0.name.schema == schema }
        model.views.removeAll { $0.name.schema == schema }
        return model
    }
}
