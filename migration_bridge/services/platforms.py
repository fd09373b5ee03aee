"""Which platform an export comes from, read from its file names and headers.

A project is proposed by one profile (``profiles``): a platform with a profile of its
own (D-Tools, TOTUS Marketing, OctopusPro, The Customer Factor) is best read by it, and
any other CRM by the generic profile. ``detect`` says which platform the files look
like and why, so that the project shows it (*Salesforce export, read by the generic
profile*) and says when another profile would read the files better.

Two kinds of evidence, each declared once:

- ``SIGNATURES``: the header names a platform writes and others do not (Salesforce's
  API field names, HubSpot's property labels, Pipedrive's ``Entity - Field``, Zoho's
  ``Record Id``, SuiteCRM's and Dynamics' own);
- a profile of its own: the share of the files its objects recognise by their names
  and headers, against the generic profile's.

Pure: files are ``{object name: headers}``; no Odoo.
"""

import re
from dataclasses import dataclass

from . import matcher
from .values import normalize_label

# A platform's words: headers (normalized) that only it writes, and how many of them a
# file must hold to be its.
SIGNATURES = {
    "Salesforce": (
        3,
        "isdeleted systemmodstamp createdbyid lastmodifiedbyid ownerid masterrecordid "
        "lastactivitydate whoid whatid accountid recordtypeid isclosed iswon",
    ),
    "HubSpot": (
        3,
        "record id|create date|last activity date|associated company|lifecycle stage|"
        "hubspot owner|contact owner|company owner|deal owner|deal stage|hs_object_id|"
        "associated contact|associated deal|hubspot team|last modified date",
    ),
    "Zoho CRM": (
        3,
        "record id|account name|deal name|modified time|created time|last activity time|"
        "account owner|contact owner|deal owner|modified by|created by|tag",
    ),
    "SuiteCRM": (
        3,
        "date created|date modified|assigned user name|assigned user id|created by|"
        "modified user id|deleted|parent type|parent id",
    ),
    "Microsoft Dynamics 365": (1, "(do not modify)"),
}
# Pipedrive writes 'Entity - Field' headers ('Deal - Title', 'Organização - Nome'): read
# before normalizing, which drops the dash.
PIPEDRIVE = re.compile(
    r"^(deal|organi[sz]ation|person|activity|note|lead|neg[oó]cio|organiza[cç][aã]o|pessoa|"
    r"atividade) - .+$",
    re.IGNORECASE,
)
# A profile of its own reads the files better when it is this much surer of them, on
# average, than the generic profile, and sure of them on the whole.
OWN_PROFILE_MARGIN, OWN_PROFILE_SURE = 0.05, 0.9


@dataclass(frozen=True)
class Detected:
    platform: str  # a platform's name, or "" when nothing says which
    profile: str  # the code of the profile that reads the files best
    reason: str


def _words(spec):
    _needed, text = spec
    return {normalize_label(w) for w in (text.split("|") if "|" in text else text.split())}


def _signature_hits(files):
    """{platform: [(file, [headers])]} of the files holding enough of its words."""
    hits = {}
    for platform, spec in SIGNATURES.items():
        needed, words = spec[0], _words(spec)
        for name, headers in files.items():
            found = []
            for header in headers:
                label = normalize_label(header)
                if label in words or (
                    platform == "Microsoft Dynamics 365" and "(do not modify)" in header.lower()
                ):
                    found.append(header)
            if len(found) >= needed:
                hits.setdefault(platform, []).append((name, found))
    for name, headers in files.items():
        dashed = [h for h in headers if PIPEDRIVE.match(str(h).strip())]
        if len(dashed) >= 2:
            hits.setdefault("Pipedrive", []).append((name, dashed))
    return hits


def _placed(profile, files):
    """How sure a profile is of the files, on average: its object proposal's confidence
    for each (a custom object or nothing found: 0)."""
    if not files:
        return 0.0
    total = 0.0
    for name, headers in files.items():
        proposal = matcher.propose_object(profile, name, headers)
        if proposal.kind == matcher.CUSTOM_KIND:
            continue
        if proposal.kind or profile.not_migrated_for(name) is not None:
            total += proposal.confidence
    return total / len(files)


def detect(profiles, files, chosen="generic"):
    """The platform the files (``{object name: headers}``) come from and the profile
    that reads them best, with why. ``profiles``: {code: Profile}; ``chosen``: the
    project's profile, kept unless another reads the files clearly better."""
    own = {
        code: _placed(profile, files) for code, profile in profiles.items() if code != "generic"
    }
    generic = _placed(profiles["generic"], files) if "generic" in profiles else 0.0
    best = max(own.items(), key=lambda item: item[1], default=(None, 0.0))
    if best[0] and best[1] >= generic + OWN_PROFILE_MARGIN and best[1] >= OWN_PROFILE_SURE:
        label = profiles[best[0]].label
        return Detected(
            label,
            best[0],
            "its files read as %s's: its profile is %d%% sure of them, the generic one %d%%"
            % (label, round(best[1] * 100), round(generic * 100)),
        )
    hits = _signature_hits(files)
    if hits:
        platform, found = max(hits.items(), key=lambda item: (len(item[1]), item[0]))
        name, headers = found[0]
        reason = "%s's own headers in %d of %d files (%s: %s)" % (
            platform,
            len(found),
            len(files),
            name,
            ", ".join(headers[:4]),
        )
        profile = chosen if chosen in profiles else "generic"
        return Detected(platform, profile, reason)
    profile = chosen if chosen in profiles else "generic"
    return Detected("", profile, "no platform's own headers: read as any CRM's export")
