"""Which platform a project's files come from (``services.platforms``), shown on the
project, and the profile that reads them best offered when it is not the project's."""

from odoo import _, fields, models

from ..services import platforms, profiles


class MigrationProject(models.Model):
    _inherit = "migration.project"

    detected_source = fields.Char(
        "Source",
        readonly=True,
        help="The platform the files look like, from their names and headers.",
    )
    detected_reason = fields.Char("Why", readonly=True)
    detected_profile = fields.Selection(
        selection=lambda self: profiles.profile_selection(),
        readonly=True,
        help="The profile that reads these files best.",
    )

    def _detect_source(self):
        for project in self:
            files = {o.object_name: list(o.headers or []) for o in project.object_ids}
            found = platforms.detect(profiles.PROFILES, files, project.profile)
            project.write(
                {
                    "detected_source": found.platform or _("any CRM"),
                    "detected_reason": found.reason,
                    "detected_profile": found.profile,
                }
            )

    def _discover_attachments(self, attachments, again=None):
        objects = super()._discover_attachments(attachments, again=again)
        if objects:
            self._detect_source()
        return objects

    def action_use_detected_profile(self):
        """Read the files with the profile that fits them: the mappings not confirmed yet
        are proposed again by it."""
        for project in self:
            if not project.detected_profile or project.detected_profile == project.profile:
                continue
            project.profile = project.detected_profile
            open_objects = project.object_ids.filtered(
                lambda o: not o.mapping_id or o.mapping_id.state != "confirmed"
            )
            open_objects._propose_mapping()
            project._propose_structure()
            project._detect_source()
        return True
