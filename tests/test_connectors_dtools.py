"""The D-Tools Cloud connector against its local stand-in (real HTTP on 127.0.0.1).

The stand-in holds the D-Tools sample tenant; an extraction must give exactly its
records, as the same tables the JSON reader gives for the same data, within the
published limits (120 calls a minute, 10,000 a day), through 429s, 500s, malformed
JSON, timeouts and a server that dies, resuming without reading a finished page again.
"""

import hashlib
import json
import random

import pytest
import requests
from connectors.dtools_server import BASIC, KEY, SAMPLE, DToolsStandIn, StorageStandIn
from connectors.standin import FakeClock, iso

from migration_bridge.services import readers
from migration_bridge.services.connectors import (
    ConnectorAuthError,
    ConnectorState,
    ConnectorUnavailable,
    build_connector,
    changed_rows,
    into_directory,
    row_hash,
)
from migration_bridge.services.connectors.delta import DELTA_OVERLAP

CREDENTIALS = {"api_key": KEY, "authorization": BASIC}


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def storage(clock):
    with StorageStandIn(clock) as server:
        yield server


@pytest.fixture
def server(clock, storage):
    with DToolsStandIn(clock, files=storage) as standin:
        yield standin


def make(server, clock, credentials=CREDENTIALS, **options):
    options.setdefault("timeout", (2.0, 2.0))
    return build_connector(
        "dtools", server.url + "/api/v1", credentials, clock=clock, rng=random.Random(5), **options
    )


def extract_all(connector, tmp_path, state=None, **options):
    state = state if state is not None else ConnectorState()
    with connector.extraction(state, tmp_path / "spool", **options) as run:
        outcome = run.run()
        tables = {}
        if outcome.done:
            for name in connector.object_names():
                for table in run.tables(name):
                    tables[table.object_name] = table
    return outcome, tables, state


def rows(table):
    return [(row.row, dict(row.values)) for row in table.rows()]


def ids(table):
    return [row.values["id"] for row in table.rows()]


# ----------------------------------------------------------------------
# What an extraction gives
# ----------------------------------------------------------------------
def test_extraction_gives_exactly_the_records_the_standin_holds(server, clock, tmp_path):
    outcome, tables, _state = extract_all(make(server, clock, page_size=5), tmp_path)
    assert outcome.done and not outcome.paused
    assert [o.object_name for o in outcome.objects] == ["clients", "opportunities", "projects"]
    assert ids(tables["clients"]) == [str(c["id"]) for c in server.clients]
    assert ids(tables["opportunities"]) == [str(o["id"]) for o in server.opportunities]
    assert ids(tables["projects"]) == [str(p["id"]) for p in server.projects]
    contacts = [(str(c["id"]), str(k["id"])) for c in server.clients for k in c["contacts"]]
    assert [
        (r.values["_parent_id"], r.values["id"]) for r in tables["clients.contacts"].rows()
    ] == contacts
    sites = sum(len(c["siteAddresses"]) for c in server.clients)
    assert len(list(tables["clients.siteaddresses"].rows())) == sites
    # clients: 3 list pages of 5 and one GetClient per client; the other lists: pages only
    clients = outcome.objects[0]
    assert (clients.pages, clients.calls, clients.records) == (3, 3 + 12, 12)
    assert len(server.seen("GetClient")) == 12
    assert {r.arg("includeInactive") for r in server.seen("GetClients")} == {"true"}
    assert {r.arg("includeArchived") for r in server.seen("GetOpportunities")} == {"true"}


