"""References resolved in bulk: one query per referenced model and chunk, never per row.

A lookup (``services.transform.Lookup``) says what a row points to: an owner, a
record of another source object (by its source id, an email or a name), a record
named so (a tag), a country, a state, a record of Odoo's data. The resolver
gathers the lookups of a chunk, asks each model once for all their values, and
remembers the answers for the rest of the run.
"""

from ..services import transform, values
from ..services.transform import (
    LOOKUP_COUNTRY,
    LOOKUP_RECORD,
    Resolved,
)
from .targets import aux_kind


def any_of(conditions):
    """A domain true when any of ``conditions`` is (Polish notation, as every series reads)."""
    return ["|"] * (len(conditions) - 1) + list(conditions)


# Country names Odoo does not spell that way.
COUNTRY_ALIASES = {"russia": "RU", "usa": "US", "uk": "GB", "united states of america": "US"}


class Resolver:
    def __init__(self, ctx):
        self.ctx = ctx
        # Found as superuser: a record the run's user cannot see is not created again
        # beside it; writing a reference to it is the user's, refused by Odoo's rules.
        self.env = ctx.env(su=True)
        self.found = {}
        self._users = None

    def resolve(self, lookups, load=None):
        """Resolved for these lookups: what is new is asked in one query per group."""
        pending = {}
        for lookup in lookups:
            for token in lookup.tokens:
                key = lookup.key(token)
                if key not in self.found and token.strip():
                    pending.setdefault(self._group(lookup), {})[key] = (lookup, token.strip())
        for group, wanted in pending.items():
            getattr(self, "_resolve_" + group[0])(group, list(wanted.values()), load)
        return Resolved(self.found)

    @staticmethod
    def _group(lookup):
        if lookup.mode == LOOKUP_RECORD:
            return (lookup.mode, lookup.kinds, lookup.by, lookup.primary)
        return (lookup.mode, lookup.comodel)

    def _store(self, lookup, token, value):
        self.found[lookup.key(token)] = value or None

    # ------------------------------------------------------------------
    # Owners
    # ------------------------------------------------------------------
    def _resolve_user(self, _group, wanted, _load):
        for lookup, token in wanted:
            self._store(lookup, token, self.user_id(token))

    def user_id(self, token):
        """The user an owner value stands for: the project's owner matches first."""
        if self._users is None:
            self._users = {
                m.source_value.strip().lower(): m.user_id.id or None
                for m in self.ctx.project.owner_match_ids
            }
        low = token.strip().lower()
        if low not in self._users:
            self._users[low] = self.env["migration.owner.match"]._match(token)[0].id or None
        return self._users[low]

    # ------------------------------------------------------------------
    # Records of the source, by source id, email or name
    # ------------------------------------------------------------------
    def _resolve_record(self, group, wanted, load):
        _mode, kinds, by, primary = group
        profile = self.ctx.profile
        left = list(wanted)
        if primary:
            left = self._by_primary(primary, left)
        if "id" in by:
            left = self._by_source_id(kinds, left)
        if left and "email" in by:
            left = self._by_natural(kinds, left, "email")
        if left and "name" in by:
            left = self._by_natural(kinds, left, "name")
        for lookup, token in left:
            created = None
            if lookup.comodel == "res.partner":
                # A person given as a user (a note's owner): the user's partner.
                user_id = self.user_id(token)
                if user_id:
                    partner = self.env["res.users"].browse(user_id).partner_id
                    self._store(lookup, token, ("res.partner", partner.id))
                    continue
            # a name too long for Odoo's indexes (a name, a source id) names no record
            if lookup.create and not transform.looks_like_id(token) and values.fits_index(token):
                created = self._create_named(lookup, token, load, profile)
            self._store(lookup, token, created)

    def _by_primary(self, primary, wanted):
        """The flagged child of each record asked for (a client's primary contact), found
        in the export: the child rows whose parent column names the record."""
        kind, flag = primary
        mappings = self.ctx.project.mapping_ids.filtered(lambda m: m.kind == kind)
        parent_columns = {
            m.object_id.id: line.source_name
            for m in mappings
            for line in m.line_ids
            if line.target_name == "parent_id"
        }
        if not parent_columns:
            return wanted
        tokens = [token for _lookup, token in wanted]
        children = {}
        Staging = self.env["migration.staging.record"]
        Staging.flush_model()
        for object_id, column in parent_columns.items():
            self.env.cr.execute(
                "SELECT btrim(payload->>%s), source_id FROM migration_staging_record "
                "WHERE object_id = %s AND btrim(payload->>%s) = ANY(%s) "
                "AND lower(btrim(coalesce(payload->>%s, ''))) IN ('true', '1', 'yes', 'y', 'x') "
                "AND source_id IS NOT NULL ORDER BY row_number",
                (column, object_id, column, tokens, flag),
            )
            for parent, child in self.env.cr.fetchall():
                children.setdefault(parent, child)
        model = self.ctx.profile.model_for(kind)
        keys = {transform.record_key(kind, child): parent for parent, child in children.items()}
        found = {}
        if keys and model:
            for row in self.env[model].search_read(
                [("x_source_id", "in", list(keys))], ["x_source_id"]
            ):
                found[keys[row["x_source_id"]]] = (model, row["id"])
        return self._store_found(wanted, found)

    def _store_found(self, wanted, found):
        """Remember what ``found`` ({token: (model, id)}) has; return the rest."""
        left = []
        for lookup, token in wanted:
            if token in found:
                self._store(lookup, token, found[token])
            else:
                left.append((lookup, token))
        return left

    def _by_source_id(self, kinds, wanted):
        found = self._source_hits(kinds, [token for _lookup, token in wanted])
        return self._store_found(wanted, found)

    def _source_hits(self, kinds, tokens):
        """{token: (model, id)}: the records of these source ids of these kinds (the
        first kind first) that are in Odoo."""
        profile = self.ctx.profile
        by_model = {}
        for kind in kinds:
            model = profile.model_for(kind)
            if model:
                by_model.setdefault(model, []).append(kind)
        hits = {}
        for model, model_kinds in by_model.items():
            keys = [transform.record_key(kind, token) for kind in model_kinds for token in tokens]
            Model = self.env[model]
            for row in Model.search_read([("x_source_id", "in", keys)], ["x_source_id"]):
                hits[row["x_source_id"]] = (model, row["id"])
        found = {}
        for token in tokens:
            for kind in kinds:
                if transform.record_key(kind, token) in hits:
                    found[token] = hits[transform.record_key(kind, token)]
                    break
        return found

    def loaded(self, lookups):
        """{(kinds, token): (model, id)}: of these references by source id, those whose
        record is already in Odoo. Nothing is remembered nor created: asked for the
        references to an object's own rows before the object is fully loaded."""
        tokens = {}
        for lookup in lookups:
            if "id" in lookup.by:
                for token in lookup.tokens[:1]:
                    if token.strip():
                        tokens.setdefault(lookup.kinds, set()).add(token.strip())
        found = {}
        for kinds, wanted in tokens.items():
            for token, hit in self._source_hits(kinds, sorted(wanted)).items():
                found[kinds, token] = hit
        return found

    def _by_natural(self, kinds, wanted, key):
        """Records found by email or name, among the kinds' models, first kind first."""
        profile = self.ctx.profile
        left = list(wanted)
        for kind in kinds:
            if not left:
                break
            model = profile.model_for(kind)
            Model = self.env[model]
            field = "email_normalized" if key == "email" else Model._rec_name
            if field not in Model._fields:
                continue
            tokens = [t for _lk, t in left if key != "email" or values.is_email(t)]
            if not tokens:
                continue
            if key == "email":
                domain = [(field, "in", [values.normalize_email(t) for t in tokens])]
            else:
                domain = any_of([(field, "=ilike", t) for t in tokens])
            for name, value in profile.kinds[kind].defaults.items():
                if isinstance(value, bool) and name in Model._fields:
                    domain = ["&", *domain, (name, "=", value)]
            index = {}
            for row in Model.search_read(domain, [field], order="id"):
                index.setdefault(str(row[field] or "").strip().lower(), row["id"])
            still = []
            for lookup, token in left:
                probe = values.normalize_email(token) if key == "email" else token.lower()
                if probe in index:
                    self._store(lookup, token, (model, index[probe]))
                else:
                    still.append((lookup, token))
            left = still
        return left

    def _create_named(self, lookup, token, load, profile):
        """A record named in a row but absent from the export, created as confirmed."""
        kind = lookup.create
        spec = profile.kinds.get(kind)
        if not spec:
            return None
        Model = self.env[spec.model]
        key = transform.record_key(kind, "name=%s" % values.dedupe_token("name", token))
        if not values.fits_index(key):
            return None
        existing = Model.search([("x_source_id", "=", key)], limit=1)
        if existing:
            return (spec.model, existing.id)
        record = self.ctx.create_named(
            spec.model, dict(spec.defaults, name=token, x_source_id=key)
        )
        if not record:
            return None
        source = load.obj.name if load else "references"
        self.ctx.link_created(record, "(named in %s)" % source, "name=%s" % token)
        self.ctx.issue(
            "%s: %r is not in the export; it was created as a new record (%s) because the "
            "mapping allows creating missing records. Rolling the run back removes it."
            % (source, token, spec.label.lower()),
            "created_missing",
            obj=load.obj if load else None,
            column=lookup.column,
            severity="info",
        )
        return (spec.model, record.id)

    # ------------------------------------------------------------------
    # Records named so, countries, states, Odoo's data
    # ------------------------------------------------------------------
    def _resolve_name(self, group, wanted, load):
        comodel = group[1]
        Model = self.env[comodel]
        name_field = Model._rec_name
        domain = any_of([(name_field, "=ilike", t) for _lk, t in wanted])
        index = {}
        for record in Model.search(domain, order="id"):
            index.setdefault(str(record[name_field] or "").strip().lower(), record.id)
        for lookup, token in wanted:
            found = index.get(token.lower())
            # a name too long for Odoo's indexes (its name, its source id) is not created
            key = transform.record_key(aux_kind(comodel), token)
            if not found and lookup.create and values.fits_index(key):
                vals = {name_field: token}
                if "x_source_id" in Model._fields:
                    vals["x_source_id"] = key
                record = self.ctx.create_named(comodel, vals)
                if record:
                    self.ctx.link_created(record, aux_kind(comodel), token)
                    found = index[token.lower()] = record.id
            self._store(lookup, token, found)

    def _resolve_country(self, _group, wanted, _load):
        Country = self.env["res.country"]
        for lookup, token in wanted:
            low = token.lower()
            if low in COUNTRY_ALIASES:
                domain = [("code", "=", COUNTRY_ALIASES[low])]
            elif len(token) == 2:
                # A two-letter value is an ISO code; Odoo cuts longer values to the code's size.
                domain = [("code", "=ilike", token)]
            else:
                domain = [("name", "=ilike", token)]
            self._store(lookup, token, Country.search(domain, limit=1).id)

    def _resolve_state(self, _group, wanted, _load):
        State = self.env["res.country.state"]
        for lookup, token in wanted:
            domain = ["|", ("code", "=ilike", token), ("name", "=ilike", token)]
            if lookup.country:
                probe = transform.Lookup(
                    "country_id", LOOKUP_COUNTRY, "res.country", (lookup.country,)
                )
                country = self.resolve([probe]).get(probe, lookup.country)
                if country:
                    domain = [("country_id", "=", country)] + domain
            self._store(lookup, token, State.search(domain, limit=1).id)

    def _resolve_xmlid(self, _group, wanted, _load):
        for lookup, token in wanted:
            record = self.env.ref(token, raise_if_not_found=False)
            self._store(lookup, token, record.id if record else None)
