"""The assessment and its sign-off workbook (services/assessment.py)."""

import io
import json
from pathlib import Path

import openpyxl
import pytest

from migration_bridge.services import assessment as A

ROOT = Path(__file__).resolve().parent.parent


def col(name, how=A.STANDARD, target=""):
    return A.Column(name, how, target or name.lower())


def companies(rows=40, **kw):
    return A.SourceObject(
        "companies",
        "companies.csv",
        rows,
        "res.partner",
        "confirmed",
        [col("Name"), col("Company ID", A.COMPOSED, "x_source_id"), col("Fax", A.NONE)],
        **kw,
    )


def deals(rows=60):
    return A.SourceObject(
        "deals",
        "deals.csv",
        rows,
        "crm.lead",
        "confirmed",
        [col("Deal"), col("Stage", A.COMPOSED, "_status"), col("Region", A.CUSTOM, "x_region")],
        collapsed=[("lost", ["Closed Lost", "Dead"])],
        status_column="Stage",
    )


def workflows():
    return A.SourceObject(
        "workflows", "workflows.csv", 3, not_migrated="Automation rules (Studio)"
    )


def test_columns_one_to_one_and_lossy_with_why():
    row = A.object_row(deals())
    assert row["verdict"] == A.ONE_TO_ONE
    assert (row["columns"], row["one_to_one"], row["lossy"]) == (3, 1, 2)
    assert "Region: custom field x_region" in row["lossy_detail"]
    assert "Closed Lost, Dead become one: lost" in row["lossy_detail"]
    # a folded file: the link to its parent is 1:1, the columns of its text are lossy
    folded = A.SourceObject(
        "line_items",
        "items.csv",
        9,
        "crm.lead",
        columns=[
            col("Qty", A.NONE),
            col("Deal ID", A.COMPOSED, "_parent"),
            col("Colour", A.NONE),
        ],
        folded_into="deal",
        fold_columns=("Qty",),
    )
    row = A.object_row(folded)
    assert row["verdict"] == A.NEEDS_MAPPING
    assert row["target"] == "crm.lead (text on its deal)"
    assert row["one_to_one"] == 1
    assert row["lossy_detail"] == "Qty: kept as text on its deal; Colour: left out: not imported"
    onto = A.SourceObject("plans", rows=2, model="crm.lead", onto="project")
    assert A.object_row(onto)["verdict"] == A.NEEDS_MAPPING
    row = A.object_row(workflows())
    assert (row["verdict"], row["equivalent"]) == (A.NOT_MIGRATED, "Automation rules (Studio)")
    assert A.verdict(A.SourceObject("x", rows=1, set_aside="what its rows are")) == A.WORKAROUND


def test_grade_rules_follow_the_seeds():
    # all 1:1 (D-Tools, ELMA365): B Standard; what does not migrate does not count
    result = A.assess([companies(), deals(), workflows()])
    assert result["grade"] == "B Standard"
    assert result["compatibility"] == "2 of 2 objects map 1:1"
    # a folded object needs a mapping (OctopusPro, The Customer Factor): still B
    folded = A.SourceObject("items", rows=5, model="crm.lead", folded_into="deal")
    assert A.assess([companies(), deals(), folded])["grade"] == "B Standard"
    # a manual workaround (TOTUS): C Moderate
    aside = A.SourceObject("pipelines", rows=2, set_aside="what its rows are is not known")
    result = A.assess([companies(), deals(), aside])
    assert result["grade"] == "C Moderate"
    assert result["factors"][0]["points"] == 1
    # and an open blocking issue on top: D Complex
    issue = {"severity": "error", "blocking": True, "code": "x", "message": "m"}
    assert A.assess([companies(), deals(), aside], issues=[issue])["grade"] == "D Complex"
    # volume: over 100,000 rows +1, over 1,000,000 +2
    assert A.assess([companies(100_001)])["grade"] == "C Moderate"
    assert A.assess([companies(1_000_001)])["grade"] == "D Complex"
    # A Simple: few objects, all 1:1, nothing lossy, no API, small
    clean = A.SourceObject("contacts", rows=10, model="res.partner", columns=[col("Name")])
    assert A.assess([clean])["grade"] == "A Simple"
    # a 13-object project: +1
    many = [
        A.SourceObject("o%s" % i, rows=1, model="res.partner", columns=[col("Name")])
        for i in range(13)
    ]
    assert A.assess(many)["grade"] == "C Moderate"


DTOOLS = A.ApiSource("D-Tools", 120, 10_000, 500, detail_objects=("clients",))


