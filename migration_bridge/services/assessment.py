"""The assessment of a migration, before the load and at any time after, and its
sign-off workbook. Pure: plain data in, plain data (and XLSX bytes, HTML text) out.

What it says, per source object: its rows, the columns that map 1:1, the lossy ones
(and why), what does not migrate and its Odoo equivalent; then the audit's open issues
by severity, the API limits and their effect on the duration, a complexity grade with
each factor it rests on, and a duration estimated from measured load rates.

Definitions
-----------
- **1:1 column**: its values land as they are in a standard Odoo field, or in a
  composed target that keeps them whole (the source id, the source's dates, a
  reference to another record, a part of a name, a stage through the stage map).
- **Lossy column**: *left out* (not imported); *a new custom field* (kept, but in no
  standard field: reports and other apps do not read it); *kept as text* (a line of
  the record's text, a ``detail``; the columns whose values make the text a file
  folded onto its parent keeps there, a deal's line items); and the status column whose
  stage map *collapses* several source values into one Odoo outcome (the difference
  between them is gone).
- **Object verdicts**, as the seed pages write them (``1:1``, ``1:many``, ``lossy``,
  *Not migrated*): ``1:1`` (its rows become records of an Odoo model), ``needs a
  mapping`` (folded onto its parent as text, or a new custom model: the seeds'
  *1:many* and *needs a mapping*), ``manual workaround`` (set aside at confirmation or
  with no target: a person decides; the seeds' TOTUS *needs a manual workaround*),
  ``does not migrate`` (workflows, reports... listed with their Odoo equivalent, as
  the seeds' ELMA365 BPM workflows, RPA robots and reports are).

Complexity grade
----------------
Derived, as the five seed pages (``shared/seeds``: D-Tools, ELMA365, OctopusPro,
The Customer Factor, TOTUS Marketing) derive theirs, "from compatibility, mapping
clarity, API constraints, and data volume". The seeds grade on a letter scale and only
use *B Standard* and *C Moderate*; their evidence:

- *All 8 core objects map 1:1* (D-Tools, ELMA365) -> B Standard; *1 of 8 objects need
  a mapping; the rest are 1:1* (OctopusPro, The Customer Factor) -> still B Standard;
  *1 of 8 objects need a manual workaround* (TOTUS) -> C Moderate. Artifacts that do
  not migrate (ELMA365: 8 of 12 map 1:1, the 3 *Not migrated* ones are BPM, RPA,
  reports) are left out of the core count and do not raise the grade.
- *Field mapping is derived from defaults — final spec confirmed during the sample
  migration* on every page, at B or C: an unconfirmed mapping does not raise it.
- API constraints (*D-Tools: 120 API calls per minute and 10,000 API calls per day*,
  the others *Not publicly documented*) are stated on every page without raising the
  grade, but the D-Tools page says *Large D-Tools instances with 10,000+ API calls
  required ... are spread across multiple export windows to avoid the daily cap*.
- *8-object category — typical timelines run 2–7 days*; *Data volume sensitivity:
  ... REST + parallelization used for high-volume runs*; D-Tools' 12 objects are B.

Hence the rules (points added to B Standard; 0 B, 1 C Moderate, 2 D Complex, 3 or
more E Very complex):

1. Object compatibility: any core object that needs a manual workaround, +1.
   Objects that need a mapping, or do not migrate, add nothing.
2. Mapping clarity: columns to review, or a mapping not confirmed yet, add nothing
   (the seeds' defaults); an open *blocking* issue of the audit (a file or rows that
   cannot load until someone fixes them) is work the seeds' pages do not have, +1.
3. API constraints: an extraction the daily budget spreads over more than one day
   (the D-Tools page's *multiple export windows*), +1.
4. Data volume: over 100,000 rows to load, +1; over 1,000,000, +2 (the seeds give no
   figure: these are ours, the bench's streaming check runs 1,000,000 rows).
5. Object count: more than 12 core objects (the seeds' largest, D-Tools' 12, is B),
   +1.

*A Simple* (below the seeds' scale): no point, at most 3 core objects all 1:1, no
lossy column, no API extraction and at most 10,000 rows.

Duration
--------
- Load: rows to load / rate. The rate is the one measured on this server when the
  project has finished Full runs (their rows / their seconds, the times kept to the
  second); otherwise the bench's (``bench/latest-n2000-19.0.json``: migration_bridge end
  to end, all files, 715 rows/s on 2 CPUs; Odoo's own import, base_import as its web
  client runs it, 86.7 rows/s, given for comparison).
- API extraction, per API source: calls = per listed object ``ceil(rows / page
  size)`` (an object ``parent.child`` comes inside its parent's records: no call of its
  own; an object the connector does not list is not counted) + one detail call per
  record of the objects the connector reads one by one (D-Tools' GetClient per client)
  + one call per file downloaded. At the per-minute limit that is ``calls / per
  minute`` minutes; a daily budget (less the calls spent today) spreads the rest over
  the next UTC days: each extra day adds 24 h.
- Total: the extractions, then the load.
"""

