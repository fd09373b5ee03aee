"""A run's log as a person reads it: a timeline of steps with their counts.

The loader logs one line per event (``loader.run``): an object done
(``deals.csv -> crm.lead: {json counters}``), a record it created beside the rows
(``created crm.stage 'Qualification'``), a step said in words. ``steps`` turns them
into a timeline: an object's line becomes its counts in words, the records created
of one model in a row become one step naming them, the rest stays as written.
"""

import html
import json
import re
from dataclasses import dataclass, field

OBJECT_DONE = re.compile(r"^(?P<object>.+?) -> (?P<model>[\w.]+): (?P<counts>\{.*\})$")
CREATED = re.compile(r"^created (?P<model>[\w.]+) '(?P<name>.*)'$")
COUNTERS = ("created", "updated", "unchanged", "skipped", "failed")
SHOWN_NAMES = 8  # names listed per step of created records; the rest are counted


@dataclass
class Step:
    kind: str  # "object", "created" or "note"
    text: str
    counts: dict = field(default_factory=dict)
    names: list = field(default_factory=list)


def _object_step(match):
    try:
        counts = json.loads(match["counts"])
    except ValueError:
        return None
    said = ", ".join("%d %s" % (counts.get(c) or 0, c) for c in COUNTERS if counts.get(c))
    text = "%s → %s: %d rows read%s%s" % (
        match["object"],
        match["model"],
        counts.get("source") or 0,
        ": " + said if said else "",
        "" if counts.get("reconciled", True) else " (does not reconcile)",
    )
    return Step("object", text, counts=counts)


def steps(log):
    """The log's lines as a list of Steps, in their order."""
    out = []
    for line in (log or "").splitlines():
        line = line.strip()
        if not line:
            continue
        created = CREATED.match(line)
        if created:
            last = out[-1] if out else None
            if last and last.kind == "created" and last.counts.get("model") == created["model"]:
                last.names.append(created["name"])
            else:
                out.append(Step("created", "", {"model": created["model"]}, [created["name"]]))
            continue
        done = OBJECT_DONE.match(line)
        step = _object_step(done) if done else None
        out.append(step or Step("note", line))
    for step in out:
        if step.kind == "created":
            shown = step.names[:SHOWN_NAMES]
            more = len(step.names) - len(shown)
            step.text = "created %d %s: %s%s" % (
                len(step.names),
                step.counts["model"],
                ", ".join(shown),
                " and %d more" % more if more else "",
            )
    return out


def to_html(log):
    """The timeline as an HTML list (every text escaped)."""
    items = []
    for step in steps(log):
        css = {"object": "fw-bold", "created": "text-muted", "note": ""}[step.kind]
        if step.kind == "object" and step.counts.get("failed"):
            css += " text-danger"
        items.append('<li class="%s">%s</li>' % (css.strip(), html.escape(step.text)))
    return '<ol class="o_migration_timeline">%s</ol>' % "".join(items) if items else ""
