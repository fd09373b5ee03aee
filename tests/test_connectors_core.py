"""The connector layer's parts on their own: throttle and budget, paging, Retry-After,
backoff, masking, row hashes; and no credential in any log record, error or repr."""

import json
import logging
import random

import pytest
from connectors.checks import assert_no_credential, texts_of_records
from connectors.dtools_server import BASIC, KEY, DToolsStandIn, StorageStandIn
from connectors.standin import START, FakeClock

from migration_bridge.services.connectors import (
    ConnectorError,
    ConnectorState,
    RateLimit,
    Secret,
    build_connector,
    changed_rows,
    into_directory,
    row_hash,
)
from migration_bridge.services.connectors.credentials import Masker, clean_url
from migration_bridge.services.connectors.errors import Paused
from migration_bridge.services.connectors.limits import Throttle, next_utc_midnight
from migration_bridge.services.connectors.paging import Cursor, NextLink, Offset, PageNumbers
from migration_bridge.services.connectors.spool import RawNumber, dumps, loads
from migration_bridge.services.connectors.transport import retry_after
from migration_bridge.services.values import row_hash as staging_hash


# ----------------------------------------------------------------------
# Throttle and daily budget, on a fake clock
# ----------------------------------------------------------------------
def test_rate_limit_spaces_calls_without_real_waiting():
    clock = FakeClock()
    throttle = Throttle({}, clock, [RateLimit(3, 10.0)])
    times = []
    for _ in range(7):
        throttle.acquire()
        times.append(clock.now() - START)
    assert times == [0, 0, 0, 10, 10, 10, 20]
    assert clock.sleeps == [10, 10]


def test_rate_limits_of_a_bucket_apply_to_its_calls_only():
    clock = FakeClock()
    throttle = Throttle({}, clock, [RateLimit(10, 10.0), RateLimit(2, 1.0, "search")])
    for _ in range(4):
        throttle.acquire("search")
    for _ in range(4):
        throttle.acquire()
    assert clock.now() - START == 1.0  # only the third search waited


def test_daily_budget_pauses_until_the_next_utc_day_and_counts_across_throttles():
    clock = FakeClock()
    state = {}
    first = Throttle(state, clock, daily=5)
    for _ in range(3):
        first.acquire()
    second = Throttle(json.loads(json.dumps(state)), clock, daily=5)  # persisted, reloaded
    second.acquire()
    second.acquire()
    with pytest.raises(Paused) as caught:
        second.acquire()
    assert caught.value.resume_after == next_utc_midnight(START) == START + 15 * 3600
    assert second.remaining_today() == 0
    clock.advance(15 * 3600)
    second.acquire()  # a new day, a new count
    assert second.state["calls"] == 1 and second.remaining_today() == 4


def test_a_wait_a_server_asked_for_holds_and_a_long_one_pauses():
    clock = FakeClock()
    throttle = Throttle({}, clock, max_wait=600)
    throttle.hold(30)
    throttle.acquire()
    assert clock.now() - START == 30
    throttle.hold(3600)
    with pytest.raises(Paused) as caught:
        throttle.acquire()
    assert caught.value.resume_after == START + 30 + 3600
    assert "wait 3600 s" in caught.value.reason
    assert clock.now() - START == 30  # nothing slept, nothing called


def test_retry_after_in_seconds_or_as_an_http_date():
    assert retry_after("30", START) == 30
    assert retry_after("Fri, 20 Nov 2026 09:01:00 GMT", START) == 60
    assert retry_after("yesterday", START) == 0
    assert retry_after(None, START) == 0


# ----------------------------------------------------------------------
# Paging
# ----------------------------------------------------------------------
def test_page_numbers_stop_at_the_total_or_a_short_page_and_cap_the_size():
    pager = PageNumbers(2000, 500, total="total")
    assert pager.size == 500
    assert pager.request(pager.first()).params == {"page": 1, "pageSize": 500}
    full = [{}] * 500
    assert pager.next({"page": 1}, {"total": RawNumber("1200")}, full) == {"page": 2}
    assert pager.next({"page": 3}, {"total": 1200}, full[:200]) is None
    assert pager.next({"page": 2}, {"total": 1000}, full) is None
    assert pager.next({"page": 2}, {}, []) is None


def test_offset_paging_in_the_query_or_the_body():
    pipedrive = Offset(100, 500, more=lambda b: (b["more"], b.get("next")))
    assert pipedrive.request({"offset": 0}).params == {"start": 0, "limit": 100}
    assert pipedrive.next({"offset": 0}, {"more": True, "next": 100}, [{}] * 100) == {
        "offset": 100
    }
    assert pipedrive.next({"offset": 100}, {"more": False}, [{}] * 100) is None
    elma = Offset(500, 100, offset="from", limit="size", in_body=True, total="result.total")
    request = elma.request({"offset": 200})
    assert (request.params, request.body) == ({}, {"from": 200, "size": 100})
    assert elma.next({"offset": 200}, {"result": {"total": 300}}, [{}] * 100) is None
    assert elma.next({"offset": 100}, {"result": {"total": 300}}, [{}] * 100) == {"offset": 200}


