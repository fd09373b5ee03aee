"""The source's users: never created; they tell which Odoo user an owner id is."""

from .base import TargetAdapter


class ResUsersAdapter(TargetAdapter):
    """A migration does not create users (nor their access rights). A users file of
    the export is a directory: owners given by id are matched to Odoo users through
    the email it gives (the project's Owners tab). Its rows are counted skipped."""

    model = "res.users"
    writes = False
    reason = "users are not created: owners are matched to Odoo users (see the Owners tab)"
