"""A run's log as a timeline (services/runlog.py)."""

import json

from migration_bridge.services import runlog

COMPANIES = {
    "target_model": "res.partner",
    "source": 40,
    "created": 38,
    "updated": 0,
    "unchanged": 0,
    "skipped": 0,
    "failed": 2,
    "reconciled": True,
}
DEALS = {"target_model": "crm.lead", "source": 70, "created": 70, "reconciled": True}
LOG = "\n".join(
    [
        "companies.csv -> res.partner: %s" % json.dumps(COMPANIES),
        "created crm.stage 'Qualification'",
        "created crm.stage 'Meeting <Scheduled>'",
        "created crm.team 'Direct Sales'",
        "deals.csv: stages and the teams of its pipeline ready",
        "deals.csv -> crm.lead: %s" % json.dumps(DEALS),
        "lead scoring rebuilt from the migrated won and lost deals",
    ]
)


def test_objects_read_as_their_counts_and_created_records_as_one_step_per_model():
    texts = [step.text for step in runlog.steps(LOG)]
    assert texts == [
        "companies.csv → res.partner: 40 rows read: 38 created, 2 failed",
        "created 2 crm.stage: Qualification, Meeting <Scheduled>",
        "created 1 crm.team: Direct Sales",
        "deals.csv: stages and the teams of its pipeline ready",
        "deals.csv → crm.lead: 70 rows read: 70 created",
        "lead scoring rebuilt from the migrated won and lost deals",
    ]


def test_many_names_are_counted_and_the_html_is_escaped():
    log = "\n".join("created res.partner.category 'Tag %d'" % i for i in range(12))
    (step,) = runlog.steps(log)
    assert step.text.endswith("Tag 7 and 4 more")
    page = runlog.to_html(LOG)
    assert "Meeting &lt;Scheduled&gt;" in page and "<Scheduled>" not in page
    assert page.count("<li") == 6
    assert 'class="fw-bold text-danger"' in page  # the object with failed rows
    assert runlog.to_html("") == ""


def test_a_line_that_only_looks_like_counts_stays_as_written():
    (step,) = runlog.steps("notes.csv -> mail.message: {not json}")
    assert (step.kind, step.text) == ("note", "notes.csv -> mail.message: {not json}")
