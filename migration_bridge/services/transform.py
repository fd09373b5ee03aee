"""From a staged row and the confirmed mapping to what the loader writes.

Pure: no Odoo. ``object_plan`` gathers, once per object, what the profile and
the confirmed columns say; ``transform_row`` turns one staged row into a
``RowPlan``: plain values ready for the ORM, the references to resolve (in bulk,
by the loader), the dates the ORM would overwrite, the status a stage map
decides, the details kept as text, the file a document points to. A row that
cannot load raises ``RowError`` naming its file, row and column.

``assemble`` then puts the resolved references into the values, and
``decide`` says whether a row creates, updates or leaves a record unchanged.
"""

import hashlib
import html
import json
import re
from dataclasses import dataclass, field

from . import targets, values
from .errors import RowError

EMAIL_FIELDS = ("email", "email_from")
# Comodels a run may create a record of when a name is new (tags, industries...).
NAME_LOOKUPS_CREATE = (
    "crm.tag",
    "res.partner.category",
    "crm.team",
    "crm.lost.reason",
    "res.partner.industry",
    "res.partner.title",
    "utm.source",
    "utm.medium",
    "utm.campaign",
)
# Modes of a lookup: how the loader resolves it.
LOOKUP_USER = "user"  # an owner: the project's owner matches, then email, login, name
LOOKUP_RECORD = "record"  # a source record: its x_source_id, then a natural key
LOOKUP_NAME = "name"  # a record named so (a tag, an industry), created when allowed
LOOKUP_COUNTRY = "country"
LOOKUP_STATE = "state"
LOOKUP_XMLID = "xmlid"  # a record of Odoo's data (an activity type, a subtype)


@dataclass(frozen=True)
class XmlId:
    """A record of Odoo's data, named by its XML id, as a profile's value."""

    xmlid: str


@dataclass
class Column:
    """A confirmed mapping line, as the transform sees it."""

    source: str
    target: str
    type: str = "char"  # the target field's type, or the composed target's
    relation: str = None
    selection: tuple = ()  # (key, label) of a selection field
    create_missing: bool = False  # a name that matches nothing creates the record


@dataclass
class ObjectPlan:
    """What the profile and the confirmed map say about one source object."""

    name: str  # the file, for messages
    kind: str
    model: str
    columns: list
    defaults: dict = field(default_factory=dict)
    references: dict = field(default_factory=dict)  # target -> Ref
    value_maps: dict = field(default_factory=dict)  # target -> {normalized value: value}
    transforms: tuple = ()
    required: tuple = ()
    natural_key: tuple = ()
    fold: object = None  # profiles.base.Fold: the rows are kept on a parent record
    onto: object = None  # profiles.base.Onto: the rows are fields of a parent record
    link: object = None  # profiles.base.Link: each row adds a record to its parent's field
    id_field: str = None  # a field that also keeps the platform's own id (x_dtools_id)
    kind_models: dict = field(default_factory=dict)  # kind -> model
    kind_defaults: dict = field(default_factory=dict)  # kind -> defaults
    partner_kinds: tuple = ()  # kinds that land in res.partner (for partner fields)

    @property
    def key_columns(self):
        if self.onto:
            return [c.source for c in self.columns if c.target == "_parent"]
        return [c.source for c in self.columns if c.target == "x_source_id"]

    @property
    def key_kind(self):
        """The kind of the records the rows are written to (their own, or their parent's)."""
        return self.onto.parent if self.onto else self.kind

    def column_of(self, target):
        return next((c.source for c in self.columns if c.target == target), None)


