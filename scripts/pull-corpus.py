#!/usr/bin/env python3
"""The pull round trip over the corpus, for scripts/check-pull.

prepare PKG: loads every B side of Tests/SchemaGenTests/Cases (the seeds' hand-written SQL among
them) into a database of its own, pulls each into PKG/Sources/PulledSchemas, and writes the
package's manifest and an executable that knows every pulled declaration.

verify PKG BIN: for each, `diff --exit-code` of the declaration against the database it was
pulled from (nothing to change), and `create` of it into an empty database, whose pg_dump
--schema-only must equal the source's, column order included.
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "Tests", "SchemaGenTests", "Cases")
HOST = os.environ["PULL_HOST"]
PGBIN = os.environ["PULL_PGBIN"]
SCHEMAGEN = os.environ["PULL_SCHEMAGEN"]


def url(database):
    return f"postgresql://postgres@/{database}?host={HOST}"


def psql(database, *args, input=None):
    return subprocess.run([os.path.join(PGBIN, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", HOST, "-U",
                           "postgres", "-d", database, *args], input=input, capture_output=True, text=True)


def cases():
    found = []
    for area in sorted(os.listdir(CASES)):
        for case in sorted(os.listdir(os.path.join(CASES, area))):
            path = os.path.join(CASES, area, case)
            if os.path.exists(os.path.join(path, "b.sql")):
                found.append((f"{area}/{case}", path))
    return found


def name_of(case):
    return "p_" + re.sub(r"[^a-z0-9]+", "_", case.lower())


def prepare_one(item, output):
    case, path = item
    name = name_of(case)
    with open(os.path.join(path, "b.sql")) as f:
        sql = f.read()
    options = {}
    if os.path.exists(os.path.join(path, "case.json")):
        with open(os.path.join(path, "case.json")) as f:
            options = json.load(f)
    for role in options.get("roles", []):
        quoted = '"' + role.replace('"', '""') + '"'
        psql("postgres", "-c", f"DO $$ BEGIN CREATE ROLE {quoted} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    created = psql("postgres", "-c", f"CREATE DATABASE {name}")
    if created.returncode != 0:
        return case, f"cannot create its database: {created.stderr.strip()}"
    loaded = psql(name, input=sql)
    if loaded.returncode != 0:
        return case, f"b.sql does not load: {loaded.stderr.strip()}"
    pulled = subprocess.run([SCHEMAGEN, "pull", "--database-url", url(name), "--name", name, "--output", output],
                            capture_output=True, text=True)
    if pulled.returncode != 0:
        return case, f"pull failed: {pulled.stderr.strip()}"
    return case, "not declared" if "not declared" in pulled.stderr else None


def prepare(package):
    output = os.path.join(package, "Sources", "PulledSchemas")
    os.makedirs(output, exist_ok=True)
    os.makedirs(os.path.join(package, "Sources", "pulled-schemagen"), exist_ok=True)
    items = cases()
    failures, undeclared = [], []
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        for case, problem in pool.map(lambda i: prepare_one(i, output), items):
            if problem == "not declared":
                undeclared.append(case)
            elif problem:
                failures.append(f"{case}: {problem}")
    with open(os.path.join(package, "undeclared.json"), "w") as f:
        json.dump(undeclared, f)
    enums = sorted(f[:-len(".swift")] for f in os.listdir(output) if f.endswith("Schema.swift") and "+" not in f)
    with open(os.path.join(package, "Package.swift"), "w") as f:
        f.write(f"""// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pulled",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "schemagen", path: {json.dumps(ROOT)})],
    targets: [
        .target(name: "PulledSchemas", dependencies: [.product(name: "SchemaDSL", package: "schemagen")]),
        .executableTarget(
            name: "pulled-schemagen",
            dependencies: ["PulledSchemas", .product(name: "SchemaGenCLI", package: "schemagen")]
        ),
    ]
)
""")
    with open(os.path.join(package, "Sources", "pulled-schemagen", "main.swift"), "w") as f:
        f.write("import PulledSchemas\nimport SchemaGenCLI\n\nSchemaGenCommand.main(schemas: [\n")
        f.write("".join(f"    {e}.database,\n" for e in enums))
        f.write("])\n")
    print(f"pull-corpus: pulled {len(items) - len(failures)} of {len(items)} databases into {len(enums)} declarations")
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


def dump(database):
    run = subprocess.run([os.path.join(PGBIN, "pg_dump"), "--schema-only", "--no-owner", "-h", HOST, "-U", "postgres",
                          database], capture_output=True, text=True, check=True)
    lines = [l.rstrip() for l in run.stdout.split("\n")
             if l.strip() and not l.startswith("--") and not l.startswith("SET ")
             and not l.startswith("SELECT pg_catalog.set_config") and not l.startswith("\\")]
    return sorted(equating_array_casts(s.strip()) for s in "\n".join(lines).split(";\n") if s.strip())


LITERAL = r"'(?:[^']|'')*'::[a-z][a-z0-9_ .]*(?:\(\d+(?:,\d+)?\))?"
ARRAY = re.compile(r"\(ARRAY\[(" + LITERAL + "(?:, " + LITERAL + r")*)\]\)::([a-z][a-z0-9_ .]*)\[\]")


def equating_array_casts(text):
    """PostgreSQL prints `col IN ('a', 'b')` on a varchar column as `ANY ((ARRAY['a'::character
    varying, …])::text[])`, and the same parsed again as `ANY (ARRAY[('a'::character varying)::text,
    …])`: both are written in the second form, as the corpus compares them."""
    def element(m):
        items = re.findall(LITERAL, m.group(1))
        return "ARRAY[" + ", ".join(f"({i})::{m.group(2)}" for i in items) + "]"
    return ARRAY.sub(element, text)


def verify_one(case, binary):
    name = name_of(case)
    diff = subprocess.run([binary, "diff", "--schema", name, "--database-url", url(name), "--dev-url", url("postgres"),
                           "--exit-code"], capture_output=True, text=True)
    if diff.returncode != 0:
        return case, f"diff against its database is not empty (exit {diff.returncode}):\n{diff.stdout}{diff.stderr}", False
    fresh = name + "_created"
    psql("postgres", "-c", f"CREATE DATABASE {fresh}")
    created = subprocess.run([binary, "create", "--schema", name, "--database-url", url(fresh), "--dev-url",
                              url("postgres")], capture_output=True, text=True)
    if created.returncode != 0:
        return case, f"create failed:\n{created.stderr}", False
    a, b = dump(name), dump(fresh)
    if a != b:
        # PostgreSQL does not print every expression so that it reads back as the same tree
        # (`a AND b AND c` nests another way): the source as its own dump and restore give it.
        restored = name + "_restored"
        psql("postgres", "-c", f"CREATE DATABASE {restored}")
        text = subprocess.run([os.path.join(PGBIN, "pg_dump"), "--schema-only", "-h", HOST, "-U", "postgres", name],
                              capture_output=True, text=True, check=True).stdout
        psql(restored, input="\n".join(l for l in text.split("\n") if not l.startswith("\\")))
        a = dump(restored)
    if a != b:
        missing = [s for s in a if s not in b]
        extra = [s for s in b if s not in a]
        text = "\n".join(["- " + s for s in missing[:5]] + ["+ " + s for s in extra[:5]])
        return case, f"pg_dump of the created database differs:\n{text}", case in UNDECLARED
    return case, None, False


UNDECLARED = set()


def verify(package, binary):
    with open(os.path.join(package, "undeclared.json")) as f:
        UNDECLARED.update(json.load(f))
    items = [case for case, _ in cases()]
    failures, undeclared = [], []
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        for case, problem, only_undeclared in pool.map(lambda c: verify_one(c, binary), items):
            if problem and only_undeclared:
                undeclared.append(case)
            elif problem:
                failures.append(f"{case}: {problem}")
    passed = len(items) - len(failures) - len(undeclared)
    print(f"pull-corpus: {passed} of {len(items)} pulled declarations diff empty against their database and create "
          f"its pg_dump; {len(undeclared)} hold objects written as `// not declared:`; {len(failures)} failed")
    for case in undeclared:
        print("  not declared: " + case)
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        sys.exit(prepare(sys.argv[2]))
    sys.exit(verify(sys.argv[2], sys.argv[3]))
