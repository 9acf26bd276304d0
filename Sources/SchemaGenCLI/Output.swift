import Differ
import SchemaGenWorkflow
import SchemaModel
import Synchronization

/// Comparisons the command made, when it is the process's own (`main(schemas:)`): held until
/// the process exits, which takes their memory back at once, where freeing two large models
/// object by object takes tens of milliseconds. Commands run within a longer process free theirs.
private let keptUntilExit = Mutex<(keeping: Bool, comparisons: [Comparison])>((false, []))

/// Comparisons made from now on are left for the process's exit to free.
func keepComparisonsUntilExit() { keptUntilExit.withLock { $0.keeping = true } }

/// Whether the command is the process's own (`main(schemas:)`), which exits when it ends.
var commandEndsProcess: Bool { keptUntilExit.withLock { $0.keeping } }

/// `comparison`, left for the process's exit to free when the process ends with the command.
func keptUntilExit(_ comparison: Comparison) -> Comparison {
    keptUntilExit.withLock { if $0.keeping { $0.comparisons.append(comparison) } }
    return comparison
}

/// The plan as people read it in review: one line per change, hazards marked, then what each
/// hazard that occurs means.
func summary(of plan: StagedPlan) -> String {
    let marks: [Change.Kind: String] = [.create: "+", .alter: "~", .drop: "-", .rename: ">"]
    var lines = plan.changes.map { change in
        let hazards = change.hazards.sorted().map(\.rawValue)
        return "\(marks[change.kind]!) \(change.summary)" + (hazards.isEmpty ? "" : "  [\(hazards.joined(separator: ", "))]")
    }
    let losing = plan.changes(with: .deletesData).count
    lines.append("\(plan.changes.count) change(s)" + (losing > 0 ? ", \(losing) deleting data" : ""))
    for hazard in Change.Hazard.allCases where !plan.changes(with: hazard).isEmpty {
        lines.append("  \(hazard.rawValue): \(hazard.explanation)")
    }
    return lines.joined(separator: "\n")
}

/// Names on stderr what schemagen leaves alone, so nobody takes it for covered.
/// Differences a plan leaves as they are, on stderr.
func printNotes(_ notes: [String]) {
    for note in notes { printError("note: \(note)") }
}

func warnUnmanaged(_ objects: [UnmanagedObject]) {
    guard !objects.isEmpty else { return }
    printError("note: schemagen does not manage these objects and leaves them as they are:")
    for object in objects { printError("  \(object)") }
}
