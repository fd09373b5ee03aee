"""API connectors: a platform's API read as the tables a file reader gives (no Odoo here).

The API the Odoo side calls
===========================

Build a connector from (platform, base URL, credentials)::

    from migration_bridge.services.connectors import build_connector, ConnectorState

    connector = build_connector("dtools", None, {"api_key": key, "authorization": basic})
    # "dtools":    {"api_key", "authorization"} (the published Basic value, "Basic " optional);
    #              base URL None: https://dtcloudapi.d-tools.cloud/api/v1
    # "pipedrive": {"api_token"}; base URL https://<company>.pipedrive.com/api
    # "hubspot":   {"access_token"} (and optionally "refresh": () -> new token);
    #              base URL None: https://api.hubapi.com
    # "elma365":   {"token"} with the base URL https://<company>.elma365.<zone>, or several
    #              HUB tenants: {"tenants": [{"name", "base_url", "token"}, ...]};
    #              options apps=[(namespace, code), ...], file_fields={object: [field]}
    # options: objects=[...] (a subset, in order), page_size, timeout=(connect, read),
    #          retries, limits=[RateLimit(calls, per_seconds)], daily (None: no budget),
    #          max_wait (a longer Retry-After pauses), clock and rng (tests)

Credentials are wrapped in ``Secret`` at once: they never show in a repr, a log line,
an exception or the state. ``connector.object_names()`` lists the source objects in
the order an extraction reads them.

Run an extraction object by object with the persisted state::

    state = ConnectorState.from_json(project.api_state)   # None or "" the first time
    if starting_a_new_extraction:                         # rather than resuming the last
        state.new_extraction(delta=cutover)               # keeps budgets and watermarks
    with connector.extraction(state, spool_dir, delta=cutover,
                              on_checkpoint=persist) as run:
        for name in connector.object_names():
            outcome = run.extract(name)        # ObjectOutcome: done / paused, records, calls
            if outcome.paused:                 # daily budget spent, or a long Retry-After
                schedule_again_at(outcome.resume_after)   # epoch seconds (UTC); nothing failed
                break
            for table in run.tables(name):     # SourceTable, as readers.read_sources gives
                stage(table)                   # table.rows() -> SourceRow(row, values, problems)

``persist(snapshot)`` receives a JSON-able dict after every page (and every 50 detail
calls, each file downloaded, and when a call fails for good or the extraction pauses):
store it (``json.dumps``) and commit it. It holds the daily budget and the last
minute's calls per key (counted across runs), each object's checkpoint (next page or
cursor, ids already spooled, spool size), the watermarks for the next delta and the
files downloaded. A resumed extraction needs no ``delta`` flag: the state remembers
how it was started.

``spool_dir`` is a directory the caller keeps with the state (in the data dir): the
records wait there, one JSON Lines file per object, until the object is finished and
``run.tables(name)`` reads them. A resumed extraction needs both; it cuts the spool back
to the checkpoint, so that a killed run duplicates nothing and reads no finished page
again. If the spool is lost the object is read again (a problem on its table says so).

``extract`` raises a ``ConnectorError`` (``ConnectorAuthError``, ``ConnectorUnavailable``,
``ConnectorResponseError``) when a call fails for good; ``error.message`` names the
platform, object, method, URL path, status and the platform's title and detail, and
``error.as_problem()`` is a blocking ``Problem`` for the object's issues. Its checkpoint
is saved first: run it again later and it resumes.

What it yields: per object, the JSON reader's tables of the records (D-Tools
``clients``, ``clients.contacts``, ``clients.siteaddresses``, ``clients.files``,
``opportunities``, ``projects``: what the D-Tools profile reads from the export files of
the same shapes), each with ``detected["api"] = {platform, endpoint, records, since,
complete, extracted}``. A delta's tables hold only what changed
(``complete`` False: a missing record was not deleted); where an API has no modified
filter a delta lists everything, and ``changed_rows(rows, staged_hashes)`` keeps the
rows whose ``row_hash`` (the staging's own) changed.

Files::

    refs = run.file_refs()                     # [FileRef(object_name, id, name, url,
                                               #   parent_object, parent_id, ...)]
    outcome = run.download(refs, into_directory(files_dir), workers=4, on_file=attach)

Each file is streamed into ``open_target(ref)`` (a new, empty binary writer per attempt,
called from the download threads: ``into_directory`` writes ``files_dir/<id>``, the
layout of an upload's ``files/<id>``), at most ``workers`` (8 at most) at once;
``on_file(FileResult(ref, size, sha1, error))`` runs in the calling thread as each one
ends (create the attachment there). Files already downloaded by this extraction are
skipped; one that fails is reported in its result and the rest go on.

Modules: ``base`` (connectors, extraction, files), ``transport`` (session, timeouts,
retries, error bodies), ``limits`` (throttle, daily budget), ``paging``, ``spool``,
``state``, ``delta``, ``credentials``, ``errors``, and one module per platform.
"""

from .base import (
    Connector,
    DownloadOutcome,
    Extraction,
    FileRef,
    FileResult,
    Listing,
    ObjectOutcome,
    RunOutcome,
    into_directory,
)
from .credentials import Secret
from .delta import changed_rows, row_hash
from .dtools import DToolsConnector
from .elma365 import Elma365Connector
from .pipedrive import PipedriveConnector
from .hubspot import HubSpotConnector
from .errors import (
    ConnectorAuthError,
    ConnectorError,
    ConnectorResponseError,
    ConnectorUnavailable,
    ExtractionIncomplete,
)
from .limits import RateLimit, SystemClock
from .state import ConnectorState

CONNECTORS = {
    DToolsConnector.platform: DToolsConnector,
    PipedriveConnector.platform: PipedriveConnector,
    HubSpotConnector.platform: HubSpotConnector,
    Elma365Connector.platform: Elma365Connector,
}


def build_connector(platform, base_url=None, credentials=None, **options):
    """The connector of ``platform`` (a key of CONNECTORS) for one source."""
    try:
        cls = CONNECTORS[platform]
    except KeyError:
        raise ConnectorError(
            "no API connector for %r; the platforms with one: %s"
            % (platform, ", ".join(sorted(CONNECTORS)))
        ) from None
    return cls(base_url, credentials, **options)