def test_cursor_and_next_link_paging():
    cursor = Cursor(1000, 500, next_cursor="additional_data.next_cursor")
    assert cursor.request(cursor.first()).params == {"limit": 500}
    assert cursor.request({"cursor": "abc"}).params == {"limit": 500, "cursor": "abc"}
    assert cursor.next({}, {"additional_data": {"next_cursor": "xyz"}}, [{}]) == {"cursor": "xyz"}
    assert cursor.next({"cursor": "xyz"}, {"additional_data": {"next_cursor": "xyz"}}, []) is None
    assert cursor.next({}, {"additional_data": {"next_cursor": None}}, [{}]) is None
    link = NextLink(100, 100, next_link="paging.next.link")
    assert link.next({}, {"paging": {"next": {"link": "https://x/p?after=2"}}}, [{}]) == {
        "url": "https://x/p?after=2"
    }
    assert link.request({"url": "https://x/p?after=2"}).url == "https://x/p?after=2"


# ----------------------------------------------------------------------
# Values: numbers as written, row hashes
# ----------------------------------------------------------------------
def test_numbers_are_spooled_as_the_api_wrote_them():
    data = loads(b'{"price": 12.50, "qty": 3, "big": 1e5, "id": 7, "a": {"b": [1.0, null]}}')
    assert dumps(data) == '{"price":12.50,"qty":3,"big":1e5,"id":7,"a":{"b":[1.0,null]}}'
    assert dumps({"name": "Müller \ud800"}) == '{"name":"M\\u00fcller \\ud800"}'
    assert loads(b'{"k": 1, "k": 2}') == {"k": "1", "k (2)": "2"}


def test_row_hash_is_the_stagings_and_stable():
    row = {"id": "1", "name": "Acme", "city": "Paris"}
    assert row_hash(row) == staging_hash(row)
    assert row_hash(dict(reversed(row.items()))) == row_hash(row)
    assert row_hash(dict(row, city="Lyon")) != row_hash(row)
    staged = {"1": row_hash(row)}
    rows = [row, dict(row, id="2"), dict(row, city="Lyon")]
    assert list(changed_rows(rows, staged)) == rows[1:]


# ----------------------------------------------------------------------
# Credentials
# ----------------------------------------------------------------------
def test_a_secret_never_shows():
    token = Secret("tok-1234567890")
    shown = "%s %r %s" % (token, token, f"{token}")
    assert shown == "*** Secret(***) ***"
    assert token.reveal() == "tok-1234567890"
    with pytest.raises(TypeError):
        __import__("pickle").dumps(token)
    masker = Masker([token, Secret("Basic YWJjZGVmZ2g=")])
    assert masker("key tok-1234567890, tok-1234567890") == "key ***, ***"
    assert masker("auth YWJjZGVmZ2g=") == "auth ***"
    assert clean_url("https://user:pw@h.example/p?api_token=abc&page=2") == (
        "https://h.example/p?api_token=***&page=2"
    )


def test_no_credential_in_logs_errors_reprs_or_state(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)  # urllib3's lines too
    clock = FakeClock()
    texts = []
    with StorageStandIn(clock) as storage, DToolsStandIn(clock, files=storage) as server:
        server.fault("GetClients", "429", retry_after=5)
        server.fault("GetClient", "500", skip=2)
        server.fault("GetOpportunities", "die")
        credentials = {"api_key": KEY, "authorization": BASIC}
        connector = build_connector(
            "dtools", server.url + "/api/v1", credentials, clock=clock, rng=random.Random(1)
        )
        state = ConnectorState()
        snapshots = []
        with connector.extraction(
            state, tmp_path / "spool", on_checkpoint=snapshots.append
        ) as run:
            run.extract("clients")
            with pytest.raises(ConnectorError) as unavailable:
                run.extract("opportunities")
            downloaded = run.download(run.file_refs(), into_directory(tmp_path / "files"))
            texts += [repr(run), repr(run.transport()), repr(run.transport().throttle)]
            texts += [repr(t) for t in run.tables("clients")]
            texts += [repr(t.detected) for t in run.tables("clients")]
            texts += [repr(ref) for ref in run.file_refs()]
            texts += [repr(r) for r in downloaded.results]
        server.start(server.port)  # back after dying
        wrong = build_connector(
            "dtools", server.url + "/api/v1", {"api_key": "x" + KEY, "authorization": BASIC}
        )
        with wrong.extraction(ConnectorState(), tmp_path / "w") as run:
            with pytest.raises(ConnectorError) as refused:
                run.extract("clients")
    for error in (unavailable.value, refused.value):
        texts += [str(error), repr(error), error.as_problem().message, repr(error.__dict__)]
    texts += [repr(connector), repr(connector.accounts), repr(wrong), repr(state)]
    texts += [state.to_json(), json.dumps(snapshots)]
    texts += [repr(connector.listing(name)) for name in connector.object_names()]
    texts += [p.read_text() for p in (tmp_path / "spool").iterdir()]
    texts += texts_of_records(caplog.records)
    assert any("429" in text for text in texts_of_records(caplog.records))
    assert_no_credential([KEY, BASIC, "x" + KEY], texts)
