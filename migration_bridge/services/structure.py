"""Structure before vocabulary: what the values of all the files of an export say of
each file, after the headers have had their say (``matcher``).

- A file that only ties records of two other files together (Salesforce's
  ``EventRelation``: an event and its attendees) is a link, whatever its name.
- A file no header placed, whose rows another file's column names (a deal's sales
  agent naming the rows of ``sales_agents.csv``), is of the kind that column points
  to (users).
- A column whose values are the key values of another file (or of its own) refers
  to that file: a deal's ``account`` column holding the accounts' names is its
  customer, a company's ``subsidiary_of`` naming other companies is its parent.
- A file with no name column takes its name from a column of unique, name-like
  values, above all one that other files refer to.

Each decision says so in its reason, with the share of values found. Pure: files are
``File`` values (their columns' values and the matcher's proposals); no Odoo.
"""

from dataclasses import dataclass, field, replace

from . import matcher, relations
from .vocabulary import OWNER_TARGETS

# Confidence of a reference found from values: from the share of values found.
FOUND_BASE, FOUND_SPAN = 0.6, 0.35
# A proposal at least this sure is kept even when the values point elsewhere.
KEEP_ABOVE = matcher.REVIEW_THRESHOLD


@dataclass
class File:
    """One file of an export as the structure pass sees it."""

    name: str
    columns: dict  # header -> the values of its rows (in order)
    proposal: matcher.ObjectProposal
    fields: list = field(default_factory=list)  # matcher.FieldProposal, one per header
    targets: frozenset = frozenset()  # the names of its model's fields (empty: unknown)

    @property
    def kind(self):
        return self.proposal.kind if self.proposal else None


def _tables(files):
    return {f.name: f.columns for f in files}


def found(files):
    """The references between the files, from their values (``relations.find``)."""
    return relations.find(_tables(files))


def _confidence(share):
    return round(FOUND_BASE + FOUND_SPAN * share, 3)


def _target_kinds(profile, kind, target):
    """The kinds of record a column mapped to ``target`` points to."""
    ref = profile.references(kind).get(target) if kind else None
    if ref is not None:
        return tuple(ref.kinds)
    return ("user",) if target in OWNER_TARGETS else ()


def _unplaced(profile, file):
    """Whether the headers could not place the file: no kind, or one whose mandatory
    columns are missing (a meeting with no name and no start)."""
    if not file.kind or not file.proposal.model:
        return profile.not_migrated_for(file.name) is None
    return bool(file.fields) and bool(matcher.missing_required(profile, file.kind, file.fields))


# ----------------------------------------------------------------------
# Kinds
# ----------------------------------------------------------------------
def settle_kinds(profile, files, references=None):
    """{file name: ObjectProposal} for the files whose values place them better than
    their headers: link files, and unplaced files that another file's column names."""
    references = found(files) if references is None else references
    by_name = {f.name: f for f in files}
    out = {}
    for name, pair in relations.links(_tables(files), references).items():
        file = by_name[name]
        kinds = [by_name[r.key.table].kind for r in pair]
        if not all(kinds) or not _unplaced(profile, file):
            continue
        kind = matcher.link_kind(profile, kinds)
        if kind is None:
            continue
        model = profile.model_for(kind)
        reason = "its values tie records of two other files: %s; %s" % (
            " and ".join("%r: %s" % (r.column, r.reason()) for r in pair),
            "a link between them" if model else "not loaded: Odoo keeps no such links",
        )
        out[name] = matcher.ObjectProposal(name, kind, model, 0.9, reason)
    for ref in references:
        target_file = by_name[ref.key.table]
        if ref.to_itself or target_file.kind or ref.key.table in out:
            continue
        if profile.not_migrated_for(target_file.name) is not None:
            continue
        source = by_name[ref.table]
        proposal = next((p for p in source.fields if p.source == ref.column), None)
        kinds = _target_kinds(profile, source.kind, proposal.target if proposal else None)
        kind = next((k for k in kinds if profile.model_for(k)), None)
        if kind is None:
            continue
        out[ref.key.table] = matcher.ObjectProposal(
            ref.key.table,
            kind,
            profile.model_for(kind),
            _confidence(ref.share),
            "the %r column of %s (%s) names its rows by their %r: %s"
            % (ref.column, ref.table, proposal.target, ref.key.column, ref.reason()),
        )
    return out