import html
import io
import math
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Font

from .exports import neutralize

# Column kinds (the model says which each mapping line is).
STANDARD = "standard"  # a standard Odoo field
COMPOSED = "composed"  # a composed target that keeps the values (services.targets)
DETAIL = "detail"  # a line of the record's text
CUSTOM = "custom"  # a new (or earlier migrated) custom field
NONE = "none"  # left out

# Object verdicts
ONE_TO_ONE = "1:1"
NEEDS_MAPPING = "needs a mapping"
WORKAROUND = "manual workaround"
NOT_MIGRATED = "does not migrate"

GRADES = ["B Standard", "C Moderate", "D Complex", "E Very complex"]
SIMPLE = "A Simple"
VOLUME_STEPS = (100_000, 1_000_000)
MAX_CORE_OBJECTS = 12
SIMPLE_MAX_OBJECTS = 3
SIMPLE_MAX_ROWS = 10_000

# bench/latest-n2000-19.0.json (N=2000, 2026-12-06, Odoo 19.0, 2 CPUs): rows per second
BENCH_SOURCE = "bench/latest-n2000-19.0.json (N=2000, Odoo 19.0, 2 CPUs)"
BENCH_RATE = 715.3  # (c) migration_bridge end to end (all files)
BENCH_CORE_RATE = 564.2  # (c) migration_bridge end to end (core files)
BENCH_IMPORT_RATE = 86.7  # (a) Odoo import, base_import as the UI (core files)

DAY = 86400.0
SHEETS = ("Assessment", "Mapping", "Owners", "Stage map", "Does not migrate", "Issues")
SEVERITY_ORDER = ("error", "warning", "info")


@dataclass
class Column:
    name: str
    how: str = STANDARD
    target: str = ""
    lands_in: str = ""


@dataclass
class SourceObject:
    name: str
    file: str = ""
    rows: int = 0
    model: str = ""
    state: str = "proposed"  # of its mapping: proposed, confirmed, set_aside
    columns: list = field(default_factory=list)
    folded_into: str = ""  # its rows are kept as text on this parent
    fold_columns: tuple = ()  # the columns the parent's text is made of
    onto: str = ""  # its columns are fields of this parent (a project's service plan)
    custom_model: bool = False
    not_migrated: str = ""  # the Odoo equivalent, when the object does not migrate
    not_loaded: str = ""  # why its rows are not loaded (an association table)
    set_aside: str = ""  # what it needs (set aside at confirmation)
    # the stage map's collapses: [(outcome, [source values])], two values or more each
    collapsed: list = field(default_factory=list)
    status_column: str = ""


@dataclass
class ApiSource:
    label: str
    per_minute: float  # calls a minute (the strictest unbucketed limit)
    daily: int = None  # calls a day, None: no daily budget
    page_size: int = 100
    listed_objects: tuple = ()  # the objects the API lists (empty: any top-level one)
    detail_objects: tuple = ()  # objects read one record per call
    file_objects: tuple = ()  # objects whose rows are files downloaded one per call
    calls_today: int = 0
    configured: bool = True  # False: the profile's platform, if it were extracted by API


