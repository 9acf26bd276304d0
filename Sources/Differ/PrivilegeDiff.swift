import SchemaModel

extension Differ {
    /// `GRANT` and `REVOKE` for every object that stays, or is created, where its privileges
    /// differ. An object created by this plan (new, or dropped and made again because something
    /// under it changed) starts with PostgreSQL's default privileges, so all of its wanted
    /// grants are given again after it is made: a rebuilt view keeps its readers.
    mutating func diffPrivileges() {
        let fresh = createdObjects()
        func exists(_ g: Grant) -> Bool { g.object == .schema("public") || wanted.has(g.grantedOn) }
        func key(_ g: Grant) -> PrivilegeTarget { .object(g.object, column: g.column) }
        let before = Dictionary(grouping: current.grants.filter {
            exists($0) && !fresh.contains($0.grantedOn) && !fresh.contains($0.object)
        }, by: key)
        let after = Dictionary(grouping: desired.grants.filter(exists), by: key)
        for target in Set(before.keys).union(after.keys).map({ ("\($0)", $0) }).sorted(by: { $0.0 < $1.0 }).map(\.1) {
            guard case .object(let object, let column) = target else { continue }
            let entries = changes(from: (before[target] ?? []).map(Entry.init), to: (after[target] ?? []).map(Entry.init))
            let on = Grant(object: object, column: column, privilege: "", grantee: "").grantedOn
            addPrivilegeChanges(entries, on: target, requires: [on])
        }
        let defaultsBefore = Dictionary(grouping: current.defaultPrivileges, by: defaultsTarget)
        let defaultsAfter = Dictionary(grouping: desired.defaultPrivileges, by: defaultsTarget)
        for target in Set(defaultsBefore.keys).union(defaultsAfter.keys).sorted(by: { "\($0)" < "\($1)" }) {
            let entries = changes(from: (defaultsBefore[target] ?? []).map(Entry.init),
                                  to: (defaultsAfter[target] ?? []).map(Entry.init))
            guard case .defaults(_, let schema, _) = target else { continue }
            let inNewSchema = schema.map { s in desired.namespaces.contains { $0.name == s } } ?? false
            addPrivilegeChanges(entries, on: target, requires: inNewSchema ? [.schema(schema!)] : [])
        }
    }

    private func defaultsTarget(_ d: DefaultPrivilege) -> PrivilegeTarget {
        .defaults(role: d.role, schema: d.schema, objects: d.objects)
    }

    /// One entry of an ACL, whatever it is on.
    private struct Entry: Hashable {
        var privilege: String
        var grantee: String
        var withGrantOption: Bool
        var revokesDefault: Bool
        init(_ g: Grant) {
            (privilege, grantee, withGrantOption, revokesDefault) = (g.privilege, g.grantee, g.withGrantOption, g.revokesDefault)
        }
        init(_ d: DefaultPrivilege) {
            (privilege, grantee, withGrantOption, revokesDefault) = (d.privilege, d.grantee, d.withGrantOption, d.revokesDefault)
        }
        var key: [String] { [privilege, grantee, revokesDefault ? "-" : "+"] }
    }

    /// The statements' worth of changes from one ACL to another: (grant?, privilege, grantee,
    /// grant option). A default taken away is a revoke; given back, a grant.
    private func changes(from old: [Entry], to new: [Entry]) -> [(isGrant: Bool, privilege: String, grantee: String, option: Bool)] {
        let oldByKey = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { a, b in a.withGrantOption ? a : b })
        let newByKey = Dictionary(new.map { ($0.key, $0) }, uniquingKeysWith: { a, b in a.withGrantOption ? a : b })
        var result: [(Bool, String, String, Bool)] = []
        for (key, o) in oldByKey where newByKey[key] == nil {
            result.append((o.revokesDefault, o.privilege, o.grantee, false))
        }
        for (key, n) in newByKey {
            guard let o = oldByKey[key] else {
                result.append((!n.revokesDefault, n.privilege, n.grantee, !n.revokesDefault && n.withGrantOption))
                continue
            }
            if o.withGrantOption != n.withGrantOption {
                // Given: GRANT … WITH GRANT OPTION; taken: REVOKE GRANT OPTION FOR ….
                result.append((n.withGrantOption, n.privilege, n.grantee, true))
            }
        }
        return result
    }

    /// One statement per grantee, direction and grant option, revokes first.
    private mutating func addPrivilegeChanges(_ entries: [(isGrant: Bool, privilege: String, grantee: String, option: Bool)],
                                              on target: PrivilegeTarget, requires: [ObjectID]) {
        let groups = Dictionary(grouping: entries) { [$0.isGrant ? "1" : "0", $0.grantee, $0.option ? "1" : "0"] }
        var revokes: [Int] = []
        for key in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let group = groups[key]!
            let change = PrivilegeChange(isGrant: group[0].isGrant, privileges: group.map(\.privilege).sorted(),
                                         grantee: group[0].grantee, grantOption: group[0].option)
            let position = add(.privileges(target, change), .security,
                               hazards: change.isGrant ? [] : [.revokesAccess], requires: requires,
                               after: change.isGrant ? revokes : [])
            if !change.isGrant { revokes.append(position) }
        }
    }

    /// Objects this plan creates, or drops and creates again: they start with default privileges.
    private func createdObjects() -> Set<ObjectID> {
        var ids = Set<ObjectID>()
        for change in changes {
            switch change.operation {
            case .createTable(let t):
                ids.insert(t.id)
                for c in t.columns { ids.insert(.column(t.name, c.name)) }
            case .alterTable(let t, .addColumn(let c)): ids.insert(.column(t, c.name))
            case .createView(let v): ids.insert(v.id)
            case .createSequence(let s): ids.insert(.sequence(s.name))
            case .createFunction(let f, orReplace: false): ids.insert(f.id)
            case .createEnum(let e): ids.insert(.type(e.name))
            case .createDomain(let d): ids.insert(.type(d.name))
            case .createSchema(let n): ids.insert(.schema(n))
            default: break
            }
        }
        return ids
    }
}
