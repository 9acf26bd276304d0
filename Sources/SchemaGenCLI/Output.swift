import Differ
import SchemaGenWorkflow
import SchemaModel

/// The plan as people read it in review: one line per change, hazards marked.
func summary(of plan: StagedPlan) -> String {
    let marks: [Change.Kind: String] = [.create: "+", .alter: "~", .drop: "-", .rename: ">"]
    var lines = plan.changes.map { change in
        let hazards = change.hazards.sorted().map(\.rawValue)
        return "\(marks[change.kind]!) \(change.summary)" + (hazards.isEmpty ? "" : "  [\(hazards.joined(separator: ", "))]")
    }
    let destructive = plan.changes(with: .destructive).count
    lines.append("\(plan.changes.count) change(s)" + (destructive > 0 ? ", \(destructive) destructive" : ""))
    return lines.joined(separator: "\n")
}

/// Names on stderr what schemagen leaves alone, so nobody takes it for covered.
func warnUnmanaged(_ objects: [UnmanagedObject]) {
    guard !objects.isEmpty else { return }
    printError("note: schemagen does not manage these objects and leaves them as they are:")
    for object in objects { printError("  \(object)") }
}
