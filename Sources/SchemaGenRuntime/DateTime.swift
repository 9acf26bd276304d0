import Foundation

/// A `timestamptz`: an instant, in microseconds since 2000-01-01 00:00:00 UTC, exactly as
/// PostgreSQL stores it (Foundation's `Date` is a `Double` and cannot keep every microsecond).
/// `.infinity` and `.negativeInfinity` are PostgreSQL's `infinity` and `-infinity`.
public struct Timestamp: Sendable, Hashable, Comparable, LosslessStringConvertible {
    public var microsecondsSince2000: Int64

    public init(microsecondsSince2000: Int64) { self.microsecondsSince2000 = microsecondsSince2000 }

    /// The instant of a `Date`, to the nearest microsecond.
    public init(_ date: Date) {
        microsecondsSince2000 = Int64(((date.timeIntervalSince1970 - 946_684_800) * 1_000_000).rounded())
    }

    public static let infinity = Timestamp(microsecondsSince2000: .max)
    public static let negativeInfinity = Timestamp(microsecondsSince2000: .min)

    /// The nearest `Date` (sub-microsecond drift is `Date`'s, not this type's).
    public var date: Date { Date(timeIntervalSince1970: 946_684_800 + Double(microsecondsSince2000) / 1_000_000) }

    /// Parses PostgreSQL's ISO output (`2026-11-22 05:15:44.123456+00`, `+05:30`, ` BC`,
    /// `infinity`) and ISO 8601 (`2026-11-22T05:15:44.123456Z`).
    public init?(_ text: String) {
        guard let parsed = DateTimeText.parse(text, withOffset: true) else { return nil }
        microsecondsSince2000 = parsed
    }

    /// PostgreSQL's ISO form in UTC: `2026-11-22 05:15:44.123456+00`.
    public var description: String { DateTimeText.format(microsecondsSince2000, suffix: "+00") }

    public static func < (a: Self, b: Self) -> Bool { a.microsecondsSince2000 < b.microsecondsSince2000 }
}

/// A `timestamp` (without time zone): a wall-clock reading, in microseconds since
/// 2000-01-01 00:00:00 as PostgreSQL stores it. It names no instant until a zone is chosen.
public struct LocalTimestamp: Sendable, Hashable, Comparable, LosslessStringConvertible {
    public var microsecondsSince2000: Int64

    public init(microsecondsSince2000: Int64) { self.microsecondsSince2000 = microsecondsSince2000 }

    public static let infinity = LocalTimestamp(microsecondsSince2000: .max)
    public static let negativeInfinity = LocalTimestamp(microsecondsSince2000: .min)

    public init?(_ text: String) {
        guard let parsed = DateTimeText.parse(text, withOffset: false) else { return nil }
        microsecondsSince2000 = parsed
    }

    /// `2026-11-22 05:15:44.123456`.
    public var description: String { DateTimeText.format(microsecondsSince2000, suffix: "") }

    public static func < (a: Self, b: Self) -> Bool { a.microsecondsSince2000 < b.microsecondsSince2000 }
}

/// A `date`: days since 2000-01-01 in the proleptic Gregorian calendar, as PostgreSQL stores it.
public struct CalendarDate: Sendable, Hashable, Comparable, LosslessStringConvertible {
    public var daysSince2000: Int32

    public init(daysSince2000: Int32) { self.daysSince2000 = daysSince2000 }

    /// nil unless the day exists (February 30th does not).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...DateTimeText.daysIn(month: month, year: year)).contains(day) else { return nil }
        daysSince2000 = Int32(DateTimeText.days(year: year, month: month, day: day))
    }

    public static let infinity = CalendarDate(daysSince2000: .max)
    public static let negativeInfinity = CalendarDate(daysSince2000: .min)

    public var year: Int { DateTimeText.civil(Int(daysSince2000)).year }
    public var month: Int { DateTimeText.civil(Int(daysSince2000)).month }
    public var day: Int { DateTimeText.civil(Int(daysSince2000)).day }

    /// `2026-11-22`, `0044-03-15 BC`, `infinity`.
    public init?(_ text: String) {
        switch text {
        case "infinity": self = .infinity
        case "-infinity": self = .negativeInfinity
        default:
            var body = Substring(text)
            let bc = body.hasSuffix(" BC")
            if bc { body = body.dropLast(3) }
            guard let (year, month, day) = DateTimeText.parseDate(body),
                  let date = CalendarDate(year: bc ? 1 - year : year, month: month, day: day) else { return nil }
            self = date
        }
    }

    public var description: String {
        if self == .infinity { return "infinity" }
        if self == .negativeInfinity { return "-infinity" }
        let (year, month, day) = DateTimeText.civil(Int(daysSince2000))
        return DateTimeText.dateText(year: year, month: month, day: day)
    }

    public static func < (a: Self, b: Self) -> Bool { a.daysSince2000 < b.daysSince2000 }
}

