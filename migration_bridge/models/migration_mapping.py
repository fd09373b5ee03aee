from lxml import etree
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.models import MAGIC_COLUMNS

from ..series import orm, security
from ..services import custom_models, matcher, profiles, structure, transform
from .migration_mapping_line import CUSTOM_TYPES
from .migration_project import MANAGER_GROUP, check_manager

MAPPING_STATES = [
    ("proposed", "Proposed"),
    ("confirmed", "Confirmed"),
    # the file could not be placed when the project was confirmed: it waits, with a
    # blocking issue saying what it needs, while the other files confirm and load
    ("set_aside", "Set aside"),
]

# Fields a column can never be mapped to: the ORM or this addon owns them.
UNMAPPABLE = {"id", "create_uid", "write_uid", "write_date", "display_name", "__last_update"}
# Who may do what on the records of a new custom model: every user reads them, the
# Migration groups load them, a manager's rollback removes them.
CUSTOM_MODEL_ACCESS = (
    ("base.group_user", (1, 0, 0, 0)),
    ("migration_bridge.group_migration_user", (1, 1, 1, 0)),
    ("migration_bridge.group_migration_manager", (1, 1, 1, 1)),
)
# The form view of each target model where migrated custom fields are shown.
CUSTOM_FIELD_FORMS = {
    "res.partner": "base.view_partner_form",
    "crm.lead": "crm.crm_lead_view_form",
}


def target_fields(env, model_name):
    """The fields of ``model_name`` a column may land in, for the matcher."""
    Model = env[model_name]
    result = []
    for name, field in Model._fields.items():
        if name in UNMAPPABLE or name in ("x_source_id", "create_date"):
            continue
        if field.type in ("one2many", "binary", "properties", "properties_definition", "json"):
            continue
        if field.inherited and not field.readonly:
            pass  # a delegated field (a user's email is its partner's): writable
        elif not field.store or (field.compute and field.readonly and not field.inverse):
            continue
        if name in MAGIC_COLUMNS:  # id and the log columns Odoo sets itself
            continue
        result.append(
            matcher.TargetField(
                name=name,
                label=field.string or name,
                type=field.type,
                relation=field.comodel_name if field.relational else None,
                required=bool(field.required),
                selection=_selection(env, field),
                known=_known(env, field),
            )
        )
    return result


# Models whose records a run finds by name but never creates: a column whose values
# name none of them cannot land there (a deal's customer is not Odoo's own company).
FOUND_ONLY = ("res.company",)


def _selection(env, field):
    if field.type != "selection":
        return ()
    try:
        return tuple((str(key), str(label)) for key, label in field._description_selection(env))
    except Exception:  # noqa: BLE001 a selection computed from a context we lack
        return ()


def _known(env, field):
    if field.type != "many2one" or field.comodel_name not in FOUND_ONLY:
        return None
    Model = env[field.comodel_name].sudo().with_context(active_test=False)
    return tuple(Model.search([]).mapped(Model._rec_name))


