"""A platform's sample read as the project reads an upload, and what the matcher
proposes for it: shared by the profile tests (no Odoo)."""

import importlib.util
from functools import cache

from migration_bridge.services import inference, matcher, readers, targets, transform


def sample_reading(profile, folder, fields):
    """``table``, ``proposed``, ``targets_of`` and ``column_for`` for one sample.

    ``fields``: {model: {field name: TargetField}}, the target fields the sample's
    columns may land in (``fields.by_name()``: a series' snapshot)."""

    by_model = {model: list(named.values()) for model, named in fields.items()}

    @cache
    def table(name):
        """(object name, headers, rows as dicts, field profiles) of one sample file."""
        [source] = readers.read_csv(name, (folder / name).read_bytes())
        source = profile.read_table(source)
        rows = [row.values for row in source.rows()]
        profiles = inference.profile_rows(source.headers, rows)
        return source.object_name, source.headers, rows, profiles

    @cache
    def proposed(name):
        object_name, headers, _rows, profiles = table(name)
        proposal, proposals = matcher.propose(profile, object_name, headers, profiles, by_model)
        return proposal, {f.source: f for f in proposals}

    def targets_of(name):
        return {source: f.target for source, f in proposed(name)[1].items()}

    def column_for(model, proposal, profiles):
        """The confirmed mapping line as the loader builds it, custom fields included."""
        if proposal.target:
            composed = targets.get(proposal.target)
            if composed:
                return transform.Column(proposal.source, proposal.target, composed.type)
            field = fields[model][proposal.target]
            return transform.Column(proposal.source, proposal.target, field.type, field.relation)
        selection = ()
        if proposal.custom_type == "selection":
            selection = tuple((v, v) for v in profiles[proposal.source].values)
        return transform.Column(
            proposal.source, proposal.custom_name, proposal.custom_type, selection=selection
        )

    return table, proposed, targets_of, column_for


def load_generator(path):
    """A sample generator script (scripts/samples/<platform>.py) as a module."""
    spec = importlib.util.spec_from_file_location("%s_generator" % path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
