"""The report of a Test run, shown in a dialog that is never saved: opening it writes
no row, so that a Test leaves the database exactly as it was."""

from markupsafe import Markup

from odoo import _, api, fields, models


def report_html(report):
    """The Test's report as a person reads it: per file, then each cause of failure."""
    rows = []
    for name, counts in sorted(report["objects"].items()):
        rows.append(
            Markup(
                "<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
            )
            % (
                name,
                counts["target_model"],
                counts["source"],
                counts["created"],
                counts["updated"],
                counts["unchanged"],
                counts["skipped"],
                counts["failed"],
            )
        )
    html = Markup(
        "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th><th class='text-end'>%s"
        "</th><th class='text-end'>%s</th><th class='text-end'>%s</th><th class='text-end'>%s"
        "</th><th class='text-end'>%s</th><th class='text-end'>%s</th></tr></thead><tbody>%s"
        "</tbody></table>"
    ) % (
        _("File"),
        _("Lands in"),
        _("Rows"),
        _("Would be created"),
        _("updated"),
        _("unchanged"),
        _("skipped"),
        _("failed"),
        Markup("").join(rows),
    )
    if report["failures"]:
        causes = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td><td>%s</td></tr>")
            % (
                failure["file"],
                failure["column"] or "",
                "%s (%s%%)" % (failure["rows"], round((failure["share"] or 0) * 100)),
                failure["message"],
            )
            for failure in report["failures"]
        )
        html += Markup(
            "<h5>%s</h5><table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
            "<th class='text-end'>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
        ) % (
            _("What would fail"),
            _("File"),
            _("Column"),
            _("Rows"),
            _("Why (one of them)"),
            causes,
        )
    else:
        html += Markup("<p>%s</p>") % _("No row would fail.")
    return html


class MigrationTestReport(models.TransientModel):
    _name = "migration.test.report"
    _description = "Test run report"

    project_id = fields.Many2one("migration.project", readonly=True)
    would_fail = fields.Integer(readonly=True)
    report_html = fields.Html(readonly=True, sanitize=False)

    @api.model
    def _html(self, report):
        return report_html(report)
