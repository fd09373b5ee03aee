"""A kind that needs an Odoo app (``KindSpec.app``) and its fallback, read by
``Profile.for_apps`` alone: without the app, the files load as the fallback says."""

from migration_bridge.services import matcher
from migration_bridge.services.profiles.base import (
    Fold,
    KindSpec,
    NotMigrated,
    ObjectSpec,
    Profile,
)

CRM_ONLY = {"base", "mail", "crm"}
WITH_SALES = CRM_ONLY | {"sale_management", "account", "product"}

KINDS = {
    "customer": KindSpec("res.partner", 10, "Customers"),
    "estimate": KindSpec("sale.order", 44, "Estimates", app="sale_management", app_label="Sales"),
    "estimate_text": KindSpec("res.partner", 45, "Estimates (kept on their customer)"),
    "product": KindSpec(
        "product.product", 8, "Price book", app="sale_management", app_label="Sales"
    ),
}
ESTIMATE_TEXT = ObjectSpec(
    kind="estimate_text",
    name_patterns=("estimate",),
    header_hints=("estimate_number",),
    required=("_parent",),
    targets=("_parent",),
    fold=Fold("customer", "x_estimates", "Estimates", "{estimate_number} {total}"),
)
PRICE_BOOK = NotMigrated(
    "Price book", "Products of the Sales app", "each line keeps its item's name"
)
PROFILE = Profile(
    code="apps",
    label="Apps",
    objects=[
        ObjectSpec(kind="customer", name_patterns=("customer",), header_hints=("customer_id",)),
        ObjectSpec(
            kind="estimate",
            name_patterns=("estimate",),
            header_hints=("estimate_number",),
            fallback=ESTIMATE_TEXT,
        ),
        ObjectSpec(
            kind="product",
            name_patterns=("price book", "pricebook", "products"),
            header_hints=("unit_price",),
            fallback=PRICE_BOOK,
        ),
    ],
    kinds=KINDS,
)
HEADERS = ["estimate_id", "estimate_number", "customer_id", "total"]


def test_with_the_app_the_profile_is_itself():
    assert PROFILE.for_apps(WITH_SALES).objects == PROFILE.objects
    assert PROFILE.for_apps(WITH_SALES).kinds == PROFILE.kinds
    proposal = matcher.propose_object(PROFILE.for_apps(WITH_SALES), "estimates", HEADERS)
    assert (proposal.kind, proposal.model) == ("estimate", "sale.order")
    assert "install" not in proposal.reason


def test_without_the_app_the_object_takes_its_fallback():
    profile = PROFILE.for_apps(CRM_ONLY)
    kinds = [spec.kind for spec in profile.objects]
    assert kinds == ["customer", "estimate_text"]
    # the missing app's kinds are gone: nothing can be mapped to them
    assert set(profile.kinds) == {"customer", "estimate_text"}
    assert profile.object_spec("estimate_text").fold.field == "x_estimates"
    proposal = matcher.propose_object(profile, "estimates", HEADERS)
    assert (proposal.kind, proposal.model) == ("estimate_text", "res.partner")
    assert "install Sales to migrate the estimates" in proposal.reason
    assert "kept as text on their customer meanwhile" in proposal.reason


def test_without_the_app_a_not_migrated_fallback_is_listed_with_the_app():
    profile = PROFILE.for_apps(CRM_ONLY)
    entry = profile.not_migrated_for("price_book")
    assert entry is not None and entry.object == "Price book"
    assert entry.note.startswith("install Sales to migrate the price book; ")
    proposal = matcher.propose_object(profile, "price_book", ["item", "unit_price"])
    assert proposal.model is None
    assert "install Sales to migrate the price book" in proposal.reason
    assert "install Sales" not in str(PROFILE.for_apps(WITH_SALES).app_notes)
    # with the app, the price book is a file of products, on no Does not migrate list
    assert PROFILE.for_apps(WITH_SALES).not_migrated_for("price_book") is None
    assert PROFILE.not_migrated == []


def test_a_fallback_the_profile_lists_already_keeps_its_words_and_leaves_with_the_app():
    listed = Profile("listed", "Listed", PROFILE.objects, KINDS, not_migrated=[PRICE_BOOK])
    crm = listed.for_apps(CRM_ONLY).not_migrated
    assert len(crm) == 1 and crm[0].equivalent == PRICE_BOOK.equivalent
    assert "install Sales" in crm[0].note
    assert listed.for_apps(WITH_SALES).not_migrated == []


