/// A function or procedure.
public struct Function: Codable, Hashable, Sendable {
    public enum Language: String, Codable, Hashable, Sendable {
        case sql, plpgsql
    }
    public enum Volatility: String, Codable, Hashable, Sendable {
        case immutable = "IMMUTABLE", stable = "STABLE", volatile = "VOLATILE"
    }
    public enum Returns: Codable, Hashable, Sendable {
        case type(DataType)
        case setOf(DataType)
        /// `RETURNS TABLE (name type, …)`.
        case table([Argument])
        case trigger
        case void
    }
    public struct Argument: Codable, Hashable, Sendable {
        public enum Mode: String, Codable, Hashable, Sendable {
            case `in` = "IN", out = "OUT", `inout` = "INOUT", variadic = "VARIADIC"
        }
        public var name: String?
        public var type: DataType
        public var mode: Mode
        public var defaultExpression: String?

        public init(name: String?, type: DataType, mode: Mode = .in, defaultExpression: String? = nil) {
            self.name = name
            self.type = type
            self.mode = mode
            self.defaultExpression = defaultExpression
        }
    }

    public var name: QualifiedName
    public var arguments: [Argument]
    /// nil for a procedure.
    public var returns: Returns?
    public var language: Language
    public var volatility: Volatility
    public var isStrict: Bool
    public var isSecurityDefiner: Bool
    public var body: String
    public var comment: String?
    public var location: SourceLocation?

    public init(
        name: QualifiedName, arguments: [Argument] = [], returns: Returns?, language: Language = .plpgsql,
        volatility: Volatility = .volatile, isStrict: Bool = false, isSecurityDefiner: Bool = false, body: String,
        comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.arguments = arguments
        self.returns = returns
        self.language = language
        self.volatility = volatility
        self.isStrict = isStrict
        self.isSecurityDefiner = isSecurityDefiner
        self.body = body
        self.comment = comment
        self.location = location
    }

    public var isProcedure: Bool { returns == nil }

    /// `schema.name(type,…)`: what tells overloads apart.
    public var signature: String {
        "\(name)(\(signatureTypes.map(\.formatted).joined(separator: ",")))"
    }

    /// The types that identify the function among overloads: the input arguments.
    public var signatureTypes: [DataType] {
        arguments.filter { $0.mode != .out }.map(\.type)
    }
}