@dataclass
class Run:
    kind: str
    rows: int
    seconds: float


def _plural(count, word):
    return "%s %s%s" % (format(count, ","), word, "" if count == 1 else "s")


def duration_text(seconds):
    """'45 s', '12 min', '3 h 20 min', '2 days 4 h'."""
    if 0 < seconds < 0.5:
        return "under 1 s"
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return "%s s" % seconds
    minutes = seconds // 60
    if minutes < 60:
        return "%s min" % minutes
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return "%s h %s min" % (hours, minutes) if minutes else "%s h" % hours
    days, hours = divmod(hours, 24)
    return "%s %s h" % (_plural(days, "day"), hours) if hours else _plural(days, "day")


# ----------------------------------------------------------------------
# Objects
# ----------------------------------------------------------------------
def lossy_columns(obj):
    """[(column, why)] of an object (see the module's definition)."""
    lossy = []
    for column in obj.columns:
        if obj.folded_into and column.name in obj.fold_columns:
            lossy.append((column.name, "kept as text on its %s" % obj.folded_into))
        elif column.how == NONE:
            lossy.append((column.name, "left out: not imported"))
        elif column.how == CUSTOM:
            lossy.append(
                (column.name, "custom field %s: in no standard field" % (column.target or "?"))
            )
        elif column.how == DETAIL:
            lossy.append((column.name, "kept as a line of the record's text"))
    for outcome, values in obj.collapsed:
        lossy.append(
            (
                obj.status_column or "stage",
                "%s become one: %s" % (", ".join(values), outcome),
            )
        )
    return lossy


def verdict(obj):
    """The object's verdict (ONE_TO_ONE, NEEDS_MAPPING, WORKAROUND, NOT_MIGRATED)."""
    if obj.not_migrated or obj.not_loaded:
        return NOT_MIGRATED
    if obj.set_aside or not obj.model:
        return WORKAROUND
    if obj.folded_into or obj.onto or obj.custom_model:
        return NEEDS_MAPPING
    return ONE_TO_ONE


def object_row(obj):
    lossy = lossy_columns(obj)
    lossy_names = {name for name, _why in lossy}
    one_to_one = [
        c.name for c in obj.columns if c.how in (STANDARD, COMPOSED) and c.name not in lossy_names
    ]
    if obj.not_migrated or obj.not_loaded:
        one_to_one, lossy = [], []
    target = obj.model or ""
    if obj.folded_into:
        target = "%s (text on its %s)" % (target, obj.folded_into) if target else obj.folded_into
    elif obj.onto:
        target = "%s (fields of its %s)" % (target, obj.onto)
    return {
        "object": obj.name,
        "file": obj.file,
        "rows": int(obj.rows or 0),
        "target": target,
        "verdict": verdict(obj),
        "columns": len(obj.columns),
        "one_to_one": len(one_to_one),
        "lossy": len(lossy),
        "lossy_detail": "; ".join("%s: %s" % pair for pair in lossy),
        "equivalent": obj.not_migrated or obj.not_loaded or "",
        "needs": obj.set_aside,
    }


# ----------------------------------------------------------------------
# Duration
# ----------------------------------------------------------------------
def measured_rate(runs):
    """(rows per second, how it is known) of the project's finished Full runs, or None."""
    timed = [r for r in runs if r.kind == "full" and r.rows > 0 and r.seconds > 0]
    if not timed:
        return None
    rows = sum(r.rows for r in timed)
    seconds = sum(r.seconds for r in timed)
    return rows / seconds, "measured on this server: %s of %s in %s" % (
        _plural(rows, "row"),
        _plural(len(timed), "full run"),
        duration_text(seconds),
    )


def api_calls(source, objects):
    """Calls an extraction of ``objects`` needs from ``source``."""
    calls = 0
    for obj in objects:
        rows = int(obj.rows or 0)
        if source.listed_objects and obj.name.split(".")[0] not in source.listed_objects:
            continue  # not read from this API
        if "." not in obj.name:  # a sub-table comes inside its parent's records
            calls += max(1, math.ceil(rows / max(1, source.page_size)))
        if obj.name in source.detail_objects:
            calls += rows
        if obj.name in source.file_objects:
            calls += rows
    return calls


