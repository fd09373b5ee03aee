from odoo import models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "migration.source.mixin", "migration.custom.fields.mixin"]

    def _handle_won_lost(self, *args, **kwargs):
        """A run creating deals rebuilds lead scoring from every won and lost deal once
        it has loaded them (``CrmLeadAdapter.finish_run``), as Odoo's daily scoring
        cron does: the frequency table is not updated one new deal at a time."""
        if self.env.context.get("migration_scoring_rebuilt"):
            return None
        return super()._handle_won_lost(*args, **kwargs)