/// The text forms shared by the three types above.
enum DateTimeText {
    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Days from 2000-01-01 to a proleptic Gregorian date (year 0 is 1 BC).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 730_425
    }

    /// The date `days` after 2000-01-01.
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 730_425
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func dateText(year: Int, month: Int, day: Int) -> String {
        let shown = year <= 0 ? 1 - year : year
        return pad(shown, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + (year <= 0 ? " BC" : "")
    }

    static func parseDate(_ text: Substring) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), year > 0, let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        return (year, month, day)
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` plus `suffix` and ` BC` where needed.
    static func format(_ microseconds: Int64, suffix: String) -> String {
        if microseconds == .max { return "infinity" }
        if microseconds == .min { return "-infinity" }
        let (dayCount, timeOfDay) = floorDivide(microseconds, microsecondsPerDay)
        let (year, month, day) = civil(Int(dayCount))
        let seconds = Int(timeOfDay / 1_000_000)
        let fraction = Int(timeOfDay % 1_000_000)
        var text = pad(year <= 0 ? 1 - year : year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + " "
            + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 {
            var digits = pad(fraction, 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + suffix + (year <= 0 ? " BC" : "")
    }

    /// Microseconds since 2000-01-01 from PostgreSQL's ISO output or ISO 8601. With
    /// `withOffset`, a trailing `+HH[:MM[:SS]]`, `-HH…` or `Z` is applied (none means UTC).
    static func parse(_ text: String, withOffset: Bool) -> Int64? {
        if text == "infinity" { return .max }
        if text == "-infinity" { return .min }
        var body = Substring(text)
        let bc = body.hasSuffix(" BC")
        if bc { body = body.dropLast(3) }
        guard let separator = body.firstIndex(where: { $0 == " " || $0 == "T" }),
              let (year, month, day) = parseDate(body[..<separator]),
              (1...12).contains(month), (1...daysIn(month: month, year: bc ? 1 - year : year)).contains(day) else { return nil }
        var time = body[body.index(after: separator)...]
        var offsetSeconds = 0
        if withOffset {
            if time.hasSuffix("Z") {
                time = time.dropLast()
            } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
                let fields = time[time.index(after: sign)...].split(separator: ":", omittingEmptySubsequences: false)
                guard (1...3).contains(fields.count) else { return nil }
                var seconds = 0
                for (i, field) in fields.enumerated() {
                    guard field.count == 2, let n = Int(field) else { return nil }
                    seconds += n * [3600, 60, 1][i]
                }
                offsetSeconds = time[sign] == "-" ? -seconds : seconds
                time = time[..<sign]
            }
        }
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock[0].count == 2, clock[1].count == 2,
              let hour = Int(clock[0]), let minute = Int(clock[1]), hour < 24, minute < 60 else { return nil }
        let secondParts = clock[2].split(separator: ".", omittingEmptySubsequences: false)
        guard secondParts[0].count == 2, let second = Int(secondParts[0]), second < 60, secondParts.count <= 2 else { return nil }
        var fraction = 0
        if secondParts.count == 2 {
            let digits = secondParts[1]
            guard (1...6).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fraction = Int(digits + String(repeating: "0", count: 6 - digits.count))!
        }
        let dayCount = Int64(days(year: bc ? 1 - year : year, month: month, day: day))
        let seconds = Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        let (total, overflow) = dayCount.multipliedReportingOverflow(by: microsecondsPerDay)
        guard !overflow else { return nil }
        return total + seconds * 1_000_000 + Int64(fraction)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Timestamp: Codable {
    /// ISO 8601 in UTC with every microsecond: `2026-11-22T05:15:44.123456Z`.
    public init(from decoder: any Decoder) throws {
        self = try decodeText(decoder, "a timestamp") { Timestamp($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var text = description
        if !text.hasSuffix("infinity"), !text.hasSuffix(" BC") {
            text = text.replacingOccurrences(of: " ", with: "T").replacingOccurrences(of: "+00", with: "Z")
        }
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension LocalTimestamp: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeText(decoder, "a timestamp") { LocalTimestamp($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description.hasSuffix(" BC") ? description : description.replacingOccurrences(of: " ", with: "T"))
    }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeText(decoder, "a date") { CalendarDate($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A value decoded from a string with a failable parser.
func decodeText<T>(_ decoder: any Decoder, _ what: String, _ parse: (String) -> T?) throws -> T {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = parse(text) else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not \(what)")
    }
    return value
}
