"""Score the matcher on exports shaped after formats we did not write.

python3 tests/corpus/score.py [tuned|unseen ...]

``tests/corpus/<part>/<export>/`` holds one platform's export (its files as the
platform writes them), ``README.md`` (where the shape comes from) and
``answers.json``::

    {"files": {"<file name>": {"kind": "<kind>", "model": "<model or null>",
                               "columns": {"<header>": <answer>}}}}

An answer is a string, or a list of strings when several are equally right:

- a field of the model (``email``) or a composed target of services/targets.py
  (``_first_name``, ``_status``, ``_record``, ``x_source_id``, ``create_date``...);
- ``custom``: no standard field takes it; a new x_ custom field is right;
- ``skip``: it carries nothing to migrate;
- ``ref:<kind>``: it points to records of another file (``ref:company``). It is
  right when the proposed target is a reference the profile declares for the
  file's kind towards that kind (a contact's ``parent_id`` or ``company_name``, a
  deal's ``partner_id``, an engagement's ``_record`` or ``_company``...);
  ``ref:user`` (an owner) is right as ``user_id`` (``author_id`` on notes and emails).

Each file is read as an upload is (services.readers), profiled
(services.inference.profile_rows) and proposed: its object by
``matcher.propose_object``, its columns by ``matcher.propose_fields`` for its true
kind, as ``scripts/score_mapping.py`` does (a person confirms the object first),
with the target fields Odoo 19 offers (the recorded snapshot tests/fields/19.0.json).
Files whose kind is no kind of the profile (``link``: an association table,
``not_migrated``: products, quotes) are scored on their object only.

The unseen part is written once and never used to change the matcher: tune
against ``tuned`` only.
"""

import json
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PARTS = ("tuned", "unseen")
SERIES = "19.0"  # the target fields the columns are proposed against

if "migration_bridge" not in sys.modules:
    # The addon's __init__ imports Odoo; its pure services need only the package.
    _package = types.ModuleType("migration_bridge")
    _package.__path__ = [str(ROOT / "migration_bridge")]
    sys.modules["migration_bridge"] = _package
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from fields import target_fields  # noqa: E402  tests/fields/: Odoo's fields per series

from migration_bridge.services import matcher, readers, structure  # noqa: E402
from migration_bridge.services.inference import profile_rows  # noqa: E402
from migration_bridge.services.profiles import get_profile  # noqa: E402

CUSTOM, SKIP, REF = "custom", "skip", "ref:"
NOT_MIGRATED = "not_migrated"
AUTHORED = ("note", "email")  # kinds whose owner is the message's author


@dataclass
class Miss:
    file: str  # <export>/<file name>
    header: str
    expected: list
    proposed: str  # a target, 'custom' or 'skip'
    confidence: float
    needs_review: bool


@dataclass
class WrongObject:
    file: str
    expected: str  # kind (model)
    proposed: str
    confidence: float


@dataclass
class Score:
    part: str
    columns: int = 0
    right: int = 0
    files: int = 0
    files_right: int = 0
    unscored_columns: int = (
        0  # columns of files with no model (links, objects that do not migrate)
    )
    misses: list = field(default_factory=list)
    wrong_objects: list = field(default_factory=list)

    @property
    def share(self):
        """The share of columns proposed right (0..1)."""
        return self.right / self.columns if self.columns else 0.0

    @property
    def files_share(self):
        """The share of files whose kind and model were proposed right (0..1)."""
        return self.files_right / self.files if self.files else 0.0


def exports(part):
    """The export folders of a part, sorted."""
    folder = HERE / part
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def load_answers(export):
    return json.loads((export / "answers.json").read_text(encoding="utf-8"))


def read_file(path):
    """(object name, headers, rows as dicts, blocking problems) of a corpus file."""
    tables = readers.read_sources(path.name, path.read_bytes())
    table = tables[0]
    problems = [p for t in tables for p in t.problems if p.blocking]
    rows = [] if table.blocked else [row.values for row in table.rows()]
    return table.object_name, list(table.headers), rows, problems


def answer_key(header, columns):
    """The key of ``columns`` a read header answers to: itself, or itself without the
    quotes and spaces a platform's header line left around it (vtiger's '", "')."""
    if header in columns:
        return header
    bare = str(header).strip().strip('"').strip()
    return bare if bare in columns else None


def as_list(answer):
    return list(answer) if isinstance(answer, (list, tuple)) else [answer]


def accepted_targets(profile, kind, answer):
    """The proposal outcomes (target names, 'custom', 'skip') an answer accepts."""
    accepted = set()
    references = profile.references(kind) if profile.object_spec(kind) else {}
    for item in as_list(answer):
        if not item.startswith(REF):
            accepted.add(item)
            continue
        other = item[len(REF) :]
        if other == "user":
            accepted.add("user_id")
            if kind in AUTHORED:
                accepted.add("author_id")
            continue
        accepted.update(t for t, ref in references.items() if other in ref.kinds)
    return accepted


def outcome(proposal):
    """What a field proposal does with its column: a target, 'custom' or 'skip'."""
    if proposal.target:
        return proposal.target
    return CUSTOM if proposal.custom_name else SKIP


