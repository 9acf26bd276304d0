import Foundation
import SchemaGenCLI

// SYNTHETIC_EDITED declares the same database with one table edited (bench/everyday.sh).
let edited = ProcessInfo.processInfo.environment["SYNTHETIC_EDITED"] != nil
SchemaGenCommand.main(schemas: [edited ? syntheticEdited : synthetic])
