"""The matcher: proposes where a source object and each of its columns land.

Every proposal carries a confidence (0..1) and a reason a person can read; a
person confirms or changes it before anything loads. A proposal under
``REVIEW_THRESHOLD`` needs review: the UI highlights it and the headless summary
says so.
"""

import difflib
import re
from dataclasses import dataclass

from . import targets as composed
from .values import normalize_label as normalize
from .values import slugify_field_name


@dataclass(frozen=True)
class TargetField:
    name: str
    label: str
    type: str
    relation: str = None
    required: bool = False


@dataclass
class ObjectProposal:
    object_name: str
    kind: str
    model: str
    confidence: float
    reason: str


@dataclass
class FieldProposal:
    source: str
    target: str
    confidence: float
    reason: str
    custom_name: str = None
    custom_type: str = None

    @property
    def needs_review(self):
        return needs_review(self.confidence)


# Which inferred types each Odoo field type accepts without a doubt.
COMPATIBLE = {
    "integer": {"integer", "boolean"},
    "float": {"integer", "float", "money"},
    "monetary": {"integer", "float", "money"},
    "date": {"date", "datetime"},
    "datetime": {"date", "datetime"},
    "boolean": {"boolean"},
}

EXACT, KIND_SYNONYM, MODEL_SYNONYM = 0.95, 0.96, 0.9
# The one threshold: a proposal less sure than this is marked needs_review.
REVIEW_THRESHOLD = 0.8


def needs_review(confidence):
    """Whether a proposal of this confidence (0..1) must be looked at by a person."""
    return confidence < REVIEW_THRESHOLD


# The kind of a file no standard object fits, when the profile proposes custom objects.
CUSTOM_KIND = "custom"


def custom_model_name(object_name):
    """The model of a new custom object: 'Webinar registrations' -> 'x_webinar_registrations'."""
    return slugify_field_name(object_name, prefix="x_")[:60]


def _header_forms(header):
    """The header, and without a leading 'Object - ' (Pipedrive: 'Deal - Value')."""
    forms = [normalize(header)]
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", header)
    if spaced != header:
        forms.append(normalize(spaced))  # API names: 'BillingPostalCode'
    if " - " in header:
        forms.append(normalize(header.split(" - ", 1)[1]))
    return [f for f in forms if f]


# ----------------------------------------------------------------------
# Objects
# ----------------------------------------------------------------------
def propose_object(profile, object_name, headers):
    name = normalize(object_name)
    header_set = {form for header in headers for form in _header_forms(header)}
    best = None
    for spec in profile.objects:
        pattern = next(
            (
                p
                for p in spec.name_patterns
                if normalize(p) in name.replace(" ", "") or normalize(p) in name
            ),
            None,
        )
        hints = [h for h in spec.header_hints if normalize(h) in header_set]
        score = (0.8 if pattern else 0.0) + min(len(hints) * 0.1, 0.5)
        reasons = []
        if pattern:
            reasons.append("file name %r suggests %s" % (object_name, spec.kind))
        if hints:
            reasons.append("headers %s" % ", ".join(repr(h) for h in hints[:4]))
        candidate = (min(score, 0.99), spec, reasons)
        if best is None or candidate[0] > best[0]:
            best = candidate
    skipped = profile.not_migrated_for(object_name)
    if skipped is not None and (not best or best[0] < 0.8):
        return ObjectProposal(
            object_name,
            None,
            None,
            0.9,
            "%s do not migrate: %s%s"
            % (
                skipped.object,
                skipped.equivalent,
                (" (%s)" % skipped.note) if skipped.note else "",
            ),
        )
    if (not best or best[0] == 0) and profile.custom_objects:
        model = custom_model_name(object_name)
        return ObjectProposal(
            object_name,
            CUSTOM_KIND,
            model,
            0.5,
            "no standard object fits %r; a new custom object %s, with a field per column, "
            "will be created on confirmation (or choose a target)" % (object_name, model),
        )
    if not best or best[0] == 0:
        return ObjectProposal(
            object_name, None, None, 0.0, "could not tell what this file holds; choose the target"
        )
    score, spec, reasons = best
    reason = "; ".join(reasons)
    if score < 0.5:
        reason = "a guess (%s); check it" % reason
    return ObjectProposal(object_name, spec.kind, profile.model_for(spec.kind), score, reason)