def test_api_calls_and_the_daily_budget():
    objects = [
        A.SourceObject("clients", rows=20_000, model="res.partner"),
        A.SourceObject("clients.contacts", rows=50_000, model="res.partner"),
        A.SourceObject("opportunities", rows=1_001, model="crm.lead"),
    ]
    # 40 pages + 20,000 details + 0 (inside clients) + 3 pages
    assert A.api_calls(DTOOLS, objects) == 40 + 20_000 + 3
    # an object the connector does not list is not read from the API
    listed = A.ApiSource("D-Tools", 120, 10_000, 500, listed_objects=("clients",))
    assert A.api_calls(listed, objects) == 40
    figures = A.api_duration(DTOOLS, 20_043)
    assert figures["seconds_at_rate"] == pytest.approx(20_043 / 120 * 60)
    # 10,000 today, 10,000 tomorrow, 43 the day after: 3 days
    assert figures["days"] == 3
    assert figures["elapsed"] == pytest.approx(2 * 86400 + 43 / 2.0)
    # calls already spent today move the rest on
    spent = A.ApiSource("D-Tools", 120, 10_000, 500, calls_today=9_990)
    assert A.api_duration(spent, 20)["days"] == 2
    assert A.api_duration(spent, 10)["days"] == 1
    no_budget = A.ApiSource("ELMA365", 600, None, 100)
    figures = A.api_duration(no_budget, 6_000)
    assert (figures["days"], figures["elapsed"]) == (1, pytest.approx(600.0))
    result = A.assess(objects, api_sources=[DTOOLS])
    assert result["api"][0]["days"] == 3
    assert "spreads it over 3 days" in result["api"][0]["effect"]
    assert result["grade"] == "C Moderate"  # the API factor
    assert result["duration"]["extraction_seconds"] == pytest.approx(2 * 86400 + 43 / 2.0)


def test_duration_from_the_bench_then_from_measured_full_runs():
    result = A.assess([companies(7153)])
    duration = result["duration"]
    assert not duration["measured"]
    assert duration["rate"] == A.BENCH_RATE
    assert duration["load_seconds"] == pytest.approx(10.0)
    assert duration["total_seconds"] == pytest.approx(10.0)
    runs = [A.Run("full", 300, 10.0), A.Run("sample", 20, 0.5), A.Run("full", 100, 10.0)]
    duration = A.assess([companies(7153)], runs=runs)["duration"]
    assert duration["measured"]
    assert duration["rate"] == pytest.approx(20.0)
    assert duration["load_seconds"] == pytest.approx(7153 / 20.0)
    assert "measured on this server: 400 rows of 2 full runs" in duration["rate_source"]
    # a run of no measurable time is not a rate
    assert A.measured_rate([A.Run("full", 30, 0.0)]) is None


def test_bench_rates_are_the_bench_files():
    data = json.loads((ROOT / "bench" / "latest-n2000-19.0.json").read_text())
    rates = {row["phase"]: row["rows/s"] for row in data["table"]}
    assert rates["(c) migration_bridge end to end (all files)"] == pytest.approx(
        A.BENCH_RATE, abs=0.05
    )
    assert rates["(a) Odoo import, base_import as the UI (core files)"] == pytest.approx(
        A.BENCH_IMPORT_RATE, abs=0.05
    )


def test_duration_text():
    assert A.duration_text(45) == "45 s"
    assert A.duration_text(0.2) == "under 1 s"
    assert A.duration_text(0) == "0 s"
    assert A.duration_text(600) == "10 min"
    assert A.duration_text(3 * 3600 + 1200) == "3 h 20 min"
    assert A.duration_text(2 * 86400 + 4 * 3600) == "2 days 4 h"


def test_workbook_sheets_cells_and_formulas_neutralised():
    objects = [companies(), deals(), workflows()]
    objects[0].file = '=HYPERLINK("http://x")'
    result = A.assess(
        objects,
        issues=[{"severity": "warning", "blocking": False, "code": "c", "message": "+1"}],
        project="Acme",
        profile="Generic",
    )
    data = A.workbook(
        result,
        [
            ("Mapping", ["Object", "Column", "Target"], [["deals", "Stage", "_status"]]),
            ("Owners", ["Owner", "User"], [["ann@x", "@ann"]]),
            ("Stage map", ["Value", "Becomes"], [["Dead", "lost"]]),
            ("Does not migrate", ["Kind", "Name"], [["workflow", "-cmd"]]),
            ("Issues", ["Severity", "Message"], [["warning", "=1+2"]]),
        ],
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert tuple(book.sheetnames) == A.SHEETS
    sheet = book["Assessment"]
    cells = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert cells["Project"] == "Acme"
    assert cells["Complexity grade"] == "B Standard"
    assert cells["Rows to load"] == 100
    assert cells["Open issues"] == 1
    rows = list(sheet.iter_rows(values_only=True))
    start = rows.index(tuple(A.OBJECT_HEADERS))
    table = {r[0]: r for r in rows[start + 1 :]}
    assert table["companies"][2] == 40
    assert table["companies"][1] == '\'=HYPERLINK("http://x")'
    assert table["deals"][6:8] == (1, 2)
    assert table["workflows"][4] == A.NOT_MIGRATED
    assert book["Owners"]["B2"].value == "'@ann"
    assert book["Does not migrate"]["B2"].value == "'-cmd"
    assert book["Issues"]["B2"].value == "'=1+2"
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_html_is_escaped():
    objects = [companies()]
    objects[0].name = "<script>x</script>"
    text = A.to_html(A.assess(objects))
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "B Standard" in text
