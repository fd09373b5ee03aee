"""The matcher: proposes where a source object and each of its columns land.

Every proposal carries a confidence (0..1) and a reason a person can read; a
person confirms or changes it before anything loads. A proposal under
``REVIEW_THRESHOLD`` (0.8) needs review: the UI highlights it and the headless
summary says so.

A header is read several ways (``read_header``): as written, without an object
prefix ('Deal - Value'), without the file's own object word ('Contact Owner', or a
word of the file's name before an id: 'Location ID' in Locations.csv), as naming
another record ('Account Name' on a contact: its company; 'Assigned User ID': the
owner), without its main qualifier ('Mailing Street') or a second one ('Other
Phone'), without its unit ('Call duration (ms)'), as a composite field's part
('Name / First Name', 'Amount / Amount'). The words are data in
``services.vocabulary`` and in the profile's tables; the values speak too
(salutations, users' names, countries, a deal's open/won/lost, the values a
profile's value map reads: 'Residential' / 'Commercial' say is_company).

A column is left out when another carries what it says: the owner by name beside
the owner by id ('Assigned to' beside 'Assigned User ID'), a phone's calling code.
A file whose columns are only the ids of records of other kinds (and a role, a
flag) is an association table: the profile's link kind (``KindSpec.link``).

The scale:

- 0.97 the person chose this target for this header before (``remembered``);
- 0.96 the header is a word of the kind's own table ('Company ID' on a contact);
- 0.95 the header is the field's label or name;
- 0.94 / 0.93 the column gives another record by its id / its name (0.9 for the
  name field beside the reference: partner_name);
- 0.9 the header is a usual name of the model's field; a column of users' names;
- 0.85 a new custom field for a clean header (nothing standard resembles it) of a
  filled column; the values alone say salutations or open/won/lost, or are those of
  the kind's value map; a column left out because another carries what it says;
- 0.75 a new custom field of a mostly empty column; a column of countries;
- 0.6-0.8 a header that only looks like a field (typo, variant); a second value of
  its kind ('Other Phone' as the mobile, 0.7);
- 0.6 a new custom field for a header a standard field resembled, taken by another
  column or ruled out by the values: check it;
- 0.5 the values alone (emails, phones, web addresses);
- 0.3 a sure header whose values the field cannot take.

Less sure readings lose a little (0.01-0.03; 0.1 for a word of the file's name); a
reference or an owner given by names loses 0.03 so that a column of ids wins it.
"""

import dataclasses
import difflib
import re
from dataclasses import dataclass

from . import fit, vocabulary
from . import targets as composed
from .transform import names_not_ids
from .values import normalize_label as normalize
from .values import slugify_field_name


@dataclass(frozen=True)
class TargetField:
    name: str
    label: str
    type: str
    relation: str = None
    required: bool = False
    # a selection's (key, label) pairs; the names of the records of a model a run finds
    # but never creates (Odoo's companies), None when any value may be found or created
    selection: tuple = ()
    known: tuple = None


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

REMEMBERED, KIND_SYNONYM, EXACT, MODEL_SYNONYM = 0.97, 0.96, 0.95, 0.9
# A new custom field: sure when its header is clean (no standard field resembles it)
# and the column filled; a guess when a standard field resembled it.
CUSTOM_CLEAN, CUSTOM_SPARSE_CONFIDENCE, CUSTOM_AMBIGUOUS = 0.85, 0.75, 0.6
CUSTOM_SPARSE = 0.2
# A name read by its neighbour ('Nome' beside 'Cognome'): surer than the word alone.
BESIDE = 0.965
# A reference given by names while another column gives it by ids: the ids win.
NAMES_NOT_IDS = 0.03
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


# ----------------------------------------------------------------------
# Objects
# ----------------------------------------------------------------------
# A file named like an object that does not migrate ('report', 'workflow') is one,
# unless its headers are those of a standard object (a Salesforce report export).
NOT_MIGRATED_BELOW = 0.3


def _matched_length(patterns, name):
    """The length of the longest of ``patterns`` found in a file's normalised name."""
    compact = name.replace(" ", "")
    return max(
        (len(normalize(p)) for p in patterns if normalize(p).replace(" ", "") in compact),
        default=0,
    )


def propose_object(profile, object_name, headers):
    links = link_columns(object_name, headers)
    if links:
        return _link_proposal(profile, object_name, links)
    name = normalize(object_name)
    header_set = {
        reading.phrase
        for header in headers
        for reading in read_header(header, None)
        if not reading.related
    }
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
        candidate = (min(score, 0.99), spec, reasons, len(normalize(pattern or "")))
        if best is None or candidate[0] > best[0]:
            best = candidate
    skipped = profile.not_migrated_for(object_name)
    # the more specific file name wins: 'hr_documents' is КЭДО's, not 'documents'
    if skipped is not None and (
        not best
        or best[0] < NOT_MIGRATED_BELOW
        or _matched_length(skipped.name_patterns, name) > best[3]
    ):
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
        model = custom_model_name(profile.custom_object_name(object_name))
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
    score, spec, reasons, _pattern = best
    reason = "; ".join(reasons)
    if score < 0.5:
        reason = "a guess (%s); check it" % reason
    if spec.kind in profile.app_notes:  # an app's kind, its app missing (Profile.for_apps)
        reason = "%s; %s" % (reason, profile.app_notes[spec.kind])
    return ObjectProposal(object_name, spec.kind, profile.model_for(spec.kind), score, reason)


