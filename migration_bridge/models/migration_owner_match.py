from odoo import api, fields, models

from ..series import orm
from ..services.values import fits_index

MATCH_METHODS = [
    ("email", "Email"),
    ("login", "Login"),
    ("name", "Name"),
    ("directory", "The source's user file (its email)"),
    ("manual", "Chosen by a person"),
    ("none", "No match"),
]


class MigrationOwnerMatch(models.Model):
    """One owner value of the source and the Odoo user it stands for.

    Proposed from the users (archived ones included) by email, login or name; a
    person can choose another user. The loader reads this table first.
    """

    _name = "migration.owner.match"
    _description = "Owner match"
    _order = "project_id, user_id desc, source_value"
    _rec_name = "source_value"

    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    source_value = fields.Char("Owner in the source", required=True)
    count = fields.Integer("Rows")
    user_id = fields.Many2one(
        "res.users", "Odoo user", context={"active_test": False}, domain=[("share", "=", False)]
    )
    method = fields.Selection(MATCH_METHODS, default="none", required=True)
    user_active = fields.Boolean(related="user_id.active", string="User active")

    orm.sql_constraints(
        locals(),
        [
            (
                "source_value_unique",
                "UNIQUE(project_id, source_value)",
                "An owner value appears once per project.",
            )
        ],
    )

    def write(self, vals):
        if "user_id" in vals and "method" not in vals:
            vals = dict(vals, method="manual" if vals["user_id"] else "none")
        return super().write(vals)

    @api.model
    def _match(self, value):
        """(user, method) for a source owner value, archived users included."""
        token = value.strip().lower()
        Users = self.env["res.users"].with_context(active_test=False)
        domain = [("share", "=", False)]
        for method, field in (("email", "email"), ("login", "login"), ("name", "name")):
            user = Users.search(
                domain + [(field, "=ilike", token)], order="active desc, id", limit=1
            )
            if user:
                return user, method
        return Users, "none"

    @api.model
    def _directory(self, project):
        """The source's users (a users file): source id -> its email, login and name.

        An export that gives owners by id (Salesforce's OwnerId) is matched through
        the users file of the same export, by the email it gives.
        """
        directory = {}
        for mapping in project.mapping_ids.filtered(lambda m: m.model_name == "res.users"):
            lines = {ln.target_name: ln.source_name for ln in mapping.line_ids if ln.target_name}
            key = lines.get("x_source_id")
            if not key:
                continue
            wanted = [lines[t] for t in ("email", "login", "name") if t in lines]
            for row in mapping.object_id.staging_ids:
                payload = row.payload or {}
                source_id = str(payload.get(key) or "").strip().lower()
                known = [str(payload.get(c) or "").strip() for c in wanted]
                if source_id:
                    directory[source_id] = [k for k in known if k]
        return directory

    @api.model
    def _refresh(self, project):
        """Owner values of the confirmed owner columns, proposed where new."""
        known = {m.source_value: m for m in project.owner_match_ids}
        counts = {}
        for line in project.mapping_line_ids.filtered(
            lambda ln: ln.target_field_id.relation == "res.users"
        ):
            for value, count in line._distinct_values():
                counts[value] = counts.get(value, 0) + count
        directory = self._directory(project)
        new = []
        for value, count in counts.items():
            if not fits_index(value):
                # no user is named so, and the index of owner values could not hold it:
                # each of its rows says so when it loads (an owner that matches no user)
                continue
            user, method = self._match(value)
            if not user and value.strip().lower() in directory:
                for known_as in directory[value.strip().lower()]:
                    user, _method = self._match(known_as)
                    if user:
                        method = "directory"
                        break
            match = known.get(value)
            if match:
                vals = {"count": count}
                if match.method != "manual":  # a person's choice stays; proposals follow the users
                    vals.update(user_id=user.id, method=method)
                match.write(vals)
                continue
            new.append(
                {
                    "project_id": project.id,
                    "source_value": value,
                    "count": count,
                    "user_id": user.id,
                    "method": method,
                }
            )
        return self.create(new)