@dataclass
class Lookup:
    """A reference of a row, resolved in bulk by the loader."""

    target: str  # the field or composed target it fills
    mode: str
    comodel: str = None
    tokens: tuple = ()  # the values to find (several for a many2many)
    column: str = None
    kinds: tuple = ()  # LOOKUP_RECORD: the kinds it may point to, first preferred
    by: tuple = ("id",)  # LOOKUP_RECORD: id, email, name
    multi: bool = False
    create: str = None  # LOOKUP_RECORD: kind created from a name; LOOKUP_NAME: "1"
    into: str = None  # the field it fills when not the target itself
    keep: bool = False  # the target keeps its own value as well (a company name)
    deferred: bool = False  # points to the object's own kind: resolved after the object
    country: str = None  # LOOKUP_STATE: the row's country value
    quiet: bool = False  # a value that matches nothing is normal (an outside recipient)
    primary: tuple = None  # Ref.primary: (child kind, flag column) replacing the record

    def key(self, token):
        """What identifies one resolution, shared by every row asking the same."""
        return (self.mode, self.comodel, self.kinds, self.by, self.primary, token.strip().lower())


def record_lookup(target, token, column, kinds, by=("id",), comodel=None):
    """A reference to one record of ``kinds`` by its source id (or email, name): a
    folded row's parent, a link row's parent or member."""
    return Lookup(
        target,
        LOOKUP_RECORD,
        comodel,
        tokens=(token,),
        column=column,
        kinds=tuple(kinds),
        by=tuple(by),
    )


def member_lookup(plan, token, column):
    """A link row's member as the load finds it: a partner of the link's member kinds
    (a user stands for its partner), by the ways its ``_member`` reference says."""
    ref = plan.references.get("_member")
    kinds = [k for k in plan.link.members if plan.kind_models.get(k) == "res.partner"]
    by = tuple(ref.by) if ref else ("id",)
    return record_lookup("_member", token, column, kinds, by, comodel="res.partner")


@dataclass
class RowPlan:
    row: int
    source_id: str
    vals: dict = field(default_factory=dict)
    lookups: list = field(default_factory=list)
    dates: dict = field(default_factory=dict)
    status: list = field(default_factory=list)  # (raw value, column) of stage/status columns
    flags: dict = field(default_factory=dict)
    details: list = field(default_factory=list)  # (label, text)
    emails: list = field(default_factory=list)
    file: tuple = None  # (path, column)
    parent: tuple = None  # (source id, column) of the record a folded row is kept on
    member: tuple = None  # (source id or email, column) of the record a link row adds
    name_parts: dict = field(default_factory=dict)


def where(plan, row, column=None):
    text = "%s, row %s" % (plan.name, row)
    return text + (", column %r" % column if column else "")


# ----------------------------------------------------------------------
# The plan of an object
# ----------------------------------------------------------------------
def object_plan(profile, kind, model, columns, name, transforms=()):
    """The ObjectPlan of a source object of ``kind`` with its confirmed ``columns``;
    ``transforms``: the mapping's own (a name template), after the profile's."""
    spec = profile.object_spec(kind)
    kind_spec = profile.kinds.get(kind)
    return ObjectPlan(
        name=name,
        kind=kind,
        model=model,
        columns=list(columns),
        defaults=dict(kind_spec.defaults) if kind_spec else {},
        references=profile.references(kind),
        value_maps={
            target: {values.normalize_label(k): v for k, v in mapping.items()}
            for target, mapping in (spec.value_maps if spec else {}).items()
        },
        transforms=(tuple(spec.transforms) if spec else ()) + tuple(transforms),
        required=tuple(spec.required) if spec else (),
        natural_key=tuple(spec.natural_key) if spec else (),
        fold=spec.fold if spec else None,
        onto=spec.onto if spec else None,
        link=spec.link if spec else None,
        id_field=profile.id_field,
        kind_models={k: s.model for k, s in profile.kinds.items()},
        kind_defaults={k: dict(s.defaults) for k, s in profile.kinds.items()},
        partner_kinds=tuple(k for k, s in profile.kinds.items() if s.model == "res.partner"),
    )