# An association table's columns besides the ids it links: a role, a flag, no more.
LINK_OTHER_COLUMNS = 3
# Header words of a table's bookkeeping: its own id, stamps, dates, a deletion flag.
BOOKKEEPING_WORDS = frozenset(
    "id ids uuid key date time datetime timestamp modstamp created modified updated "
    "deleted".split()
)
# Header words of what an association table says of a link besides its ids: the
# role of a deal's contact, whether it is the primary one.
LINK_WORDS = frozenset("role roles primary relationship relation direct active".split())


def _forms(header):
    """The normalized forms of a header: as written, and API names spaced."""
    text = str(header or "")
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    return {normalize(text), normalize(spaced)} - {""}


def _kinds_by_id(header):
    """The kinds of record a column gives by their id ('contact_id', 'OpportunityId')."""
    for form in _forms(header):
        kinds, _own, rest = _split_object(_words(form), set())
        if kinds and " ".join(rest) in ID_WORDS:
            return kinds
    return frozenset()


def link_columns(object_name, headers):
    """{header: kinds} of an association table's id columns, or None for a file of records.

    An association table (Salesforce's OpportunityContactRole, SuiteCRM's
    accounts_contacts) holds the ids of records of two kinds or more, and besides them
    only its bookkeeping (its id, dates, a deleted flag) and what it says of each link
    (a role, a primary flag): no name, no status, nothing a record of its own has. A
    file named after one kind with an id column of that kind ('Deal ID' in deals.csv)
    holds that kind's records.
    """
    named = {k for word in normalize(object_name or "").split() for k in _object_kinds([word])}
    own = named if len(named) == 1 else set()
    links, other = {}, []
    for header in headers:
        kinds = _kinds_by_id(header) - {"user"}
        if kinds & own:
            return None  # the file's own records' ids
        if kinds:
            links[header] = kinds
            continue
        words = {w for form in _forms(header) for w in form.split()}
        if not words & BOOKKEEPING_WORDS:
            other.append(words)
    if len(set(links.values())) < 2 or len(other) > LINK_OTHER_COLUMNS:
        return None
    if not all(words & LINK_WORDS for words in other):
        return None
    return links


def link_kind(profile, kinds):
    """The profile's kind for an association table between records of ``kinds``: the
    one that loads such links (a meeting and its attendees), else the one that keeps
    them out; None when the profile has neither."""
    kinds = set(kinds)
    for spec in profile.objects:
        link = spec.link
        if link and link.parent in kinds and kinds - {link.parent} <= set(link.members):
            return spec.kind
    return next(
        (k for k, spec in profile.kinds.items() if spec.link and not profile.model_for(k)),
        None,
    )


def _link_proposal(profile, object_name, links):
    """The proposal of an association table: the profile's link kind, or nothing."""
    kinds = sorted({k for ks in links.values() for k in ks})
    reason = (
        "its columns are the ids of records of other files (%s: %s) and little else: an "
        "association table that links them, no records of its own"
        % (", ".join(repr(h) for h in links), " and ".join(kinds))
    )
    link = link_kind(profile, kinds)
    if link is None:
        return ObjectProposal(
            object_name,
            None,
            None,
            0.5,
            "%s; not loaded (choose a target if it holds records)" % reason,
        )
    model = profile.model_for(link)
    if not model:
        reason += "; not loaded: Odoo keeps no such links as records of their own"
    return ObjectProposal(object_name, link, model, 0.9, reason)


# ----------------------------------------------------------------------
# Headers: what a column's header says, read several ways
# ----------------------------------------------------------------------
@dataclass(frozen=True)
class Reading:
    """One way to read a header: a phrase to look up, or another record it names."""

    phrase: str
    drop: float = 0.0  # confidence lost by reading the header so
    how: str = ""  # said in the reason
    related: str = None  # the kind of another record the column names ('Account Name')
    key: str = None  # with ``related``: 'id', 'name', or the attribute it gives
    second: bool = False  # a second value of its kind ('Other Phone', 'Shipping Street')


def _index(table):
    """{normalized phrase: frozenset of what it names} of a {name: phrases} table."""
    index = {}
    for name, phrases in table.items():
        for phrase in phrases:
            index.setdefault(normalize(phrase), set()).add(name)
    return {phrase: frozenset(names) for phrase, names in index.items()}


OBJECT_INDEX = _index(vocabulary.OBJECT_WORDS)
ID_WORDS = frozenset(normalize(w) for w in vocabulary.ID_WORDS)
NAME_WORDS = frozenset(normalize(w) for w in vocabulary.NAME_WORDS)
SYSTEM_MARKERS = frozenset(normalize(w) for w in vocabulary.SYSTEM_MARKERS)
MAIN_QUALIFIERS = frozenset(vocabulary.MAIN_QUALIFIERS)
SECOND_QUALIFIERS = frozenset(vocabulary.SECOND_QUALIFIERS)
UNIT_WORDS = frozenset(w for words in vocabulary.DURATION_UNITS.values() for w in words)
PHONE_PREFIXES = frozenset(normalize(w) for w in vocabulary.PHONE_PREFIXES)
ENGAGEMENTS = frozenset(("task", "call", "meeting", "note", "email", "document"))


def _words(phrase):
    return [w for w in phrase.split() if w not in vocabulary.STOPWORDS]


