"""The Pipedrive connector against its local stand-in (real HTTP on 127.0.0.1)."""

import logging
import random

import pytest
from connectors.checks import assert_no_credential, texts_of_records
from connectors.pipedrive_server import TOKEN, V2, PipedriveStandIn
from connectors.standin import FakeClock, iso

from migration_bridge.services.connectors import (
    ConnectorAuthError,
    ConnectorError,
    ConnectorState,
    ConnectorUnavailable,
    build_connector,
    into_directory,
)
from migration_bridge.services.connectors.delta import DELTA_OVERLAP

OBJECTS = ["users", "persons", "organizations", "deals", "activities", "notes", "files"]


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def server(clock):
    with PipedriveStandIn(clock) as standin:
        yield standin


def make(server, clock, token=TOKEN, **options):
    options.setdefault("timeout", (2.0, 2.0))
    return build_connector(
        "pipedrive",
        server.url + "/api",
        {"api_token": token},
        clock=clock,
        rng=random.Random(3),
        **options,
    )


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


def ids(table):
    return [row.values["id"] for row in table.rows()]


def expected_ids(server, name):
    return [str(item["id"]) for item in server.objects(name)]


def test_extraction_gives_every_object_the_standin_holds(server, clock, tmp_path):
    connector = make(server, clock, page_size=7)
    assert connector.object_names() == OBJECTS
    outcome, tables, _state = run_all(connector, tmp_path)
    assert outcome.done
    for name in OBJECTS:
        assert ids(tables[name]) == expected_ids(server, name), name
    # lists of objects as child tables, as the JSON reader makes them
    phones = [(str(p["id"]), phone["value"]) for p in server.persons for phone in p["phones"]]
    assert [
        (r.values["_parent_id"], r.values["value"]) for r in tables["persons.phones"].rows()
    ] == phones
    row = next(tables["organizations"].rows())
    assert row.values["address.country"] == "Germany"
    assert row.values["custom_fields.industry"] == "Retail"
    deal = list(tables["deals"].rows())[2]
    assert deal.values["value"] == "12.5" and deal.values["probability"] == ""
    # the v2 lists by cursor, the v1 lists by offset, each within the cap
    persons = server.seen("/v2/persons")
    assert [r.arg("cursor") is None for r in persons] == [True, False, False, False, False]
    assert {r.arg("limit") for r in persons} == {"7"}
    notes = server.seen("/v1/notes")
    assert [r.arg("start") for r in notes] == ["0", "7"]


def test_cursors_are_passed_back_as_given_and_the_limit_is_capped(server, clock, tmp_path):
    outcome, tables, _state = run_all(make(server, clock, page_size=10_000), tmp_path)
    assert outcome.done
    limits = {r.arg("limit") for r in server.seen() if r.path.endswith(V2 + ("notes", "files"))}
    assert limits == {"500"}
    server.requests.clear()
    run_all(make(server, clock, page_size=8), tmp_path / "small")
    deals = server.seen("/v2/deals")
    given = [None] + [
        # the cursor each answer gave is the one the next call sends
        r.arg("cursor")
        for r in deals[1:]
    ]
    assert [r.arg("cursor") for r in deals] == given and len(deals) == 4
    assert len(set(given[1:])) == 3