def test_for_apps_is_read_once_per_set_of_missing_apps_and_leaves_the_profile_alone():
    first = PROFILE.for_apps(CRM_ONLY)
    assert PROFILE.for_apps(CRM_ONLY | {"project"}) is first
    assert [spec.kind for spec in PROFILE.objects] == ["customer", "estimate", "product"]
    assert PROFILE.app_notes == {}


def test_the_reason_names_the_app_and_the_kind():
    assert PROFILE.app_reason("estimate") == "install Sales to migrate the estimates"
    kinds = dict(KINDS, invoice=KindSpec("account.move", 46, "Invoices", app="account"))
    assert Profile("x", "X", [], kinds).app_reason("invoice") == (
        "install account to migrate the invoices"
    )


# ----------------------------------------------------------------------
# OctopusPro: quotes, invoices, payments and services with and without the apps
# ----------------------------------------------------------------------
def _octopuspro_headers(name):
    from conftest import SAMPLES

    with open(SAMPLES / "octopuspro" / name, encoding="utf-8") as handle:
        return handle.readline().strip().split(",")


OCTOPUSPRO_FILES = {
    "quotes.csv": ("sale_quote", "sale.order", "quote", "install Sales to migrate the quotes"),
    "invoices.csv": (
        "invoice_move",
        "account.move",
        "invoice",
        "install Invoicing to migrate the invoices",
    ),
    "payments.csv": (
        "payment_entry",
        "account.payment",
        "payment",
        "install Invoicing to migrate the payments",
    ),
}


def test_octopuspro_with_the_apps_proposes_their_models():
    from migration_bridge.services.profiles import octopuspro

    profile = octopuspro.PROFILE.for_apps(WITH_SALES)
    for name, (kind, model, _text, _reason) in OCTOPUSPRO_FILES.items():
        proposal = matcher.propose_object(profile, name[:-4], _octopuspro_headers(name))
        assert (proposal.kind, proposal.model) == (kind, model), name
    services = matcher.propose_object(profile, "services", _octopuspro_headers("services.csv"))
    assert (services.kind, services.model) == ("service", "product.product")
    assert profile.not_migrated_for("services") is None


def test_octopuspro_without_the_apps_keeps_text_lines_and_says_which_app():
    from migration_bridge.services.profiles import octopuspro

    profile = octopuspro.PROFILE.for_apps(CRM_ONLY)
    for name, (_kind, _model, text, reason) in OCTOPUSPRO_FILES.items():
        proposal = matcher.propose_object(profile, name[:-4], _octopuspro_headers(name))
        assert proposal.kind == text, name
        assert reason in proposal.reason, name
        assert profile.object_spec(text).fold, name
    entry = profile.not_migrated_for("services")
    assert entry.object == "Service catalogue"
    assert entry.note.startswith("install Sales to migrate the services")
    # the profile's own list is the CRM-only one, word for word
    assert entry.equivalent == octopuspro.SERVICE_CATALOGUE.equivalent


# ----------------------------------------------------------------------
# The Customer Factor: estimates, invoices, their line items and the price book
# ----------------------------------------------------------------------
def test_tcf_with_the_apps_proposes_their_models_and_keys_its_line_items():
    from conftest import SAMPLES

    from migration_bridge.services.profiles import tcf

    profile = tcf.PROFILE.for_apps(WITH_SALES)
    expected = {
        "estimates": ("sale_estimate", "sale.order"),
        "estimate_items": ("sale_estimate_line", "sale.order.line"),
        "invoices": ("invoice_move", "account.move"),
        "invoice_items": ("invoice_move_line", "account.move.line"),
        "products_and_services": ("product", "product.product"),
    }
    for name, (kind, model) in expected.items():
        with open(SAMPLES / "tcf" / (name + ".csv"), encoding="utf-8") as handle:
            headers = handle.readline().strip().split(",")
        proposal = matcher.propose_object(profile, name, headers)
        assert (proposal.kind, proposal.model) == (kind, model), name
    # a line item has no id: its order, item and description make its key
    assert profile.object_spec("sale_estimate_line").natural_key == ("order_id+product_id+name",)
    assert profile.not_migrated_for("products_and_services") is None


