"""Which platform an export comes from (services/platforms.py), on the corpus's tuned
exports, the bundled samples and the engagement fixtures."""

from pathlib import Path

import pytest

from migration_bridge.services import platforms, readers
from migration_bridge.services.profiles import PROFILES

ROOT = Path(__file__).resolve().parent.parent
DATA = (".csv", ".json", ".xlsx", ".xml")


def files_of(folder):
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in DATA or path.name in ("answers.json", "expected.json"):
            continue
        for table in readers.read_sources(path.name, path.read_bytes()):
            out[table.object_name] = list(table.headers)
    return out


@pytest.mark.parametrize(
    ("folder", "platform", "profile"),
    [
        ("tests/corpus/tuned/salesforce_weekly_export", "Salesforce", "generic"),
        ("tests/corpus/tuned/suitecrm_7_export", "SuiteCRM", "generic"),
        ("tests/corpus/tuned/pipedrive_pt_export", "Pipedrive", "generic"),
        ("tests/corpus/tuned/keyless_pipeline", "", "generic"),
        ("migration_bridge/tests/fixtures/engagements/hubspot", "HubSpot", "generic"),
        ("migration_bridge/tests/fixtures/engagements/salesforce", "Salesforce", "generic"),
        ("migration_bridge/data/samples/generic", "", "generic"),
        ("migration_bridge/data/samples/dtools", "D-Tools", "dtools"),
        ("migration_bridge/data/samples/totus", "TOTUS Marketing", "totus"),
        ("migration_bridge/data/samples/octopuspro", "OctopusPro", "octopuspro"),
        ("migration_bridge/data/samples/tcf", "The Customer Factor", "tcf"),
    ],
)
def test_the_platform_and_the_profile_that_reads_it_best(folder, platform, profile):
    found = platforms.detect(PROFILES, files_of(ROOT / folder))
    assert (found.platform, found.profile) == (platform, profile), found.reason


def test_the_reason_names_the_headers_or_the_profiles_certainty():
    found = platforms.detect(
        PROFILES, files_of(ROOT / "tests/corpus/tuned/salesforce_weekly_export")
    )
    assert "IsDeleted" in found.reason
    found = platforms.detect(PROFILES, files_of(ROOT / "migration_bridge/data/samples/dtools"))
    assert found.reason.startswith("its files read as D-Tools's: its profile is")


def test_the_chosen_profile_stays_unless_another_reads_the_files_clearly_better():
    files = files_of(ROOT / "tests/corpus/tuned/salesforce_weekly_export")
    assert platforms.detect(PROFILES, files, chosen="totus").profile == "totus"
    assert platforms.detect(PROFILES, {}, chosen="generic") == platforms.Detected(
        "", "generic", "no platform's own headers: read as any CRM's export"
    )
