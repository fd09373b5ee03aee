"""Every file of the hostile corpus (tests/hostile/) read as an upload is read.

``read_sources`` on the stored file (a path, as the filestore gives it), then
every row of every table: the outcome must be the one ``expected.json`` states
for the file (a refusal and its reason, or per table the rows read, the rows
skipped and the problem codes), and no value may carry a NUL, another control
character or half a surrogate pair.
"""

import importlib.util
import json
import re
import zipfile
from pathlib import Path

import pytest

from migration_bridge.services.readers import read_sources

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "hostile"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def upload(path):
    """What the upload path makes of a stored file: per table its outcome, and the rows."""
    outcomes, rows = [], {}
    for index, table in enumerate(read_sources(path.name, path)):
        read = list(table.rows())
        rows[index] = {row.row: row.values for row in read}
        problems = table.problems + table.stream_problems
        problems += [p for row in read for p in row.problems]
        codes = sorted({p.code for p in problems})
        if table.blocked:
            blocking = [p for p in table.problems if p.blocking]
            outcomes.append((table.name, True, codes, blocking, table.counts, read, table.headers))
        else:
            outcomes.append(
                (table.name, False, codes, problems, table.counts, read, table.headers)
            )
    return outcomes, rows


def test_the_corpus_is_large_enough_and_small():
    files = [p for p in CORPUS.iterdir() if p.name not in ("expected.json", "README.md")]
    assert len(files) >= 60
    assert sorted(p.name for p in files) == sorted(EXPECTED)
    assert sum(p.stat().st_size for p in CORPUS.iterdir()) < 2 * 1024 * 1024


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file(name):
    expected = EXPECTED[name]
    outcomes, rows = upload(CORPUS / name)
    assert [o[0] for o in outcomes] == [t["name"] for t in expected["tables"]]
    for (table, blocked, codes, problems, counts, read, headers), want in zip(
        outcomes, expected["tables"], strict=True
    ):
        assert blocked == bool(want.get("blocked")), (table, [p.message for p in problems])
        assert codes == want["codes"], (table, [p.message for p in problems])
        for problem in problems:
            assert problem.message.startswith(problem.file or table), problem.message
        if blocked:
            assert read == [] and any(want["reason"] in p.message for p in problems), [
                p.message for p in problems
            ]
            continue
        assert (counts["rows"], counts["skipped"]) == (want["rows"], want["skipped"]), table
        assert counts["records"] == counts["rows"] + counts["skipped"]
        assert len(read) == want["rows"]
        for value in headers + [v for row in read for v in (*row.values, *row.values.values())]:
            assert not UNWANTED.search(value), (table, value[:80])
    for index, row, column, value in expected["values"]:
        assert rows[index][row][column] == value


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "make_hostile_corpus", ROOT / "scripts" / "make_hostile_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def members(data):
    """A ZIP as its members (name, flags, attributes, bytes): what a rerun must give again.

    Compared instead of the archive's bytes, which depend on the zlib at hand.
    """
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            (i.filename, i.flag_bits, i.external_attr, i.file_size, i.CRC)
            for i in archive.infolist()
        ]


def test_the_generator_writes_the_committed_files(tmp_path):
    load_generator().main(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in CORPUS.iterdir())
    for name in written:
        new, old = (tmp_path / name).read_bytes(), (CORPUS / name).read_bytes()
        if new == old:
            continue
        assert name.endswith((".zip", ".xlsx", ".csv")), name
        assert members(new) == members(old), name
