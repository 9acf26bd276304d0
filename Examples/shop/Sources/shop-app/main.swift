import Foundation
import SchemaGenLibPQ
import SchemaGenRuntime
import ShopModels

// Inserts a customer and an order, leaving ids, statuses and timestamps to the database.
guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"] else {
    FileHandle.standardError.write(Data("set DATABASE_URL\n".utf8))
    exit(2)
}
do {
    let db = try DatabaseSession(url: url)
    let customer = try db.insert(Shop.Customer.Insert(email: "ada@example.com"))
    let order = try db.insert(Shop.Order.Insert(
        customerId: customer.id, totalWei: "115792089237316195423570985008687907853269984665640564039457584007913129639935"))
    print("order \(order.id) for \(customer.id): \(order.status.rawValue), \(order.totalWei) wei, created \(order.createdAt)")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
