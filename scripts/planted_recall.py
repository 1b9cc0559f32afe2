#!/usr/bin/env python3
"""How many of a synthetic archive's planted conflicts factcheck reports.

Usage:
    cargo run --release --example gen_archive -- --articles 10000 --out /tmp/a10k
    target/release/factcheck -j2 --format json /tmp/a10k > /tmp/a10k.json
    scripts/planted_recall.py /tmp/a10k /tmp/a10k.json

A plant (a line of ARCHIVE/planted.jsonl) counts as found when one finding
involves figures from both of its files. Findings that touch no planted file
are false alarms on an archive whose other figures are consistent.
"""
import collections
import json
import sys


def main(archive, report):
    doc = json.load(open(report, encoding="utf-8"))
    facts = {f["id"]: f for f in doc["facts"]}
    plants = [json.loads(line) for line in open(f"{archive}/planted.jsonl", encoding="utf-8")]

    def rel(path):
        return path[len(archive):].lstrip("/") if path.startswith(archive) else path

    finding_files = [
        (f, {rel(facts[i]["path"]) for i in f["facts"] if i in facts}) for f in doc["findings"]
    ]
    kinds = collections.Counter(p["kind"] for p in plants)
    found = collections.Counter()
    planted_files = set()
    for p in plants:
        a, b = p["files"]
        planted_files.update((a, b))
        if any(a in files and b in files for _, files in finding_files):
            found[p["kind"]] += 1
    total = sum(found.values())
    print(f"plants found: {total}/{len(plants)} = {total / len(plants):.1%}")
    for kind, n in sorted(kinds.items()):
        print(f"  {kind}: {found[kind]}/{n}")
    other = [f for f, files in finding_files if not files & planted_files]
    print(f"findings: {len(finding_files)}; touching no planted file: {len(other)}")
    print(dict(collections.Counter(f["rule"] for f in other)))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