def test_tcf_without_the_apps_keeps_text_lines():
    from migration_bridge.services.profiles import tcf

    profile = tcf.PROFILE.for_apps(CRM_ONLY)
    assert {"estimate", "estimate_line", "invoice", "invoice_line"} <= set(profile.kinds)
    assert not {"sale_estimate", "invoice_move", "product"} & set(profile.kinds)
    assert profile.app_notes["estimate"].startswith("install Sales to migrate the estimates")
    entry = profile.not_migrated_for("products_and_services")
    assert entry.note.startswith("install Sales to migrate the products and services")


def test_a_natural_key_of_several_targets_keys_a_line_item():
    from migration_bridge.services import transform
    from migration_bridge.services.profiles import tcf

    profile = tcf.PROFILE.for_apps(WITH_SALES)
    columns = [
        transform.Column("Estimate #", "order_id", "many2one", "sale.order"),
        transform.Column("Item", "product_id", "many2one", "product.product"),
        transform.Column("Description", "name", "text"),
    ]
    plan = transform.object_plan(
        profile, "sale_estimate_line", "sale.order.line", columns, "estimate_items"
    )
    row = {"Estimate #": "1041", "Item": "Spring Cleanup", "Description": "Beds, leaves"}
    first = transform.transform_row(plan, 2, row)
    other = transform.transform_row(plan, 3, dict(row, Item="Shrub Trimming"))
    assert first.source_id.startswith("order_id+product_id+name=1041 spring cleanup")
    assert first.source_id != other.source_id
    # its parts still point to their records: the order by its id, the item by name
    lookups = {lk.target: lk for lk in first.lookups}
    assert (lookups["order_id"].kinds, lookups["order_id"].by) == (("sale_estimate",), ("id",))
    assert lookups["product_id"].kinds == ("product",)
    assert transform.key_source_columns(plan) == ["Estimate #", "Item", "Description"]


# ----------------------------------------------------------------------
# Companions: a job's task, an ELMA365 project's Odoo project and tasks
# ----------------------------------------------------------------------
WITH_PROJECT = WITH_SALES | {"project"}


def test_jobs_have_their_task_with_project_and_say_so_without():
    from migration_bridge.services.profiles import elma365, octopuspro, tcf

    for profile, kind, reason in (
        (octopuspro.PROFILE, "booking", "install Project to migrate the bookings' tasks"),
        (tcf.PROFILE, "job", "install Project to migrate the jobs / work orders' tasks"),
        (
            elma365.PROFILE,
            "project",
            "install Project to migrate the projects' project and tasks",
        ),
    ):
        (companion,) = profile.for_apps(WITH_PROJECT).object_spec(kind).companions
        assert companion.app == "project"
        crm = profile.for_apps(CRM_ONLY)
        assert crm.object_spec(kind).companions == ()
        assert [e.note for e in crm.missing_companions(kind)] == [reason]


def test_job_tasks_read_their_assignees_beside_the_mapping():
    from migration_bridge.services.profiles import octopuspro, tcf

    (task,) = octopuspro.PROFILE.object_spec("booking").companions
    assert (task.model, task.key, task.within) == ("project.task", "task", "project.project")
    assert task.headers("user_ids", ["booking_id", "assigned_fieldworkers"]) == [
        "assigned_fieldworkers"
    ]
    (task,) = tcf.PROFILE.object_spec("job").companions
    assert task.headers("user_ids", ["Job ID", "Assigned Tech"]) == ["Assigned Tech"]


def test_an_elma365_project_is_a_project_with_its_tasks():
    from migration_bridge.services.profiles import elma365

    (project,) = elma365.PROFILE.object_spec("project").companions
    assert project.model == "project.project" and project.within is None
    assert project.headers("date_start", ["__id", "_start_date"]) == ["_start_date"]
    children = project.children
    assert (children.kind, children.model) == ("project_task", "project.task")
    headers = ["_parent_id", "__id", "__name", "_deadline", "__status.status"]
    assert children.headers("_parent", headers) == ["_parent_id"]
    assert children.headers("stage_id", headers) == ["__status.status"]
    # the tasks stay readable on the deal either way
    assert elma365.PROFILE.object_spec("project_task").fold.field == "x_project_tasks"
