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
