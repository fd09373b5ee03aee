"""The corpus of exports shaped after formats we did not write (tests/corpus/).

Each export folder has its README.md (where the shape comes from) and an
answers.json that answers every header of every file; the matcher is scored on
both parts. No floor yet: the matcher is improved against the tuned part later,
and the unseen part is never used to change it.
"""

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "corpus"))

import score  # noqa: E402

KINDS = {
    "company",
    "contact",
    "deal",
    "deal_line",
    "attendee",
    "note",
    "email",
    "call",
    "task",
    "meeting",
    "document",
    "user",
    "link",
    "not_migrated",
}
WORDS = {score.CUSTOM, score.SKIP}
EXPORTS = [(part, export) for part in score.PARTS for export in score.exports(part)]


def test_each_part_holds_several_exports_of_several_platforms():
    for part in score.PARTS:
        assert len(score.exports(part)) >= 6, part


@pytest.mark.parametrize(
    ("part", "export"), EXPORTS, ids=["%s/%s" % (p, e.name) for p, e in EXPORTS]
)
def test_export_has_readme_and_answers_for_every_header(part, export):
    readme = export / "README.md"
    assert readme.is_file() and readme.read_text(encoding="utf-8").strip(), readme
    answers = score.load_answers(export)
    assert set(answers) == {"files"}, "answers.json holds one key, 'files'"
    data_files = sorted(
        p.name
        for p in export.iterdir()
        if p.is_file() and p.name not in ("README.md", "answers.json")
    )
    assert sorted(answers["files"]) == data_files, "every file answered, and only them"
    profile = score.get_profile("generic")
    for name, answer in answers["files"].items():
        assert set(answer) == {"kind", "model", "columns"}, name
        assert answer["kind"] in KINDS, (name, answer["kind"])
        model = answer["model"]
        if answer["kind"] in ("link", "not_migrated"):
            assert model is None, name
        else:
            assert model == profile.model_for(answer["kind"]), (name, model)
        object_name, headers, rows, problems = score.read_file(export / name)
        assert not problems, (name, problems)
        assert 5 <= len(rows) <= 40, (name, len(rows))
        keys = [score.answer_key(header, answer["columns"]) for header in headers]
        assert None not in keys, (
            name,
            [h for h, k in zip(headers, keys, strict=True) if k is None],
        )
        assert sorted(keys) == sorted(answer["columns"]), (name, "answers name no other header")
        fields = {f.name for f in score.target_fields(score.SERIES).get(model or "", [])}
        composed = set(score.matcher.composed.COMPOSED)
        for header, value in answer["columns"].items():
            items = score.as_list(value)
            assert items and all(isinstance(i, str) and i for i in items), (name, header)
            for item in items:
                if item in WORDS or item.startswith(score.REF):
                    assert not item.startswith(score.REF) or item[len(score.REF) :] in KINDS
                    continue
                # a field of the model (Odoo 19) or a composed target
                assert item in fields or item in composed, (name, header, item)


def test_scoring_runs_on_both_parts_and_reports():
    for part in score.PARTS:
        result = score.score(part)
        print("\n" + "\n".join(score.report(result)))  # noqa: T201
        assert result.files >= 6
        assert result.columns > 0
        assert 0.0 <= result.share <= 1.0
        assert 0.0 <= result.files_share <= 1.0
