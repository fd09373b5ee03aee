"""New custom models (services/custom_models.py): their names, which columns become links
to another file's records, the order they load in; and the type of each other field,
from discovery (profiles.base.CUSTOM_TYPE_FOR)."""

import pytest

from migration_bridge.services import custom_models, inference, planner, relations
from migration_bridge.services.errors import PlanError
from migration_bridge.services.matcher import CUSTOM_KIND
from migration_bridge.services.profiles import get_profile

GENERIC = get_profile("generic")

COMPANIES = {
    "Company ID": ["C-1", "C-2", "C-3"],
    "Company Name": ["Acme Haulage", "Bolt Couriers", "Crane Movers"],
}
VEHICLES = {
    "Vehicle ID": ["V-1", "V-2", "V-3", "V-4"],
    "Plate": ["AB12 CDE", "FG34 HIJ", "KL56 MNO", "PQ78 RST"],
    "Year": ["2019", "2021", "2018", "2022"],
    "Owner Company ID": ["C-1", "C-1", "C-2", "C-3"],
    "Owner": ["Acme Haulage", "Acme Haulage", "Bolt Couriers", "Crane Movers"],
}
INSPECTIONS = {
    "Inspection ID": ["I-1", "I-2", "I-3", "I-4", "I-5"],
    "Vehicle ID": ["V-1", "V-1", "V-2", "V-3", "V-4"],
    "Passed": ["yes", "no", "yes", "yes", "no"],
}
TABLES = {"companies": COMPANIES, "vehicles": VEHICLES, "inspections": INSPECTIONS}
MODELS = {"companies": "res.partner", "vehicles": "x_vehicles", "inspections": "x_inspections"}


def test_a_model_is_named_after_its_file():
    assert custom_models.model_name("Vehicles") == "x_vehicles"
    assert custom_models.model_name("service vehicles (2024)") == "x_service_vehicles_2024"
    assert custom_models.model_label("service_vehicles") == "Service vehicles"
    assert custom_models.model_label("") == "Custom object"


def test_a_link_field_is_named_after_its_column_and_never_twice():
    assert custom_models.many2one_name("Owner Company ID") == "x_owner_company_id"
    assert custom_models.many2one_name("Vehicle", {"x_vehicle"}) == "x_vehicle_2"


def test_columns_of_ids_of_other_files_become_links():
    references = relations.find(TABLES)
    vehicles = custom_models.reference_fields("vehicles", references, MODELS)
    assert vehicles["Owner Company ID"][0] == "res.partner"
    # a partner is found by its name too
    assert vehicles["Owner"][0] == "res.partner"
    assert "Plate" not in vehicles and "Vehicle ID" not in vehicles
    inspections = custom_models.reference_fields("inspections", references, MODELS)
    assert list(inspections) == ["Vehicle ID"]
    assert inspections["Vehicle ID"][0] == "x_vehicles"
    assert "ids of vehicles" in inspections["Vehicle ID"][1]


def test_a_file_that_loads_nowhere_gives_no_link():
    references = relations.find(TABLES)
    models = dict(MODELS, companies=None)
    assert "Owner Company ID" not in custom_models.reference_fields("vehicles", references, models)


def test_a_custom_model_is_linked_by_ids_only():
    """Names of another custom object's rows are kept as text: its records are found
    by their source ids."""
    tables = {
        "machines": {"Machine": ["Big Press", "Small Lathe", "Red Drill"]},
        "repairs": {
            "Repair ID": ["R-1", "R-2", "R-3"],
            "Machine": ["Big Press", "Big Press", "Red Drill"],
        },
    }
    models = {"machines": "x_machines", "repairs": "x_repairs"}
    found = custom_models.reference_fields("repairs", relations.find(tables), models)
    assert found == {}


def test_custom_objects_load_after_the_ones_they_link_to():
    """The planner takes the links a person confirmed that no profile declares (a new
    custom object's many2one to another's model): all custom objects rank alike, the
    links decide their order, a cycle is refused."""
    objects = [
        ("inspections", CUSTOM_KIND),
        ("vehicles", CUSTOM_KIND),
        ("drivers", CUSTOM_KIND),
        ("contacts", "contact"),
    ]
    links = {"inspections": {"vehicles"}, "drivers": {"vehicles", "contacts"}}
    order = planner.plan_objects(GENERIC, objects, links=links)
    assert order.index("vehicles") < order.index("inspections")
    assert order.index("vehicles") < order.index("drivers")
    assert order.index("contacts") < order.index("drivers")
    unlinked = planner.plan_objects(GENERIC, objects)
    assert unlinked.index("inspections") < unlinked.index("vehicles"), "by name alone"
    with pytest.raises(PlanError):
        planner.plan_objects(
            GENERIC, objects, links={"inspections": {"vehicles"}, "vehicles": {"inspections"}}
        )


@pytest.mark.parametrize(
    "values, ttype",
    [
        (["2019", "2021", "2018"], "integer"),
        (["23500.50", "41200.00", "30999.99"], "float"),
        (["2019-03-14", "2021-07-01", "2018-11-23"], "date"),
        (["yes", "no", "yes"], "boolean"),
        (["AB12 CDE", "FG34 HIJ", "KL56 MNO"], "char"),
    ],
)
def test_a_field_is_typed_by_discovery(values, ttype):
    inferred = inference.infer_type(values)
    assert get_profile("generic").custom_ttype(inferred) == ttype