def test_tables_are_those_the_json_reader_gives_for_the_same_data(server, clock, tmp_path):
    _outcome, tables, _state = extract_all(make(server, clock, page_size=4), tmp_path)
    export = tmp_path / "export"
    export.mkdir()
    served = {
        "clients.json": {"clients": server.clients, "totalClients": len(server.clients)},
        "opportunities.json": {"opportunities": server.opportunities},
        "projects.json": {"projects": server.projects},
    }
    expected = {}
    for name, data in served.items():
        (export / name).write_text(json.dumps(data, indent=2), encoding="utf-8")
        for table in readers.read_sources(name, str(export / name)):
            expected[table.object_name] = table
    assert (
        set(tables)
        == set(expected)
        == {
            "clients",
            "clients.contacts",
            "clients.siteaddresses",
            "clients.files",
            "opportunities",
            "projects",
        }
    )
    for name, table in expected.items():
        ours = tables[name]
        assert ours.headers == table.headers, name
        assert rows(ours) == rows(table), name
        assert [r.problems for r in ours.rows()] == [r.problems for r in table.rows()], name
        assert not ours.blocked and not ours.problems
        assert ours.detected["api"]["complete"] is True

    # and the committed sample export, but for where the files are served from
    def without_urls(pairs):
        return [(n, {k: v for k, v in vs.items() if k != "url"}) for n, vs in pairs]

    for name in ("clients.json", "opportunities.json", "projects.json"):
        for table in readers.read_sources(name, str(SAMPLE / name)):
            ours = tables[table.object_name]
            assert ours.headers == table.headers
            assert without_urls(rows(ours)) == without_urls(rows(table)), table.object_name


def test_both_auth_headers_are_required(server, clock, tmp_path):
    # the stand-in as documented: either header missing is a 401 ProblemDetails
    for headers in ({"X-API-Key": KEY}, {"Authorization": "Basic " + BASIC}, {}):
        answer = requests.get(
            server.url + "/api/v1/Clients/GetClients", headers=headers, timeout=5
        )
        assert answer.status_code == 401
        assert answer.headers["Content-Type"] == "application/problem+json"
        assert answer.json()["title"] == "Unauthorized"
    # the connector sends both
    extract_all(make(server, clock), tmp_path)
    for seen in server.seen()[3:]:
        if "/api/v1/" in seen.path:
            assert seen.headers["x-api-key"] == KEY
            assert seen.headers["authorization"] == "Basic " + BASIC
    # a wrong key: a clear error naming the object, the path, the status, title and detail
    wrong = "dt-key-wrong-0123456789"
    connector = make(server, clock, {"api_key": wrong, "authorization": BASIC})
    with pytest.raises(ConnectorAuthError) as caught:
        extract_all(connector, tmp_path / "wrong")
    error = caught.value
    assert (error.object_name, error.method, error.path, error.status) == (
        "clients",
        "GET",
        "/api/v1/Clients/GetClients",
        401,
    )
    assert error.title == "Unauthorized"
    assert error.detail == "The API key '***' is not valid."  # the server echoed it: masked
    assert wrong not in str(error) and wrong not in repr(error)
    assert str(error).startswith("D-Tools, clients: GET /api/v1/Clients/GetClients: answered 401")
    assert error.as_problem().blocking
    assert len(server.seen("GetClients")) == 3 + 1 + 1  # the bare calls, the run, this: no retry


def test_authorization_value_may_come_with_or_without_its_scheme(server, clock, tmp_path):
    connector = make(server, clock, {"api_key": KEY, "authorization": "Basic " + BASIC})
    outcome, _tables, _state = extract_all(connector, tmp_path)
    assert outcome.done


def test_page_size_never_exceeds_the_cap(server, clock, tmp_path):
    refused = requests.get(
        server.url + "/api/v1/Clients/GetClients",
        params={"pageSize": 501},
        headers={"X-API-Key": KEY, "Authorization": "Basic " + BASIC},
        timeout=5,
    )
    assert refused.status_code == 400 and "500" in refused.json()["detail"]
    outcome, _tables, _state = extract_all(make(server, clock, page_size=2000), tmp_path)
    assert outcome.done
    sizes = {
        r.arg("pageSize")
        for r in server.seen()[1:]
        if r.path.endswith(("GetClients", "GetOpportunities", "GetProjects"))
    }
    assert sizes == {"500"}