def _object_right(profile, answer, proposal, object_name):
    kind, model = answer["kind"], answer.get("model")
    if kind == NOT_MIGRATED:
        return proposal.kind is None and profile.not_migrated_for(object_name) is not None
    return proposal.kind == kind and proposal.model == model


def propose_export(profile, export, fields_by_model):
    """{file name: (object proposal, field proposals for the file's true kind, blocking
    problems)} of one export, as a project proposes them: each file by its headers
    (``matcher``), then all of them by their values (``structure``)."""
    answers = load_answers(export)["files"]
    files, problems = [], {}
    for name, answer in sorted(answers.items()):
        object_name, headers, rows, blocking = read_file(export / name)
        proposal = matcher.propose_object(profile, object_name, headers)
        kind = answer["kind"]
        proposals = []
        if answer.get("model") and profile.object_spec(kind) is not None:
            proposals = matcher.propose_fields(
                profile,
                kind,
                headers,
                profile_rows(headers, rows),
                fields_by_model.get(profile.model_for(kind), []),
                object_name=object_name,
            )
        columns = {h: [row.get(h) for row in rows] for h in headers}
        model_fields = fields_by_model.get(profile.model_for(kind) or "", [])
        files.append(
            structure.File(
                name, columns, proposal, proposals, frozenset(t.name for t in model_fields)
            )
        )
        problems[name] = (object_name, headers, blocking)
    references = structure.found(files)
    kinds = structure.settle_kinds(profile, files, references)
    # the columns are scored for each file's true kind (a person confirms the object
    # first), and the values read with the other files' true kinds
    truth = [
        structure.File(
            f.name,
            f.columns,
            matcher.ObjectProposal(
                f.name, answers[f.name]["kind"], answers[f.name].get("model"), 1.0, ""
            ),
            f.fields,
            f.targets,
        )
        for f in files
    ]
    columns = structure.settle_columns(profile, truth, references)
    return {
        f.name: (
            kinds.get(f.name, f.proposal),
            columns.get(f.name, f.fields),
            problems[f.name],
        )
        for f in files
    }


def score(part, profile_code="generic", series=SERIES):
    """The Score of the matcher on every file of ``tests/corpus/<part>/``."""
    if part not in PARTS:
        raise ValueError("part must be one of %s, not %r" % (", ".join(PARTS), part))
    profile = get_profile(profile_code)
    fields_by_model = target_fields(series)
    result = Score(part)
    for export in exports(part):
        answers = load_answers(export)["files"]
        proposed = propose_export(profile, export, fields_by_model)
        for name, answer in sorted(answers.items()):
            label = "%s/%s" % (export.name, name)
            proposal, proposals, (object_name, headers, problems) = proposed[name]
            result.files += 1
            if _object_right(profile, answer, proposal, object_name):
                result.files_right += 1
            else:
                result.wrong_objects.append(
                    WrongObject(
                        label,
                        "%s (%s)" % (answer["kind"], answer.get("model")),
                        "%s (%s)" % (proposal.kind, proposal.model),
                        proposal.confidence,
                    )
                )
            kind = answer["kind"]
            if not answer.get("model") or profile.object_spec(kind) is None:
                result.unscored_columns += len(headers)
                continue
            for proposal in proposals:
                key = answer_key(proposal.source, answer["columns"])
                expected = as_list(answer["columns"][key]) if key is not None else []
                result.columns += 1
                got = outcome(proposal)
                if got in accepted_targets(profile, kind, expected):
                    result.right += 1
                    continue
                result.misses.append(
                    Miss(
                        label,
                        proposal.source,
                        expected or ["(no answer)"],
                        got,
                        proposal.confidence,
                        proposal.needs_review,
                    )
                )
            if problems:
                result.misses.append(
                    Miss(label, "(file)", ["readable"], problems[0].message, 0.0, True)
                )
    return result


def report(result):
    """The score as lines of text."""
    confident = sum(1 for m in result.misses if not m.needs_review)
    lines = [
        "%s: %.1f%% of %d columns proposed right (%d wrong, %d of them not flagged for "
        "review; %d columns of files with no model not scored)"
        % (
            result.part,
            100 * result.share,
            result.columns,
            len(result.misses),
            confident,
            result.unscored_columns,
        ),
        "%s: %d of %d files proposed as the right kind and model (%.1f%%)"
        % (result.part, result.files_right, result.files, 100 * result.files_share),
    ]
    for wrong in result.wrong_objects:
        lines.append(
            "object  %s: proposed %s (%.2f), is %s"
            % (wrong.file, wrong.proposed, wrong.confidence, wrong.expected)
        )
    for miss in result.misses:
        lines.append(
            "column  %s | %r: proposed %s (%.2f%s), expected %s"
            % (
                miss.file,
                miss.header,
                miss.proposed,
                miss.confidence,
                ", needs review" if miss.needs_review else "",
                " / ".join(miss.expected),
            )
        )
    return lines


def main(argv):
    for part in argv[1:] or PARTS:
        print("\n".join(report(score(part))))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
