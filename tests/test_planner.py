import pytest

from migration_bridge.services import planner
from migration_bridge.services.errors import PlanError
from migration_bridge.services.profiles import get_profile

PROFILE = get_profile("generic")


def test_companies_before_contacts_before_deals():
    order = planner.plan_objects(
        PROFILE,
        [("deals", "deal"), ("people", "contact"), ("accounts", "company"), ("firmen", "company")],
    )
    assert order == ["accounts", "firmen", "people", "deals"]


def test_cycle_is_named():
    with pytest.raises(PlanError, match="'a' -> 'b' -> 'a'"):
        planner.plan_load([("a", "x", {"b"}), ("b", "x", {"a"})])


def test_self_reference_is_not_a_cycle():
    assert planner.self_references(PROFILE, "company") == ["parent_id"]
    assert planner.self_references(PROFILE, "contact") == []
    assert planner.plan_objects(PROFILE, [("companies", "company")]) == ["companies"]


def test_dependencies_outside_the_set_are_ignored():
    assert planner.plan_load([("b", "x", {"a", "missing"}), ("a", "x", set())]) == ["a", "b"]


def test_rank_breaks_ties():
    ranks = {"deal": 40, "company": 10}
    order = planner.plan_load([("z", "company", set()), ("a", "deal", set())], ranks.get)
    assert order == ["z", "a"]


ENGAGEMENTS = [
    ("accounts", "company"),
    ("people", "contact"),
    ("deals", "deal"),
    ("notes", "note"),
    ("emails", "email"),
    ("tasks", "task"),
    ("files", "document"),
]


def test_engagements_load_side_by_side_after_what_they_point_to():
    order = planner.plan_objects(PROFILE, ENGAGEMENTS)
    before = planner.blockers(PROFILE, ENGAGEMENTS, order)
    assert before["accounts"] == set()
    assert before["people"] == {"accounts"}
    assert before["deals"] == {"accounts", "people"}
    # an engagement waits for the records it lands on, not for the other engagements
    for name in ("notes", "emails", "tasks"):
        assert before[name] == {"accounts", "people", "deals"}, name
    # documents are not independent: they wait for everything before them
    assert before["files"] == {n for n, _kind in ENGAGEMENTS} - {"files"}


def test_objects_of_other_kinds_keep_their_order():
    objects = [("accounts", "company"), ("firmen", "company"), ("people", "contact")]
    order = planner.plan_objects(PROFILE, objects)
    before = planner.blockers(PROFILE, objects, order)
    assert before == {"accounts": set(), "firmen": {"accounts"}, "people": {"accounts", "firmen"}}
