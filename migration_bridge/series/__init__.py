"""What differs between the Odoo series this addon runs on, one named place per concern.

The services never import this package (they know no Odoo); the loader and the models
ask it instead of testing a version. A new series is a row in ``SERIES_TABLE`` below
and, where it changed a concern, a branch in that concern's module:

- ``orm``: whether Odoo gathers a flush's updates itself (``_write_multi``), the flush's
  signature;
- ``views``: the list view's name (``tree`` on 17, ``list`` from 18) for views and
  actions written in the primary series' syntax;
- ``security``: where a group is placed (module category on 17 and 18, privilege from
  19) and its users field; access rights as ``ir.model.access`` lines, ``ir.access``
  records from 20 (the addon's CSV, and ``grant`` for a model created at run time);
- ``fields``: target fields a series removed or renamed (a partner's ``mobile`` and
  ``title``, a stage's teams, a message's stored record name);
- ``cron``: how a cron reports its progress;
- ``config``: ``ir.config_parameter`` access (typed getters and setters from 20);
- ``attachments``: an attachment's contents (``raw``; a ``BinaryValue`` from 20);
- ``users``: a user's groups field (``groups_id`` until 18, ``group_ids`` from 19).
"""

from odoo import release

#: the running series as a comparable tuple, e.g. (19, 0)
VERSION = tuple(
    int(part) for part in release.series.split("~")[-1].replace("saas-", "").split(".")[:2]
)
MAJOR = VERSION[0]

from . import (  # noqa: E402, F401  (each concern reads VERSION above)
    attachments,
    config,
    cron,
    fields,
    messages,
    orm,
    partners,
    scoring,
    security,
    users,
    views,
)
