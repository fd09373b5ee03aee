"""Incremental extraction: watermarks, and row hashes where an API has no modified filter.

Where a platform's list call filters on a modified date (D-Tools ``fromModifiedDate``,
Pipedrive v2 ``updated_since``, HubSpot's search on the last-modified property), a
delta extraction asks only for records changed since the object's watermark: the time
its last complete extraction started, less ``DELTA_OVERLAP`` for clocks that differ.
Elsewhere it lists everything, and the caller keeps only the rows whose hash differs
from the one it staged: ``row_hash`` is the staging's own hash
(``services.values.row_hash``), so a connector's row and a staged row compare.
A delta's tables are marked ``detected["api"]["complete"] = False``: a record missing
from them was not deleted, only unchanged.
"""

from datetime import datetime, timezone

from ..values import row_hash

DELTA_OVERLAP = 300  # seconds subtracted from a watermark: the two clocks may differ


def iso(epoch):
    """'2026-11-20T09:00:00Z' for epoch seconds (UTC)."""
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def epoch(text):
    """Epoch seconds of an ISO 8601 time ('...Z' or with an offset; naive is UTC)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def changed_rows(rows, known_hashes):
    """The rows (SourceRow or dict of values) whose hash is not in ``known_hashes``.

    ``known_hashes``: the hashes staged before (a set, or a dict source id -> hash).
    """
    known = set(known_hashes.values() if isinstance(known_hashes, dict) else known_hashes)
    for row in rows:
        values = row if isinstance(row, dict) else row.values
        if row_hash(values) not in known:
            yield row


__all__ = ["DELTA_OVERLAP", "changed_rows", "epoch", "iso", "row_hash"]