def _object_kinds(words):
    """The kinds of record a phrase names ('organizations' -> company), or nothing."""
    phrase = " ".join(words)
    kinds = OBJECT_INDEX.get(phrase)
    if kinds is None and phrase.endswith("ies"):
        kinds = OBJECT_INDEX.get(phrase[:-3] + "y")  # 'opportunities', 'companies'
    if kinds is None and phrase.endswith("s"):
        kinds = OBJECT_INDEX.get(phrase[:-1])
    return kinds or frozenset()


def own_kinds(kind, object_name=None):
    """The kinds whose words name the file's own records: its kind, and its file's words.

    A 'Customers' file of contacts calls its own id 'Customer ID'; any engagement
    file calls itself 'Activity'. Another word of the file's name names its records
    only before an id or a name: a 'Locations' file's 'Location ID' and 'Location Name'.
    """
    kinds = {kind}
    if kind in ENGAGEMENTS:
        kinds |= {k for k, words in vocabulary.OBJECT_WORDS.items() if "activity" in words}
    for word in normalize(object_name or "").split():
        if _object_kinds([word]):
            kinds.add(("own", _singular(word)))
        elif len(word) > 3 and word.isalpha():
            kinds.add(("file", word[:-1] if word.endswith("s") else word))
    return kinds


def _singular(phrase):
    """An object word's singular: 'organizations' -> 'organization', 'opportunities' ->
    'opportunity'."""
    if phrase in OBJECT_INDEX:
        return phrase
    if phrase.endswith("ies") and phrase[:-3] + "y" in OBJECT_INDEX:
        return phrase[:-3] + "y"
    return phrase[:-1]


def _is_own(words, own):
    """Whether a phrase names the file's own records ('Customer' in a customers file)."""
    return bool(_object_kinds(words) & own) or ("own", _singular(" ".join(words))) in own


# A header that counts records ('Number of Activities'): never their id.
COUNT_PREFIXES = ("number of ", "no of ", "nr of ", "numero de ", "nombre de ", "anzahl ")
# Read from a word of the file's name alone: 'Location ID' is the id of a locations
# file's records, less surely than 'Contact ID' is a contact file's.
FILE_WORD = "file"
FILE_WORD_DROP = 0.1


# What a word of the file's name may stand before: an id or a name ('Location ID'), not
# a number ('House Number' in an address file is no record's key).
FILE_WORD_KEYS = frozenset(
    normalize(w) for w in "id ids uuid guid name names nome nombre nom naam namen название".split()
)


def _names_file(words, rest, own):
    """Whether a word of the file's name names its records before an id or a name."""
    if len(words) != 1 or " ".join(rest) not in FILE_WORD_KEYS:
        return False
    word = words[0]
    return ("file", word) in own or ("file", word[:-1]) in own


def _split_object(words, own):
    """(kinds named, is it the file's own object, the other words) of a header.

    The second is FILE_WORD (true) when a word of the file's name that names no kind of
    record says so ('Location ID' in a locations file): a weaker reading.
    """
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        for part, rest in ((words[:size], words[size:]), (words[-size:], words[:-size])):
            if _is_own(part, own):
                return frozenset(), True, rest
            if _names_file(part, rest, own):
                return frozenset(), FILE_WORD, rest
            kinds = _object_kinds(part)
            if kinds:
                return kinds, False, rest
    return frozenset(), False, words


def read_header(header, kind, own=None):
    """The Readings of a header, the plainest first."""
    own = own or own_kinds(kind)
    text = str(header or "").replace("#", " number ")
    marker = re.match(r"\s*\(([^)]*)\)\s*(.+)", text)
    if marker and normalize(marker.group(1)) in SYSTEM_MARKERS:
        text = marker.group(2)
        if _is_own(_words(normalize(text)), own):
            return [Reading("id", 0.01, "the export's own key column")]
    forms = [(normalize(text), "", 0.0)]
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    if spaced != text:
        forms.append((normalize(spaced), "", 0.0))  # API names: 'BillingPostalCode'
    readings = []
    segments = [normalize(part) for part in re.split(r"\s+-\s+", text) if normalize(part)]
    if len(segments) > 1:
        rest = " ".join(segments[1:])
        kinds, is_own, _rest = _split_object(_words(segments[0]), own)
        if is_own and not _rest:
            forms.append((rest, "without its prefix %r" % segments[0], 0.0))
        elif kinds and not _rest:
            readings.extend(_related(kinds, kind, _words(rest), segments[0]))
    forms.extend(_composite_forms(text))
    for form, how, drop in forms:
        if form:
            readings.append(Reading(form, drop, how))
            readings.extend(
                dataclasses.replace(r, drop=round(r.drop + drop, 2))
                for r in _variants(form, kind, own)
            )
    return readings


# A field's part read alone ('Name / First Name'): a little less sure than a plain header.
SUBFIELD_DROP = 0.01


def _composite_forms(text):
    """A composite field's column, '<Label> / <Sub-field>' (Twenty's 'Name / First Name',
    'Address / Address 1', 'Amount / Amount'): its sub-field alone, and its label when
    the sub-field is the field's value itself ('Domain / Link URL' is the domain)."""
    halves = [part.strip() for part in re.split(r"\s+/\s+", text)]
    if len(halves) != 2 or not all(normalize(h) for h in halves):
        return []
    label, sub = halves
    forms = []
    if normalize(sub) not in ID_WORDS:  # 'Street / Number' is no record's key
        forms.append((normalize(sub), "its part %r of %r" % (sub, label), SUBFIELD_DROP))
    if normalize(sub) == normalize(label) or normalize(sub) in vocabulary.MAIN_SUBFIELDS:
        forms.append((normalize(label), "%r is the value of %r" % (sub, label), SUBFIELD_DROP))
    return forms