# ----------------------------------------------------------------------
# Retries, waits and the throttle
# ----------------------------------------------------------------------
def test_retry_after_is_honoured_and_nothing_is_called_meanwhile(server, clock, tmp_path):
    server.fault("GetClient", "429", retry_after=30, skip=2)
    outcome, tables, _state = extract_all(make(server, clock), tmp_path)
    assert outcome.done and len(ids(tables["clients"])) == 12
    seen = server.seen()
    refused = server.seen("GetClient")[2]
    after = seen[seen.index(refused) + 1 :]
    assert after and all(r.time >= refused.time + 30 for r in after)
    assert after[0].arg("id") == refused.arg("id")  # the refused call, made again after the wait


def test_transient_errors_and_malformed_json_are_retried_with_backoff(server, clock, tmp_path):
    server.fault("GetClients", "500", skip=1)
    server.fault("GetOpportunities", "malformed")
    server.fault("GetClient", "503", times=2, skip=4)
    server.fault("GetProjects", "drop")
    outcome, tables, _state = extract_all(make(server, clock, page_size=5), tmp_path)
    assert outcome.done
    assert ids(tables["clients"]) == [str(c["id"]) for c in server.clients]
    assert len(ids(tables["opportunities"])) == 16 and len(ids(tables["projects"])) == 6
    assert [o.calls for o in outcome.objects] == [3 + 12 + 3, 4 + 1, 2 + 1]
    # the waits between attempts grow, each with jitter (half to all of it): the two
    # 503s in a row (page 1's details) wait 1 s then 2 s, the others 1 s
    waits = clock.sleeps
    assert len(waits) == 5
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0
    assert all(0.5 <= wait <= 1.0 for wait in waits[2:])


def test_a_persistent_failure_is_reported_with_its_place(server, clock, tmp_path):
    server.fault("GetOpportunities", "malformed", times=99)
    state = ConnectorState()
    connector = make(server, clock, retries=3)
    with connector.extraction(state, tmp_path / "spool") as run:
        assert run.extract("clients").done
        with pytest.raises(Exception) as caught:
            run.extract("opportunities")
    error = caught.value
    assert error.code == "api_bad_response"
    assert str(error) == (
        "D-Tools, opportunities: GET /api/v1/Opportunities/GetOpportunities: answered 200 with "
        "malformed JSON at line 1, column 34 (4 attempts)"
    )
    assert len(server.seen("GetOpportunities")) == 4


def test_a_call_slower_than_the_timeout_is_abandoned_and_retried(server, clock, tmp_path):
    server.fault("GetClient", "slow", skip=3, seconds=1.5)
    connector = make(server, clock, timeout=(2.0, 0.3))
    outcome, tables, _state = extract_all(connector, tmp_path)
    assert outcome.done and len(ids(tables["clients"])) == 12
    details = [r.arg("id") for r in server.seen("GetClient")]
    assert len(details) == 13 and details[3] == details[4]  # the slow one, asked again


def test_throttle_keeps_to_120_calls_a_minute(server, clock, tmp_path):
    extra = []
    for n in range(150):
        client = json.loads(json.dumps(server.clients[n % 12]))
        client.update(id=20000 + n, name="Generated client %03d" % n)
        extra.append(client)
    server.clients += extra
    connector = make(server, clock, page_size=100)
    outcome, tables, _state = extract_all(connector, tmp_path)
    assert outcome.done and len(ids(tables["clients"])) == 162
    times = [r.time for r in server.seen() if "/api/v1/" in r.path]
    assert len(times) == 2 + 162 + 1 + 1
    assert max(sum(1 for t in times if start <= t < start + 60) for start in times) == 120
    assert times[-1] - times[0] >= 60  # 166 calls cannot fit in one minute
    assert all(b >= a for a, b in zip(times, times[1:], strict=False))
    assert sum(clock.sleeps) >= 60


