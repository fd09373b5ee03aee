"""The HubSpot and ELMA365 connectors against their local stand-ins (real HTTP)."""

import logging
import random

import pytest
from connectors.checks import assert_no_credential, texts_of_records
from connectors.dtools_server import StorageStandIn
from connectors.elma365_server import Elma365StandIn
from connectors.hubspot_server import TOKEN, HubSpotStandIn, hs_time
from connectors.standin import FakeClock, iso

from migration_bridge.services.connectors import (
    ConnectorAuthError,
    ConnectorError,
    ConnectorState,
    build_connector,
    into_directory,
)
from migration_bridge.services.connectors.delta import DELTA_OVERLAP


@pytest.fixture
def clock():
    return FakeClock()


def run_all(connector, spool, state=None, **options):
    state = state if state is not None else ConnectorState()
    with connector.extraction(state, spool, **options) as run:
        outcome = run.run()
        tables = {}
        if outcome.done:
            for name in connector.object_names():
                for table in run.tables(name):
                    tables[table.object_name] = table
    return outcome, tables, state


def column(table, name):
    return [row.values[name] for row in table.rows()]


# ----------------------------------------------------------------------
# HubSpot
# ----------------------------------------------------------------------
@pytest.fixture
def hubspot(clock):
    with HubSpotStandIn(clock) as standin:
        yield standin


def make_hubspot(server, clock, token=TOKEN, **options):
    credentials = {"access_token": token}
    if "refresh" in options:
        credentials["refresh"] = options.pop("refresh")
    return build_connector(
        "hubspot",
        server.url,
        credentials,
        clock=clock,
        rng=random.Random(2),
        timeout=(2.0, 2.0),
        **options,
    )


def test_hubspot_objects_with_every_property_and_their_associations(hubspot, clock, tmp_path):
    connector = make_hubspot(hubspot, clock, page_size=5)
    outcome, tables, _state = run_all(connector, tmp_path)
    assert outcome.done
    assert column(tables["owners"], "email") == [o["email"] for o in hubspot.owners]
    for kind, records in hubspot.records.items():
        assert column(tables[kind], "id") == [r["id"] for r in records], kind
        props = hubspot.properties[kind]
        headers = tables[kind].headers
        assert all("properties.%s" % name in headers for name in props), kind
    contact = list(tables["contacts"].rows())[4]
    assert contact.values["properties.email"] == "contacts email 4"
    deal = list(tables["deals"].rows())[1]
    assert deal.values["properties.amount"] == "2500.50"
    links = list(tables["contacts.associations.companies.results"].rows())
    expected = [
        (r["id"], company)
        for r in hubspot.records["contacts"]
        for company in r["links"]["companies"]
    ]
    assert [(r.values["_parent_id"], r.values["id"]) for r in links] == expected
    lists = hubspot.seen("/crm/v3/objects/contacts")
    assert [r.arg("after") for r in lists] == [None, "5", "10", "15", "20"]
    assert {r.arg("limit") for r in lists} == {"5"}
    assert lists[0].arg("associations") == "companies,deals"
    assert "lastmodifieddate" in lists[0].arg("properties").split(",")
    assert len(hubspot.seen("/crm/v3/properties/contacts")) == 1  # once per extraction


def test_hubspot_limit_is_capped_and_the_rate_limit_holds(hubspot, clock, tmp_path):
    outcome, _tables, _state = run_all(make_hubspot(hubspot, clock, page_size=1000), tmp_path)
    assert outcome.done
    assert {r.arg("limit") for r in hubspot.seen() if "/objects/" in r.path} == {"100"}
    with HubSpotStandIn(clock, counts={"contacts": 230}) as many:
        connector = make_hubspot(many, clock, page_size=2, objects=["contacts"])
        outcome, tables, _state = run_all(connector, tmp_path / "b")
    assert outcome.done and len(list(tables["contacts"].rows())) == 230
    assert len(many.seen()) == 1 + 115 and many.over_limit == 0
    times = [r.time for r in many.seen()]
    assert max(sum(1 for t in times if s <= t < s + 10) for s in times) == 100


