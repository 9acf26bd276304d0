/// A function or procedure.
public struct Function: Codable, Hashable, Sendable {
    /// The language the body is written in: `sql`, `plpgsql`, or any other the server has.
    public struct Language: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { rawValue = value }
        public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(rawValue)
        }
        public static let sql = Language(rawValue: "sql")
        public static let plpgsql = Language(rawValue: "plpgsql")
    }
    public enum Parallel: String, Codable, Hashable, Sendable {
        case unsafe = "UNSAFE", restricted = "RESTRICTED", safe = "SAFE"
    }
    /// `SET name = value` for the time the function runs (`SET search_path = pg_catalog, public`).
    public struct Setting: Codable, Hashable, Sendable {
        public var name: String
        /// As PostgreSQL stores it: `pg_catalog, public`, `UTC`.
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
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
    public var isLeakproof: Bool
    public var parallel: Parallel
    /// Estimated cost per call; nil is PostgreSQL's default (1 for C and internal functions, 100 otherwise).
    public var cost: Double?
    /// Estimated rows of a set-returning function; nil is PostgreSQL's default (1000).
    public var rows: Double?
    public var settings: [Setting]
    /// The body: the text between the dollar quotes, or, with `isSQLStandardBody`, a
    /// `BEGIN ATOMIC … END` or `RETURN …` body as PostgreSQL prints it.
    public var body: String
    public var isSQLStandardBody: Bool
    public var comment: String?
    public var location: SourceLocation?

    public init(
        name: QualifiedName, arguments: [Argument] = [], returns: Returns?, language: Language = .plpgsql,
        volatility: Volatility = .volatile, isStrict: Bool = false, isSecurityDefiner: Bool = false,
        isLeakproof: Bool = false, parallel: Parallel = .unsafe, cost: Double? = nil, rows: Double? = nil,
        settings: [Setting] = [], body: String, isSQLStandardBody: Bool = false,
        comment: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.arguments = arguments
        self.returns = returns
        self.language = language
        self.volatility = volatility
        self.isStrict = isStrict
        self.isSecurityDefiner = isSecurityDefiner
        self.isLeakproof = isLeakproof
        self.parallel = parallel
        self.cost = cost
        self.rows = rows
        self.settings = settings
        self.body = body
        self.isSQLStandardBody = isSQLStandardBody
        self.comment = comment
        self.location = location
    }

    public var isProcedure: Bool { returns == nil }

    /// `schema.name(type,…)`: what tells overloads apart.
    public var signature: String { "\(name)(\(argumentTypes))" }

    /// The input argument types, comma-separated as `format_type` prints them.
    public var argumentTypes: String { signatureTypes.map(\.formatted).joined(separator: ",") }

    public var id: ObjectID { .function(name, arguments: argumentTypes) }

    /// The types that identify the function among overloads: the input arguments.
    public var signatureTypes: [DataType] {
        arguments.filter { $0.mode != .out }.map(\.type)
    }
}
