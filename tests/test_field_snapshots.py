"""The snapshots of Odoo's fields (tests/fields/<series>.json) the pure tests and tools read.

Each snapshot is recorded from a database of its series by scripts/record_fields.py.
These tests hold that every snapshot parses and covers what the profiles need, and they
pin the differences between series that the profiles and the matcher answer to: a field
a profile names that a series lacks is a known removal, never drift left unnoticed.
"""

import json

import fields
import pytest
from fields import PRIMARY_SERIES, by_name, recorded, selection, snapshot, target_fields

from migration_bridge.services import matcher
from migration_bridge.services import targets as composed
from migration_bridge.services.profiles import PROFILES
from migration_bridge.services.transform import XmlId

SERIES = ["17.0", "18.0", "19.0"]
ENTRY_KEYS = ["name", "label", "type", "relation", "required"]
RELATIONAL = {"many2one", "many2many", "one2many"}
# The fields the profiles name that a series does not have, and why nothing is lost:
# 19.0 merged a partner's and a lead's mobile into the phone and dropped the title
# (Mr, Dr) with its model; the columns become custom fields there.
REMOVED = {
    "17.0": set(),
    "18.0": set(),
    "19.0": {("res.partner", "mobile"), ("res.partner", "title"), ("crm.lead", "mobile")},
}


def profile_models():
    # a kind of an app the addon does not depend on (KindSpec.app: sale.order) is not in
    # the snapshots, recorded on a database with CRM alone
    return {
        spec.model
        for p in PROFILES.values()
        for spec in p.kinds.values()
        if spec.model and not spec.app
    }


def named_fields(profile):
    """{(model, field name)} of the Odoo fields ``profile`` names itself."""
    named = set()
    for model, synonyms in profile.synonyms.items():
        named.update((model, target) for target in synonyms)
    for kind_spec in profile.kinds.values():
        named.update((kind_spec.model, name) for name in kind_spec.defaults)
    for spec in profile.objects:
        model = profile.model_for(spec.kind)
        required = [
            t for item in spec.required for t in (item if isinstance(item, tuple) else (item,))
        ]
        for target in (
            list(spec.synonyms)
            + list(spec.references)
            + required
            + list(spec.natural_key)
            + list(spec.value_maps)
            + [t.into for t in spec.transforms]
        ):
            named.add((model, target))
    return {
        (model, name)
        for model, name in named
        if model and not name.startswith("x_") and composed.get(name) is None
    }


def test_every_series_is_recorded_and_the_primary_is_the_default():
    assert recorded() == SERIES
    assert PRIMARY_SERIES == "19.0"
    assert target_fields() == target_fields(PRIMARY_SERIES)


@pytest.mark.parametrize("series", SERIES)
def test_each_snapshot_parses_and_holds_the_models_the_profiles_need(series):
    data = json.loads(fields.path(series).read_text(encoding="utf-8"))
    assert data["series"] == series
    assert {"base", "crm", "calendar", "mail", "migration_bridge"} <= set(data["modules"])
    assert data["modules"] == sorted(data["modules"])
    assert set(data["models"]) >= profile_models()
    assert {"res.partner", "crm.lead", "mail.message", "mail.activity"} <= set(data["models"])
    assert {"calendar.event", "ir.attachment", "res.users"} <= set(data["models"])
    for model, entries in data["models"].items():
        names = [entry["name"] for entry in entries]
        assert names == sorted(set(names)), model  # sorted, each once: readable diffs
        for entry in entries:
            where = (series, model, entry["name"])
            keys = list(entry)
            assert keys[:5] == ENTRY_KEYS and keys[5:] in ([], ["selection"], ["known"]), where
            assert isinstance(entry["label"], str) and entry["label"], where
            assert isinstance(entry["required"], bool), where
            assert not entry["name"].startswith("x_"), where  # Odoo's fields, no custom one
            assert (entry["relation"] is not None) == (entry["type"] in RELATIONAL), where
            if entry["type"] == "selection":
                values = entry["selection"]
                assert values and all(len(value) == 2 for value in values), where
                assert len({key for key, _label in values}) == len(values), where
            else:
                assert "selection" not in entry, where


