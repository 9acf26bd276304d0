/// What depends on what, by object: read from `pg_depend` with the catalog (so a model read from
/// a database, or realised in one, has it), or written by hand for a model built in code. It
/// orders a plan and says what must be rebuilt when something under it changes.
///
/// Objects are numbered as they are added, and edges are kept between numbers: a graph of tens
/// of thousands of objects is then built, merged, reversed and renamed hashing each object's
/// names once, not once per edge.
public struct Dependencies: Sendable {
    /// Objects by number.
    private var objects: [ObjectID] = []
    /// Object → its number.
    private var numbers: [ObjectID: Int32] = [:]
    /// Number → the numbers of what the object depends on: no repeats, never itself.
    private var targets: [[Int32]] = []
    private var edgeCount = 0

    public init() {}

    public init(_ edges: [ObjectID: Set<ObjectID>]) {
        for (object, targets) in edges { for target in targets { add(object, dependsOn: target) } }
    }

    public var isEmpty: Bool { edgeCount == 0 }

    /// `object`'s number, given it now if it has none.
    mutating func number(_ object: ObjectID) -> Int32 {
        if let n = numbers[object] { return n }
        let n = Int32(objects.count)
        objects.append(object)
        targets.append([])
        numbers[object] = n
        return n
    }

    mutating func add(_ object: Int32, dependsOn target: Int32) {
        guard object != target, !targets[Int(object)].contains(target) else { return }
        targets[Int(object)].append(target)
        edgeCount += 1
    }

    public mutating func add(_ object: ObjectID, dependsOn target: ObjectID) {
        guard object != target else { return }
        add(number(object), dependsOn: number(target))
    }

    /// What `object` depends on.
    public func of(_ object: ObjectID) -> [ObjectID] {
        guard let n = numbers[object] else { return [] }
        return targets[Int(n)].map { objects[Int($0)] }
    }

    /// Every object with what it depends on, for objects that depend on something.
    public var edges: some Swift.Sequence<(object: ObjectID, targets: [ObjectID])> {
        targets.indices.lazy.filter { !targets[$0].isEmpty }.map { (objects[$0], targets[$0].map { objects[Int($0)] }) }
    }

    /// The graph reversed: `dependents().of(x)` is what depends on `x`.
    public func dependents() -> Dependencies {
        var reversed = Array(repeating: [Int32](), count: objects.count)
        for (object, list) in targets.enumerated() {
            for target in list { reversed[Int(target)].append(Int32(object)) }
        }
        var result = self
        result.targets = reversed
        return result
    }

    /// The same graph with every object renamed by `rename` (nil keeps it).
    public func renamed(_ rename: (ObjectID) -> ObjectID?) -> Dependencies {
        var moved: [(Int, ObjectID)] = []
        for (n, object) in objects.enumerated() {
            if let new = rename(object), new != object { moved.append((n, new)) }
        }
        if moved.isEmpty { return self }
        var result = self
        for (n, _) in moved { result.numbers[objects[n]] = nil }
        for (n, new) in moved {
            // Two objects that become one: their edges are merged, the slow way.
            guard result.numbers[new] == nil else { return merging(renamed: rename) }
            result.objects[n] = new
            result.numbers[new] = Int32(n)
        }
        return result
    }

    private func merging(renamed rename: (ObjectID) -> ObjectID?) -> Dependencies {
        var result = Dependencies()
        for (object, targets) in edges {
            let o = rename(object) ?? object
            for target in targets { result.add(o, dependsOn: rename(target) ?? target) }
        }
        return result
    }

    /// Only the edges whose both ends pass `keep`.
    public func filter(_ keep: (ObjectID) -> Bool) -> Dependencies {
        let kept = objects.map(keep)
        var result = self
        result.edgeCount = 0
        for (object, list) in targets.enumerated() {
            // Objects left out keep their numbers, with no edges: they are in no `edges`.
            result.targets[object] = kept[object] ? list.filter { kept[Int($0)] } : []
            result.edgeCount += result.targets[object].count
        }
        return result
    }

    public mutating func merge(_ other: Dependencies) {
        if isEmpty && objects.isEmpty {
            self = other
            return
        }
        let mapped = other.objects.map { number($0) }
        for (object, list) in other.targets.enumerated() {
            for target in list { add(mapped[object], dependsOn: mapped[Int(target)]) }
        }
    }
}

/// Two graphs are equal when they have the same edges, however their objects were numbered.
extension Dependencies: Hashable {
    public static func == (a: Dependencies, b: Dependencies) -> Bool {
        guard a.edgeCount == b.edgeCount else { return false }
        for (object, list) in a.targets.enumerated() where !list.isEmpty {
            guard let n = b.numbers[a.objects[object]] else { return false }
            let other = b.targets[Int(n)]
            guard other.count == list.count else { return false }
            for target in list where !other.contains(where: { b.objects[Int($0)] == a.objects[Int(target)] }) { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(edgeCount)
    }
}

/// Encoded as the objects and, for each, the positions of what it depends on.
extension Dependencies: Codable {
    private enum CodingKeys: String, CodingKey { case objects, targets }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let objects = try container.decode([ObjectID].self, forKey: .objects)
        let targets = try container.decode([[Int32]].self, forKey: .targets)
        guard targets.count == objects.count,
              targets.enumerated().allSatisfy({ n, list in list.allSatisfy { $0 >= 0 && Int($0) < objects.count && Int($0) != n } })
        else {
            throw DecodingError.dataCorruptedError(forKey: .targets, in: container,
                                                   debugDescription: "a dependency names no object")
        }
        self.objects = objects
        self.targets = targets
        numbers = Dictionary(objects.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        edgeCount = targets.reduce(0) { $0 + $1.count }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(objects, forKey: .objects)
        try container.encode(targets, forKey: .targets)
    }
}