# ----------------------------------------------------------------------
# Source keys
# ----------------------------------------------------------------------
def source_key(plan, payload):
    """The row's id in the source: its id column(s), or else its natural key.

    Several id columns are joined with '/'; a natural key (a company's name, a
    contact's email) reads 'name=northwind' so that it never mistakes itself for
    an id. None when the row has none.
    """
    keys = plan.key_columns
    if keys:
        parts = [str(payload.get(c) or "").strip() for c in keys]
        return "/".join(parts) if all(parts) else None
    for target in plan.natural_key:
        columns = _natural_key_columns(plan, target)
        raw = " ".join(str(payload.get(c) or "").strip() for c in columns).strip()
        if not columns:
            # Made by a transform (a deal's name from its template)
            made = [
                v for t in plan.transforms for into, v in t.finish(payload, {}) if into == target
            ]
            raw = made[0] if made else ""
        token = values.dedupe_token("email" if "email" in target else "name", raw)
        if token:
            return "%s=%s" % (target, token)
    return None


def _natural_key_columns(plan, target):
    if "+" in target:  # a key of several targets ('order_id+name': a line of its order)
        return [c for part in target.split("+") for c in _natural_key_columns(plan, part)]
    columns = [c.source for c in plan.columns if c.target == target]
    if not columns:
        # Composed from parts (first + last name): in the order the name reads.
        parts = {c.target: c.source for c in plan.columns}
        columns = [parts[p.name] for p in targets.parts_of(target) if p.name in parts]
    return columns


def key_source_columns(plan):
    """The columns a row's source id is read from (its id columns, or its natural key's)."""
    if plan.key_columns:
        return list(plan.key_columns)
    return [c for target in plan.natural_key for c in _natural_key_columns(plan, target)]


def check_key_size(plan, row, source_id):
    """RowError when the row's source id cannot be kept in an index.

    The source id goes into indexed columns (the staged row's ``source_id``, the
    record's ``x_source_id``, the run's links), which hold at most
    ``values.INDEX_MAX_BYTES``. An id that long is no id: it is a broken row (a
    quote that does not close, a note in the id column), so the row is refused
    rather than given a key made up from it (a cut key with a hash would be stable,
    but no one could find the record by it, in the source or in Odoo).
    """
    if not source_id:
        return
    key = record_key(plan.key_kind, source_id)
    if values.fits_index(key):
        return
    column = ", ".join(key_source_columns(plan)) or None
    raise RowError(
        "%s: a source id of %s characters (%s) is too long to be an id: Odoo keeps the "
        "source id in an indexed column, which holds at most %s bytes. A value that long "
        "in an id column is usually a broken row (a quote that does not close, a value "
        "in the wrong column). The row was not loaded; fix it and upload the file again"
        % (
            where(plan, row, column),
            len(source_id),
            values.shown(source_id, 30),
            values.INDEX_MAX_BYTES,
        ),
        column=column,
        code="key_too_long",
    )


def looks_like_id(token):
    """A value that reads as an id: no spaces, and digits in it ('C1001', '0015g00000')."""
    text = str(token or "").strip()
    return bool(text) and " " not in text and any(c.isdigit() for c in text)


def names_not_ids(samples):
    """Whether a column's sample values are names (a company named on a contact)."""
    samples = [s for s in samples or [] if str(s or "").strip()]
    return bool(samples) and not any(looks_like_id(s) for s in samples)


def record_key(kind, source_id):
    """The x_source_id of a record: its kind and its source id ('company:C1001')."""
    return "%s:%s" % (kind, source_id)