def _related(kinds, kind, rest, named):
    """Readings of a column that names a record of another kind, by its id or its name."""
    phrase = " ".join(rest)
    if not rest or phrase in NAME_WORDS:
        key = "name"
    elif phrase in ID_WORDS:
        key = "id"
    else:
        key = phrase
    return [
        Reading(phrase, 0.0, "it names the %s" % named, related=other, key=key)
        for other in sorted(kinds)
        if (kind, other) in vocabulary.RELATED
    ]


def _variants(form, kind, own):
    """The header without its object, its qualifiers, its units."""
    words = _words(form)
    out = []
    kinds, is_own, rest = _split_object(words, own)
    phrase = " ".join(rest)
    if is_own and rest:
        extra = FILE_WORD_DROP if is_own == FILE_WORD else 0.0
        if form.startswith(COUNT_PREFIXES):
            pass  # 'Number of Activities' counts them: no id, no attribute of its own
        elif phrase in ID_WORDS:
            out.append(Reading("id", 0.01 + extra, "the id of the file's own records"))
        else:
            out.append(Reading(phrase, 0.03 + extra, "without the object's name"))
    elif kinds:
        out.extend(_related(kinds, kind, rest, " ".join(w for w in words if w not in rest)))
    main = [w for w in words if w not in MAIN_QUALIFIERS]
    if not main and len(words) == 2 and words[-1].isalpha():
        main = words[-1:]  # qualifiers only: 'Billing Address' is an address
    if main and main != words:
        out.append(Reading(" ".join(main), 0.02, "without %r" % form))
    second = [w for w in main if w not in SECOND_QUALIFIERS]
    if second and second != main:
        out.append(Reading(" ".join(second), 0.3, "a second one", second=True))
    plain = [w for w in words if w not in UNIT_WORDS]
    if plain and plain != words:
        out.append(Reading(" ".join(plain), 0.0, "without its unit"))
    if words and " ".join(words) != form:
        out.append(Reading(" ".join(words), 0.01, ""))
    return out


# ----------------------------------------------------------------------
# Values: what a column's values say
# ----------------------------------------------------------------------
def _samples(field_profile):
    """The column's sample values, normalized, without the empty ones."""
    values = list(getattr(field_profile, "samples", None) or []) + list(
        getattr(field_profile, "values", None) or []
    )
    return [normalize(v) for v in values if normalize(v)]


def _share(samples, accepted):
    return sum(1 for s in samples if s in accepted) / len(samples) if samples else 0.0


def salutations_only(field_profile):
    """Whether a column holds salutations (Mr, Dr, Sra.): None when it shows no values."""
    samples = _samples(field_profile)
    return _share(samples, vocabulary.SALUTATIONS) >= 0.8 if samples else None


def not_salutations(field_profile):
    """Whether a column holds something else than salutations: None without values."""
    only = salutations_only(field_profile)
    return None if only is None else not only


# A target whose values must look so: the check of a column's field profile. A job
# position is no salutation (where a series has no partner title, 'Title' of Mr and Dr
# must not land in the job position).
VALUE_CHECKS = {"title": salutations_only, "function": not_salutations}


def _value_offers(profile, kind, header, field_profile, users):
    """(confidence, target, reason) the values alone suggest."""
    if field_profile is None or not getattr(field_profile, "filled", 1):
        return []
    samples = _samples(field_profile)
    ftype = getattr(field_profile, "type", "text")
    raw = [str(v) for v in getattr(field_profile, "samples", None) or () if str(v).strip()]
    offers = [
        (0.5, target, "its values are %ss (filled %d%%)" % (ftype, field_profile.fill_rate * 100))
        for target in VALUE_TARGETS.get(ftype, ())
        if not (
            target == "website"
            and (
                set(normalize(header).split()) & vocabulary.NOT_WEBSITE or not _web_addresses(raw)
            )
        )
    ]
    for target, seen in _mapped_values(profile, kind, field_profile):
        offers.append(
            (
                0.85,
                target,
                "its values (%s) are those the profile reads as %s"
                % (", ".join(seen[:4]), target),
            )
        )
    if users and samples and _share(samples, users) >= 0.6:
        offers.append((0.9, "user_id", "its values are names of Odoo users"))
    if salutations_only(field_profile):
        offers.append((0.85, "title", "its values are salutations (%s)" % ", ".join(samples[:3])))
    if samples and _share(samples, vocabulary.COUNTRIES) >= 0.8:
        offers.append((0.75, "country_id", "its values are countries"))
    if kind == "deal" and samples and all(_says_status(profile, s) for s in samples):
        offers.append((0.85, "_status", "its values say open, won or lost"))
    return offers


def _says_status(profile, value):
    return value in vocabulary.OPEN_WORDS or profile.is_won(value) or profile.is_lost(value)


VALUE_TARGETS = {"email": ("email", "email_from"), "phone": ("phone",), "url": ("website",)}


def _web_addresses(samples):
    """Whether values of the url type are web sites: a scheme, 'www.', a path, or a
    domain ending as web sites' do ('acme.com', 'acme.de'); 'megan.holt' is a nickname."""

    def web(value):
        value = value.strip().lower()
        if re.match(r"(https?://|www\.)", value) or "/" in value:
            return True
        last = value.rsplit(".", 1)[-1].split(":")[0]
        return len(last) == 2 or last in vocabulary.WEB_TLDS

    return not samples or sum(1 for v in samples if web(v)) >= 0.8 * len(samples)


