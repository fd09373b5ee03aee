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
    assert PROFILE.for_apps(WITH_SALES) is PROFILE
    proposal = matcher.propose_object(PROFILE.for_apps(WITH_SALES), "estimates", HEADERS)
    assert (proposal.kind, proposal.model) == ("estimate", "sale.order")
    assert "install" not in proposal.reason


def test_without_the_app_the_object_takes_its_fallback():
    profile = PROFILE.for_apps(CRM_ONLY)
    kinds = [spec.kind for spec in profile.objects]
    assert kinds == ["customer", "estimate_text"]
    assert profile.object_spec("estimate_text").fold.field == "x_estimates"
    proposal = matcher.propose_object(profile, "estimates", HEADERS)
    assert (proposal.kind, proposal.model) == ("estimate_text", "res.partner")
    assert "install Sales to migrate the estimates" in proposal.reason
    assert "kept as text on their customer meanwhile" in proposal.reason


def test_without_the_app_a_not_migrated_fallback_is_listed_with_the_app():
    profile = PROFILE.for_apps(CRM_ONLY)
    entry = profile.not_migrated_for("price_book")
    assert entry is not None and entry.object == "Price book"
    assert "install Sales to migrate the price book" in entry.equivalent
    proposal = matcher.propose_object(profile, "price_book", ["item", "unit_price"])
    assert proposal.model is None
    assert "install Sales to migrate the price book" in proposal.reason
    # with the app, the price book is a file of products, on no Does not migrate list
    assert PROFILE.for_apps(WITH_SALES).not_migrated_for("price_book") is None
    assert PROFILE.not_migrated == []


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