def test_hubspot_delta_searches_what_changed_since_the_watermark(hubspot, clock, tmp_path):
    connector = make_hubspot(hubspot, clock, page_size=3)
    started = clock.now()
    outcome, _tables, state = run_all(connector, tmp_path / "full")
    assert outcome.done
    clock.advance(86400)
    changed = {"contacts": ["3", "17"], "deals": ["8"]}
    for kind, record_ids in changed.items():
        key = hubspot.modified_key(kind)
        for record in hubspot.records[kind]:
            if record["id"] in record_ids:
                record["properties"][key] = hs_time(clock.now())
    before = len(hubspot.seen())
    state.new_extraction(delta=True)
    outcome, delta, state = run_all(connector, tmp_path / "delta", state, delta=True)
    assert outcome.done
    since_ms = str(int(started - DELTA_OVERLAP) * 1000)
    searches = [r for r in hubspot.seen()[before:] if r.path.endswith("/search")]
    kinds = {r.path.split("/")[-2] for r in searches}
    assert kinds == set(hubspot.records)
    for seen in searches:
        rule = seen.body["filterGroups"][0]["filters"][0]
        kind = seen.path.split("/")[-2]
        assert rule == {
            "propertyName": hubspot.modified_key(kind),
            "operator": "GTE",
            "value": since_ms,
        }
        assert "lastmodifieddate" in ",".join(seen.body["properties"])
    assert column(delta["contacts"], "id") == ["3", "17"]
    assert column(delta["deals"], "id") == ["8"]
    assert column(delta["companies"], "id") == []
    assert delta["contacts"].detected["api"]["since"] == iso(started - DELTA_OVERLAP)
    # owners have no modified filter: listed again, whole
    assert column(delta["owners"], "id") == [o["id"] for o in hubspot.owners]
    assert not [r for r in hubspot.seen()[before:] if r.path.endswith("/objects/contacts")]