def _mapped_values(profile, kind, field_profile):
    """(target, values) of a column whose values are those a value map of the kind reads
    and that say more than one thing ('Residential' and 'Commercial': is_company)."""
    spec = profile.object_spec(kind)
    if not spec or getattr(field_profile, "type", "text") == "boolean":
        return []
    raw = [str(v) for v in (getattr(field_profile, "values", None) or ())] or [
        str(v) for v in (getattr(field_profile, "samples", None) or ())
    ]
    seen = {normalize(v): v for v in raw if normalize(v)}
    found = []
    for target, mapping in spec.value_maps.items():
        keys = {normalize(k): v for k, v in mapping.items()}
        says = {repr(keys[v]) for v in seen if v in keys}  # what the values translate to
        if len(seen) >= 2 and set(seen) <= set(keys) and len(says) >= 2:
            found.append((target, sorted(seen.values())))
    return found


# ----------------------------------------------------------------------
# Fields
# ----------------------------------------------------------------------
# Models of Odoo's own records that no column of an export names: attachments (they
# come with the document files), messages and subtypes, roles and groups, channels,
# alarms, technical records (ir.*). A field pointing to them is never proposed: a
# header that resembles it ('Attachment', 'UserRoleId') is a coincidence of words.
UNREACHABLE_MODELS = frozenset(
    (
        "mail.message",
        "mail.message.subtype",
        "mail.guest",
        "mail.alias.domain",
        "res.groups",
        "res.role",
        "discuss.channel",
        "calendar.alarm",
        "calendar.recurrence",
        "calendar.event",
        "crm.iap.lead.mining.request",
    )
)


def unreachable(target):
    """Whether ``target`` points to records no column of an export can name."""
    relation = getattr(target, "relation", None) or ""
    return relation.startswith("ir.") or relation in UNREACHABLE_MODELS


def _compatible(target, field_profile):
    if field_profile is None or not getattr(field_profile, "filled", 1):
        return True
    accepted = COMPATIBLE.get(target.type)
    return accepted is None or field_profile.type in accepted


def _tables(profile, kind):
    """(the kind's phrases, the model's phrases): {phrase: targets}."""
    spec = profile.object_spec(kind)
    return (
        _index(spec.synonyms if spec else {}),
        _index(profile.synonyms.get(profile.model_for(kind), {})),
    )


def _label(targets, target):
    return targets[target].label if target in targets else target


def _candidates(profile, kind, header, field_profile, targets, context=None):
    """(confidence, target name, reason) for one header, best first."""
    context = context or _Context.of(profile, kind)
    found = {}
    # targets whose values the profile translates (Personal/Business to is_company)
    value_mapped = set(getattr(profile.object_spec(kind), "value_maps", None) or ())

    def offer(confidence, target, reason):
        if target not in targets or unreachable(targets[target]):
            return
        check = VALUE_CHECKS.get(target)
        if check is not None and check(field_profile) is False:
            return  # 'Title' of job titles is no salutation
        if target not in value_mapped:
            # the values decide over the header: a target that refuses most of them is
            # not proposed ('Customer - Direct' is no address type), one that takes only
            # part of them is only as sure as that part
            share = fit.share(targets[target], field_profile)
            if share is not None and share < fit.REFUSED_BELOW:
                return
            if share is not None and share < 1:
                confidence = min(confidence, share)
                reason += "; " + fit.describe(targets[target], share)
        else:
            share = None
        # the inferred type is a guess where the values were checked one by one
        if (
            share is None
            and target not in value_mapped
            and not _compatible(targets[target], field_profile)
        ):
            if confidence < MODEL_SYNONYM:
                return  # a mere likeness with values of the wrong type: no proposal
            confidence = min(confidence, 0.3)
            reason += "; but its values are %s, which %s (%s) does not take" % (
                field_profile.type,
                targets[target].label,
                targets[target].type,
            )
        if (target in context.references or target in vocabulary.OWNER_TARGETS) and names_not_ids(
            getattr(field_profile, "samples", ())
        ):
            confidence -= NAMES_NOT_IDS  # another column may give the same record by id
        confidence = round(confidence, 2)
        if confidence > found.get(target, (0, ""))[0]:
            found[target] = (confidence, reason)

    by_names = []  # (reference, its plain second choice) of a column naming a record
    for reading in read_header(header, kind, context.own):
        if reading.related:
            _offer_related(offer, kind, header, reading, context, targets)
            if reading.key == "name":
                by_names.append(vocabulary.RELATED[(kind, reading.related)][1:])
            continue
        for confidence, target, reason in context.lookup(reading.phrase, targets):
            how = " (%s)" % reading.how if reading.how else ""
            offer(confidence - reading.drop, target, reason % (header, how))
            second = vocabulary.SECOND_CHOICE.get(target)
            if reading.second and second:
                offer(
                    confidence - 0.25, second, "%r is a second %s: %s" % (header, target, second)
                )
    if not found:
        _offer_alike(offer, profile, kind, header, targets)
    for confidence, target, reason in _value_offers(
        profile, kind, header, field_profile, context.users
    ):
        offer(confidence, target, reason)
    for by_name, second in by_names:
        # 'Contact Name' on a deal finds the contact: the text field of the same name
        # ('contact_name') is only the second choice, whatever its label says
        if by_name in found and second in found and found[second][0] >= found[by_name][0]:
            confidence, reason = found[second]
            found[second] = (
                round(found[by_name][0] - 0.01, 2),
                "%s; the reference that finds the record (%s) comes first"
                % (reason, _label(targets, by_name)),
            )
    return sorted(((c, t, r) for t, (c, r) in found.items()), reverse=True)


