"""A user's groups: ``groups_id`` until 18.0, ``group_ids`` from 19.0."""

from . import MAJOR

#: the field of ``res.users`` holding a user's groups
GROUPS = "group_ids" if MAJOR >= 19 else "groups_id"
