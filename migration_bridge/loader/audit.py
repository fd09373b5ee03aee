"""The audit's reading of the database: the staged rows of a project's confirmed
objects as ``services.audit`` tables, and its questions to Odoo answered here."""

import dataclasses
import types

from ..services import audit, planner, values
from ..services.transform import LOOKUP_RECORD
from .plans import mapping_columns, mapping_plan
from .resolve import Resolver


class ProjectOdoo(audit.Odoo):
    """What the audit asks Odoo, answered as the load's resolver would (as superuser:
    a record the user cannot see still stands)."""

    def __init__(self, project, profile):
        self.project = project
        self.profile = profile
        self.resolver = Resolver(
            types.SimpleNamespace(env=project.env, project=project, profile=profile)
        )

    def found(self, lookups):
        asked = [
            dataclasses.replace(lookup, tokens=(token,))
            for lookup, token in lookups
            if lookup.mode == LOOKUP_RECORD and not lookup.create
        ]
        resolved = self.resolver.resolve(asked)
        return {
            lookup.key(lookup.tokens[0])
            for lookup in asked
            if resolved.get(lookup, lookup.tokens[0])
        }

    def owner(self, token):
        return bool(self.resolver.user_id(token))

    def existing(self, kind, field, tokens):
        model = self.profile.model_for(kind)
        if not model or not tokens:
            return {}
        Model = self.project.env[model].sudo().with_context(active_test=False)
        if field not in Model._fields:
            return {}
        kind_of_key = "email" if "email" in field else "name"
        domain = [("x_source_id", "=", False), (field, "!=", False)]
        for name, value in self.profile.kinds[kind].defaults.items():
            if isinstance(value, bool) and name in Model._fields:
                domain.append((name, "=", value))
        wanted = set(tokens)
        found = {}
        for row in Model.search_read(domain, [field, "display_name"], order="id"):
            token = values.dedupe_token(kind_of_key, row[field])
            if token in wanted:
                found.setdefault(token, []).append((row["id"], row["display_name"]))
        return found


PAGE = 2000  # staged rows read at a time: the audit never holds a file whole


def staged_rows(env, obj):
    """The rows of ``obj`` the load would read, page by page (rows a person excluded,
    and rows whose problem in the file is still open, are left out: they do not load)."""
    Staging = env["migration.staging.record"]
    Staging.flush_model()
    last = 0
    while True:
        env.cr.execute(
            "SELECT s.id, f.name, s.row_number, s.payload, s.source_id "
            "FROM migration_staging_record s LEFT JOIN migration_source_file f "
            "ON f.id = s.file_id WHERE s.object_id = %s AND s.id > %s "
            "AND s.state != 'excluded' "
            # a row with a problem in the file waits for its own issue (unless waived)
            "AND NOT (s.state = 'problem' AND EXISTS (SELECT 1 FROM migration_issue i "
            "WHERE i.staging_record_id = s.id AND i.run_id IS NULL AND i.audit IS NOT TRUE "
            "AND i.state = 'open')) "
            "ORDER BY s.id LIMIT %s",
            (obj.id, last, PAGE),
        )
        page = env.cr.fetchall()
        if not page:
            return
        for _id, file, number, payload, source_id in page:
            yield audit.Row(file or obj.name, number, payload or {}, source_id)
        last = page[-1][0]


def project_tables(project, profile):
    """The confirmed objects of ``project`` as audit tables, in load order (a reference
    to an earlier object's row is settled as it is read), their rows read lazily."""
    env = project.env
    mappings = project.mapping_ids.filtered(
        lambda m: m.model_name and m.state == "confirmed" and m.model_name in env
    )
    by_name = {m.object_id.object_name: m for m in mappings}
    order = planner.plan_objects(
        profile,
        [(m.object_id.object_name, m.kind) for m in mappings],
        links=mappings._object_links(),
    )
    tables = []
    for name in order:
        mapping = by_name[name]
        columns, _gone = mapping_columns(env, mapping)
        plan = mapping_plan(profile, mapping, columns)
        Model = env[mapping.model_name]
        dedupe = tuple(k for k in profile.dedupe_keys.get(mapping.kind, []) if k in Model._fields)
        rows = staged_rows(env, mapping.object_id)
        repeats = bool(profile.named_again(mapping.kind, mapping.object_id.headers))
        tables.append(
            audit.Table(mapping.object_id.name, mapping.kind, plan, rows, dedupe, repeats=repeats)
        )
    return tables


def audit_project(project):
    """The findings of the audit over ``project``'s confirmed objects."""
    profile = project.get_profile()
    return audit.audit(project_tables(project, profile), ProjectOdoo(project, profile))