def api_duration(source, calls):
    """{calls, seconds at the rate limit, days, elapsed seconds} of an extraction."""
    at_rate = calls / source.per_minute * 60.0 if source.per_minute else 0.0
    days, elapsed = 1, at_rate
    if source.daily:
        left_today = max(0, source.daily - (source.calls_today or 0))
        beyond = max(0, calls - left_today)
        if beyond:
            extra = math.ceil(beyond / source.daily)
            days = 1 + extra
            last_day = beyond - (extra - 1) * source.daily
            per_second = source.per_minute / 60.0 if source.per_minute else 0.0
            elapsed = extra * DAY + (last_day / per_second if per_second else 0.0)
    return {"calls": calls, "seconds_at_rate": at_rate, "days": days, "elapsed": elapsed}


def _limits_text(source):
    parts = ["%s calls a minute" % format(round(source.per_minute, 1), "g")]
    parts.append(
        "%s calls a day" % format(source.daily, ",") if source.daily else "no daily budget"
    )
    parts.append("pages of %s" % source.page_size)
    return ", ".join(parts)


# ----------------------------------------------------------------------
# The assessment
# ----------------------------------------------------------------------
def assess(
    objects,
    issues=(),
    api_sources=(),
    runs=(),
    mapping_confirmed=False,
    review_count=0,
    project="",
    profile="",
    state="",
):
    """The assessment as plain data.

    ``objects``: SourceObject; ``issues``: the open issues, dicts with ``severity``,
    ``blocking``, ``code``, ``message``, ``location``; ``api_sources``: ApiSource;
    ``runs``: Run (the finished ones).
    """
    rows = [object_row(o) for o in objects]
    core = [r for r in rows if r["verdict"] != NOT_MIGRATED]
    counts = {v: sum(1 for r in core if r["verdict"] == v) for v in (ONE_TO_ONE, NEEDS_MAPPING)}
    workaround = [r for r in core if r["verdict"] == WORKAROUND]
    not_migrating = [r for r in rows if r["verdict"] == NOT_MIGRATED]
    load_rows = sum(r["rows"] for r in core)
    lossy_total = sum(r["lossy"] for r in core)

    by_severity = dict.fromkeys(SEVERITY_ORDER, 0)
    for issue in issues:
        severity = issue.get("severity") or "error"
        by_severity[severity] = by_severity.get(severity, 0) + 1
    blocking = sum(1 for i in issues if i.get("blocking"))

    # duration
    measured = measured_rate(runs)
    if measured:
        rate, rate_source = measured
    else:
        rate, rate_source = BENCH_RATE, "the bench's: %s" % BENCH_SOURCE
    load_seconds = load_rows / rate if rate else 0.0
    extractions = []
    for source in api_sources:
        figures = api_duration(source, api_calls(source, objects))
        figures.update(
            label=source.label,
            limits=_limits_text(source),
            configured=source.configured,
            calls_today=source.calls_today,
        )
        figures["effect"] = "%s calls: %s at the rate limit%s" % (
            format(figures["calls"], ","),
            duration_text(figures["seconds_at_rate"]),
            "; the daily budget spreads it over %s: %s"
            % (_plural(figures["days"], "day"), duration_text(figures["elapsed"]))
            if figures["days"] > 1
            else ", within one day's budget"
            if source.daily
            else "",
        )
        extractions.append(figures)
    extraction_seconds = sum(e["elapsed"] for e in extractions if e["configured"])
    multi_day = [e for e in extractions if e["configured"] and e["days"] > 1]

    # grade
    factors = []
    points = 0
    n_core = len(core)
    if workaround:
        points += 1
    factors.append(
        {
            "factor": "Object compatibility",
            "finding": "%s of %s map 1:1; %s need a mapping; %s need a manual workaround; "
            "%s do not migrate"
            % (
                counts[ONE_TO_ONE],
                _plural(n_core, "object"),
                counts[NEEDS_MAPPING],
                len(workaround),
                len(not_migrating),
            ),
            "points": 1 if workaround else 0,
            "rule": "a core object that needs a manual workaround: +1 (TOTUS: C Moderate); "
            "one that needs a mapping: 0 (OctopusPro, The Customer Factor: B Standard)",
        }
    )
    if blocking:
        points += 1
    factors.append(
        {
            "factor": "Field mapping clarity",
            "finding": "mapping %s; %s to review; %s lossy; %s open"
            % (
                "confirmed" if mapping_confirmed else "proposed, not confirmed",
                _plural(review_count, "column"),
                _plural(lossy_total, "column"),
                _plural(blocking, "blocking issue"),
            ),
            "points": 1 if blocking else 0,
            "rule": "a mapping to confirm: 0 (every seed: derived from defaults, confirmed "
            "during the sample); an open blocking issue: +1",
        }
    )
    if multi_day:
        points += 1
    factors.append(
        {
            "factor": "API constraints",
            "finding": "; ".join("%s: %s" % (e["label"], e["limits"]) for e in extractions)
            or "no API extraction: the export was uploaded as files",
            "points": 1 if multi_day else 0,
            "rule": "an extraction the daily budget spreads over more than one day: +1 "
            "(D-Tools: spread across multiple export windows to avoid the daily cap)",
        }
    )
    volume_points = sum(1 for step in VOLUME_STEPS if load_rows > step)
    points += volume_points
    factors.append(
        {
            "factor": "Data volume",
            "finding": "%s to load" % _plural(load_rows, "row"),
            "points": volume_points,
            "rule": "over 100,000 rows: +1; over 1,000,000: +2",
        }
    )
    many = n_core > MAX_CORE_OBJECTS
    if many:
        points += 1
    factors.append(
        {
            "factor": "Timeline complexity",
            "finding": "%s-object category" % n_core,
            "points": 1 if many else 0,
            "rule": "more than 12 core objects: +1 (D-Tools' 12 are B Standard)",
        }
    )
    simple = (
        not points
        and n_core <= SIMPLE_MAX_OBJECTS
        and counts[ONE_TO_ONE] == n_core
        and not lossy_total
        and not extractions
        and load_rows <= SIMPLE_MAX_ROWS
    )
    grade = SIMPLE if simple else GRADES[min(points, len(GRADES) - 1)]

    total_seconds = extraction_seconds + load_seconds
    duration = {
        "rows": load_rows,
        "rate": rate,
        "rate_source": rate_source,
        "measured": bool(measured),
        "load_seconds": load_seconds,
        "import_seconds": load_rows / BENCH_IMPORT_RATE,
        "extraction_seconds": extraction_seconds,
        "total_seconds": total_seconds,
    }
    return {
        "project": project,
        "profile": profile,
        "state": state,
        "objects": rows,
        "compatibility": "%s of %s map 1:1" % (counts[ONE_TO_ONE], _plural(n_core, "object")),
        "issues": by_severity,
        "open_issues": len(issues),
        "blocking_issues": blocking,
        "api": extractions,
        "grade": grade,
        "points": points,
        "factors": factors,
        "duration": duration,
    }


