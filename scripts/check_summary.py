"""Check a `migrate` JSON summary against a bundled sample's expected counts.

python3 scripts/check_summary.py summary.json expected.json
"""

import json
import sys


def check_export(summary, expected):
    """A platform's export: every file's (or table's) rows counted, failures only its
    orphans, the run done and reconciled."""
    errors = []
    if isinstance(expected.get("tables"), dict):
        names = {table.lower(): rows for table, rows in expected["tables"].items()}
    elif isinstance(expected.get("objects"), dict):  # source objects by name (ELMA365)
        names = {name.lower(): rows for name, rows in expected["objects"].items()}
    else:
        names = {
            name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower().replace(" ", "_"): rows
            for name, rows in expected["files"].items()
        }
    for stem, rows in names.items():
        file_name = stem
        counts = summary["objects"].get(stem)
        if not counts:
            errors.append("%s: missing from the summary" % file_name)
        elif counts["source"] != rows:
            errors.append("%s: %s source rows, expected %s" % (file_name, counts["source"], rows))
    orphans = sum(1 for e in expected.get("engagements", []) if e["lands_as"] == "orphan")
    failed = sum(c["failed"] for c in summary["objects"].values())
    if failed != orphans:
        errors.append("%s rows failed, expected %s (the export's orphans)" % (failed, orphans))
    return errors


def main(summary_path, expected_path):
    summary = json.load(open(summary_path, encoding="utf-8"))
    expected = json.load(open(expected_path, encoding="utf-8"))
    platform = any(key in expected for key in ("engagements", "tables", "objects"))
    errors = check_export(summary, expected) if platform else []
    for name in () if platform else ("companies", "contacts", "deals"):
        counts = summary["objects"].get(name)
        if not counts:
            errors.append("%s: missing from the summary" % name)
            continue
        if counts["source"] != expected[name]:
            errors.append(
                "%s: %s source rows, expected %s" % (name, counts["source"], expected[name])
            )
        if counts["created"] != expected[name]:
            errors.append(
                "%s: %s created, expected %s" % (name, counts["created"], expected[name])
            )
        total = sum(counts[k] for k in ("created", "updated", "unchanged", "skipped", "failed"))
        if total != counts["source"]:
            errors.append("%s: counts do not reconcile: %s" % (name, counts))
    if summary.get("state") != "done" or not summary.get("reconciled"):
        errors.append(
            "run state %s, reconciled %s" % (summary.get("state"), summary.get("reconciled"))
        )
    for error in errors:
        print("FAIL:", error)
    if errors:
        return 1
    print("summary OK: %s" % {k: v["created"] for k, v in summary["objects"].items()})
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
