/// What depends on what, by object: read from `pg_depend` with the catalog (so a model read from
/// a database, or realised in one, has it), or written by hand for a model built in code. It
/// orders a plan and says what must be rebuilt when something under it changes.
///
/// Objects are numbered as they are added, and edges are kept between numbers: a graph of tens
/// of thousands of objects is then built, reversed and renamed hashing each object's
/// names once, not once per edge.
public struct Dependencies: Sendable {
    private var numbering = Numbering()
    /// Number → the numbers of what the object depends on: no repeats, never itself.
    private var targets: [[Int32]] = []
    private var edgeCount = 0
    /// The model whose structure's edges were last added here (see `addStructuralDependencies`);
    /// nil once edges are taken out or renamed. Not part of the graph's value.
    var structureAdded: StructureAdded?

    public init() {}

    public init(_ edges: [ObjectID: Set<ObjectID>]) {
        for (object, targets) in edges { for target in targets { add(object, dependsOn: target) } }
    }

    public var isEmpty: Bool { edgeCount == 0 }

    /// Room for `count` objects, made at once rather than by doubling as they are added.
    public mutating func reserveCapacity(_ count: Int) {
        targets.reserveCapacity(count)
        numbering.reserveCapacity(count)
    }

    /// How many objects are numbered.
    public var objectCount: Int { targets.count }

    /// `object`'s number, given it now if it has none.
    mutating func number(_ object: ObjectID) -> Int32 {
        if let n = numbering.number(of: object) { return n }
        targets.append([])
        return numbering.append(object)
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
        guard let n = numbering.number(of: object) else { return [] }
        return targets[Int(n)].map(numbering.object)
    }

    /// Every object with what it depends on, for objects that depend on something.
    public var edges: some Swift.Sequence<(object: ObjectID, targets: [ObjectID])> {
        targets.indices.lazy.filter { !targets[$0].isEmpty }.map {
            (numbering.object(Int32($0)), targets[$0].map(numbering.object))
        }
    }

    /// The graph reversed: `dependents().of(x)` is what depends on `x`.
    public func dependents() -> Dependents {
        // Counted first, then laid out in one array: no array per object.
        var start = Array(repeating: 0, count: targets.count + 1)
        for list in targets { for target in list { start[Int(target) + 1] += 1 } }
        for i in targets.indices { start[i + 1] += start[i] }
        var filled = start
        var sources = Array(repeating: Int32(0), count: edgeCount)
        for (object, list) in targets.enumerated() {
            for target in list {
                sources[filled[Int(target)]] = Int32(object)
                filled[Int(target)] += 1
            }
        }
        return Dependents(numbering: numbering, start: start, sources: sources)
    }

    /// The same graph with every object renamed by `rename` (nil keeps it). The numbering is
    /// shared with this graph; only the renamed objects are noted apart.
    public func renamed(_ rename: (ObjectID) -> ObjectID?) -> Dependencies {
        var moved: [(Int32, ObjectID)] = []
        for n in targets.indices {
            let object = numbering.object(Int32(n))
            if let new = rename(object), new != object { moved.append((Int32(n), new)) }
        }
        if moved.isEmpty { return self }
        var result = self
        result.structureAdded = nil
        guard result.numbering.rename(moved) else {
            // Two objects that become one: their edges are merged, the slow way.
            var merged = Dependencies()
            for (object, targets) in edges {
                let o = rename(object) ?? object
                for target in targets { merged.add(o, dependsOn: rename(target) ?? target) }
            }
            return merged
        }
        return result
    }

    /// Only the edges whose both ends pass `keep`.
    public func filter(_ keep: (ObjectID) -> Bool) -> Dependencies {
        let kept = targets.indices.map { keep(numbering.object(Int32($0))) }
        var result = self
        result.edgeCount = 0
        result.structureAdded = nil
        for (object, list) in targets.enumerated() {
            // Objects left out keep their numbers, with no edges: they are in no `edges`.
            result.targets[object] = kept[object] ? list.filter { kept[Int($0)] } : []
            result.edgeCount += result.targets[object].count
        }
        return result
    }
}

/// Two graphs are equal when they have the same edges, however their objects were numbered.
extension Dependencies: Hashable {
    public static func == (a: Dependencies, b: Dependencies) -> Bool {
        guard a.edgeCount == b.edgeCount else { return false }
        for (object, list) in a.targets.enumerated() where !list.isEmpty {
            guard let n = b.numbering.number(of: a.numbering.object(Int32(object))) else { return false }
            let other = b.targets[Int(n)]
            guard other.count == list.count else { return false }
            let names = Set(other.map(b.numbering.object))
            for target in list where !names.contains(a.numbering.object(target)) { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(edgeCount)
    }
}

/// Encoded flat, as a cached model's graph of a hundred thousand objects is decoded on every
/// warm run: each distinct name once (`names`); each object as its kind and the positions of its
/// names (`objects`); how many objects each depends on (`counts`) and their numbers (`targets`).
extension Dependencies: Codable {
    private enum CodingKeys: String, CodingKey { case names, objects, counts, targets }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let names = try container.decode([String].self, forKey: .names)
        let parts = try container.decode([Int32].self, forKey: .objects)
        let counts = try container.decode([Int32].self, forKey: .counts)
        let flat = try container.decode([Int32].self, forKey: .targets)
        func corrupt(_ key: CodingKeys, _ what: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: what)
        }
        var objects: [ObjectID] = []
        objects.reserveCapacity(counts.count)
        var p = 0
        while p < parts.count {
            let kind = parts[p]
            p += 1
            guard let object = ObjectID(kind: kind, names: { () -> String? in
                guard p < parts.count, parts[p] >= 0, Int(parts[p]) < names.count else { return nil }
                p += 1
                return names[Int(parts[p - 1])]
            }) else { throw corrupt(.objects, "an object of no kind, or naming no name") }
            objects.append(object)
        }
        guard counts.count == objects.count, counts.allSatisfy({ $0 >= 0 }),
              counts.reduce(0, { $0 + Int($1) }) == flat.count else {
            throw corrupt(.counts, "dependencies counted for other objects")
        }
        var targets: [[Int32]] = []
        targets.reserveCapacity(objects.count)
        var start = 0
        for (n, count) in counts.enumerated() {
            let list = Array(flat[start..<start + Int(count)])
            guard list.allSatisfy({ $0 >= 0 && Int($0) < objects.count && Int($0) != n }) else {
                throw corrupt(.targets, "a dependency names no object")
            }
            targets.append(list)
            start += Int(count)
        }
        numbering = Numbering(objects)
        self.targets = targets
        edgeCount = flat.count
    }

