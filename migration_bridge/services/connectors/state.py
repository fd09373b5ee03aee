"""The state of a source's extractions, which the caller persists between runs.

A plain JSON-able dict, wrapped by ``ConnectorState``:

    {
      "version": 1,
      "budgets": {<key id>: {"day", "calls", "recent", "not_before"}},   # limits.Throttle
      "watermarks": {<object>: "2026-11-20T08:55:00Z"},   # where the next delta starts
      "extraction": {"delta": false, "started": <epoch>},
      "objects": {<object>: {                  # this extraction's checkpoint per object
          "started": <epoch>, "since": <ISO or null>, "position": {...} or null,
          "ids": [...], "records": n, "pages": n, "spool_bytes": n,
          "problems": [...], "done": false}},
      "files": {"done": {<file key>: {"size", "sha1"}}, "failed": {<file key>: message}}
    }

A key id is a hash prefix of an account's credentials (``credentials.fingerprint``):
the budget is counted per key, across runs, and a new key starts a new count. No
credential is ever stored here.

``new_extraction()`` forgets the checkpoints and the downloaded files and keeps the
budgets and watermarks: call it to start an extraction (a full one, or a delta) rather
than resume the last one.
"""

import copy
import json

VERSION = 1


class ConnectorState:
    def __init__(self, data=None):
        data = copy.deepcopy(data) if data else {}
        data.setdefault("version", VERSION)
        for key in ("budgets", "watermarks", "extraction", "objects"):
            data.setdefault(key, {})
        data.setdefault("files", {})
        data["files"].setdefault("done", {})
        data["files"].setdefault("failed", {})
        self.data = data

    @classmethod
    def from_json(cls, text):
        return cls(json.loads(text) if text else None)

    def to_json(self):
        return json.dumps(self.data, sort_keys=True)

    def snapshot(self):
        """A deep copy of the state, for the caller to persist."""
        return copy.deepcopy(self.data)

    def __repr__(self):
        objects = self.data["objects"]
        done = sorted(name for name, cp in objects.items() if cp.get("done"))
        going = sorted(name for name, cp in objects.items() if not cp.get("done"))
        return "<ConnectorState done=%s in progress=%s files=%s>" % (
            done,
            going,
            len(self.data["files"]["done"]),
        )

    def budget(self, key_id):
        return self.data["budgets"].setdefault(key_id, {})

    def checkpoint(self, object_name):
        return self.data["objects"].setdefault(object_name, {})

    def watermark(self, object_name):
        return self.data["watermarks"].get(object_name)

    def new_extraction(self, delta=False, started=None):
        """Start a new extraction: checkpoints and files forgotten, budgets and
        watermarks kept."""
        self.data["objects"] = {}
        self.data["files"] = {"done": {}, "failed": {}}
        self.data["extraction"] = {"delta": bool(delta), "started": started}

    def is_done(self, object_name):
        return bool(self.data["objects"].get(object_name, {}).get("done"))

    @property
    def files_done(self):
        return self.data["files"]["done"]

    @property
    def files_failed(self):
        return self.data["files"]["failed"]