def test_hubspot_expired_token_is_renewed_once_or_reported(clock, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    with HubSpotStandIn(clock, expire_after=7) as server:
        renewed = []

        def refresh():
            renewed.append(server.issue())
            return renewed[-1]

        outcome, tables, _state = run_all(
            make_hubspot(server, clock, page_size=4, refresh=refresh), tmp_path / "a"
        )
        assert outcome.done and len(renewed) >= 2
        assert column(tables["contacts"], "id") == [r["id"] for r in server.records["contacts"]]

        server.expire_after = 3
        with pytest.raises(ConnectorAuthError) as caught:
            run_all(make_hubspot(server, clock, token=server.token), tmp_path / "b")
        error = caught.value
        assert (error.status, error.title) == (401, "EXPIRED_AUTHENTICATION")
        assert "expired" in error.detail and "must be made again" in error.message
    secrets = [TOKEN, *renewed]
    assert_no_credential(secrets, [str(error), repr(error)] + texts_of_records(caplog.records))


def test_hubspot_too_many_changes_for_a_search_say_what_to_do(clock, tmp_path):
    with HubSpotStandIn(clock) as server:
        connector = make_hubspot(server, clock, objects=["contacts"])
        _outcome, _tables, state = run_all(connector, tmp_path / "a")
        original = server._search

        def search(seen, kind):
            status, headers, answer = original(seen, kind)
            answer["total"] = 12_345
            return status, headers, answer

        server._search = search
        state.new_extraction(delta=True)
        with pytest.raises(ConnectorError) as caught:
            run_all(connector, tmp_path / "b", state, delta=True)
    assert "12345 records changed" in str(caught.value)
    assert "run a full extraction" in str(caught.value)


# ----------------------------------------------------------------------
# ELMA365
# ----------------------------------------------------------------------
TOKEN_A = "elma-token-A-6b0f9d2c41e84a7f"
TOKEN_B = "elma-token-B-93e1c07a5d2f4b68"


@pytest.fixture
def tenants(clock):
    with StorageStandIn(clock) as storage:
        a = Elma365StandIn("hub-a", TOKEN_A, clock, storage).start()
        b = Elma365StandIn("hub-b", TOKEN_B, clock, storage, companies=4, contacts=150).start()
        yield a, b, storage
        a.stop()
        b.stop()


def make_elma(servers, clock, **options):
    tenants = [{"name": s.tenant, "base_url": s.url, "token": s.token} for s in servers]
    return build_connector(
        "elma365",
        None,
        {"tenants": tenants},
        clock=clock,
        rng=random.Random(4),
        timeout=(2.0, 2.0),
        **options,
    )


def test_elma365_apps_and_users_of_several_tenants(tenants, clock, tmp_path):
    a, b, _storage = tenants
    connector = make_elma([a, b], clock)
    assert connector.object_names() == [
        "hub-a.companies",
        "hub-a.contacts",
        "hub-a.leads",
        "hub-a.users",
        "hub-b.companies",
        "hub-b.contacts",
        "hub-b.leads",
        "hub-b.users",
    ]
    outcome, tables, _state = run_all(connector, tmp_path)
    assert outcome.done
    for server in (a, b):
        prefix = server.tenant + "."
        for (_ns, code), items in server.apps.items():
            table = tables[prefix + code.lstrip("_")]
            assert column(table, "__id") == [i["__id"] for i in items]
        assert column(tables[prefix + "users"], "__id") == [u["__id"] for u in server.users]
    contact = list(tables["hub-a.contacts"].rows())[0]
    assert contact.values["_fullname.lastname"] == "Петров"
    assert contact.values["_companies"] == a.apps[("_clients", "_companies")][0]["__id"]
    phones = tables["hub-a.companies._phone"]
    assert column(phones, "tel")[0] == "+7 495 000-00-00"
    lead = list(tables["hub-a.leads"].rows())[0]
    assert (lead.values["_budget.cents"], lead.values["_budget.currency"]) == ("1500000", "RUB")
    # paging in the body, size at most 100; each tenant's token to its own URL only
    lists = b.seen("/_contacts/list")
    assert [(r.body["from"], r.body["size"]) for r in lists] == [(0, 100), (100, 100)]
    assert lists[0].body["fields"] == {"*": True} and lists[0].body["active"] is True
    assert {r.headers["authorization"] for r in a.seen()} == {"Bearer " + TOKEN_A}
    assert {r.headers["authorization"] for r in b.seen()} == {"Bearer " + TOKEN_B}
    # one budget count per tenant's token
    budgets = _state.data["budgets"]
    assert sorted(b["calls"] for b in budgets.values()) == sorted([len(a.seen()), len(b.seen())])


def test_elma365_files_through_get_link_without_the_token(tenants, clock, tmp_path):
    a, _b, storage = tenants
    connector = make_elma([a], clock, file_fields={"companies": ["_files"]})
    assert connector.object_names()[0] == "companies"  # one tenant: no prefix
    with connector.extraction(ConnectorState(), tmp_path / "spool") as run:
        assert run.run().done
        refs = run.file_refs()
        outcome = run.download(refs, into_directory(tmp_path / "files"), workers=2)
    assert sorted(r.id for r in refs) == sorted(a.files)
    assert not outcome.failed and len(outcome.results) == len(a.files)
    for result in outcome.results:
        written = tmp_path / "files" / ("hub-a_" + result.ref.id)  # the tenant's name first
        assert written.read_bytes() == a.files[result.ref.id]
        assert result.ref.parent_object == "companies"
    assert len(a.seen("/get-link")) == len(a.files)
    assert all("authorization" not in r.headers for r in storage.seen())


def test_elma365_expired_token_and_refusals_are_clear(tenants, clock, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    a, b, _storage = tenants
    a.revoked.add(TOKEN_A)
    with pytest.raises(ConnectorAuthError) as caught:
        run_all(make_elma([a, b], clock), tmp_path)
    error = caught.value
    assert str(error).startswith(
        "ELMA365 hub-a, hub-a.companies: POST /pub/v1/app/_clients/_companies/list: answered 401"
    )
    assert "token expired" in str(error) and "must be made again" in str(error)
    assert_no_credential(
        [TOKEN_A, TOKEN_B],
        [str(error), repr(error), repr(make_elma([a, b], clock))]
        + texts_of_records(caplog.records),
    )


def test_elma365_transient_faults_and_a_resume(tenants, clock, tmp_path):
    _a, b, _storage = tenants
    b.fault("/_contacts/list", "503", retry_after=3)
    b.fault("/_contacts/list", "die", skip=1)  # the second page: the server dies
    connector = make_elma([b], clock, retries=1)
    saved = []
    with connector.extraction(ConnectorState(), tmp_path, on_checkpoint=saved.append) as run:
        with pytest.raises(ConnectorError):
            run.run()
    count = len(b.seen())
    b.start(b.port)
    outcome, tables, _state = run_all(connector, tmp_path, ConnectorState(saved[-1]))
    assert outcome.done
    contacts = b.apps[("_clients", "_contacts")]
    assert column(tables["contacts"], "__id") == [c["__id"] for c in contacts]
    again = [r.body["from"] for r in b.seen()[count:] if r.path.endswith("/_contacts/list")]
    assert again == [100]  # the first page was finished: not asked again