    public func encode(to encoder: any Encoder) throws {
        var names: [String] = []
        var positions: [String: Int32] = [:]
        var parts: [Int32] = []
        for n in targets.indices {
            let object = numbering.object(Int32(n))
            parts.append(object.kind)
            object.forEachName { name in
                if let known = positions[name] {
                    parts.append(known)
                } else {
                    positions[name] = Int32(names.count)
                    parts.append(Int32(names.count))
                    names.append(name)
                }
            }
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(names, forKey: .names)
        try container.encode(parts, forKey: .objects)
        try container.encode(targets.map { Int32($0.count) }, forKey: .counts)
        try container.encode(Array(targets.joined()), forKey: .targets)
    }
}

/// What depends on each object: `Dependencies` reversed.
public struct Dependents: Sendable {
    fileprivate let numbering: Numbering
    /// The dependents of object `n` are `sources[start[n]..<start[n + 1]]`.
    fileprivate let start: [Int]
    fileprivate let sources: [Int32]

    public init() {
        numbering = Numbering()
        start = [0]
        sources = []
    }

    fileprivate init(numbering: Numbering, start: [Int], sources: [Int32]) {
        self.numbering = numbering
        self.start = start
        self.sources = sources
    }

    /// What depends on `object`.
    public func of(_ object: ObjectID) -> [ObjectID] {
        guard let n = numbering.number(of: object).map(Int.init) else { return [] }
        return sources[start[n]..<start[n + 1]].map(numbering.object)
    }
}

/// Objects and their numbers. A graph renamed shares the numbering it was made from (tens of
/// thousands of objects, not copied) and notes the few objects renamed beside it.
private struct Numbering: Sendable {
    /// Objects by number, as they were numbered.
    private var objects: [ObjectID] = []
    /// Object as numbered → its number, as a hash table of numbers (-1 for an empty slot) found
    /// by the object's hash and compared in `objects`: 4 bytes a slot where a dictionary would
    /// keep a second copy of every 56-byte ID. Never more than half full; a power of two long.
    private var slots: [Int32] = []
    /// Objects renamed since: number → name now, and name now → number.
    private var renamedTo: [Int32: ObjectID] = [:]
    private var renamedNumbers: [ObjectID: Int32] = [:]

    init() {}

    init(_ objects: [ObjectID]) {
        self.objects = objects
        makeRoom(for: objects.count)
    }

    func object(_ n: Int32) -> ObjectID { renamedTo.isEmpty ? objects[Int(n)] : renamedTo[n] ?? objects[Int(n)] }

    func number(of object: ObjectID) -> Int32? {
        if !renamedNumbers.isEmpty, let n = renamedNumbers[object] { return n }
        guard case (let i, true) = slot(of: object) else { return nil }
        let n = slots[i]
        // Numbered under that name, but renamed since.
        if !renamedTo.isEmpty, renamedTo[n] != nil, renamedTo[n] != object { return nil }
        return n
    }

    /// The slot holding `object`'s number, or the empty one where it would go.
    private func slot(of object: ObjectID) -> (index: Int, found: Bool) {
        guard !slots.isEmpty else { return (0, false) }
        let mask = slots.count - 1
        var i = object.hashValue & mask
        while true {
            let n = slots[i]
            if n < 0 { return (i, false) }
            if objects[Int(n)] == object { return (i, true) }
            i = (i + 1) & mask
        }
    }

    /// Slots for `count` objects; when the table grows, the numbers are placed again (an object
    /// numbered twice keeps its first number).
    private mutating func makeRoom(for count: Int) {
        guard 2 * count > slots.count else { return }
        var size = 16
        while size < 2 * count { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        for n in objects.indices {
            if case (let i, false) = slot(of: objects[n]) { slots[i] = Int32(n) }
        }
    }

    mutating func reserveCapacity(_ count: Int) {
        objects.reserveCapacity(count)
        makeRoom(for: count)
    }

    /// Numbers `object`, which has no number.
    mutating func append(_ object: ObjectID) -> Int32 {
        let n = Int32(objects.count)
        makeRoom(for: objects.count + 1)
        let (i, _) = slot(of: object)
        objects.append(object)
        slots[i] = n
        return n
    }

    /// Gives the objects numbered the names paired with them; false, changing nothing, when a
    /// new name is another object's.
    mutating func rename(_ moved: [(Int32, ObjectID)]) -> Bool {
        let renamed = Set(moved.map(\.0))
        for (_, new) in moved {
            if let other = number(of: new), !renamed.contains(other) { return false }
        }
        if Set(moved.map(\.1)).count != moved.count { return false }
        for (n, _) in moved { renamedNumbers[object(n)] = nil }
        for (n, new) in moved {
            renamedTo[n] = new
            renamedNumbers[new] = n
        }
        return true
    }
}