# ----------------------------------------------------------------------
# One row
# ----------------------------------------------------------------------
def transform_row(plan, row, payload):
    """The RowPlan of one staged row; RowError when it cannot load."""
    result = RowPlan(row=row, source_id=source_key(plan, payload))
    check_key_size(plan, row, result.source_id)
    for name, value in plan.defaults.items():
        if isinstance(value, XmlId):
            result.lookups.append(Lookup(name, LOOKUP_XMLID, None, (value.xmlid,)))
        else:
            result.vals[name] = value
    consumed = set()
    for transform in plan.transforms:
        hints = getattr(transform, "types", {})
        if getattr(transform, "owns", True):
            consumed.update(values.normalize_label(column) for column in transform.columns)
        for target, raw, column in transform.apply(payload):
            if raw:
                hint = hints.get(target)
                _column_value(plan, result, _column_for(plan, target, column, hint), raw)
    for column in plan.columns:
        if values.normalize_label(column.source) in consumed:
            continue  # the profile's transform owns it
        raw = str(payload.get(column.source) or "").strip()
        if column.target == "x_source_id" or not raw:
            continue
        _column_value(plan, result, column, raw)
    _compose_parts(result)
    country = plan.column_of("country_id")
    for lookup in result.lookups:
        if lookup.mode == LOOKUP_STATE and country:
            lookup.country = str(payload.get(country) or "").strip() or None
    for transform in plan.transforms:
        for target, value in transform.finish(payload, result.vals):
            result.vals.setdefault(target, value)
    _check_required(plan, result)
    if plan.id_field and result.source_id and plan.key_columns:
        result.vals[plan.id_field] = result.source_id
    return result


def _column_for(plan, target, source, hint=None):
    known = next((c for c in plan.columns if c.target == target), None)
    if hint and not known:
        return Column(source, target, hint[0], hint[1] if len(hint) > 1 else None)
    if known:
        return Column(
            source, target, known.type, known.relation, known.selection, known.create_missing
        )
    composed = targets.get(target)
    return Column(source, target, composed.type if composed else "char")


def _column_value(plan, result, column, raw):
    target = column.target
    if target in targets.STAGE_MAPPED:
        result.status.append((raw, column.source))
        return
    composed = targets.get(target)
    mapped = plan.value_maps.get(target)
    if mapped is not None and values.normalize_label(raw) in mapped:
        value = mapped[values.normalize_label(raw)]
        if isinstance(value, XmlId):
            result.lookups.append(
                Lookup(target, LOOKUP_XMLID, column.relation, (value.xmlid,), column.source)
            )
        elif composed and composed.role == targets.ROLE_FLAG:
            result.flags[target] = bool(value)
        elif composed and composed.role == targets.ROLE_DETAIL:
            result.details.append((composed.label, str(value)))
        elif composed:
            _composed_value(plan, result, column, composed, str(value))
        else:
            result.vals[target] = value
        return
    if composed:
        _composed_value(plan, result, column, composed, raw)
        return
    _field_value(plan, result, column, raw)


def _composed_value(plan, result, column, composed, raw):
    role = composed.role
    name = composed.name
    if role == targets.ROLE_PART:
        result.name_parts[name] = raw
    elif role == targets.ROLE_DATE:
        result.dates[composed.into] = _parse(plan, result, column, values.parse_datetime, raw)
    elif role == targets.ROLE_STATUS:
        result.status.append((raw, column.source))
    elif role == targets.ROLE_FLAG:
        try:
            result.flags[name] = values.parse_bool(raw)
        except ValueError:
            known = sorted(plan.value_maps.get(name, {}))
            raise RowError(
                "%s: %r does not say whether it is done (known values: %s)"
                % (where(plan, result.row, column.source), raw, ", ".join(known) or "yes, no"),
                column=column.source,
                code="invalid_value",
            ) from None
    elif role == targets.ROLE_DETAIL:
        result.details.append((composed.label, _detail(plan, result, column, composed, raw)))
    elif role == targets.ROLE_EMAILS:
        found = emails_in(raw)
        result.emails.extend(found)
        if found:
            result.lookups.append(
                Lookup(
                    name,
                    LOOKUP_RECORD,
                    "res.partner",
                    tuple(found),
                    column.source,
                    kinds=plan.partner_kinds,
                    by=("id", "email"),
                    multi=True,
                    into="partner_ids",
                    quiet=True,
                )
            )
    elif role == targets.ROLE_FILE:
        result.file = (raw, column.source)
    elif role == targets.ROLE_PARENT:
        result.parent = (raw, column.source)
    elif role == targets.ROLE_MEMBER:
        result.member = (raw, column.source)
    elif role in (targets.ROLE_REF, targets.ROLE_ATTACH):
        ref = plan.references.get(name)
        kinds = tuple(ref.kinds) if ref else plan.partner_kinds
        result.lookups.append(
            Lookup(
                name,
                LOOKUP_RECORD,
                tokens=tuple(
                    values.split_list(raw)[:1]
                    if role == targets.ROLE_REF
                    else values.split_list(raw)
                ),
                column=column.source,
                kinds=kinds,
                by=tuple(ref.by) if ref else ("id", "email", "name"),
                create=(ref.create if ref and column.create_missing else None),
                into=composed.into,
                deferred=plan.kind in kinds and role == targets.ROLE_REF,
            )
        )


