import Foundation
import Hummingbird
import PoolsAPI

let port = ProcessInfo.processInfo.environment["PORT"].flatMap(Int.init) ?? 8080
try await buildApplication(database: databaseFromEnvironment(), port: port).runService()
