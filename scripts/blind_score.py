#!/usr/bin/env python3
"""Scores factcheck's findings on a blind set against its answers.json.

Usage:
    target/release/factcheck --format json fixtures/blind3 > /tmp/b3.json
    scripts/blind_score.py fixtures/blind3 /tmp/b3.json [--verbose]

A planted problem is found when one error or warning involves at least two
of its figures. An error or warning that finds no planted problem is a false
alarm; the traps it springs are named.
"""
import json
import sys


def span(folder, fig):
    text = open(f"{folder}/{fig['file']}", encoding="utf-8").read()
    lines = text.split("\n")
    start = sum(len(l.encode("utf-8")) + 1 for l in lines[: fig["line"] - 1])
    line = lines[fig["line"] - 1]
    at, n = -1, fig.get("nth", 1)
    for _ in range(n):
        at = line.find(fig["text"], at + 1)
        if at < 0:
            sys.exit(f"{fig['file']}:{fig['line']}: {fig['text']!r} not on that line")
    b = start + len(line[:at].encode("utf-8"))
    return fig["file"], b, b + len(fig["text"].encode("utf-8"))


def main(folder, report, verbose):
    answers = json.load(open(f"{folder}/answers.json", encoding="utf-8"))
    doc = json.load(open(report, encoding="utf-8"))
    facts = {f["id"]: f for f in doc["facts"]}

    def touches(finding, item):
        hit = 0
        for fig in item["figures"]:
            file, s, e = span(folder, fig)
            if any(
                facts[i]["path"].endswith("/" + file) and facts[i]["start"] < e and s < facts[i]["end"]
                for i in finding["facts"]
                if i in facts
            ):
                hit += 1
        return hit >= 2

    loud = [f for f in doc["findings"] if f["severity"] in ("error", "warning")]
    found = [p for p in answers["planted"] if any(touches(f, p) for f in loud)]
    alarms = [f for f in loud if not any(touches(f, p) for p in answers["planted"])]
    n_articles = len(doc["articles"])
    print(f"planted found: {len(found)}/{len(answers['planted'])} = {len(found) / len(answers['planted']):.3f}")
    for p in answers["planted"]:
        mark = "found " if p in found else "MISSED"
        print(f"  {mark} {p['id']} {p['kind']}: {p['why'][:90]}")
    print(f"false alarms at error/warning: {len(alarms)} over {n_articles} articles "
          f"({len(alarms) / n_articles * 12:.2f} per 12 articles)")
    for f in alarms:
        traps = [t["id"] + " " + t["kind"] for t in answers["traps"] if touches(f, t)]
        print(f"  {f['rule']} {f['severity']}: {f['message'][:110]} [traps: {', '.join(traps) or '-'}]")
    if verbose:
        quiet = [f for f in doc["findings"] if f.get("demoted_from")]
        print(f"demoted to info: {len(quiet)}")
        for f in quiet:
            planted = [p["id"] for p in answers["planted"] if touches(f, p)]
            print(f"  {f['rule']} ({f['confidence']}) {f['message'][:90]} -> {planted or '-'}; {f.get('confidence_why', '')[:120]}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--verbose"]
    if len(args) != 2:
        sys.exit(__doc__)
    main(args[0], args[1], "--verbose" in sys.argv)