def test_throttle_counts_across_runs(server, clock, tmp_path):
    """A new run sharing the state does not make a 121st call in the same minute."""
    connector = make(server, clock, page_size=5)
    state = ConnectorState()
    start = clock.now()
    budget = state.budget(connector.accounts[""].key_id)
    budget.update(day=iso(start)[:10], calls=120, recent={"": [start - 1] * 120})
    outcome, _tables, state = extract_all(connector, tmp_path, state)
    assert outcome.done
    assert server.seen()[0].time >= start + 59


def test_daily_budget_pauses_the_extraction_until_the_next_day(server, clock, tmp_path):
    connector = make(server, clock, page_size=5)
    state = ConnectorState()
    key = connector.accounts[""].key_id
    state.budget(key).update(day=iso(clock.now())[:10], calls=9_990)
    spool = tmp_path / "spool"
    with connector.extraction(state, spool) as run:
        outcome = run.run()
    assert outcome.paused and not outcome.done
    midnight = 1795219200  # 2026-11-21T00:00:00Z, the next UTC day
    assert outcome.resume_after == midnight
    assert "daily budget of 10000 calls" in outcome.objects[-1].reason
    assert len(server.seen()) == 10 and state.data["budgets"][key]["calls"] == 10_000
    persisted = json.loads(state.to_json())

    # asked again the same day: no call at all
    with connector.extraction(ConnectorState(persisted), spool) as run:
        again = run.run()
    assert again.paused and len(server.seen()) == 10

    # the next day it resumes where it stopped: nothing read twice
    clock.advance(midnight - clock.now() + 1)
    state = ConnectorState(persisted)
    with connector.extraction(state, spool) as run:
        outcome = run.run()
        clients = ids(run.tables("clients")[0])
    assert outcome.done
    assert clients == [str(c["id"]) for c in server.clients]
    details = [r.arg("id") for r in server.seen("GetClient")]
    assert sorted(details) == sorted(set(details)) and len(details) == 12
    assert [r.arg("page") for r in server.seen("GetClients")] == ["1", "2", "2", "3"]
    assert state.data["budgets"][key]["calls"] == len(server.seen()) - 10


# ----------------------------------------------------------------------
# Resuming a killed extraction
# ----------------------------------------------------------------------
def test_a_server_that_dies_mid_extraction_and_comes_back(server, clock, tmp_path):
    server.fault("GetClients", "die", skip=1)  # the second page's call never answers
    connector = make(server, clock, page_size=5, retries=2)
    persisted = []
    spool = tmp_path / "spool"
    with connector.extraction(ConnectorState(), spool, on_checkpoint=persisted.append) as run:
        with pytest.raises(ConnectorUnavailable) as caught:
            run.run()
    error = caught.value
    assert error.object_name == "clients" and error.path == "/api/v1/Clients/GetClients"
    dropped = ("connection was refused", "closed the connection", "reset the connection")
    assert any(reason in error.message for reason in dropped), error.message
    assert "resumes" in error.message
    before = len(server.seen())

    server.start(server.port)  # back, on the same address
    state = ConnectorState(persisted[-1])
    with connector.extraction(state, spool) as run:
        outcome = run.run()
        clients = ids(run.tables("clients")[0])
    assert outcome.done
    assert clients == [str(c["id"]) for c in server.clients]
    after = server.seen()[before:]
    pages = [r.arg("page") for r in after if r.path.endswith("GetClients")]
    assert pages == ["2", "3"]  # page 1 was finished: not read again
    fetched = [r.arg("id") for r in server.seen("GetClient")]
    assert sorted(fetched) == sorted({str(c["id"]) for c in server.clients})