def _detail(plan, result, column, composed, raw):
    if composed.unit == "duration":
        seconds = _parse(plan, result, column, lambda v: duration_seconds(column.source, v), raw)
        return targets.format_duration(seconds)
    return raw


def duration_seconds(header, raw):
    """Seconds from a duration cell; the header's unit decides ('Call duration (ms)').

    '00:05:30' and '5:30' read as hours/minutes/seconds whatever the header says.
    """
    return values.parse_duration(header, raw)


def emails_in(raw):
    """The email addresses in a cell ('Ann <ann@x.com>; bob@y.org'), lowercased."""
    return [m.group(0).lower() for m in values.EMAIL_RE.finditer(raw)]


def _parse(plan, result, column, parser, raw):
    try:
        return parser(raw)
    except ValueError:
        what = {
            values.parse_datetime: "date and time",
            values.parse_date: "date",
        }.get(parser, "value")
        raise RowError(
            "%s: %r is not a valid %s" % (where(plan, result.row, column.source), raw, what),
            column=column.source,
            code="unparseable_date" if what != "value" else "invalid_value",
        ) from None


def _field_value(plan, result, column, raw):
    ftype = column.type
    target = column.target
    here = where(plan, result.row, column.source)
    if ftype in ("many2one", "many2many"):
        result.lookups.append(_field_lookup(plan, result, column, raw))
        return
    try:
        parser = TARGET_PARSERS.get(target)
        value = parser(raw) if parser else convert(ftype, raw, column.selection)
    except ValueError:
        raise RowError(
            "%s: %r is not a valid %s" % (here, raw, ftype),
            column=column.source,
            code="unparseable_date" if ftype in ("date", "datetime") else "invalid_value",
        ) from None
    except LookupError:
        raise RowError(
            "%s: %r is not one of the allowed values (%s)"
            % (here, raw, ", ".join(str(label) for _key, label in column.selection)),
            column=column.source,
            code="invalid_value",
        ) from None
    if target in EMAIL_FIELDS and not _is_address(raw):
        raise RowError(
            "%s: %r is not a valid email address" % (here, raw),
            column=column.source,
            code="invalid_email",
        )
    ref = plan.references.get(target)
    if ref and ref.into:
        # A name that also points to a record (a contact's company name).
        result.lookups.append(
            Lookup(
                target,
                LOOKUP_RECORD,
                tokens=(raw,),
                column=column.source,
                kinds=tuple(ref.kinds),
                by=tuple(ref.by),
                create=ref.create if column.create_missing else None,
                into=ref.into,
                keep=True,
            )
        )
    result.vals[target] = value


def _is_address(raw):
    if values.is_email(raw):
        return True
    match = re.fullmatch(r"[^<>]*<\s*([^<>\s]+)\s*>", raw)
    return bool(match and values.is_email(match.group(1)))


