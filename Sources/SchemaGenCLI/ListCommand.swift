import ArgumentParser

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the declared schemas.")

    func run() throws {
        for database in Registry.all {
            let m = database.model
            print("\(m.name)\t\(m.tables.count) tables, \(m.views.count) views, \(m.functions.count) functions"
                  + "\t\(m.location.map { "\($0)" } ?? "")")
        }
    }
}