def _offer_related(offer, kind, header, reading, context, targets):
    """A column naming another record lands in the reference that finds it so."""
    by_id, by_name, second = vocabulary.RELATED[(kind, reading.related)]
    what = "the %s's %s" % (reading.related, reading.key)
    if reading.key == "id":
        choices = ((0.94, by_id),)
    elif reading.key == "name":
        choices = ((0.93, by_name), (0.9, second))
    else:
        return  # another attribute of that record ('Organization - Address')
    for confidence, target in choices:
        ref = context.refs.get(target)
        if target and (ref is None and target in targets or ref and reading.key in ref.by):
            offer(confidence, target, "%r gives %s: %s" % (header, what, _label(targets, target)))


def _offer_alike(offer, profile, kind, header, targets):
    """Headers that look like a target's name, label or synonyms (a typo, a variant)."""
    forms = [r.phrase for r in read_header(header, kind) if not r.related]
    synonyms = profile.synonyms.get(profile.model_for(kind), {})
    for target in targets.values():
        words = [target.name, target.label] + list(synonyms.get(target.name, []))
        ratio = max(
            difflib.SequenceMatcher(None, form, normalize(w)).ratio()
            for form in forms
            for w in words
        )
        if ratio >= 0.85:
            offer(
                0.6 + (ratio - 0.85) * 1.3,
                target.name,
                "header %r looks like %s (%d%% alike)" % (header, target.label, ratio * 100),
            )


@dataclass
class _Context:
    """What the proposals of one file share: its vocabulary, its own words, the users."""

    kind_phrases: dict
    model_phrases: dict
    own: set
    users: frozenset = frozenset()
    refs: dict = None  # target -> Ref: how each reference of the kind finds its record

    @property
    def references(self):
        """The references that find a record by id or by name."""
        return {t for t, ref in self.refs.items() if "id" in ref.by and "name" in ref.by}

    @classmethod
    def of(cls, profile, kind, object_name=None, user_names=None):
        kind_phrases, model_phrases = _tables(profile, kind)
        return cls(
            kind_phrases,
            model_phrases,
            own_kinds(kind, object_name),
            frozenset(normalize(u) for u in user_names or () if normalize(u)),
            profile.references(kind),
        )

    def lookup(self, phrase, targets):
        """(confidence, target, reason with two %s: header and how) for one phrase."""
        out = []
        for target in self.kind_phrases.get(phrase, ()):
            out.append((KIND_SYNONYM, target, "%%r%%s means %s" % _label(targets, target)))
        for target in targets.values():
            if not composed.is_composed(target.name) and phrase in (
                normalize(target.name),
                normalize(target.label),
            ):
                out.append(
                    (
                        EXACT,
                        target.name,
                        "header %%r%%s is the field %s (%s)"
                        % (
                            target.label,
                            target.name,
                        ),
                    )
                )
        if phrase not in self.kind_phrases:  # the kind's words win over the model's
            for target in self.model_phrases.get(phrase, ()):
                out.append(
                    (
                        MODEL_SYNONYM,
                        target,
                        "header %%r%%s is a usual name of %s" % _label(targets, target),
                    )
                )
        return out


def _targets_for(profile, kind, target_fields):
    """The model's fields, and the composed targets the kind offers."""
    spec = profile.object_spec(kind)
    # Folded rows write no field of their own (they are text on their parent); rows
    # written onto a parent only add new fields to it, never overwrite its own.
    own = not (spec and (spec.fold or spec.onto or spec.link))
    targets = {t.name: t for t in target_fields} if own else {}
    universal = () if spec and spec.onto else composed.UNIVERSAL
    if spec and spec.link:
        universal = ("x_source_id",)  # a link row's own id: nothing else of it is kept
    for name in universal + tuple(spec.targets if spec else ()):
        target = composed.get(name)
        targets[name] = TargetField(name, target.label, target.type)
    return targets


def _remembered(header, remembered, targets, field_profile):
    """The (confidence, target, reason) a person chose before for this header, or None."""
    choice = (remembered or {}).get(normalize(header))
    if not choice:
        return None
    target, note = choice
    if not target:
        return (REMEMBERED, "", "chosen before (%s): not imported" % note)
    if target in targets and _compatible(targets[target], field_profile):
        return (REMEMBERED, target, "chosen before (%s)" % note)
    return None


def _beside(headers, options, field_profiles):
    """Headers read by their neighbours: Italian 'Nome' beside 'Cognome' is the first name,
    'Unit' beside 'Street' the address's second line. A word that says nothing alone
    says nothing of an empty column either: it is left out."""
    sure = {target for neg, _i, target, _r, _c in options if -neg >= MODEL_SYNONYM}
    extra = []
    for index, header in enumerate(headers):
        rule = vocabulary.BESIDE.get(normalize(header))
        if not getattr(field_profiles.get(header), "filled", 1):
            continue
        if rule and rule[0] in sure:
            reason = "%r beside a column of %s is the %s" % (header, rule[0], rule[1])
            extra.append((-BESIDE, index, rule[1], reason, BESIDE))
    return extra


