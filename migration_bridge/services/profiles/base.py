"""The declarative shape of a platform profile.

A profile says which source objects a platform exports (recognised by file name
and headers), which Odoo model each kind of object lands in, the header
synonyms of each target field, the words that mean won and lost, the dedupe
keys and the objects that do not migrate. It holds data only: the matcher and
the planner read it.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..matcher import normalize
from ..readers.base import SourceRow
from ..values import normalize_label

# Load-order weights kept free for what the loader creates or later profiles add.
RESERVED_RANKS = {
    30: "teams and stages (created by the loader)",
    50: "activities",
    60: "messages",
    70: "attachments",
}

# Inferred type (services.inference.FIELD_TYPES) -> Odoo ttype of a new custom field.
CUSTOM_TYPE_FOR = {
    "text": "char",
    "integer": "integer",
    "float": "float",
    "money": "float",
    "date": "date",
    "datetime": "datetime",
    "boolean": "boolean",
    "email": "char",
    "phone": "char",
    "url": "char",
    "selection": "selection",
}


@dataclass(frozen=True)
class Ref:
    """What a column points to: a record of one of ``kinds`` (the first found wins).

    ``by``: how its value is matched: ``id`` (the record's source id), ``email`` or
    ``name`` (a natural key: a company named in a deal row). ``create``: the kind
    of record created when a name matches nothing (a company named on contacts
    but absent from the export), once a person has confirmed it with the mapping.
    ``into``: for a plain field that also names a record (a contact's company
    name), the field that receives the record.
    """

    kinds: tuple
    by: tuple = ("id", "name")
    create: str = None
    into: str = None
    # (kind, flag column): the record found is replaced by its child of that kind whose
    # flag column is set in the export (a client's primary contact becomes the deal's
    # partner), when it has one.
    primary: tuple = None


def _headers(text):
    return re.findall(r"{([^{}]+)}", text)


def _cell(payload, header):
    wanted = normalize_label(header)
    for key, value in payload.items():
        if normalize_label(key) == wanted:
            return str(value or "").strip()
    return ""


@dataclass(frozen=True)
class Template:
    """A value the export lacks, made from its columns: a deal named '{Account} - {Product}'.
    A segment in square brackets is written only when all its columns have a value
    ('{_step}[: {_comment}]').

    Used when the row gives the field no value of its own. ``owns``: its columns are
    its alone (false: they also go where the map sends them, as a deal's account both
    names the deal and is its customer).
    """

    into: str
    template: str
    owns: bool = True

    def apply(self, payload):
        return ()

    def finish(self, payload, vals):
        cells = {h: _cell(payload, h) for h in _headers(self.template)}
        if not any(cells.values()):
            return ()

        def segment(match):  # '[, finished {_finished_at}]': only with its columns
            part = match.group(1)
            return part if all(cells[h] for h in _headers(part)) else ""

        text = re.sub(r"\[([^\[\]]*)\]", segment, self.template)
        for header, value in cells.items():
            text = text.replace("{%s}" % header, value)
        text = re.sub(r"^[\s\-–,/:]+|[\s\-–,/:]+$", "", text)
        return ((self.into, text),) if text else ()

    @property
    def columns(self):
        return tuple(_headers(self.template))


@dataclass(frozen=True)
class Join:
    """Several columns into one target: address lines into the street, with ``sep``."""

    into: str
    sources: tuple
    sep: str = ", "
    # The target's type when no column maps to it: ("many2many", "res.partner.category")
    # joins tag columns into tags found or created by name.
    target_type: tuple = None

    @property
    def types(self):
        return {self.into: self.target_type} if self.target_type else {}

    def apply(self, payload):
        parts = [_cell(payload, h) for h in self.sources]
        joined = self.sep.join(p for p in parts if p)
        return tuple((self.into, joined, h) for h in self.sources[:1]) + tuple(
            (self.into, "", h) for h in self.sources[1:]
        )

    def finish(self, payload, vals):
        return ()

    @property
    def columns(self):
        return self.sources


@dataclass(frozen=True)
class Split:
    """One column into several targets: 'Doe, John' into last and first name."""

    source: str
    into: tuple
    sep: str = None  # None: on white space

    def apply(self, payload):
        raw = _cell(payload, self.source)
        if not raw:
            return ()
        parts = (
            raw.split(self.sep, len(self.into) - 1)
            if self.sep
            else raw.split(None, len(self.into) - 1)
        )
        parts = [p.strip() for p in parts] + [""] * (len(self.into) - len(parts))
        pairs = zip(self.into, parts, strict=True)
        return tuple((target, part, self.source) for target, part in pairs)

    def finish(self, payload, vals):
        return ()

    @property
    def columns(self):
        return (self.source,)


@dataclass(frozen=True)
class Money:
    """An amount given in cents (or any ``scale``), with its currency in another column."""

    into: str
    amount: str
    currency: str = None
    scale: int = 100
    # The currency is a record of Odoo's currencies, found by its code.
    types = {"currency_id": ("many2one", "res.currency")}

    def apply(self, payload):
        raw = _cell(payload, self.amount)
        out = []
        if raw:
            try:
                value = float(raw.replace(" ", "").replace(",", ".")) / self.scale
            except ValueError:
                value = raw  # left to the field's own check, which names the column
            out.append((self.into, str(value), self.amount))
        if self.currency and _cell(payload, self.currency):
            out.append(("currency_id", _cell(payload, self.currency), self.currency))
        return tuple(out)

    def finish(self, payload, vals):
        return ()

    @property
    def columns(self):
        return (self.amount,) + ((self.currency,) if self.currency else ())


@dataclass(frozen=True)
class Fold:
    """Child rows kept on their parent: a project's locations as one text field.

    The rows of the object point to their parent by ``ref`` (a target holding the
    parent's source id); each reads as ``template`` (column names in braces) and
    the parent's ``field`` (a custom field created at confirmation, ``ttype``)
    receives them joined by ``sep``.
    """

    parent: str
    field: str
    label: str
    template: str
    ttype: str = "text"
    sep: str = "\n"

    def render(self, payload):
        """One row as a line of text; '{Name|Product}' takes the first column present."""
        text = self.template
        for header in _headers(self.template):
            value = next((_cell(payload, h) for h in header.split("|") if _cell(payload, h)), "")
            text = text.replace("{%s}" % header, value)
        return re.sub(r"\s+,", ",", re.sub(r"[ \t]+", " ", text)).strip(" ,-:")

    def render_all(self, payloads):
        """The rows of one parent, as the text its field keeps."""
        return self.sep.join(line for line in (self.render(p) for p in payloads) if line)

    def values(self, payloads):
        """{field: value} the rows of one parent write onto it: the text of them all."""
        return {self.field: self.render_all(payloads)}


@dataclass(frozen=True)
class Typed(Fold):
    """A typed list's rows (ELMA365's ``[{type, email}]``, ``[{type, tel}]``) kept on
    their parent: the first row of each ``first`` entry's types goes to that field of
    the parent (``("phone", ("work", "home"))``, ``("mobile", ("mobile",))``; ``*``: any
    type), the other rows, rendered by ``template``, to ``field`` as readable text.
    ``value``: the column holding the value, ``type_column`` the one holding its type."""

    value: str = "value"
    type_column: str = "type"
    first: tuple = ()

    def values(self, payloads):
        # a record named in several items gives its list once per item: the same entry
        # twice is one entry
        payloads = list(
            {
                (_cell(p, self.type_column).lower(), _cell(p, self.value).lower()): p
                for p in reversed(payloads)
            }.values()
        )[::-1]
        picked, out = set(), {}
        for target, types in self.first:
            for wanted in types:
                index = next(
                    (
                        i
                        for i, p in enumerate(payloads)
                        if i not in picked
                        and _cell(p, self.value)
                        and (wanted == "*" or _cell(p, self.type_column).lower() == wanted)
                    ),
                    None,
                )
                if index is not None:
                    picked.add(index)
                    out[target] = _cell(payloads[index], self.value)
                    break
        rest = [p for i, p in enumerate(payloads) if i not in picked]
        out[self.field] = self.render_all(rest)
        return out


@dataclass(frozen=True)
class Onto:
    """Rows that add fields to a record of another kind (a project's service plan).

    A row names its record by ``_parent`` (its source id); its columns become custom
    fields of that record's model, named ``x_<prefix>_<column>``, of the types discovery
    found (a billing frequency: a selection). A row whose record is not loaded fails;
    none is ever created.
    """

    parent: str
    prefix: str


@dataclass(frozen=True)
class Link:
    """Rows that tie a record of one kind to records of others: a meeting's attendees.

    A row names its ``parent`` record by ``_parent`` (its source id) and one record of
    ``members`` by ``_member`` (a source id or an email; a user stands for its
    partner); the member is added to the parent's many2many ``field``. The rows are
    no records of their own: each counts updated when it added its member, unchanged
    when the member was there already, failed when either record is not found.
    """

    parent: str
    members: tuple
    field: str
    label: str


@dataclass(frozen=True)
class Only:
    """A row filter: only the rows whose ``column`` holds one of ``values`` (compared
    normalised) are records of the object; the others are counted skipped with
    ``reason`` (an internal task is no lead), never lost silently. A row without the
    column, or with it blank, is kept."""

    column: str
    values: tuple
    reason: str

    def keeps(self, payload):
        value = _cell(payload, self.column)
        return not value or normalize(value) in {normalize(v) for v in self.values}


@dataclass(frozen=True)
class Properties:
    """A cell of key-value pairs (``Lot Size (sq ft): 6400; Referral Source: Yard
    Sign``), in any file of the profile that has ``column``: each key becomes a column
    of its own before the rows are staged, in the cell's place, so that discovery types
    it by its values and the matcher proposes it as any column (a custom field per
    normalised name and model: 'Lot Size (sq ft)' and 'LOT SIZE SQ FT' are one).

    Keys are one column by their normalised name, named by their first spelling; a key
    naming a column the file has fills it where that cell is empty. What is no pair (no
    ``key_sep``) or repeats a key already filled in the row is kept, as written, in the
    column ``<column> (other)``, made only when some row needs it: nothing of the cell is
    lost. The file is read twice (once to find the keys), never held whole."""

    column: str
    pair_sep: str = ";"
    key_sep: str = ":"

    @property
    def other(self):
        return "%s (other)" % self.column

    def split(self, cell):
        """([(key, value)], [fragments that are no pair]) of one cell."""
        pairs, rest = [], []
        for fragment in (cell or "").split(self.pair_sep):
            key, sep, value = fragment.partition(self.key_sep)
            if sep and key.strip():
                pairs.append((key.strip(), value.strip()))
            elif fragment.strip():
                rest.append(fragment.strip())
        return pairs, rest

    def spread(self, values, columns, found=None):
        """``values`` with the cell's pairs as columns (``columns``: normalised name ->
        header; with ``found``, a key not there yet is added to both)."""
        values = dict(values)
        pairs, rest = self.split(values.pop(self.column, ""))
        for key, value in pairs:
            name = normalize_label(key)
            if name not in columns and found is not None:
                columns[name] = found[name] = key
            header = columns.get(name)
            if header is None or values.get(header, "") != "":
                rest.append("%s%s %s" % (key, self.key_sep, value))
            else:
                values[header] = value
        values[self.other] = ("%s " % self.pair_sep).join(rest)
        return values

    def apply(self, table):
        """The table with the cell spread into columns (the table itself when it has no
        such column)."""
        if self.column not in table.headers or table.blocked:
            return table
        headers = [h for h in table.headers if h != self.column]
        columns = {normalize_label(h): h for h in headers}
        found, other = {}, False
        for row in table.rows():
            other = self.spread(row.values, columns, found)[self.other] != "" or other
        at = table.headers.index(self.column)
        headers[at:at] = list(found.values()) + ([self.other] if other else [])
        read = table._read_rows

        def read_rows():
            for item in read():
                if isinstance(item, SourceRow):
                    values = self.spread(item.values, columns)
                    if not other:
                        del values[self.other]
                    values = {h: values.get(h, "") for h in headers} | values
                    item = SourceRow(item.row, values, item.problems)
                yield item

        return dataclasses.replace(table, headers=headers, _read_rows=read_rows)


class _Synonyms:
    """Headers named by a word's ``synonyms`` (target -> headers)."""

    def headers(self, target, headers):
        """The headers among ``headers`` that ``synonyms[target]`` names (compared
        normalised), in the file's order."""
        wanted = {normalize_label(h) for h in self.synonyms.get(target) or ()}
        return [h for h in headers or () if normalize_label(h) in wanted]


@dataclass(frozen=True)
class Children(_Synonyms):
    """Child rows of another object that become records inside a row's companion (an
    ELMA365 project's tasks, ``projects._tasks``, as ``project.task`` of its Odoo
    project). A child row names its record by the column ``synonyms['_parent']`` (its
    source id); ``synonyms`` give the other values by header (``name``,
    ``date_deadline``, ``stage_id``: the status, a stage of the companion; ``x_source_id``:
    its own id, else its row number keys it). The rows keep whatever their object does
    besides (a Fold's text on the deal)."""

    kind: str
    model: str
    key: str
    synonyms: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Companion(_Synonyms):
    """One row making two records: each row of the object, once written, also makes or
    updates a record of ``model`` beside its own (a job's deal and its ``project.task``,
    an ELMA365 project's deal and its ``project.project``), linked to the row's record
    on the companion's record link (``refs``: {the row's model: [id]}; source key
    ``<kind>_<key>:<source id>``, ``booking_task:10408``). It is made only where
    ``app`` is installed; without it ``Profile.for_apps`` lists it on Does not migrate
    ("install Project to migrate the bookings' tasks") and the row's record is all
    there is. Companion records are no rows: they change no row counts.

    ``synonyms``: target -> headers of the row read beside the mapping (the columns
    keep their own mapping line: a deal's custom field): ``user_ids`` several owners in
    one cell (a booking's field workers), a date (``date_start``). ``within``: the model
    of a record named after the object that holds the companions (``project.project``:
    the tasks of the bookings in *Bookings*), found by name or created. ``children``:
    child rows that become records inside the companion (``Children``)."""

    model: str
    app: str
    app_label: str
    label: str
    key: str
    synonyms: dict = field(default_factory=dict)
    within: str = None
    children: Children = None


def task_beside(assignees):
    """With the Project app, each row's record (a booking, a job) is also a task of the
    project named after its object, assigned to the users its ``assignees`` columns
    name (several in one cell, matched as owners are)."""
    return Companion(
        "project.task",
        "project",
        "Project",
        "tasks",
        key="task",
        within="project.project",
        synonyms={"user_ids": list(assignees)},
    )


@dataclass(frozen=True)
class NotMigrated:
    """An object of the platform that does not migrate, and what replaces it in Odoo."""

    object: str
    equivalent: str
    note: str = ""
    name_patterns: tuple = ()


@dataclass(frozen=True)
class KindSpec:
    """What a kind of source record becomes in Odoo.

    ``rank`` orders the load (lower first); ``defaults`` are the values every
    record of the kind gets (``{'is_company': True}``, ``{'type': 'opportunity'}``):
    the matcher never proposes a column for them.
    """

    model: str
    rank: int
    label: str
    defaults: dict = field(default_factory=dict)
    # False: a column with no home is left out, never a new custom field (a directory
    # of the source's users, which is read and never written).
    custom_fields: bool = True
    # True: the kind's records point only to records loaded before it, never to those
    # of another independent kind (an email, a task, a meeting): objects of
    # independent kinds load side by side, so that several workers never wait at the
    # end of one of them.
    independent: bool = False
    # True: the kind's files are association tables (a deal's contact roles, SuiteCRM's
    # accounts_contacts): rows made of the ids of records of other kinds, with a role or
    # a flag at most. The matcher recognises them by their columns (whatever their name)
    # and proposes this kind; with no model (``model`` None) they are not loaded.
    link: bool = False
    # The Odoo app (a module's technical name: ``sale_management``, ``account``) the
    # kind's model belongs to, and its name as people know it ('Sales'). Without that
    # app installed, the kind's files take their object's ``fallback``
    # (``Profile.for_apps``).
    app: str = None
    app_label: str = None


@dataclass(frozen=True)
class ObjectSpec:
    """A source object the profile recognises, by file name and headers."""

    kind: str
    # Words of a file name that mean this kind ('compan' matches 'Companies.csv').
    name_patterns: tuple = ()
    # Headers that strongly suggest this kind.
    header_hints: tuple = ()
    # Target field -> kinds of the objects it points to, e.g. {'parent_id': ('company',)}.
    references: dict = field(default_factory=dict)
    # Targets that must be mapped; a tuple inside means "any one of these".
    required: tuple = ()
    # Header synonyms that only hold for this kind, target -> synonyms. They win over
    # the model's: for a contact, 'Company ID' is its company, not its own id.
    synonyms: dict = field(default_factory=dict)
    # Composed targets (services.targets) this kind offers besides the universal ones.
    targets: tuple = ()
    # Targets whose values identify a record when the export has no id column.
    natural_key: tuple = ()
    # target -> {source value: Odoo value (an XmlId for Odoo data)}: statuses, types...
    value_maps: dict = field(default_factory=dict)
    # Template, Join, Split, Money: values composed from the export's columns.
    transforms: tuple = ()
    # Rows folded into a parent instead of records of their own.
    fold: Fold = None
    # Rows whose columns are fields of a record of another kind (written onto it).
    onto: Onto = None
    # Rows that add records of other kinds to a record's many2many (attendees).
    link: Link = None
    # Only: the rows that are records of the object; the others are skipped, with why.
    only: Only = None
    # header -> Odoo type of the custom field its column becomes, when the profile knows
    # better than the values of one export (a billing frequency is a selection).
    custom_types: dict = field(default_factory=dict)
    # Headers of columns that carry nothing to keep (a deleted flag, a body length).
    skip_columns: tuple = ()
    # What the object becomes when its kind's app (``KindSpec.app``) is not installed:
    # another ObjectSpec (estimates kept as text lines on their customer, ``Fold``),
    # or a NotMigrated entry (listed on the Does not migrate tab). None: the object is
    # left to the matcher as if the profile did not know it.
    fallback: object = None
    # A header whose presence says the rows are records named inside other records (a
    # contact nested in each task that names it, ``_parent_id``): there, one id on
    # several rows is one record named again (its first row loads, the others are
    # skipped as NAMED_AGAIN), never a duplicate for a person to settle. None: an id on
    # several rows is the audit's blocking duplicate.
    repeats: str = None
    # Companion: records of other models each row also makes (a job's task), where
    # their app is installed (``Profile.for_apps``).
    companions: tuple = ()


# Why a row of a record named again (ObjectSpec.repeats) is skipped.
NAMED_AGAIN = "the same record, named again in another item: its first row loads"


@dataclass
class Profile:
    """One source platform, declared as data."""

    code: str
    label: str
    objects: list
    kinds: dict
    # model -> target field -> header synonyms (lowercase; normalized when compared)
    synonyms: dict = field(default_factory=dict)
    won_values: tuple = ()
    lost_values: tuple = ()
    # kind -> fields two records must share to be the same
    dedupe_keys: dict = field(default_factory=dict)
    # A file no object of the profile fits is proposed as a new custom object (an x_
    # model with a field per column), not left out; a person confirms it.
    custom_objects: bool = False
    # A custom field every migrated record also keeps the platform's own id in
    # ('x_dtools_id'), created at confirmation on each target model.
    id_field: str = None
    id_label: str = None
    # objects that do not migrate (NotMigrated), listed with their Odoo equivalent
    not_migrated: list = field(default_factory=list)
    # inferred type -> Odoo ttype of a new custom field
    custom_type_for: dict = field(default_factory=lambda: dict(CUSTOM_TYPE_FOR))
    # Properties: a cell of key-value pairs whose keys are columns of their own
    properties: Properties = None
    # Object names start with their tenant ('hub-a.equipment', ELMA365's HUB tenants;
    # a child table's second part starts with '_': 'equipment._items'): a new custom
    # object's model is named without it, so one application of several tenants is
    # one model ('x_equipment') holding the records of all of them.
    tenant_prefix: bool = False

    # kind -> why its files load as they do ('install Sales to migrate the estimates'):
    # set by ``for_apps`` on the kinds that stand in for a missing app's.
    app_notes: dict = field(default_factory=dict)

    def custom_object_name(self, object_name):
        """The name a new custom object's model and label are made from: the object's,
        less its tenant where the profile's object names carry one."""
        if self.tenant_prefix:
            _tenant, sep, rest = str(object_name).partition(".")
            if sep and rest and not rest.startswith("_"):
                return rest
        return object_name

    def read_table(self, table):
        """A table read from an upload, as the profile reads it before it is staged
        (a ``Properties`` cell spread into columns)."""
        return self.properties.apply(table) if self.properties else table

    def for_apps(self, installed):
        """This profile as it reads on a database whose installed modules are
        ``installed``: each object whose kind needs an app that is missing
        (``KindSpec.app``) is replaced by its ``fallback`` (an ObjectSpec: its files
        load as that kind; a NotMigrated: they are listed on the Does not migrate
        tab), the missing apps' kinds are gone, and the reason names the app
        ('install Sales to migrate the estimates'). With the app, a NotMigrated
        fallback is off the list. The one place the format's ``app`` word is read."""
        installed = frozenset(installed or ())
        apps = {spec.app for spec in self.kinds.values() if spec.app}
        apps |= {c.app for spec in self.objects for c in spec.companions}
        missing = frozenset(app for app in apps if app not in installed)
        cache = self.__dict__.setdefault("_for_apps", {})
        if missing not in cache:
            cache[missing] = self._without(missing)
        return cache[missing]

    def app_reason(self, kind):
        """'install Sales to migrate the estimates', for a kind that needs an app."""
        spec = self.kinds[kind]
        return "install %s to migrate the %s" % (
            spec.app_label or spec.app,
            re.sub(r"\s*\(.*\)$", "", spec.label).lower(),
        )

    def companion_reason(self, kind, companion):
        """'install Project to migrate the bookings' tasks', for a companion of the
        objects of ``kind``."""
        label = re.sub(r"\s*\(.*\)$", "", self.kinds[kind].label).lower()
        return "install %s to migrate the %s%s %s" % (
            companion.app_label or companion.app,
            label,
            "'" if label.endswith("s") else "'s",
            companion.label,
        )

    def _without_companions(self, spec, missing, notes, not_migrated):
        """``spec`` without its companions whose app is missing, each listed on Does
        not migrate (a NotMigrated matching no file: the object itself loads)."""
        gone = [c for c in spec.companions if c.app in missing]
        if not gone:
            return spec
        kind = self.kinds.get(spec.kind)
        for companion in gone:
            reason = self.companion_reason(spec.kind, companion)
            notes[spec.kind] = "; ".join(p for p in (notes.get(spec.kind), reason) if p)
            not_migrated.append(
                NotMigrated(
                    "%s: %s" % (kind.label if kind else spec.kind, companion.label),
                    "%s (the %s app)" % (companion.model, companion.app_label or companion.app),
                    reason,
                )
            )
        kept = tuple(c for c in spec.companions if c.app not in missing)
        return dataclasses.replace(spec, companions=kept)

    def missing_companions(self, kind):
        """The NotMigrated entries of the companions of ``kind``'s objects that this
        profile (``for_apps``) left out for their missing app."""
        label = self.kinds[kind].label if kind in self.kinds else kind
        return [e for e in self.not_migrated if e.object.startswith(label + ": ")]

    def _without(self, missing):
        objects, notes = [], dict(self.app_notes)
        not_migrated = list(self.not_migrated)
        for spec in self.objects:
            spec = self._without_companions(spec, missing, notes, not_migrated)
            kind = self.kinds.get(spec.kind)
            fallback = spec.fallback
            if kind is None or not kind.app or kind.app not in missing:
                objects.append(spec)
                if isinstance(fallback, NotMigrated) and fallback in not_migrated:
                    not_migrated.remove(fallback)  # the app takes the files
                continue
            reason = self.app_reason(spec.kind)
            if isinstance(fallback, ObjectSpec):
                objects.append(fallback)
                notes[fallback.kind] = (
                    "%s; kept as text on their %s meanwhile" % (reason, fallback.fold.parent)
                    if fallback.fold
                    else reason
                )
            elif isinstance(fallback, NotMigrated):
                listed = dataclasses.replace(
                    fallback,
                    note="; ".join(p for p in (reason, fallback.note) if p),
                    name_patterns=fallback.name_patterns or spec.name_patterns,
                )
                if fallback in not_migrated:
                    not_migrated[not_migrated.index(fallback)] = listed
                else:
                    not_migrated.append(listed)
        kinds = {
            name: spec
            for name, spec in self.kinds.items()
            if not (spec.app and spec.app in missing)
        }
        return dataclasses.replace(
            self, objects=objects, kinds=kinds, not_migrated=not_migrated, app_notes=notes
        )

    def kind_spec(self, kind):
        """The KindSpec of ``kind``; KeyError naming the known kinds otherwise."""
        try:
            return self.kinds[kind]
        except KeyError:
            raise KeyError(
                "profile %r has no kind %r; known kinds: %s"
                % (self.code, kind, ", ".join(sorted(self.kinds)))
            ) from None

    def model_for(self, kind):
        """The Odoo model of ``kind``, None for an unknown kind."""
        spec = self.kinds.get(kind)
        return spec.model if spec else None

    def object_spec(self, kind):
        """The ObjectSpec of ``kind``, None when the profile declares none."""
        return next((spec for spec in self.objects if spec.kind == kind), None)

    def named_again(self, kind, headers):
        """Why a later row of an id is skipped (NAMED_AGAIN) when the rows of ``kind``,
        with these ``headers``, are records named inside others (``ObjectSpec.repeats``);
        None when an id on several rows is a duplicate. The one place the word is read:
        the audit's table and the load's skip both ask here."""
        spec = self.object_spec(kind)
        if spec and spec.repeats and spec.repeats in (headers or ()):
            return NAMED_AGAIN
        return None

    def references(self, kind):
        """Target -> Ref, for ``kind`` (a bare tuple of kinds reads as Ref(kinds))."""
        spec = self.object_spec(kind)
        refs = dict(spec.references) if spec else {}
        return {
            target: ref if isinstance(ref, Ref) else Ref(tuple(ref))
            for target, ref in refs.items()
        }

    def not_migrated_for(self, object_name):
        """The NotMigrated entry a file name stands for, None otherwise."""
        name = normalize(object_name).replace(" ", "")
        for entry in self.not_migrated:
            if any(normalize(p).replace(" ", "") in name for p in entry.name_patterns):
                return entry
        return None

    @cached_property
    def _won(self):
        return frozenset(normalize(v) for v in self.won_values)

    @cached_property
    def _lost(self):
        return frozenset(normalize(v) for v in self.lost_values)

    def is_won(self, value):
        """Whether a stage or status value means won ('Closed Won', 'closed_won', 'Won')."""
        text = normalize(value)
        return bool(text) and text in self._won

    def is_lost(self, value):
        """Whether a stage or status value means lost ('Closed Lost', 'perdu', 'Lost')."""
        text = normalize(value)
        return bool(text) and text in self._lost

    def custom_ttype(self, inferred_type):
        """The Odoo ttype of a new custom field for a column of ``inferred_type``."""
        return self.custom_type_for.get(inferred_type, "char")
