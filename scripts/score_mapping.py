"""Score the matcher on real-shaped CRM exports: how many columns it proposes right first time.

python3 scripts/score_mapping.py [--series 17.0] [corpus directory]

The corpus (tests/mapping_corpus/) holds one CSV per export, shaped after how HubSpot,
Salesforce, Pipedrive, Zoho, Dynamics, Freshsales, Copper, Insightly, monday.com and
the seed platforms export, and ``answers.json``: per file its kind and, per column,
the targets a person would accept ("" for a column that should become a custom field
or be left out). A column is right when the proposed target is one of them; it is
proposed for the file's true kind, as a person confirms the object first. Prints the
percentage right, the object proposals that were wrong and every wrong column; then the
same for the two parts of tests/corpus/ (exports shaped as other CRMs write them): the
part the matcher is tuned on and the part kept unseen.

The columns land in the fields of one Odoo series, as its snapshot (tests/fields/, recorded
by scripts/record_fields.py) holds them: the primary series' by default. An answer names
the field a person would choose in a series that has it; in a series that removed it
(19.0: a contact's ``mobile`` and ``title``) the column becomes a custom field or is left
out, as for a column no field takes.
"""

import csv
import json
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "mapping_corpus"

if "migration_bridge" not in sys.modules:
    # The addon's __init__ imports Odoo; its pure services need only the package.
    _package = types.ModuleType("migration_bridge")
    _package.__path__ = [str(ROOT / "migration_bridge")]
    sys.modules["migration_bridge"] = _package
# the snapshots of Odoo's fields and their loader (tests/fields/)
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

import fields as snapshots  # noqa: E402

from migration_bridge.services import matcher  # noqa: E402
from migration_bridge.services.inference import profile_rows  # noqa: E402
from migration_bridge.services.profiles import get_profile  # noqa: E402


@dataclass
class Miss:
    file: str
    header: str
    proposed: str
    confidence: float
    acceptable: list


@dataclass
class Score:
    columns: int = 0
    right: int = 0
    confident_misses: int = 0  # wrong and not flagged for review
    misses: list = field(default_factory=list)
    wrong_objects: list = field(default_factory=list)  # (file, proposed kind, kind)

    @property
    def percent(self):
        return 100.0 * self.right / self.columns if self.columns else 0.0


def read_export(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def absent_fields(series):
    """{model: names of the fields another recorded series has and ``series`` has not}."""
    own = snapshots.by_name(series)
    absent = {}
    for other in snapshots.recorded():
        for model, fields in snapshots.by_name(other).items():
            absent.setdefault(model, set()).update(set(fields) - set(own.get(model, ())))
    return absent


def acceptable_in(acceptable, absent):
    """The answer's targets in a series without the fields ``absent``: custom instead."""
    return sorted({"" if target in absent else target for target in acceptable})


def score(corpus=CORPUS, series=snapshots.PRIMARY_SERIES):
    """The Score of the matcher on every export of ``corpus``, on Odoo ``series``' fields."""
    corpus = Path(corpus)
    target_fields = snapshots.target_fields(series)
    absent = absent_fields(series)
    answers = json.loads((corpus / "answers.json").read_text(encoding="utf-8"))
    result = Score()
    for name, answer in answers.items():
        profile = get_profile(answer.get("profile", "generic"))
        headers, rows = read_export(corpus / name)
        field_profiles = profile_rows(headers, rows)
        stem = name.rsplit(".", 1)[0]
        proposed = matcher.propose_object(profile, stem, headers)
        if proposed.kind != answer["kind"]:
            result.wrong_objects.append((name, proposed.kind, answer["kind"]))
        proposals = matcher.propose_fields(
            profile,
            answer["kind"],
            headers,
            field_profiles,
            target_fields.get(profile.model_for(answer["kind"]), []),
            object_name=stem,
        )
        gone = absent.get(profile.model_for(answer["kind"]), set())
        for proposal in proposals:
            acceptable = acceptable_in(answer["columns"][proposal.source], gone)
            result.columns += 1
            if (proposal.target or "") in acceptable:
                result.right += 1
                continue
            if not proposal.needs_review:
                result.confident_misses += 1
            result.misses.append(
                Miss(name, proposal.source, proposal.target or "", proposal.confidence, acceptable)
            )
    return result


def report(result):
    """The score as lines of text."""
    lines = [
        "%.1f%% of %d columns proposed right first time (%d wrong, %d of them not flagged "
        "for review)"
        % (
            result.percent,
            result.columns,
            len(result.misses),
            result.confident_misses,
        )
    ]
    for name, proposed, kind in result.wrong_objects:
        lines.append("object  %s: proposed %s, is %s" % (name, proposed, kind))
    for miss in result.misses:
        lines.append(
            "column  %s | %r: proposed %r (%.2f), acceptable %s"
            % (
                miss.file,
                miss.header,
                miss.proposed or "(custom or none)",
                miss.confidence,
                " / ".join(repr(t) if t else "(custom or none)" for t in miss.acceptable),
            )
        )
    return lines


def main(argv):
    args = argv[1:]
    series = snapshots.PRIMARY_SERIES
    if args[:1] == ["--series"] and len(args) > 1:
        series, args = args[1], args[2:]
    result = score(args[0] if args else CORPUS, series)
    print("Odoo %s" % series)
    print("\n".join(report(result)))
    if not args:
        # the corpus of exports shaped as other CRMs write them (tests/corpus/): the part
        # the matcher is tuned on, and the part kept unseen
        sys.path.insert(0, str(ROOT / "tests" / "corpus"))
        import score as corpus  # noqa: PLC0415

        for part in ("tuned", "unseen"):
            print()
            print("\n".join(corpus.report(corpus.score(part, series=series))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