def propose_fields(
    profile,
    kind,
    headers,
    field_profiles,
    target_fields,
    remembered=None,
    object_name=None,
    user_names=None,
):
    """One proposal per header: a target, or a new custom field, or nothing.

    ``remembered``: {normalize_label(header): (target, note)} of the choices a person
    made before for this profile and kind (target "" when the column was left out).
    ``object_name``: the file's name, whose words name its own records ('Customers').
    ``user_names``: names, logins and emails of the Odoo users: a column of them is
    the owner.
    """
    targets = _targets_for(profile, kind, target_fields)
    spec = profile.object_spec(kind)
    context = _Context.of(profile, kind, object_name, user_names)
    by_transform = {
        normalize(column): transform
        for transform in (spec.transforms if spec else ())
        for column in transform.columns
    }
    skipped = {normalize(h) for h in spec.skip_columns} if spec else set()
    options = []
    had_candidates = set()
    left_out = {}  # index -> the proposal of a column that carries nothing of its own
    for index, header in enumerate(headers):
        if normalize(header) in by_transform or normalize(header) in skipped:
            continue  # the profile's transform owns the column, or says it carries nothing
        part = _part_of_a_value(header, kind, context.own)
        if part:
            left_out[index] = FieldProposal(header, None, SAME_RECORD, part)
            continue
        field_profile = field_profiles.get(header)
        chosen_before = _remembered(header, remembered, targets, field_profile)
        if chosen_before:
            confidence, target, reason = chosen_before
            options.append((-confidence, index, target, reason, confidence))
            continue
        for confidence, target, reason in _candidates(
            profile, kind, header, field_profile, targets, context
        ):
            options.append((-confidence, index, target, reason, confidence))
            had_candidates.add(index)
    options.extend(_beside(headers, options, field_profiles))
    if kind == CUSTOM_KIND:
        options.extend(_custom_object_key(headers, field_profiles))
    options.sort()
    chosen = {}
    used = {}  # target -> the header that took it
    best = {}  # index -> the target its column was surest of
    for _neg, index, target, reason, confidence in options:
        best.setdefault(index, target)
        if index in chosen or (target and target in used):
            continue
        chosen[index] = FieldProposal(headers[index], target or None, confidence, reason)
        if target:
            used[target] = headers[index]
    taken_names = set(targets)
    proposals = []
    for index, header in enumerate(headers):
        if index in chosen:
            proposals.append(chosen[index])
            continue
        if index in left_out:
            proposals.append(left_out[index])
            continue
        same = best.get(index)
        declared = profile.object_spec(kind) and profile.object_spec(kind).custom_types
        if (
            same in used
            and (same in vocabulary.OWNER_TARGETS or same in context.refs)
            and header not in (declared or {})  # the profile keeps it as a field of its own
        ):
            # 'Assigned to' (names) beside 'Assigned User ID' (ids): one owner, twice
            proposals.append(
                FieldProposal(
                    header,
                    None,
                    SAME_RECORD,
                    "%r gives the same %s as %r, which is mapped to it: not imported"
                    % (header, _label(targets, same), used[same]),
                )
            )
            continue
        proposals.append(
            _no_target(
                profile,
                kind,
                header,
                field_profiles.get(header),
                taken_names,
                by_transform,
                ambiguous=index in had_candidates,
            )
        )
    return proposals


# A column left out because another column carries what it says: the same record (an
# owner by name beside its id), or the value it is a part of (a phone's calling code).
SAME_RECORD = 0.85


def _part_of_a_value(header, kind, own):
    """Why a column carries nothing of its own (a phone's calling code), or None."""
    for reading in read_header(header, kind, own):
        if not reading.related and reading.phrase in PHONE_PREFIXES:
            return (
                "%r is the %s of a phone given in another column: not imported; Odoo "
                "formats a phone by its partner's country" % (header, reading.phrase)
            )
    return None


def _no_target(profile, kind, header, field_profile, taken_names, by_transform, ambiguous):
    """The proposal of a column no standard field takes: left out, or a new custom field."""
    spec = profile.object_spec(kind)
    if spec and normalize(header) in {normalize(h) for h in spec.skip_columns}:
        return FieldProposal(header, None, 0.9, "%r carries nothing to migrate" % header)
    kind_spec = profile.kinds.get(kind)
    if spec and spec.fold:
        return FieldProposal(
            header,
            None,
            0.9,
            "kept as text in %s of its %s" % (spec.fold.label, spec.fold.parent),
        )
    if spec and spec.link:
        return FieldProposal(
            header,
            None,
            0.9,
            "a link row only adds its record to the %s of its %s"
            % (spec.link.label.lower(), spec.link.parent),
        )
    if kind_spec is not None and not kind_spec.custom_fields:
        return FieldProposal(header, None, 0.9, "%s keep no custom fields" % kind_spec.label)
    transform = by_transform.get(normalize(header))
    if transform is not None:
        return FieldProposal(
            header,
            None,
            0.9,
            "composed by the profile into %s (%s)"
            % (transform.into, type(transform).__name__.lower()),
        )
    prefix = "x_%s_" % spec.onto.prefix if spec and spec.onto else "x_"
    proposal = _custom_proposal(profile, header, field_profile, taken_names, prefix, ambiguous)
    declared = spec.custom_types.get(header) if spec else None
    if declared and proposal.custom_name:
        proposal.custom_type = declared
        proposal.reason = "%s; %s by the profile" % (proposal.reason, declared)
    return proposal


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