class MigrationMapping(models.Model):
    """Where one source object lands, and how each of its columns does."""

    _name = "migration.mapping"
    _description = "Object mapping"
    _order = "project_id, id"

    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    object_id = fields.Many2one(
        "migration.source.object", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(related="object_id.name")
    kind = fields.Selection(
        selection="_selection_kind", help="What the rows are: companies, contacts, deals..."
    )
    model_name = fields.Char("Target model")
    confidence = fields.Float(digits=(5, 1), help="How sure the proposal is, in percent.")
    reason = fields.Char()
    state = fields.Selection(MAPPING_STATES, default="proposed", required=True)
    confirmed_uid = fields.Many2one("res.users", "Confirmed by", readonly=True)
    confirmed_date = fields.Datetime("Confirmed on", readonly=True)
    line_ids = fields.One2many("migration.mapping.line", "mapping_id", string="Columns")
    value_ids = fields.One2many("migration.mapping.value", "mapping_id", string="Stage map")
    line_count = fields.Integer("Column count", compute="_compute_line_counts")
    review_count = fields.Integer("Need review", compute="_compute_line_counts")
    name_template = fields.Char(
        help="The export has no column for the record's name: it is made from these "
        "columns ('{Account Name} - {Product}'). Proposed; change it or clear it.",
    )
    source_key_note = fields.Char(
        "Source key",
        readonly=True,
        help="How rows are known when the export has no id column: their natural key.",
    )
    locked = fields.Boolean(
        compute="_compute_locked",
        help="The mapping is confirmed and only a Migration Manager may change it.",
    )

    @api.depends("line_ids.needs_review", "line_ids.confirmed")
    def _compute_line_counts(self):
        for mapping in self:
            mapping.line_count = len(mapping.line_ids)
            mapping.review_count = len(mapping.line_ids._to_review())

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_locked(self):
        manager = self._is_manager()
        for mapping in self:
            mapping.locked = mapping.state == "confirmed" and not manager

    @api.model
    def _is_manager(self):
        return self.env.is_superuser() or self.env.user.has_group(MANAGER_GROUP)

    @api.model
    def _selection_kind(self):
        """The kinds of every profile: companies, contacts, deals..."""
        kinds = {}
        for profile in profiles.PROFILES.values():
            for kind, spec in profile.kinds.items():
                kinds.setdefault(kind, spec.label)
        kinds[matcher.CUSTOM_KIND] = "New custom object"
        return list(kinds.items())

    def write(self, vals):
        if vals.get("state") == "confirmed" and not self.env.context.get("mapping_confirm"):
            check_manager(self.env, _("confirm a mapping"))
        if {"kind", "model_name"} & set(vals) and not self.env.context.get("mapping_confirm"):
            self._reopen(_("the kind of its rows changed"))
            vals = dict(vals, state="proposed")
        # A person makes a file a new custom object (the matcher's proposals come with
        # their confidence): its columns are proposed as the new model's fields.
        made_custom = self.browse()
        if vals.get("kind") == matcher.CUSTOM_KIND and "confidence" not in vals:
            made_custom = self.filtered(lambda m: m.kind != matcher.CUSTOM_KIND)
        result = super().write(vals)
        for mapping in made_custom:
            if "model_name" not in vals:
                mapping.with_context(mapping_confirm=True).model_name = mapping._custom_name()
            mapping._propose_lines(mapping.project_id.get_profile())
        # the other new custom objects of the project may link to it now
        made_custom.project_id.mapping_ids.filtered(
            lambda m: m.kind == matcher.CUSTOM_KIND and m.state == "proposed"
        )._propose_custom_references()
        return result

    def _reopen(self, why):
        """A confirmed mapping changes: only a manager may, and the project says so.

        Loads stop until it is confirmed again, so a Migration User may not do it
        without a word; a manager's change is logged on the project's chatter."""
        # a set-aside file that a person places again is a proposal to confirm
        self.filtered(lambda m: m.state == "set_aside").with_context(mapping_confirm=True).write(
            {"state": "proposed"}
        )
        confirmed = self.filtered(lambda m: m.state == "confirmed")
        if not confirmed:
            return
        check_manager(self.env, _("change a confirmed mapping (it must then be confirmed again)"))
        for mapping in confirmed:
            mapping.project_id.message_post(
                body=_(
                    "%(user)s reopened the mapping of %(file)s (%(why)s): it must be "
                    "confirmed again before the next run.",
                    user=self.env.user.name,
                    why=why,
                    file=mapping.object_id.name,
                )
            )
        confirmed.with_context(mapping_confirm=True).write({"state": "proposed"})

    @api.onchange("kind")
    def _onchange_kind(self):
        for mapping in self:
            if mapping.kind == matcher.CUSTOM_KIND:
                mapping.model_name = mapping._custom_name()
            elif mapping.kind:
                profile = mapping.project_id.get_profile()
                mapping.model_name = profile.model_for(mapping.kind)

    # ------------------------------------------------------------------
    # Proposal
    # ------------------------------------------------------------------
    def _target_fields(self):
        """The fields of the mapping's model a column may land in (none for a new model)."""
        self.ensure_one()
        return target_fields(self.env, self.model_name) if self.model_name in self.env else []

    def _propose(self, profile):
        """The matcher's proposal for the object and its columns, with the choices
        people confirmed for its kind of file in earlier projects of the profile."""
        self.ensure_one()
        obj = self.object_id
        remembered = self.env["migration.mapping.memory"]._remembered(
            self.project_id.profile, self.kind
        )
        return matcher.propose(
            profile,
            obj.object_name,
            obj.headers or [],
            obj._field_profiles(),
            {self.model_name: self._target_fields()} if self.model_name else {},
            remembered=remembered,
            user_names=self._user_names(),
        )

    def _user_names(self):
        """Names, logins and emails of the users (archived too): a column of them is
        an owner."""
        users = self.env["res.users"].sudo().with_context(active_test=False).search([])
        return sorted({v for u in users for v in (u.name, u.login, u.email) if v})

    def _propose_lines(self, profile, proposals=None):
        """Replace the lines by ``proposals`` (by default, the matcher's for the kind)."""
        self.ensure_one()
        # A proposal's lines and stage values are the project's derived bookkeeping,
        # which users may not delete one by one: the system replaces them once the
        # user's right to change the mapping is checked (a confirmed one: a manager's).
        orm.check_access(self, "write")
        if self.state == "confirmed":
            check_manager(self.env, _("replace a confirmed mapping"))
        self.line_ids.sudo().unlink()
        self.value_ids.sudo().unlink()
        custom = self.kind == matcher.CUSTOM_KIND
        if not self.model_name or (self.model_name not in self.env and not custom):
            return
        obj = self.object_id
        if proposals is None:
            proposals = matcher.propose_fields(
                profile,
                self.kind,
                obj.headers or [],
                obj._field_profiles(),
                self._target_fields(),
                object_name=obj.object_name,
                user_names=self._user_names(),
            )
        Line = self.env["migration.mapping.line"]
        fields_by_name = {f.name: f for f in obj.field_ids}
        Line.create([Line._vals_from_proposal(self, p, fields_by_name) for p in proposals])
        self.line_ids._propose_values(profile)
        self._propose_keys(profile, proposals)

    def _propose_keys(self, profile, proposals):
        """What stands in for columns the export lacks: the natural key for the ids, a
        template of its columns for the name."""
        template = matcher.propose_name_template(profile, self.kind, proposals)
        key = matcher.propose_source_key(
            profile, self.kind, proposals, self.object_id._field_profiles()
        )
        spec = profile.object_spec(self.kind)
        keyless = not any(p.target == "x_source_id" for p in proposals)
        if not key and template and keyless and spec and "name" in spec.natural_key:
            key = (
                "name",
                "no column gives the records' ids: each row is known by its name, made "
                "from the template %s" % template[0],
            )
        self.write(
            {
                "name_template": template[0] if template else False,
                "source_key_note": key[1] if key else False,
            }
        )

    def _merge_new_columns(self, profile):
        """A new export of a confirmed object: keep the confirmed map.

        Columns and stage values the confirmed map has never seen are added as
        unconfirmed proposals; the loader reports them instead of guessing.
        """
        self.ensure_one()
        known = set(self.line_ids.mapped("source_name"))
        obj = self.object_id
        fields_by_name = {f.name: f for f in obj.field_ids}
        for line in self.line_ids:
            line.source_field_id = fields_by_name.get(line.source_name)
        new_headers = [h for h in (obj.headers or []) if h not in known]
        if new_headers:
            proposals = matcher.propose_fields(
                profile,
                self.kind,
                new_headers,
                obj._field_profiles(),
                target_fields(self.env, self.model_name),
                object_name=obj.object_name,
                user_names=self._user_names(),
            )
            Line = self.env["migration.mapping.line"]
            Line.create(
                [
                    dict(Line._vals_from_proposal(self, p, fields_by_name), confirmed=False)
                    for p in proposals
                ]
            )
        self.line_ids._propose_values(profile)

    # ------------------------------------------------------------------
    # Confirmation
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Confirm the mapping: create the proposed custom fields, lock the map."""
        check_manager(self.env, _("confirm a mapping"))
        # A manager's confirmation creates fields and views: technical records.
        for mapping in self.sudo():
            mapping._check_complete()
            mapping._close_set_aside()
            mapping._create_custom_model()
            created = mapping.line_ids._create_custom_fields()
            created = mapping._create_extra_fields() or created
            mapping.line_ids.write({"confirmed": True})
            mapping.value_ids.write({"confirmed": True})
            mapping.with_context(mapping_confirm=True).write(
                {
                    "state": "confirmed",
                    "confirmed_uid": self.env.uid,
                    "confirmed_date": fields.Datetime.now(),
                }
            )
            mapping._set_source_ids()
            self.env["migration.mapping.memory"]._remember(mapping)
            if created:
                mapping._show_custom_fields()
        return True

    def _confirm_or_set_aside(self):
        """Confirm each mapping that is complete; set the others aside, each with a
        blocking issue that says what it needs, so that one file never blocks the
        others. Returns the mappings set aside."""
        set_aside = self.browse()
        for mapping in self:
            try:
                with self.env.cr.savepoint():
                    mapping.action_confirm()
            except UserError as error:
                mapping._set_aside(str(error.args[0]))
                set_aside |= mapping
        return set_aside

    def _set_aside(self, needs):
        self.ensure_one()
        self.with_context(mapping_confirm=True).write({"state": "set_aside"})
        self._close_set_aside()
        self.env["migration.issue"].sudo().create(
            {
                "project_id": self.project_id.id,
                "object_id": self.object_id.id,
                "file_name": self.object_id.name,
                "code": "set_aside",
                "severity": "error",
                "blocking": True,
                "message": _(
                    "%(needs)s. This file is set aside: the other files are confirmed and "
                    "load without it. Place it (what its rows are, the columns it needs), "
                    "confirm it, and a delta run loads it, its references to the records "
                    "already loaded found then.",
                    needs=needs.rstrip("."),
                ),
            }
        )

    def _close_set_aside(self):
        self.ensure_one()
        self.env["migration.issue"].sudo().search(
            [
                ("object_id", "=", self.object_id.id),
                ("code", "=", "set_aside"),
                ("state", "=", "open"),
            ]
        ).write({"state": "fixed"})

    def action_reset(self):
        """Back to a proposal, e.g. to change a confirmed map."""
        check_manager(self.env, _("reopen a confirmed mapping"))
        self._reopen(_("Reopen was pressed"))
        return True

    def _check_complete(self):
        self.ensure_one()
        if not self.kind or not self.model_name:
            raise UserError(
                _(
                    "%(file)s: choose what the rows are (companies, contacts, deals...) "
                    "before confirming.",
                    file=self.object_id.name,
                )
            )
        profile = self.project_id.get_profile()
        proposals = [
            matcher.FieldProposal(
                source=line.source_name,
                target=line.target_name,
                confidence=line.confidence / 100.0,
                reason=line.reason or "",
            )
            for line in self.line_ids
            if line.target_name
        ]
        templated = ("name",) if self.name_template else ()
        missing = matcher.missing_required(profile, self.kind, proposals, templated=templated)
        if missing:
            raise UserError(
                _("%(file)s: %(missing)s", file=self.object_id.name, missing="; ".join(missing))
            )

    # ------------------------------------------------------------------
    # New custom objects: an x_ model per file no object fits
    # ------------------------------------------------------------------
    def _object_links(self):
        """{object name: the objects of these mappings it links to} beyond what the
        profile declares: a confirmed new field linking to another object's model (a
        custom object's many2one to another custom object, or to the partners). The
        planner loads each after those (``planner.plan_objects(links=...)``)."""
        by_model = {}
        for mapping in self:
            by_model.setdefault(mapping.model_name, set()).add(mapping.object_id.object_name)
        found = {}
        for mapping in self:
            relations = mapping.line_ids.filtered(
                lambda ln: ln.confirmed and ln.custom_type == "many2one"
            ).mapped("custom_relation")
            name = mapping.object_id.object_name
            linked = set().union(*(by_model.get(model, set()) for model in relations)) - {name}
            if linked:
                found[name] = linked
        return found

    def _custom_name(self):
        """The model of the mapping's object as a new custom object ('x_equipment': one
        application of several tenants is one model, ``Profile.custom_object_name``)."""
        self.ensure_one()
        profile = self.project_id.get_profile()
        return matcher.custom_model_name(profile.custom_object_name(self.object_id.object_name))

    def _custom_label(self):
        """The new model's label: 'Equipment'."""
        self.ensure_one()
        profile = self.project_id.get_profile()
        return custom_models.model_label(profile.custom_object_name(self.object_id.object_name))

    def _custom_tracked(self):
        """The project's record of the mapping's new model (migration.custom.model)."""
        self.ensure_one()
        return (
            self.env["migration.custom.model"]
            .sudo()
            .search(
                [("project_id", "=", self.project_id.id), ("model", "=", self.model_name)],
                limit=1,
            )
        )

    def _custom_shell(self):
        """The new model of a custom object, bare: its name and source id, access rights
        and a menu; created when missing (confirmation, a run after a rollback, another
        custom object linking to it). Returns its record of the project."""
        self.ensure_one()
        tracked = self._custom_tracked()
        IrModel = self.env["ir.model"].sudo()
        model = IrModel._get(self.model_name)
        if model and not tracked:
            return tracked  # a model the project did not create: used as it is
        label = self._custom_label()
        if not model:
            model = IrModel.create(
                {
                    "model": self.model_name,
                    "name": label,
                    "state": "manual",
                    "info": "Migrated from %s" % self.object_id.name,
                    "field_id": [],  # no default x_name command: created below
                }
            )
            # Not as commands of the model: Odoo runs those as the person who confirms.
            self.env["ir.model.fields"].sudo().create(
                [
                    {
                        "model_id": model.id,
                        "name": name,
                        "field_description": field_label,
                        "ttype": "char",
                        "state": "manual",
                        "index": name == "x_source_id",
                        "copied": name != "x_source_id",
                    }
                    for name, field_label in (("x_name", "Name"), ("x_source_id", "Source ID"))
                ]
            )
            # read by every user, loaded by the Migration groups, removed by a manager
            for xmlid, perms in CUSTOM_MODEL_ACCESS:
                security.grant(
                    self.env(su=True),
                    model.id,
                    self.env.ref(xmlid).id,
                    perms,
                    "%s %s" % (self.model_name, xmlid),
                )
            self.env["ir.model.fields"].flush_model()
        vals = {"ir_model_id": model.id, "mapping_id": self.id, "name": label}
        if tracked:
            tracked.write(vals)
        else:
            tracked = tracked.create(
                dict(vals, project_id=self.project_id.id, model=self.model_name)
            )
        tracked._make_menu()
        return tracked

    def _create_custom_model(self):
        """A new custom object at its confirmation: its model, and its columns proposed
        again against it (the name column to x_name, the id column to the source id,
        each other one a field typed by discovery, a link to the records another file's
        rows when its values are their ids)."""
        self.ensure_one()
        if self.kind != matcher.CUSTOM_KIND:
            return False
        if self.model_name in self.env and not self._custom_tracked():
            return False  # an existing model: its columns are mapped as for any model
        tracked = self._custom_shell()
        # each object's columns are proposed again once against the model (one model may
        # hold several objects: one application of several tenants)
        if not tracked._proposed_for(self.object_id):
            self.env["ir.model.fields"].flush_model()
            self.with_context(mapping_confirm=True)._propose_lines(self.project_id.get_profile())
            self._propose_custom_references()
            tracked.proposed_objects = "\n".join(
                filter(None, [tracked.proposed_objects, self.object_id.object_name])
            )
        self._keep_custom_targets()
        # the models its links point at exist before its fields are created
        for line in self.line_ids._custom_to_create():
            if line.custom_type == "many2one" and line.custom_relation not in self.env:
                other = self.project_id.mapping_ids.filtered(
                    lambda m, line=line: (
                        m.model_name == line.custom_relation and m.kind == matcher.CUSTOM_KIND
                    )
                )
                if other:
                    other[:1]._custom_shell()
        return tracked.ir_model_id

    def _keep_custom_targets(self):
        """Lines that land in fields of the new model keep their field's name, and the
        id column is the source id as such: a rollback that removes the model takes
        their fields, the run after it creates them again (``_ensure_custom_models``)."""
        self.ensure_one()
        for line in self.line_ids.filtered("target_field_id"):
            if line.target_field_id.model != self.model_name:
                continue
            vals = {"custom_name": line.target_field_id.name}
            if line.target_field_id.name == "x_source_id":
                vals.update(target_special="x_source_id", target_field_id=False)
            line.with_context(mapping_confirm=True).write(vals)

    def _ensure_custom_models(self):
        """The confirmed new models and their fields, created again where a rollback
        removed them (the mapping stays confirmed: the next run loads as before)."""
        custom = self.sudo().filtered(
            lambda m: m.kind == matcher.CUSTOM_KIND and m.state == "confirmed"
        )
        for mapping in custom:
            if mapping.model_name not in self.env and mapping._custom_tracked():
                mapping._custom_shell()
        Fields = self.env["ir.model.fields"].sudo()
        for mapping in custom.filtered(lambda m: m.model_name in self.env and m._custom_tracked()):
            lines = mapping.line_ids.filtered("confirmed")
            lines._create_custom_fields()
            for line in lines.filtered(lambda ln: ln.custom_name and not ln.target_name):
                field = Fields._get(mapping.model_name, line.custom_name)
                if field:
                    line.with_context(mapping_confirm=True).write({"target_field_id": field.id})

    def _propose_custom_references(self):
        """The columns of new custom objects whose values are the ids of another file's
        rows become links to that file's records: a partner, another new custom
        object (``services.custom_models.reference_fields``)."""
        custom = self.filtered(lambda m: m.kind == matcher.CUSTOM_KIND)
        for project in custom.project_id:
            references = structure.found(project._structure_files())
            models_by_file = {
                m.object_id.object_name: m.model_name
                for m in project.mapping_ids
                if m.model_name and m.state != "set_aside"
            }
            for mapping in custom.filtered(lambda m, project=project: m.project_id == project):
                found = custom_models.reference_fields(
                    mapping.object_id.object_name, references, models_by_file
                )
                for line in mapping.line_ids:
                    hit = found.get(line.source_name)
                    if not hit or line.confirmed or line.chosen_uid:
                        continue
                    if line.target_name and line.target_name != "x_name":
                        continue
                    comodel, reason = hit
                    name = line.custom_name if line.create_custom else None
                    taken = set(mapping.line_ids.mapped("custom_name")) | {"x_name"}
                    line.with_context(mapping_confirm=True).write(
                        {
                            "target_field_id": False,
                            "target_special": False,
                            "create_custom": True,
                            "custom_name": name
                            or custom_models.many2one_name(line.source_name, taken - {name}),
                            "custom_type": "many2one",
                            "custom_relation": comodel,
                            "reason": reason,
                        }
                    )

    def _extra_fields_vals(self):
        """The fields the mapping fills besides its columns' own, existing or not:
        the parent's field that keeps folded rows (a deal's line items), and the one
        that keeps the platform's own id on every record (x_dtools_id)."""
        self.ensure_one()
        profile = self.project_id.get_profile()
        spec = profile.object_spec(self.kind)
        result = []
        if spec and spec.fold:
            result.append(
                {
                    "model": profile.model_for(spec.fold.parent),
                    "name": spec.fold.field,
                    "field_description": spec.fold.label,
                    "ttype": spec.fold.ttype,
                    "help": "Rows of %s kept on their %s"
                    % (self.object_id.name, spec.fold.parent),
                }
            )
        kind_spec = profile.kinds.get(self.kind)
        # A model of an app the addon does not depend on (sale.order, account.move, a
        # line's product created by name): no _inherit of migration.source.mixin, its
        # source id is a custom field.
        app_models = [self.model_name] if kind_spec and kind_spec.app else []
        for ref in profile.references(self.kind).values():
            created = profile.kinds.get(ref.create) if ref.create else None
            if created and created.app:
                app_models.append(created.model)
        for model in dict.fromkeys(app_models):
            if model in self.env and "x_source_id" not in self.env[model]._fields:
                result.append(
                    {
                        "model": model,
                        "name": "x_source_id",
                        "field_description": "Source ID",
                        "ttype": "char",
                        "index": True,
                        "copied": False,  # a credit note or a copy is no migrated record
                        "help": "Id of this record in the CRM it was migrated from, "
                        "prefixed by its kind; delta runs match on it",
                    }
                )
        if (
            profile.id_field
            and self.model_name in self.env
            and not (kind_spec and not kind_spec.custom_fields)
        ):
            result.append(
                {
                    "model": self.model_name,
                    "name": profile.id_field,
                    "field_description": profile.id_label or profile.id_field,
                    "ttype": "char",
                    "index": True,
                    "help": "The record's id in %s" % profile.label,
                }
            )
        return result

    def _new_extra_fields_vals(self):
        self.ensure_one()
        Fields = self.env["ir.model.fields"]
        return [
            vals
            for vals in self._extra_fields_vals()
            if not Fields._get(vals["model"], vals["name"])
        ]

    def _create_extra_fields(self):
        """Create the fold and id fields that do not exist yet; True when any was."""
        self.ensure_one()
        created = False
        for vals in self._new_extra_fields_vals():
            vals = dict(vals)
            model = self.env["ir.model"]._get(vals.pop("model"))
            self.env["ir.model.fields"].sudo().create(
                dict(vals, model_id=model.id, state="manual", store=True)
            )
            created = True
        return created

    def _custom_field_names(self, model):
        """The custom fields of ``model`` this mapping fills (its columns', the fold's and
        the platform id's): those a record it wrote shows in its Migrated fields tab."""
        self.ensure_one()
        names = {
            line.target_field_id.name
            for line in self.line_ids
            if line.target_field_id.model == model and line.target_field_id.state == "manual"
        }
        names.update(vals["name"] for vals in self._extra_fields_vals() if vals["model"] == model)
        return {name for name in names if name in self.env[model]._fields}

    def _fields_to_create(self):
        """What confirming these mappings creates, for the person about to confirm:
        a list of dicts (file, model, name, label, type, relation), the fields of new
        models included (the models themselves: ``_custom_models_to_create``)."""
        rows = []
        for mapping in self:
            file = mapping.object_id.name
            for line in mapping.line_ids._custom_to_create():
                rows.append(
                    {
                        "file": file,
                        "model": mapping.model_name,
                        "name": line.custom_name,
                        "label": line.source_name,
                        "type": line.custom_type or "char",
                        "relation": line.custom_relation
                        if line.custom_type == "many2one"
                        else False,
                    }
                )
            for vals in mapping._new_extra_fields_vals():
                rows.append(
                    {
                        "file": file,
                        "model": vals["model"],
                        "name": vals["name"],
                        "label": vals["field_description"],
                        "type": vals["ttype"],
                    }
                )
        return rows

    def _custom_models_to_create(self):
        """The new custom models confirming these mappings creates: a list of dicts
        (file, model, label, fields: how many, links: the models its links point at)."""
        rows = {}
        for mapping in self:
            if mapping.kind != matcher.CUSTOM_KIND or mapping.model_name in self.env:
                continue
            lines = mapping.line_ids._custom_to_create()
            links = set(
                lines.filtered(lambda ln: ln.custom_type == "many2one").mapped("custom_relation")
            )
            names = set(lines.mapped("custom_name"))
            row = rows.get(mapping.model_name)
            if row:  # one application of several tenants: one model, its files listed
                row["file"] += ", %s" % mapping.object_id.name
                row["names"] |= names
                row["links"] = sorted(set(row["links"]) | links)
            else:
                row = rows[mapping.model_name] = {
                    "file": mapping.object_id.name,
                    "model": mapping.model_name,
                    "label": mapping._custom_label(),
                    "names": names,
                    "links": sorted(links),
                }
            # its columns' fields, its name and its source id
            row["fields"] = len(row["names"]) + 2
        return [{k: v for k, v in row.items() if k != "names"} for row in rows.values()]

    def _confirm_preview_html(self):
        """What the confirm dialog shows: the new custom models (model, label, file,
        fields count, links), then the custom fields (file, model, field name, label,
        type)."""
        return self._custom_models_preview_html() + self._custom_fields_preview_html()

    def _custom_models_preview_html(self):
        rows = self._custom_models_to_create()
        if not rows:
            return Markup("")
        head = Markup("").join(
            Markup("<th>%s</th>") % title
            for title in (_("Model"), _("Label"), _("File"), _("Fields"), _("Links to"))
        )
        body = Markup("").join(
            Markup("<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (
                row["model"],
                row["label"],
                row["file"],
                row["fields"],
                ", ".join(self._model_label(model) for model in row["links"]),
            )
            for row in rows
        )
        return Markup(
            '<p>%s</p><table class="table table-sm o_migration_confirm_models">'
            "<thead><tr>%s</tr></thead><tbody>%s</tbody></table>"
        ) % (
            _("Confirming creates these %s custom models (an app's records each):", len(rows)),
            head,
            body,
        )

    def _custom_fields_preview_html(self):
        rows = self._fields_to_create()
        if not rows:
            return Markup("<p>%s</p>") % _("Confirming creates no custom field.")
        types = dict(CUSTOM_TYPES)
        head = Markup("").join(
            Markup("<th>%s</th>") % title
            for title in (_("File"), _("Model"), _("Field name"), _("Label"), _("Type"))
        )
        body = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td><code>%s</code></td><td>%s</td><td>%s</td></tr>")
            % (
                row["file"],
                self._model_label(row["model"]),
                row["name"],
                row["label"],
                "%s: %s" % (types["many2one"], self._model_label(row["relation"]))
                if row.get("relation")
                else types.get(row["type"], row["type"]),
            )
            for row in rows
        )
        return Markup(
            '<p>%s</p><table class="table table-sm o_migration_confirm_preview">'
            "<thead><tr>%s</tr></thead><tbody>%s</tbody></table>"
        ) % (
            _("Confirming creates these %s custom fields:", len(rows)),
            head,
            body,
        )

    def _model_label(self, model):
        """'Contact (res.partner)', or the technical name of a model still to create."""
        if model in self.env:
            return "%s (%s)" % (self.env[model]._description, model)
        return model

    def _set_source_ids(self):
        """Copy each staged row's source id (its id column, or its natural key)."""
        self.ensure_one()
        columns = [
            transform.Column(line.source_name, line.target_name)
            for line in self.line_ids
            if line.target_name
        ]
        plan = transform.object_plan(
            self.project_id.get_profile(), self.kind, self.model_name, columns, self.name
        )
        self.env["migration.staging.record"]._set_source_ids(self.object_id, plan)

    def _show_custom_fields(self):
        """Show the migrated custom fields of the model on its form view, each only on
        the records a mapping that fills it wrote (see ``_custom_fields_by_record``)."""
        self.ensure_one()
        form = CUSTOM_FIELD_FORMS.get(self.model_name)
        if not form:
            return
        names = (
            self.env["ir.model.fields"]
            .search(
                [
                    ("model", "=", self.model_name),
                    ("state", "=", "manual"),
                    ("name", "=like", "x\\_%"),
                ],
                order="id",
            )
            .mapped("name")
        )
        page = etree.Element(
            "page",
            string=_("Migrated fields"),
            name="migration_custom_fields",
            invisible="not migration_custom_fields",
        )
        etree.SubElement(page, "field", name="migration_custom_fields", invisible="1")
        group = etree.SubElement(page, "group")
        for name in names:
            etree.SubElement(
                group, "field", name=name, invisible="',%s,' not in migration_custom_fields" % name
            )
        xpath = etree.Element("xpath", expr="//notebook", position="inside")
        xpath.append(page)
        root = etree.Element("data")
        root.append(xpath)
        arch = etree.tostring(root, encoding="unicode", pretty_print=True)
        key = "migration_bridge.custom_fields_%s" % self.model_name.replace(".", "_")
        View = self.env["ir.ui.view"].sudo()
        view = View.search([("key", "=", key)], limit=1)
        if view:
            view.arch_db = arch
        else:
            View.create(
                {
                    "name": "Migrated custom fields (%s)" % self.model_name,
                    "key": key,
                    "model": self.model_name,
                    "inherit_id": self.env.ref(form).id,
                    "mode": "extension",
                    "arch_db": arch,
                }
            )

    @api.model
    def _custom_fields_by_record(self, records):
        """{record id: names of the custom fields that apply to it}: those the mappings
        that wrote the record (its links not rolled back) fill. A company shows its
        file's fields, not the contacts'; a record shows no other project's fields."""
        ids = [record_id for record_id in records.ids if isinstance(record_id, int)]
        if not ids:
            return {}
        links = (
            self.env["migration.record.link"]
            .sudo()
            .search(
                [
                    ("model", "=", records._name),
                    ("res_id", "in", ids),
                    ("rolled_back", "=", False),
                ]
            )
        )
        writers = {}
        for link in links:
            writers.setdefault((link.project_id.id, link.source_object), set()).add(link.res_id)
        mappings = self.sudo().search(
            [("project_id", "in", list({project for project, _obj in writers}))]
        )
        names = {
            (mapping.project_id.id, mapping.object_id.object_name): mapping._custom_field_names(
                records._name
            )
            for mapping in mappings
        }
        result = {}
        for key, record_ids in writers.items():
            for record_id in record_ids:
                result.setdefault(record_id, set()).update(names.get(key, ()))
        return result

    @api.model
    def _set_migration_custom_fields(self, records):
        """Compute ``migration_custom_fields`` of migrated partners and leads: the names
        of the fields their Migrated fields tab shows, as ',x_a,x_b,' for the view."""
        by_record = self._custom_fields_by_record(records)
        for record in records:
            names = by_record.get(record.id)
            record.migration_custom_fields = ",%s," % ",".join(sorted(names)) if names else False
