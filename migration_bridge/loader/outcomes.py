"""What the rows of one object became, kept in one place.

Every part of a load that decides a row's fate (the run's checks, the writer, the fold
and link strategies) says it here, and none of them calls back into the run: the run
writes the staged rows' outcomes in one query per chunk (``take_rows``), reports why
each failed row failed (``take_failures``) and adds the counts to its line
(``take_counts``), so that a chunk committed alone is counted exactly once.
"""

COUNTERS = ("created", "updated", "unchanged", "skipped", "failed")


class Outcomes:
    def __init__(self):
        self.counts = dict.fromkeys(COUNTERS, 0)
        self.rows = {}  # staging id -> (state, message, model, record id)
        self.failures = []  # (staging, RowError): each an issue of the run

    def loaded(self, staging, outcome, record):
        """The row is in Odoo: ``outcome`` is created, updated or unchanged."""
        self.counts[outcome] += 1
        self.rows[staging.id] = ("loaded", outcome, record._name, record.id)

    def failed(self, staging, error):
        """The row does not load: ``error`` (a RowError) says where and why."""
        self.counts["failed"] += 1
        self.rows[staging.id] = ("failed", error.message, None, None)
        self.failures.append((staging, error))

    def skipped(self, staging, reason, state="skipped"):
        """Not loaded on purpose; ``state`` keeps what the row was (excluded, a problem
        in the file) when that is why."""
        self.counts["skipped"] += 1
        self.rows[staging.id] = (state, reason, None, None)

    def updated_after(self, staging, record):
        """A row counted unchanged whose record a later pass (references to the object's
        own rows) changed: it counts updated instead."""
        self.counts["unchanged"] -= 1
        self.counts["updated"] += 1
        self.rows[staging.id] = ("loaded", "updated", record._name, record.id)

    def take_rows(self):
        rows, self.rows = self.rows, {}
        return rows

    def take_failures(self):
        failures, self.failures = self.failures, []
        return failures

    def take_counts(self):
        counts, self.counts = self.counts, dict.fromkeys(COUNTERS, 0)
        return counts