def test_the_token_travels_in_its_header_only(server, clock, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    run_all(make(server, clock), tmp_path)
    for seen in server.seen():
        assert seen.headers["x-api-token"] == TOKEN
        assert "api_token" not in seen.query
    wrong = "pd-wrong-token-0000000000000000"
    with pytest.raises(ConnectorAuthError) as caught:
        run_all(make(server, clock, token=wrong), tmp_path / "wrong")
    error = caught.value
    assert (error.object_name, error.path, error.status) == ("users", "/api/v1/users", 401)
    assert (error.title, error.detail) == ("unauthorized access", "Please check your API token.")
    texts = [str(error), repr(error), repr(make(server, clock, token=wrong))]
    assert_no_credential([TOKEN, wrong], texts + texts_of_records(caplog.records))


def test_the_burst_limit_holds_and_no_call_goes_over(server, clock, tmp_path):
    outcome, _tables, _state = run_all(make(server, clock, page_size=2), tmp_path)
    assert outcome.done
    assert len(server.seen()) > 40 and server.over_limit == 0
    times = [r.time for r in server.seen()]
    assert max(sum(1 for t in times if start <= t < start + 2.0) for start in times) == 20


def test_the_rate_headers_alone_keep_the_calls_within_the_window(server, clock, tmp_path):
    """No client-side limit: the server's x-ratelimit-remaining 0 makes the next call
    wait for x-ratelimit-reset."""
    connector = make(server, clock, page_size=2, limits=())
    outcome, _tables, _state = run_all(connector, tmp_path)
    assert outcome.done and server.over_limit == 0 and len(server.seen()) > 40
    # and without either, the stand-in would refuse calls: the check can fail
    bare = make(server, clock, page_size=2, limits=())
    bare.rate_headers = None
    run_all(bare, tmp_path / "bare")
    assert server.over_limit > 0


def test_a_429_with_retry_after_is_waited_out(server, clock, tmp_path):
    server.fault("/v2/deals", "429", retry_after=7, skip=1)
    outcome, tables, _state = run_all(make(server, clock, page_size=10), tmp_path)
    assert outcome.done and ids(tables["deals"]) == expected_ids(server, "deals")
    deals = server.seen("/v2/deals")
    assert len(deals) == 4 and deals[2].time >= deals[1].time + 7
    assert deals[2].arg("cursor") == deals[1].arg("cursor")


def test_success_false_in_an_answer_is_an_error(server, clock, tmp_path):
    original = server.route

    def route(seen):
        if seen.path.endswith("/v1/notes"):
            return 200, {}, {"success": False, "error": "Unknown field", "error_info": "sort"}
        return original(seen)

    server.route = route
    with pytest.raises(ConnectorError) as caught:
        run_all(make(server, clock), tmp_path)
    assert str(caught.value) == (
        "Pipedrive, notes: GET /api/v1/notes: answered success: false (Unknown field: sort)"
    )


def test_a_delta_asks_the_v2_lists_for_what_changed(server, clock, tmp_path):
    connector = make(server, clock, page_size=10)
    started = clock.now()
    outcome, _tables, state = run_all(connector, tmp_path / "full")
    assert outcome.done
    clock.advance(7200)
    server.persons[4]["name"] = "Person Four"
    server.persons[4]["update_time"] = iso(clock.now())
    server.deals[0]["update_time"] = iso(clock.now())
    before = len(server.seen())
    state.new_extraction(delta=True)
    outcome, delta, state = run_all(connector, tmp_path / "delta", state)  # the state says delta
    assert outcome.done
    since = iso(started - DELTA_OVERLAP)
    for name in V2:
        asked = [r for r in server.seen()[before:] if r.path.endswith("/v2/" + name)]
        assert [r.arg("updated_since") for r in asked] == [since], name
    assert ids(delta["persons"]) == ["1004"] and ids(delta["deals"]) == ["5000"]
    assert ids(delta["organizations"]) == [] and ids(delta["activities"]) == []
    assert delta["persons"].detected["api"]["complete"] is False
    # notes and files have no modified filter: all of them, compared by row hash
    assert ids(delta["notes"]) == expected_ids(server, "notes")
    assert delta["notes"].detected["api"]["complete"] is True


def test_resume_after_the_server_died_sends_the_saved_cursor(server, clock, tmp_path):
    server.fault("/v2/deals", "die", skip=2)
    connector = make(server, clock, page_size=8, retries=1)
    saved = []
    with connector.extraction(ConnectorState(), tmp_path, on_checkpoint=saved.append) as run:
        with pytest.raises(ConnectorUnavailable):
            run.run()
    died = server.seen("/v2/deals")[-1]
    count = len(server.seen())
    server.start(server.port)
    outcome, tables, _state = run_all(connector, tmp_path, ConnectorState(saved[-1]))
    assert outcome.done and ids(tables["deals"]) == expected_ids(server, "deals")
    again = [r for r in server.seen()[count:] if r.path.endswith("/v2/deals")]
    assert again[0].arg("cursor") == died.arg("cursor") and len(again) == 2
    # the objects finished before were not asked again
    assert not [r for r in server.seen()[count:] if r.path.endswith(("/v2/persons", "/v1/users"))]


def test_files_are_downloaded_with_the_token_at_most_n_at_once(server, clock, tmp_path):
    server.fault("/download", "slow", times=5, seconds=0.15)
    connector = make(server, clock)
    with connector.extraction(ConnectorState(), tmp_path / "spool") as run:
        run.run()
        refs = run.file_refs()
        outcome = run.download(refs, into_directory(tmp_path / "files"), workers=2)
    assert [(r.id, r.parent_object, r.parent_id) for r in refs] == [
        ("9000", "deals", "5000"),
        ("9001", "deals", "5001"),
        ("9002", "deals", "5002"),
        ("9003", "persons", "1003"),
        ("9004", "deals", "5004"),
    ]
    assert not outcome.failed
    for result in outcome.results:
        assert (tmp_path / "files" / result.ref.id).read_bytes() == server.blobs[
            int(result.ref.id)
        ]
    assert server.max_in_flight == 2
    assert all(r.headers["x-api-token"] == TOKEN for r in server.seen("/download"))
