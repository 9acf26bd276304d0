#!/usr/bin/env bash
# How long the Swift type checker takes over a declaration of N tables (each: a uuid primary key
# with a default, a numeric with a check, a timestamptz, an index), N = 20, 80, 160, 320:
#   body   — every table written inside one `Database("x") { … }` body;
#   layout — one declaration per table (`let tN = Table(…) { … }`, one file each, as a package
#            keeps its schema), the `Database` body listing them by name;
#   array  — the same tables in one body as one array literal: `Database("x") { [Table…, …] }`.
# `swiftc -typecheck` in batch mode over every core (as `swift build` compiles a target) against the
# built SchemaDSL module, median of RUNS (3); raw figures in
# bench/results/compile-<date>.txt. A compiler reproduction without schemagen (a minimal builder
# whose body holds N closures) runs beside it, to tell the DSL's cost from the compiler's.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
sizes=${SIZES:-20 80 160 320}
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null

# A package that builds SchemaDSL once, for its module.
mkdir -p "$work/pkg/Sources/Decl"
cat > "$work/pkg/Package.swift" <<EOF
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "decl", dependencies: [.package(name: "schemagen", path: "$root")],
    targets: [.target(name: "Decl", dependencies: [.product(name: "SchemaDSL", package: "schemagen")])])
EOF
echo 'import SchemaDSL' > "$work/pkg/Sources/Decl/Decl.swift"
(cd "$work/pkg" && swift build >/dev/null)
modules="$work/pkg/.build/debug/Modules"

python3 - "$work" $sizes <<'EOF'
import os, sys
work, sizes = sys.argv[1], [int(n) for n in sys.argv[2:]]
def table(i, indent):
    p = " " * indent
    return [f'{p}Table("t{i}") {{',
            f'{p}    Column("id", .uuid).primaryKey().default("gen_random_uuid()")',
            f'{p}    Column("amount", .numeric(78, 0)).notNull().default("0").check("amount >= 0")',
            f'{p}    Column("created_at", .timestamptz).notNull().default("now()")',
            f'{p}    Index("t{i}_created", on: "created_at")',
            f'{p}}}']
for n in sizes:
    body = ["import SchemaDSL", "", 'public let db = Database("x") {']
    for i in range(n): body += table(i, 4)
    body.append("}")
    os.makedirs(f"{work}/body{n}")
    open(f"{work}/body{n}/Schema.swift", "w").write("\n".join(body) + "\n")
    os.makedirs(f"{work}/layout{n}")
    for i in range(n):
        lines = ["import SchemaDSL", "", f"let t{i} ="] + table(i, 0)
        open(f"{work}/layout{n}/T{i}.swift", "w").write("\n".join(lines) + "\n")
    db = ["import SchemaDSL", "", 'public let db = Database("x") {'] + [f"    t{i}" for i in range(n)] + ["}"]
    open(f"{work}/layout{n}/Schema.swift", "w").write("\n".join(db) + "\n")
    array = ["import SchemaDSL", "", 'public let db = Database("x") { [']
    for i in range(n):
        lines = table(i, 4)
        array += lines[:-1] + [lines[-1] + ","]
    array.append("] }")
    os.makedirs(f"{work}/array{n}")
    open(f"{work}/array{n}/Schema.swift", "w").write("\n".join(array) + "\n")
    # The same shape without schemagen: a builder body of n closures, each holding one element.
    plain = ["protocol P {}", "protocol Q {}",
             "@resultBuilder enum B { static func buildExpression(_ c: any P) -> [any P] { [c] }",
             "  static func buildBlock(_ parts: [any P]...) -> [any P] { parts.flatMap { $0 } } }",
             "@resultBuilder enum TB { static func buildExpression(_ c: any Q) -> [any Q] { [c] }",
             "  static func buildBlock(_ parts: [any Q]...) -> [any Q] { parts.flatMap { $0 } } }",
             "struct T: P { init(_ n: String, @TB _ c: () -> [any Q]) {} }",
             "struct C: Q { init(_ n: String) {} }",
             "struct D { init(_ n: String, @B _ c: () -> [any P]) {} }",
             'let d = D("x") {'] + [f'    T("t{i}") {{ C("id") }}' for i in range(n)] + ["}"]
    os.makedirs(f"{work}/plain{n}")
    open(f"{work}/plain{n}/main.swift", "w").write("\n".join(plain) + "\n")
EOF

mkdir -p bench/results
report=bench/results/compile-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# swiftc -typecheck of N tables, median of $runs; $(date -u), $(nproc) cores, $(swiftc --version 2>&1 | head -1)" | tee "$report"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
typecheck() {  # directory; prints seconds
  local files=("$1"/*.swift)
  /usr/bin/time -f "%e" -o "$work/time" swiftc -typecheck -swift-version 6 -enable-batch-mode -j "$(nproc)" -parse-as-library -I "$modules" \
    "${files[@]}" 2>"$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}
printf "%-8s %10s %10s %10s %22s\n" tables "body s" "layout s" "array s" "plain builder body s" | tee -a "$report"
for n in $sizes; do
  body=(); layout=(); array=(); plain=()
  for _ in $(seq "$runs"); do
    body+=("$(typecheck "$work/body$n")")
    layout+=("$(typecheck "$work/layout$n")")
    array+=("$(typecheck "$work/array$n")")
    /usr/bin/time -f "%e" -o "$work/time" swiftc -typecheck "$work/plain$n/main.swift"
    plain+=("$(cat "$work/time")")
  done
  printf "%-8s %10s %10s %10s %22s\n" "$n" "$(printf '%s\n' "${body[@]}" | median)" "$(printf '%s\n' "${layout[@]}" | median)" \
    "$(printf '%s\n' "${array[@]}" | median)" \
    "$(printf '%s\n' "${plain[@]}" | median)" | tee -a "$report"
done