def _custom_proposal(profile, header, field_profile, taken_names, prefix="x_", ambiguous=False):
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
    reason = (
        "no standard field for %r; a new custom field %s (%s) will be created on "
        "confirmation" % (header, name, ttype)
    )
    if ambiguous:
        confidence = CUSTOM_AMBIGUOUS
        reason += "; it resembles a standard field that another column or its values rule out"
    elif fill < CUSTOM_SPARSE:
        confidence = CUSTOM_SPARSE_CONFIDENCE
        reason += "; it is mostly empty (%d%%)" % (fill * 100)
    else:
        confidence = CUSTOM_CLEAN
    return FieldProposal(header, None, confidence, reason, custom_name=name, custom_type=ttype)


def propose(
    profile,
    object_name,
    headers,
    field_profiles,
    target_fields_by_model,
    remembered=None,
    user_names=None,
):
    """The object proposal of a file and its field proposals (see ``propose_fields``)."""
    proposal = propose_object(profile, object_name, headers)
    if not proposal.model:
        return proposal, []
    fields = propose_fields(
        profile,
        proposal.kind,
        headers,
        field_profiles,
        target_fields_by_model.get(proposal.model, []),
        remembered=remembered,
        object_name=object_name,
        user_names=user_names,
    )
    return proposal, fields


def missing_required(profile, kind, proposals, templated=()):
    """Readable messages for the required targets no column is mapped to.

    ``templated``: targets a name template fills (``propose_name_template``). A file
    with no id column needs none when its natural key is mapped
    (``propose_source_key`` says which).
    """
    spec = profile.object_spec(kind)
    mapped = {p.target for p in proposals if p.target} | set(templated)
    composed_into = {
        composed.get(t).into for t in mapped if composed.get(t) and composed.get(t).into
    }
    transformed = {t.into for t in (spec.transforms if spec else ())}
    messages = []
    for required in spec.required if spec else ():
        options = required if isinstance(required, tuple) else (required,)
        if mapped.intersection(options) or (composed_into | transformed).intersection(options):
            continue
        if "x_source_id" in options and any(
            set(key.split("+")) <= (mapped | composed_into) for key in spec.natural_key
        ):
            continue  # the natural key (a name, an email; 'order_id+name') is the source key
        if "x_source_id" in options:
            messages.append(
                "no column is mapped to the source id (x_source_id); map the column that "
                "holds each record's unique id"
            )
        else:
            messages.append("no column is mapped to %s; it is mandatory" % " or ".join(options))
    return messages


def _columns_of(target, mapped):
    """The columns a target reads: its own, or its parts' (first + last name)."""
    if "+" in target:  # a key of several targets: all of them, in order
        parts = [_columns_of(part, mapped) for part in target.split("+")]
        return [c for columns in parts for c in columns] if all(parts) else []
    if target in mapped:
        return [mapped[target]]
    return [mapped[p.name] for p in composed.parts_of(target) if p.name in mapped]


def propose_source_key(profile, kind, proposals, field_profiles=None):
    """The natural key that becomes the source key of a file with no id column.

    Returns ``(key, reason)``, or None when a column is mapped to x_source_id or no
    column gives the kind's natural key. ``key`` lists the natural-key targets
    (``ObjectSpec.natural_key``) the rows are keyed by, in the order
    ``transform.source_key`` tries them, joined by '|': 'email|name' keys a contact
    by its email, or by its name when it has none, and its source id then reads
    'email=ann@example.com'.
    """
    spec = profile.object_spec(kind)
    mapped = {p.target: p.source for p in proposals if p.target}
    if spec is None or "x_source_id" in mapped:
        return None
    used = [(t, _columns_of(t, mapped)) for t in spec.natural_key if _columns_of(t, mapped)]
    if not used:
        return None
    reason = "no column gives the records' ids: each row is known by %s" % ", or else ".join(
        "its %s (%s)" % (target, " + ".join(repr(c) for c in columns)) for target, columns in used
    )
    columns = used[0][1]
    field_profile = (field_profiles or {}).get(columns[0]) if len(columns) == 1 else None
    shared = getattr(field_profile, "filled", 0) - getattr(field_profile, "distinct", 0)
    if field_profile is not None and not field_profile.distinct_capped and shared > 0:
        reason += "; %d rows repeat a value of %r and will be one record" % (shared, columns[0])
    return "|".join(target for target, _columns in used), reason


def propose_name_template(profile, kind, proposals):
    """A name made from the columns, for a file with no name column (a deal's title).

    Returns ``(template, reason)`` in the syntax of ``profiles.base.Template``
    ('{Account Name} - {Product}': column headers in braces), or None when a column
    is mapped to the name, the kind requires none, or no column can make one.
    """
    spec = profile.object_spec(kind)
    groups = vocabulary.NAME_TEMPLATE_PARTS.get(kind)
    required = {
        t for r in (spec.required if spec else ()) for t in (r if isinstance(r, tuple) else (r,))
    }
    mapped = {p.target: p.source for p in proposals if p.target}
    if not groups or "name" not in required or "name" in mapped:
        return None
    products = {normalize(w) for w in vocabulary.PRODUCT}
    for proposal in proposals:
        if not proposal.target and normalize(proposal.source) in products:
            mapped.setdefault("_product", proposal.source)
    columns = []
    for group in groups:
        column = next((mapped[t] for t in group if t in mapped), None)
        if column and column not in columns:
            columns.append(column)
    if not columns:
        return None
    template = " - ".join("{%s}" % column for column in columns[:2])
    return template, "no column gives the name: each record is named %r from its columns" % (
        template
    )
