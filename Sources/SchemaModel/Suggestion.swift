/// The closest of `candidates` to a misspelt `name`, for "did you mean …?": within a third of
/// the name's length in edits (at least one), ties going to the first candidate.
public func closestName(to name: String, among candidates: some Swift.Sequence<String>) -> String? {
    let limit = max(1, name.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != name {
        let distance = editDistance(name.lowercased(), candidate.lowercased())
        if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.name
}

/// ` (did you mean "x"?)`, or nothing when no candidate is close.
public func didYouMean(_ name: String, among candidates: some Swift.Sequence<String>) -> String {
    closestName(to: name, among: candidates).map { " (did you mean \($0)?)" } ?? ""
}

/// Levenshtein distance over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// ` (did you mean schema.x?)` for a qualified name: a name in the same schema that is close,
/// else the same name in another schema.
public func didYouMean(_ name: QualifiedName, among candidates: [QualifiedName]) -> String {
    let sameSchema = candidates.filter { $0.schema == name.schema }.map(\.name)
    if let close = closestName(to: name.name, among: sameSchema) {
        return " (did you mean \(QualifiedName(schema: name.schema, close))?)"
    }
    return candidates.first { $0.name == name.name && $0.schema != name.schema }.map { " (did you mean \($0)?)" } ?? ""
}
