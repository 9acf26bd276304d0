/// PostgreSQL's rule for the names it gives constraints and indexes (`makeObjectName` in
/// src/backend/commands/indexcmds.c): `<table>_<columns>_<label>`, with the table and column
/// parts shortened, longer one first, so the whole fits in 63 bytes.
public func defaultObjectName(table: String, columns: [String], label: String) -> String {
    let name1 = Array(table.utf8)
    let name2 = columns.isEmpty ? nil : Array(columns.joined(separator: "_").utf8)
    var overhead = label.utf8.count + 1
    if name2 != nil { overhead += 1 }
    let available = maxIdentifierBytes - overhead
    var n1 = name1.count
    var n2 = name2?.count ?? 0
    while n1 + n2 > available {
        if n1 > n2 { n1 -= 1 } else { n2 -= 1 }
    }
    var result = clip(name1, to: n1)
    if let name2 { result += "_" + clip(name2, to: n2) }
    return result + "_" + label
}

/// The longest prefix of at most `count` bytes that ends on a character boundary.
private func clip(_ bytes: [UInt8], to count: Int) -> String {
    var end = min(count, bytes.count)
    // UTF-8 continuation bytes are 10xxxxxx; never cut in front of one.
    while end > 0, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
    return String(decoding: bytes[..<end], as: UTF8.self)
}

/// `name` + `suffix`, `name` shortened as PostgreSQL would (whole characters only) so that
/// the whole fits its 63 bytes: a suffix never truncates away.
public func identifier(_ name: String, suffix: String) -> String {
    clip(Array(name.utf8), to: maxIdentifierBytes - suffix.utf8.count) + suffix
}

/// The name PostgreSQL gives a partition's index, key or foreign key made from its parent's
/// (`ChooseIndexName` and `ChooseRelationName`): `<partition>_<columns>_idx`, `_pkey`,
/// `_<columns>_key`, `_<columns>_excl`, numbered (`_idx1`) when taken; a foreign key keeps
/// its parent's name. `columns` are the index's column names, `expr` for an expression.
public func isDefaultPartitionName(_ name: String, partition: String, columns: [String], label: String) -> Bool {
    let parts = label == "pkey" ? [] : columns
    return name == defaultObjectName(table: partition, columns: parts, label: label)
        || (1...9).contains { name == defaultObjectName(table: partition, columns: parts, label: label + String($0)) }
}