# ----------------------------------------------------------------------
# Fields
# ----------------------------------------------------------------------
def _compatible(target, field_profile):
    if field_profile is None or not getattr(field_profile, "filled", 1):
        return True
    accepted = COMPATIBLE.get(target.type)
    return accepted is None or field_profile.type in accepted


def _candidates(profile, kind, header, field_profile, targets):
    """(confidence, target name, reason) for one header, best first."""
    spec = profile.object_spec(kind)
    forms = _header_forms(header)
    found = {}

    def offer(confidence, target, reason):
        if target not in targets:
            return
        if not _compatible(targets[target], field_profile):
            if confidence < MODEL_SYNONYM:
                return  # a mere likeness with values of the wrong type: no proposal
            confidence = min(confidence, 0.3)
            reason += "; but its values are %s, which %s (%s) does not take" % (
                field_profile.type,
                targets[target].label,
                targets[target].type,
            )
        if confidence > found.get(target, (0, ""))[0]:
            found[target] = (confidence, reason)

    kind_synonyms = spec.synonyms if spec else {}
    for target, synonyms in kind_synonyms.items():
        if any(form in {normalize(s) for s in synonyms} for form in forms):
            offer(
                KIND_SYNONYM,
                target,
                "for %s, %r means %s"
                % (
                    kind,
                    header,
                    targets.get(target, target).label if target in targets else target,
                ),
            )
    for target in targets.values():
        if composed.is_composed(target.name):
            continue
        if any(form in (normalize(target.name), normalize(target.label)) for form in forms):
            offer(
                EXACT,
                target.name,
                "header %r is the field %s (%s)" % (header, target.label, target.name),
            )
    for target, synonyms in profile.synonyms.get(profile.model_for(kind), {}).items():
        if target in kind_synonyms:
            continue
        if any(form in {normalize(s) for s in synonyms} for form in forms):
            offer(
                MODEL_SYNONYM,
                target,
                "header %r is a usual name of %s (%s)"
                % (header, targets[target].label if target in targets else target, target),
            )
    if not found:
        for target in targets.values():
            words = [target.name, target.label] + list(
                profile.synonyms.get(profile.model_for(kind), {}).get(target.name, [])
            )
            ratio = max(
                difflib.SequenceMatcher(None, form, normalize(w)).ratio()
                for form in forms
                for w in words
            )
            if ratio >= 0.85:
                offer(
                    round(0.6 + (ratio - 0.85) * 1.3, 2),
                    target.name,
                    "header %r looks like %s (%d%% alike)" % (header, target.label, ratio * 100),
                )
    if field_profile is not None and getattr(field_profile, "filled", 1):
        by_value = {"email": ("email", "email_from"), "phone": ("phone",), "url": ("website",)}
        for target in by_value.get(field_profile.type, ()):
            offer(
                0.5,
                target,
                "its values are %ss (filled %d%%)"
                % (field_profile.type, field_profile.fill_rate * 100),
            )
    return sorted(((c, t, r) for t, (c, r) in found.items()), reverse=True)


def _targets_for(profile, kind, target_fields):
    """The model's fields, and the composed targets the kind offers."""
    spec = profile.object_spec(kind)
    # Folded rows write no field of their own (they are text on their parent); rows
    # written onto a parent only add new fields to it, never overwrite its own.
    own = not (spec and (spec.fold or spec.onto))
    targets = {t.name: t for t in target_fields} if own else {}
    universal = () if spec and spec.onto else composed.UNIVERSAL
    for name in universal + tuple(spec.targets if spec else ()):
        target = composed.get(name)
        targets[name] = TargetField(name, target.label, target.type)
    return targets