# ----------------------------------------------------------------------
# Columns
# ----------------------------------------------------------------------
def settle_columns(profile, files, references=None):
    """{file name: [FieldProposal]} for the files whose values change a column's
    proposal: references found from values, a name from a column of names, a link
    file's two references. Only the files that change are returned."""
    references = found(files) if references is None else references
    by_name = {f.name: f for f in files}
    out = {}
    for file in files:
        if not file.kind or not file.fields:
            continue
        spec = profile.object_spec(file.kind)
        proposals = list(file.fields)
        own = [r for r in references if r.table == file.name]
        if spec is not None and spec.link:
            changed = _link_columns(profile, file, own, by_name, proposals)
        else:
            changed = _reference_columns(profile, file, own, by_name, proposals)
            changed = _name_column(profile, file, references, proposals) or changed
        if changed:
            out[file.name] = proposals
    return out


def _index(proposals, column):
    return next((i for i, p in enumerate(proposals) if p.source == column), None)


def _weak(proposal):
    """A proposal the values may overrule: none, a new custom field, or a guess."""
    return not proposal.target or proposal.confidence < KEEP_ABOVE


def _reference_columns(profile, file, own, by_name, proposals):
    changed = False
    references = profile.references(file.kind)
    for ref in own:
        index = _index(proposals, ref.column)
        if index is None:
            continue
        proposal = proposals[index]
        other = by_name[ref.key.table].kind
        if not other:
            continue
        if proposal.target and other in _target_kinds(profile, file.kind, proposal.target):
            continue  # the header said so already
        if not _weak(proposal):
            continue
        taken = {p.target for p in proposals if p.target and p is not proposal}
        candidates = [
            t
            for t, r in references.items()
            if other in r.kinds and ref.key.by in r.by and t not in taken
        ]
        if other == "user" and not candidates:
            candidates = [
                t
                for t in sorted(OWNER_TARGETS, key=lambda t: (t != "user_id", t))
                if (not file.targets or t in file.targets) and t not in taken
            ]
        if not candidates:
            continue
        proposals[index] = replace(
            proposal,
            target=candidates[0],
            confidence=_confidence(ref.share),
            reason="%s: it refers to them (%s)" % (ref.reason(), candidates[0]),
            custom_name=None,
            custom_type=None,
        )
        changed = True
    return changed


def _takes_name(profile, file, referred):
    """Whether the file's records need a name (a company, a deal), or have one by which
    other files name them (a user)."""
    spec = profile.object_spec(file.kind)
    for required in spec.required if spec else ():
        options = required if isinstance(required, tuple) else (required,)
        if "name" in options:
            return True
    return bool(referred) and "name" in file.targets


def _name_column(profile, file, references, proposals):
    """A name for a file no header gave one: its column of unique names, the one other
    files refer to first."""
    referred = {r.key.column for r in references if r.key.table == file.name}
    if not _takes_name(profile, file, referred):
        return False
    mapped = {p.target for p in proposals if p.target}
    if "name" in mapped or mapped & {"_first_name", "_last_name"}:
        return False
    named = [k for k in relations.keys(file.name, file.columns) if k.by == "name"]
    named.sort(key=lambda k: (k.column not in referred,))
    for key in named:
        index = _index(proposals, key.column)
        if index is None or not _weak(proposals[index]):
            continue
        if len(named) > 1 and key.column not in referred:
            return False  # several columns of names, none other files use: a person decides
        proposals[index] = replace(
            proposals[index],
            target="name",
            confidence=0.9 if key.column in referred else 0.8,
            reason="no header gives the name: %r holds a different name on every row%s"
            % (key.column, ", by which other files name them" if key.column in referred else ""),
            custom_name=None,
            custom_type=None,
        )
        return True
    return False


def _link_columns(profile, file, own, by_name, proposals):
    """A link file's two references: its parent record and the member it adds."""
    spec = profile.object_spec(file.kind)
    link = spec.link
    changed = False
    for ref in own:
        other = by_name[ref.key.table].kind
        if other == link.parent:
            target = "_parent"
        elif other in link.members:
            target = "_member"
        else:
            continue
        index = _index(proposals, ref.column)
        if index is None or proposals[index].target == target:
            continue
        if any(p.target == target and not _weak(p) for p in proposals):
            continue
        proposals[index] = replace(
            proposals[index],
            target=target,
            confidence=_confidence(ref.share),
            reason="%s: %s"
            % (ref.reason(), "its parent record" if target == "_parent" else "the record it adds"),
            custom_name=None,
            custom_type=None,
        )
        changed = True
    return changed