@pytest.mark.parametrize("series", SERIES)
def test_the_loader_gives_the_matcher_its_target_fields(series):
    loaded = target_fields(series)
    assert set(loaded) == set(snapshot(series)["models"])
    for model, targets in loaded.items():
        assert all(isinstance(t, matcher.TargetField) for t in targets)
        assert [t.name for t in targets] == [e["name"] for e in snapshot(series)["models"][model]]
    lead = by_name(series)["crm.lead"]
    assert lead["name"] == matcher.TargetField("name", "Opportunity", "char", None, True)
    assert lead["stage_id"].relation == "crm.stage"
    # each call gives lists of its own: a test that adds a field changes no other test
    loaded["res.partner"].append(matcher.TargetField("x_test", "Test", "char"))
    assert "x_test" not in {t.name for t in target_fields(series)["res.partner"]}


def test_selection_values_are_recorded():
    assert selection("crm.lead", "priority") == [
        ("0", "Low"),
        ("1", "Medium"),
        ("2", "High"),
        ("3", "Very High"),
    ]
    assert ("opportunity", "Opportunity") in selection("crm.lead", "type", "17.0")
    with pytest.raises(KeyError):
        selection("res.partner", "title")  # 19.0 has none
    with pytest.raises(FileNotFoundError, match="record_fields"):
        snapshot("16.0")


@pytest.mark.parametrize("series", SERIES)
def test_every_field_a_profile_names_exists_but_the_known_removals(series):
    """A field a profile names and a series lacks is one of the removals known here; a
    new one (a field Odoo renamed or dropped) fails until the profile answers to it."""
    have = by_name(series)
    missing = set()
    for code, profile in PROFILES.items():
        # as the snapshot's database reads it: kinds of apps it lacks are not there
        named = named_fields(profile.for_apps(snapshot(series)["modules"]))
        assert named, code
        missing_here = {(model, name) for model, name in named if name not in have[model]}
        assert missing_here <= REMOVED[series], (code, missing_here - REMOVED[series])
        missing |= missing_here
    assert missing == REMOVED[series]


@pytest.mark.parametrize("series", SERIES)
def test_the_values_profiles_set_are_keys_of_the_selection(series):
    """Kind defaults and value maps of a selection field ('opportunity', priority '2')
    are values that series takes."""
    have = by_name(series)
    checked = set()
    for code, profile in PROFILES.items():
        settings = [
            (spec.model, name, value)
            for spec in profile.kinds.values()
            for name, value in spec.defaults.items()
        ]
        for spec in profile.objects:
            model = profile.model_for(spec.kind)
            for name, mapping in spec.value_maps.items():
                settings.extend((model, name, value) for value in mapping.values())
        for model, name, value in settings:
            field = have.get(model, {}).get(name)
            if field is None or field.type != "selection" or isinstance(value, XmlId):
                continue
            keys = {key for key, _label in selection(model, name, series)}
            assert value in keys, (series, code, model, name, value)
            checked.add((model, name))
    assert checked == {
        ("crm.lead", "type"),
        ("crm.lead", "priority"),
        ("res.partner", "type"),
        ("mail.message", "message_type"),
    }


def test_19_removed_a_partners_and_a_leads_mobile_and_title():
    for model in ("res.partner", "crm.lead"):
        for name in ("mobile", "title"):
            assert name in by_name("17.0")[model] and name in by_name("18.0")[model]
            assert name not in by_name("19.0")[model], (model, name)
    assert by_name("17.0")["res.partner"]["title"].relation == "res.partner.title"
    assert by_name("19.0")["res.partner"]["phone"].type == "char"


def test_the_fields_octopuspro_maps_besides_the_usual_ones_are_odoo_s():
    """A customer's type lands in is_company, a booking's service state in the lead's
    state: standard fields of every series, no list of the profile's own."""
    for series in SERIES:
        partner, lead = by_name(series)["res.partner"], by_name(series)["crm.lead"]
        assert partner["is_company"].type == "boolean"
        assert lead["state_id"].relation == "res.country.state"
