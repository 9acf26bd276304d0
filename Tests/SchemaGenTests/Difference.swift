/// Paths at which two values differ, found by walking their Mirrors, for readable failures.
func differences(_ a: Any, _ b: Any, path: String = "", limit: Int = 8) -> [String] {
    let ma = Mirror(reflecting: a)
    let mb = Mirror(reflecting: b)
    if ma.children.isEmpty || mb.children.isEmpty || ma.displayStyle == .enum {
        let sa = "\(a)"
        let sb = "\(b)"
        return sa == sb ? [] : ["\(path): \(sa.prefix(300))  ≠  \(sb.prefix(300))"]
    }
    if ma.displayStyle == .collection && ma.children.count != mb.children.count {
        return ["\(path): \(ma.children.count) items ≠ \(mb.children.count) items: "
                + "\(ma.children.map { "\($0.value)".prefix(60) })".prefix(600)
                + " vs \(mb.children.map { "\($0.value)".prefix(60) })".prefix(600)]
    }
    var found: [String] = []
    for (i, (ca, cb)) in zip(ma.children, mb.children).enumerated() where found.count < limit {
        let label = ca.label ?? "[\(i)]"
        found += differences(ca.value, cb.value, path: path + "." + label, limit: limit - found.count)
    }
    return found
}