def propose_fields(profile, kind, headers, field_profiles, target_fields):
    """One proposal per header: a target, or a new custom field, or nothing."""
    targets = _targets_for(profile, kind, target_fields)
    spec = profile.object_spec(kind)
    by_transform = {
        normalize(column): transform
        for transform in (spec.transforms if spec else ())
        for column in transform.columns
    }
    options = []
    for index, header in enumerate(headers):
        if normalize(header) in by_transform:
            continue  # the profile's transform owns the column
        for confidence, target, reason in _candidates(
            profile, kind, header, field_profiles.get(header), targets
        ):
            options.append((-confidence, index, target, reason, confidence))
    if kind == CUSTOM_KIND:
        options.extend(_custom_object_key(headers, field_profiles))
    options.sort()
    chosen = {}
    used = set()
    for _neg, index, target, reason, confidence in options:
        if index in chosen or target in used:
            continue
        chosen[index] = FieldProposal(headers[index], target, confidence, reason)
        used.add(target)
    taken_names = set(targets)
    proposals = []
    for index, header in enumerate(headers):
        if index in chosen:
            proposals.append(chosen[index])
            continue
        if spec and normalize(header) in {normalize(h) for h in spec.skip_columns}:
            proposals.append(
                FieldProposal(header, None, 0.9, "%r carries nothing to migrate" % header)
            )
            continue
        kind_spec = profile.kinds.get(kind)
        if spec and spec.fold:
            proposals.append(
                FieldProposal(
                    header,
                    None,
                    0.9,
                    "kept as text in %s of its %s" % (spec.fold.label, spec.fold.parent),
                )
            )
            continue
        if kind_spec is not None and not kind_spec.custom_fields:
            proposals.append(
                FieldProposal(header, None, 0.9, "%s keep no custom fields" % kind_spec.label)
            )
            continue
        transform = by_transform.get(normalize(header))
        if transform is not None:
            proposals.append(
                FieldProposal(
                    header,
                    None,
                    0.9,
                    "composed by the profile into %s (%s)"
                    % (transform.into, type(transform).__name__.lower()),
                )
            )
            continue
        prefix = "x_%s_" % spec.onto.prefix if spec and spec.onto else "x_"
        proposal = _custom_proposal(
            profile, header, field_profiles.get(header), taken_names, prefix
        )
        declared = spec.custom_types.get(header) if spec else None
        if declared and proposal.custom_name:
            proposal.custom_type = declared
            proposal.reason = "%s; %s by the profile" % (proposal.reason, declared)
        proposals.append(proposal)
    return proposals


def _custom_object_key(headers, field_profiles):
    """A new custom object's source id: its first id column whose values are unique."""
    for index, header in enumerate(headers):
        form = normalize(header)
        if form != "id" and not form.endswith(" id") and not form.endswith("id"):
            continue
        profile = field_profiles.get(header)
        if profile is not None and getattr(profile, "distinct", 0) < getattr(profile, "filled", 0):
            continue  # repeated values: a reference to another object, not its id
        reason = "%r is the first column of unique ids: the new object's source id" % header
        return [(-0.8, index, "x_source_id", reason, 0.8)]
    return []


def _custom_proposal(profile, header, field_profile, taken_names, prefix="x_"):
    fill = getattr(field_profile, "fill_rate", 1.0) if field_profile is not None else 1.0
    if not fill:
        return FieldProposal(header, None, 1.0, "column is empty; not migrated")
    name = slugify_field_name(header, prefix=prefix)
    base, count = name, 2
    while name in taken_names:
        name = "%s_%s" % (base[:60], count)
        count += 1
    taken_names.add(name)
    inferred = getattr(field_profile, "type", "text") if field_profile is not None else "text"
    ttype = profile.custom_ttype(inferred)
    return FieldProposal(
        header,
        None,
        0.5,
        "no standard field for %r; a new custom field %s (%s) will be created on confirmation"
        % (header, name, ttype),
        custom_name=name,
        custom_type=ttype,
    )


def propose(profile, object_name, headers, field_profiles, target_fields_by_model):
    proposal = propose_object(profile, object_name, headers)
    if not proposal.model:
        return proposal, []
    fields = propose_fields(
        profile,
        proposal.kind,
        headers,
        field_profiles,
        target_fields_by_model.get(proposal.model, []),
    )
    return proposal, fields


def missing_required(profile, kind, proposals):
    """Readable messages for the required targets no column is mapped to."""
    spec = profile.object_spec(kind)
    mapped = {p.target for p in proposals if p.target}
    composed_into = {
        composed.get(t).into for t in mapped if composed.get(t) and composed.get(t).into
    }
    transformed = {t.into for t in (spec.transforms if spec else ())}
    messages = []
    for required in spec.required if spec else ():
        options = required if isinstance(required, tuple) else (required,)
        if mapped.intersection(options) or (composed_into | transformed).intersection(options):
            continue
        if "x_source_id" in options and (mapped | composed_into) & set(spec.natural_key):
            continue  # the natural key (a name, an email) is the source key
        if "x_source_id" in options:
            messages.append(
                "no column is mapped to the source id (x_source_id); map the column that "
                "holds each record's unique id"
            )
        else:
            messages.append("no column is mapped to %s; it is mandatory" % " or ".join(options))
    return messages