# ----------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------
OBJECT_HEADERS = [
    "Object",
    "File",
    "Rows",
    "Lands in",
    "Verdict",
    "Columns",
    "1:1",
    "Lossy",
    "Lossy columns (why)",
    "Does not migrate: Odoo equivalent",
]
OBJECT_KEYS = [
    "object",
    "file",
    "rows",
    "target",
    "verdict",
    "columns",
    "one_to_one",
    "lossy",
    "lossy_detail",
    "equivalent",
]


def summary_lines(assessment):
    """[(label, value)] of the assessment's head."""
    duration = assessment["duration"]
    lines = [
        ("Project", assessment["project"]),
        ("Source platform", assessment["profile"]),
        ("State", assessment["state"]),
        ("Complexity grade", assessment["grade"]),
        ("Object compatibility", assessment["compatibility"]),
        ("Rows to load", duration["rows"]),
        ("Load rate (rows/s)", round(duration["rate"], 1)),
        ("Rate", duration["rate_source"]),
        ("Load time", duration_text(duration["load_seconds"])),
        (
            "Odoo's import, for comparison",
            "%s at %s rows/s (%s)"
            % (duration_text(duration["import_seconds"]), BENCH_IMPORT_RATE, BENCH_SOURCE),
        ),
        ("API extraction", duration_text(duration["extraction_seconds"])),
        ("Estimated duration", duration_text(duration["total_seconds"])),
        ("Open issues", assessment["open_issues"]),
    ]
    lines += [
        ("  %s" % severity, count) for severity, count in assessment["issues"].items() if count
    ]
    lines.append(("  of which blocking", assessment["blocking_issues"]))
    return lines