def _field_lookup(plan, result, column, raw):
    multi = column.type == "many2many"
    tokens = tuple(values.split_list(raw)) if multi else (raw,)
    comodel = column.relation
    if comodel == "res.users":
        return Lookup(column.target, LOOKUP_USER, comodel, tokens, column.source, multi=multi)
    if comodel == "res.country":
        return Lookup(column.target, LOOKUP_COUNTRY, comodel, tokens, column.source)
    if comodel == "res.country.state":
        return Lookup(column.target, LOOKUP_STATE, comodel, tokens, column.source)
    ref = plan.references.get(column.target)
    if comodel == "res.partner" or ref is not None:
        # a record of the export (by its source id or natural key), else of Odoo; any
        # model the profile says a reference points to (an estimate's line to its order)
        kinds = tuple(ref.kinds) if ref else plan.partner_kinds
        by = tuple(ref.by) if ref else ("id", "email", "name")
        if by == ("id",) and not multi:
            # a list of ids in one cell (ELMA365's links '[a, b]'): the first is the record
            tokens = tuple(values.split_list(raw)[:1]) or tokens
        return Lookup(
            column.target,
            LOOKUP_RECORD,
            comodel,
            tokens,
            column.source,
            kinds=kinds,
            by=by,
            multi=multi,
            create=ref.create if ref and column.create_missing else None,
            deferred=plan.kind in kinds and not multi,
            primary=ref.primary if ref else None,
        )
    return Lookup(
        column.target,
        LOOKUP_NAME,
        comodel,
        tokens,
        column.source,
        multi=multi,
        create="1" if comodel in NAME_LOOKUPS_CREATE else None,
    )


# Fields whose values a column writes in more than one way: a probability as 90,
# '90 %' or, as HubSpot does, 0.9.
TARGET_PARSERS = {"probability": values.parse_percent}


def convert(ftype, raw, selection=()):
    """A cell as a value of an Odoo field type; ValueError (LookupError for a selection)."""
    if ftype in ("char", "text"):
        return raw
    if ftype == "html":
        return text_to_html(raw)
    if ftype == "boolean":
        return values.parse_bool(raw)
    if ftype == "integer":
        number = values.parse_number(raw)
        if number != int(number):
            raise ValueError(raw)
        return int(number)
    if ftype == "monetary":
        return values.parse_money(raw)[0]
    if ftype == "float":
        # an amount with its currency ('$1,800.00') is a number too (a custom float)
        return values.parse_money(raw)[0]
    if ftype == "date":
        return values.parse_date(raw)
    if ftype == "datetime":
        return values.parse_datetime(raw)
    if ftype == "selection":
        for key, label in selection:
            if str(key).lower() == raw.lower() or str(label).lower() == raw.lower():
                return key
        raise LookupError(raw)
    raise ValueError("fields of type %s cannot be loaded from a column" % ftype)


# A real tag: its name, then attributes or nothing, then '>' ('<p.jones@x.com>' is not one).
HTML_TAG = re.compile(
    r"<\s*/?\s*(p|br|div|span|b|i|u|strong|em|ul|ol|li|a|table|tr|td|h[1-6]|img|html|body)"
    r"(\s+[^<>]*)?\s*/?\s*>",
    re.I,
)


def text_to_html(raw):
    """HTML stays HTML; plain text is escaped, its lines kept as paragraphs and breaks."""
    text = str(raw)
    if HTML_TAG.search(text):
        return text
    paragraphs = re.split(r"\r?\n\s*\r?\n", text.strip())
    return "".join(
        "<p>%s</p>" % "<br>".join(html.escape(line) for line in p.splitlines()) for p in paragraphs
    )


def _compose_parts(result):
    if not result.name_parts:
        return
    for into in {targets.get(n).into for n in result.name_parts}:
        joined = " ".join(
            result.name_parts[p.name]
            for p in targets.parts_of(into)
            if result.name_parts.get(p.name)
        )
        if joined:
            result.vals[into] = joined