def test_a_hard_kill_after_more_was_spooled_than_persisted(server, clock, tmp_path):
    """Killed without any handler running: the state persisted is an older one than the
    spool. The spool is cut back to the checkpoint; nothing is duplicated."""
    connector = make(server, clock, page_size=5)
    persisted = []
    spool = tmp_path / "spool"
    with connector.extraction(ConnectorState(), spool, on_checkpoint=persisted.append) as run:
        run.extract("clients")
    after_page_1 = next(s for s in persisted if s["objects"]["clients"]["pages"] == 1)
    assert (spool / "clients.jsonl").stat().st_size > after_page_1["objects"]["clients"][
        "spool_bytes"
    ]
    before = len(server.seen())
    server.clients[6]["contacts"] = []  # changed since: page 2 is shorter when read again

    state = ConnectorState(after_page_1)
    with connector.extraction(state, spool) as run:
        assert run.extract("clients").done
        table = run.tables("clients")[0]
    assert ids(table) == [str(c["id"]) for c in server.clients]
    assert [r.row for r in table.rows()] == list(range(1, 13))
    assert not table.problems and not any(r.problems for r in table.rows())
    pages = [r.arg("page") for r in server.seen()[before:] if r.path.endswith("GetClients")]
    assert pages == ["2", "3"]


def test_a_lost_spool_starts_the_object_again_and_says_so(server, clock, tmp_path):
    connector = make(server, clock, page_size=5)
    persisted = []
    with connector.extraction(
        ConnectorState(), tmp_path / "a", on_checkpoint=persisted.append
    ) as run:
        run.extract("clients")
    middle = next(s for s in persisted if s["objects"]["clients"]["pages"] == 2)
    with connector.extraction(ConnectorState(middle), tmp_path / "b") as run:
        assert run.extract("clients").done
        table = run.tables("clients")[0]
    assert ids(table) == [str(c["id"]) for c in server.clients]
    assert [p.code for p in table.problems] == ["api_record"]
    assert "read again from its first page" in table.problems[0].message


def test_details_of_a_client_deleted_meanwhile(server, clock, tmp_path):
    gone = server.clients[3]
    original = server.route

    def route(seen):
        if seen.path.endswith("GetClient") and seen.arg("id") == str(gone["id"]):
            return server.error(404, "Not Found", "No client with id %s." % gone["id"])
        return original(seen)

    server.route = route
    outcome, tables, _state = extract_all(make(server, clock), tmp_path)
    assert outcome.done
    table = tables["clients"]
    assert ids(table) == [str(c["id"]) for c in server.clients]
    row = next(r for r in table.rows() if r.values["id"] == str(gone["id"]))
    assert row.values["name"] == gone["name"] and row.values["billingAddress.city"] == ""
    assert len(table.problems) == 1 and "answered 404" in table.problems[0].message


# ----------------------------------------------------------------------
# Incremental extraction
# ----------------------------------------------------------------------
def test_a_delta_asks_only_for_what_changed(server, clock, tmp_path):
    connector = make(server, clock, page_size=5)
    started = clock.now()
    outcome, first, state = extract_all(connector, tmp_path / "full")
    assert outcome.done
    assert state.watermark("clients") == iso(started - DELTA_OVERLAP)
    staged = {row_hash(r.values) for r in first["opportunities"].rows()}

    clock.advance(3600)
    server.modify(1003, iso(clock.now()), phone="+1 305 555 0000")
    server.modify(1010, iso(clock.now()), name="Lindqvist Family Trust")
    server.opportunities[0]["stage"] = "Lost"
    clock.advance(3600)
    before = len(server.seen())

    state.new_extraction(delta=True)
    outcome, delta, state = extract_all(connector, tmp_path / "delta", state, delta=True)
    assert outcome.done and outcome.objects[0].since == iso(started - DELTA_OVERLAP)
    asked = server.seen()[before:]
    lists = [r for r in asked if r.path.endswith("GetClients")]
    assert [r.arg("fromModifiedDate") for r in lists] == [iso(started - DELTA_OVERLAP)]
    assert sorted(r.arg("id") for r in asked if r.path.endswith("GetClient")) == ["1003", "1010"]
    assert sorted(ids(delta["clients"])) == ["1003", "1010"]
    assert delta["clients"].detected["api"]["complete"] is False
    # no modified filter on opportunities: all listed, the row hashes tell the change
    assert all("fromModifiedDate" not in r.query for r in asked if "Opportunities" in r.path)
    changed = list(changed_rows(delta["opportunities"].rows(), staged))
    assert [r.values["id"] for r in changed] == [str(server.opportunities[0]["id"])]
    assert state.watermark("clients") == iso(clock.now() - DELTA_OVERLAP)


