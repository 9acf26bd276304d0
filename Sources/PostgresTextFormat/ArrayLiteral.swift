import Foundation

/// PostgreSQL's text form of a one-dimensional array, for binding a list as one parameter
/// (`unnest($1::text[])`, `= ANY($1)`): every element double-quoted, so none needs inspecting.
public func arrayLiteral(_ items: [String]) -> String {
    "{" + items.map { item in
        "\"" + item.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }.joined(separator: ",") + "}"
}

/// The elements of a one-dimensional array literal, nil for NULL; nil for anything else
/// (nested arrays, explicit bounds such as `[0:1]={…}`).
public func parseArrayLiteral(_ text: String) -> [String?]? {
    let bytes = Array(text.utf8)
    guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
    var items: [String?] = []
    var i = 1
    let end = bytes.count - 1
    if i == end { return [] }
    while i <= end {
        var element: [UInt8] = []
        var quoted = false
        if bytes[i] == UInt8(ascii: "\"") {
            quoted = true
            i += 1
            while i < end, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                element.append(bytes[i])
                i += 1
            }
            guard i < end else { return nil }
            i += 1
        } else {
            while i < end, bytes[i] != UInt8(ascii: ",") {
                guard bytes[i] != UInt8(ascii: "{"), bytes[i] != UInt8(ascii: "\"") else { return nil }
                if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                element.append(bytes[i])
                i += 1
            }
        }
        let text = String(decoding: element, as: UTF8.self)
        items.append(!quoted && text.uppercased() == "NULL" ? nil : text)
        guard i == end || bytes[i] == UInt8(ascii: ",") else { return nil }
        i += 1
    }
    return items
}