def _check_required(plan, result):
    """The profile's mandatory targets (a name...) must have a value in the row."""
    present = set(result.vals) | set(result.name_parts) | {lk.target for lk in result.lookups}
    if result.file:
        present.add("_file")
    if result.parent:
        present.add("_parent")
    if result.member:
        present.add("_member")
    for required in plan.required:
        options = required if isinstance(required, tuple) else (required,)
        if "x_source_id" in options or present.intersection(options):
            continue
        names = [c.source for c in plan.columns if c.target in options]
        column = ", ".join(names) or None
        raise RowError(
            "%s: %s is blank and is mandatory"
            % (where(plan, result.row, column), " / ".join(names) or options[0]),
            column=column,
            code="blank_mandatory",
        )


# ----------------------------------------------------------------------
# After the references are resolved
# ----------------------------------------------------------------------
@dataclass
class Resolved:
    """What the loader found for the lookups of a chunk: key -> id, or (model, id)."""

    found: dict = field(default_factory=dict)

    def get(self, lookup, token):
        return self.found.get(lookup.key(token))


@dataclass
class Assembled:
    vals: dict
    attach: tuple = None  # (model, id) of the record an engagement lands on
    related: list = field(default_factory=list)  # every record the row is about
    missing: list = field(default_factory=list)  # (lookup, token) that matched nothing
    deferred: dict = field(default_factory=dict)  # target -> (token, column)
    refs: dict = field(default_factory=dict)  # model -> ids of every record it points to

    def complete_refs(self):
        """The records the row points to, when every reference of it was found and
        none waits for the object's own rows; else None."""
        if self.missing or self.deferred or None in self.refs:
            return None
        return {model: sorted(ids) for model, ids in sorted(self.refs.items())}


def assemble(plan, row_plan, resolved):
    """The row's values with its references resolved; what matched nothing is listed."""
    vals = dict(row_plan.vals)
    result = Assembled(vals)
    attach = {}
    for lookup in sorted(row_plan.lookups, key=lambda lk: lk.keep):
        if lookup.deferred:
            result.deferred[lookup.target] = (lookup.tokens[0], lookup.column)
            continue
        ids = []
        found_records = []
        for token in lookup.tokens:
            found = resolved.get(lookup, token)
            if found is None:
                result.missing.append((lookup, token))
                continue
            ids.append(found[1] if isinstance(found, tuple) else found)
            found_records.append(found)
            if lookup.mode != LOOKUP_XMLID:  # Odoo's own data (a subtype) is not checked
                model = found[0] if isinstance(found, tuple) else lookup.comodel
                result.refs.setdefault(model, set()).add(ids[-1])
        composed = targets.get(lookup.target)
        if composed and composed.role == targets.ROLE_ATTACH:
            if found_records:
                attach[lookup.target] = found_records[0]
                result.related.extend(found_records)
            continue
        field_name = lookup.into or lookup.target
        if lookup.multi:
            vals[field_name] = [(6, 0, sorted(set(ids)))]
        elif ids:
            if lookup.keep and vals.get(field_name):
                continue  # the reference given by its own column wins over a name
            vals[field_name] = ids[0]
    for name in targets.attach_order():
        if name in attach:
            result.attach = attach[name]
            break
    return result


def settings_hash(*settings):
    """A stable hash of what decides how a row is written (its object's columns and
    their targets, value and owner matches): equal hashes, equal rows write equal
    values."""
    data = json.dumps(settings, sort_keys=True, default=repr)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


def vals_hash(vals, dates=None, extra=None):
    """A stable hash of what a row writes: equal hashes mean an unchanged row."""
    data = json.dumps([vals, dates or {}, extra or []], sort_keys=True, default=str)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


def decide(exists, last_hash, new_hash):
    """Create a record not in Odoo; leave one whose values are those last written."""
    if not exists:
        return CREATE
    if last_hash and last_hash == new_hash:
        return UNCHANGED
    return UPDATE
