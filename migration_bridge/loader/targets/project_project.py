"""Projects (the Project app): a source's projects, and the projects its jobs' tasks land in."""

from ...services import values
from .base import TargetAdapter


class ProjectProjectAdapter(TargetAdapter):
    """A source project is a ``project.project``: name, customer, project manager
    (an owner matched like the others), start and expiration dates, description,
    tags. A project without a manager in the source has none in Odoo (not the
    importer). The projects that tasks of a deal land in are found by name, or
    created and linked to the run, which deletes them on rollback (``named``)."""

    model = "project.project"
    aux_kind = "project"

    def __init__(self, ctx, Model):
        super().__init__(ctx, Model)
        self._by_name = {}

    def create_defaults(self, vals):
        return {"user_id": False}

    def named(self, name):
        """The project called ``name`` (any letter case), created when Odoo has none;
        an empty recordset when the run's user may not create one."""
        name = (name or "").strip()
        key = name.lower()
        if key not in self._by_name:
            Project = self.Model.sudo().with_context(active_test=False)
            project = Project.search([("name", "=ilike", name)], order="id", limit=1)
            if project:
                project = project.with_env(self.env)
            elif values.fits_index("%s:%s" % (self.aux_kind, name)):
                project = self.ctx.create_named(self.model, {"name": name, "user_id": False})
                if project:
                    self.ctx.link_created(project, self.aux_kind, name)
            else:
                project = self.Model
            self._by_name[key] = project
        return self._by_name[key]

    # ------------------------------------------------------------------
    # A companion of a row's record (loader/companions.py)
    # ------------------------------------------------------------------
    def companion_values(self, load, staging, deal, given, users, within):
        """The Odoo project of a source project whose row is a deal (an ELMA365
        project): its deal's name, customer, description and owner (the project
        manager: the first of ``users`` when its columns name some), its start date the
        column the companion names (``date_start``), its end date the deal's expected
        closing."""
        start = False
        if given.get("date_start"):
            try:
                start = values.parse_date(given["date_start"])
            except ValueError:
                start = False
        end = deal.date_deadline or False
        if not (start and end) or end < start:
            # Odoo keeps both dates or neither, the end not before the start
            start = end = False
        return {
            "name": deal.name,
            "partner_id": deal.partner_id.id,
            "user_id": (users[0] if users else deal.user_id.id) or False,
            "date_start": start,
            "date": end,
            "description": deal.description or False,
        }