# ----------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------
def test_files_download_in_parallel_streamed_and_without_credentials_elsewhere(
    server, storage, clock, tmp_path
):
    storage.fault("/files/", "slow", times=9, seconds=0.15)
    connector = make(server, clock)
    state = ConnectorState()
    ended = []
    with connector.extraction(state, tmp_path / "spool") as run:
        run.run()
        refs = run.file_refs()
        outcome = run.download(
            refs, into_directory(tmp_path / "files"), workers=3, on_file=ended.append
        )
    expected = {str(f["id"]): f for c in server.clients for f in c["files"]}
    assert [r.id for r in refs] == list(expected)
    assert {r.parent_id for r in refs} == {str(c["id"]) for c in server.clients if c["files"]}
    assert not outcome.failed and not outcome.paused and len(ended) == 9
    for result in outcome.results:
        data = (tmp_path / "files" / result.ref.id).read_bytes()
        assert data == (SAMPLE / "files" / result.ref.id).read_bytes()
        assert (result.size, result.sha1) == (len(data), hashlib.sha1(data).hexdigest())
    assert 2 <= storage.max_in_flight <= 3
    for seen in storage.seen():
        assert "x-api-key" not in seen.headers and "authorization" not in seen.headers

    # a second run of the same extraction downloads nothing again
    before = len(storage.seen())
    with connector.extraction(state, tmp_path / "spool") as run:
        again = run.download(run.file_refs(), into_directory(tmp_path / "files"))
    assert all(r.skipped for r in again.results) and len(storage.seen()) == before


def test_a_file_that_fails_is_reported_and_the_others_download(server, storage, clock, tmp_path):
    storage.fault("/files/9003/", "500", times=99)
    connector = make(server, clock, retries=1)
    state = ConnectorState()
    with connector.extraction(state, tmp_path / "spool") as run:
        run.run()
        outcome = run.download(run.file_refs(), into_directory(tmp_path / "files"))
    assert [r.ref.id for r in outcome.failed] == ["9003"]
    assert "answered 500" in outcome.failed[0].error.message
    assert len([r for r in outcome.results if not r.error]) == 8
    assert list(state.files_failed) == [":clients.files:9003"]


def test_downloads_pause_with_the_daily_budget_and_resume_the_next_day(
    server, storage, clock, tmp_path
):
    connector = make(server, clock)
    state = ConnectorState()
    key = connector.accounts[""].key_id
    with connector.extraction(state, tmp_path / "spool") as run:
        run.run()
        state.budget(key)["calls"] = 10_000 - 4  # four calls left today
        refs = run.file_refs()
        outcome = run.download(refs, into_directory(tmp_path / "files"), workers=2)
    assert outcome.paused and outcome.resume_after == 1795219200
    assert len(outcome.results) == 4 and len(storage.seen()) == 4
    clock.advance(1795219200 - clock.now())
    with connector.extraction(ConnectorState(state.snapshot()), tmp_path / "spool") as run:
        rest = run.download(run.file_refs(), into_directory(tmp_path / "files"), workers=2)
    assert not rest.paused and not rest.failed
    assert sum(r.skipped for r in rest.results) == 4 and len(rest.results) == 9
    paths = [r.path for r in storage.seen()]
    assert len(paths) == len(set(paths)) == 9  # each file fetched once over the two days
    for ref in refs:
        written = (tmp_path / "files" / ref.id).read_bytes()
        assert written == (SAMPLE / "files" / ref.id).read_bytes()