def _cell(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    return neutralize(value)


def _append(sheet, values, bold=False):
    sheet.append([_cell(v) for v in values])
    if bold:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)


def _assessment_sheet(sheet, assessment):
    for label, value in summary_lines(assessment):
        _append(sheet, [label, value])
    _append(sheet, [])
    _append(sheet, ["Grade factors"], bold=True)
    _append(sheet, ["Factor", "Finding", "Points", "Rule"], bold=True)
    for factor in assessment["factors"]:
        _append(sheet, [factor["factor"], factor["finding"], factor["points"], factor["rule"]])
    _append(sheet, [])
    _append(sheet, ["API limits"], bold=True)
    _append(sheet, ["API", "Limits", "Calls", "Days", "Elapsed", "Effect"], bold=True)
    for api in assessment["api"]:
        label = api["label"] if api["configured"] else "%s (if extracted by API)" % api["label"]
        _append(
            sheet,
            [
                label,
                api["limits"],
                api["calls"],
                api["days"],
                duration_text(api["elapsed"]),
                api["effect"],
            ],
        )
    _append(sheet, [])
    _append(sheet, ["Objects"], bold=True)
    _append(sheet, OBJECT_HEADERS, bold=True)
    for row in assessment["objects"]:
        _append(sheet, [row[k] for k in OBJECT_KEYS])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 45


def workbook(assessment, sheets):
    """The sign-off workbook: the Assessment sheet, then ``sheets``, [(title, headers,
    rows)] (Mapping, Owners, Stage map, Does not migrate, Issues). Text that a
    spreadsheet would run as a formula is neutralised; numbers stay numbers."""
    book = Workbook()
    first = book.active
    first.title = "Assessment"
    _assessment_sheet(first, assessment)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        _append(sheet, headers, bold=True)
        for row in rows:
            _append(sheet, row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table(headers, rows):
    head = "".join("<th>%s</th>" % html.escape(str(h)) for h in headers)
    head = "<thead><tr>%s</tr></thead>" % head if any(headers) else ""
    body = "".join(
        "<tr>%s</tr>"
        % "".join(
            "<td>%s</td>" % html.escape("" if v is None or v is False else str(v)) for v in row
        )
        for row in rows
    )
    return (
        '<div class="table-responsive"><table class="table table-sm o_migration_assessment">'
        "%s<tbody>%s</tbody></table></div>" % (head, body)
    )


def to_html(assessment):
    """A readable summary for the project's form (every value escaped)."""
    parts = [_table(["", ""], summary_lines(assessment))]
    parts.append("<h5>Grade factors</h5>")
    parts.append(
        _table(
            ["Factor", "Finding", "Points", "Rule"],
            [[f["factor"], f["finding"], f["points"], f["rule"]] for f in assessment["factors"]],
        )
    )
    if assessment["api"]:
        parts.append("<h5>API limits</h5>")
        parts.append(
            _table(
                ["API", "Limits", "Calls", "Effect"],
                [
                    [
                        a["label"] if a["configured"] else "%s (if extracted by API)" % a["label"],
                        a["limits"],
                        format(a["calls"], ","),
                        a["effect"],
                    ]
                    for a in assessment["api"]
                ],
            )
        )
    parts.append("<h5>Objects</h5>")
    parts.append(
        _table(OBJECT_HEADERS, [[r[k] for k in OBJECT_KEYS] for r in assessment["objects"]])
    )
    return "".join(parts)
