from odoo import _, api, fields, models

from ..series import orm
from ..services import matcher, profiles
from ..services.values import fits_index, normalize_label


class MigrationMappingMemory(models.Model):
    """Where people sent a column of a profile's kind of file, for the next project.

    Confirming a mapping remembers, per profile and kind, the target of each column
    a person chose or confirmed; the next project's proposal starts from it (the
    matcher's ``remembered``), as Odoo's import remembers its column choices
    (``base_import.mapping``). The last confirmation wins.
    """

    _name = "migration.mapping.memory"
    _description = "Remembered mapping choice"
    _order = "profile, kind, header_key"
    _rec_name = "header"

    profile = fields.Selection(
        selection=lambda self: profiles.profile_selection(), required=True, index=True
    )
    kind = fields.Selection(
        selection=lambda self: self.env["migration.mapping"]._selection_kind(),
        required=True,
        index=True,
    )
    header_key = fields.Char(required=True, help="The column's header, normalized.")
    header = fields.Char("Column", help="The header as it was last seen.")
    target = fields.Char(
        help="Technical name of the field or composed target; empty: not imported."
    )
    project_name = fields.Char("Project")
    user_id = fields.Many2one("res.users", "Chosen by", ondelete="set null")
    chosen = fields.Boolean(help="The person changed the proposal; otherwise confirmed it.")
    date = fields.Datetime(default=fields.Datetime.now)

    orm.sql_constraints(
        locals(),
        [
            (
                "header_unique",
                "unique(profile, kind, header_key)",
                "A column is remembered once per profile and kind.",
            )
        ],
    )

    @api.model
    def _remember(self, mapping):
        """Remember the confirmed ``mapping``'s choices: every column with a target, and
        a column left out when a person chose so (a column the matcher left out, an
        empty one say, is not a choice: the next file may have values)."""
        if not mapping.kind or mapping.kind == matcher.CUSTOM_KIND:
            return  # a new custom object's fields are its own model's
        lines = mapping.line_ids.filtered(lambda ln: ln.target_name or ln.chosen_uid)
        if not lines:
            return
        profile = mapping.project_id.profile
        Memory = self.sudo()
        known = {
            memory.header_key: memory
            for memory in Memory.search([("profile", "=", profile), ("kind", "=", mapping.kind)])
        }
        new_vals = []
        seen = set()
        for line in lines:
            key = normalize_label(line.source_name)
            if not key or key in seen or not fits_index(key):
                # two headers of one file normalized alike: the first counts; a header
                # too long for the index of remembered headers is not remembered
                continue
            seen.add(key)
            vals = {
                "header": line.source_name,
                "target": line.target_name or "",
                "project_name": mapping.project_id.name,
                "user_id": (line.chosen_uid or self.env.user).id,
                "chosen": bool(line.chosen_uid),
                "date": fields.Datetime.now(),
            }
            if key in known:
                known[key].write(vals)
            else:
                new_vals.append(dict(vals, profile=profile, kind=mapping.kind, header_key=key))
        Memory.create(new_vals)

    @api.model
    def _remembered(self, profile, kind):
        """The matcher's ``remembered``: {header key: (target, note)} for the profile and
        kind; an empty target means a person chose not to import the column."""
        if not kind:
            return {}
        return {
            memory.header_key: (memory.target or "", memory._note())
            for memory in self.sudo().search([("profile", "=", profile), ("kind", "=", kind)])
        }

    def _note(self):
        """Why the matcher proposes it: "chosen by Anna in project 'Acme 2025'"."""
        self.ensure_one()
        if self.chosen and self.user_id:
            return _(
                "chosen by %(user)s in project '%(project)s'",
                user=self.user_id.name,
                project=self.project_name,
            )
        return _("confirmed in project '%(project)s'", project=self.project_name)
