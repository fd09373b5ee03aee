"""The matcher on the corpus of real-shaped exports: the share it proposes right first time."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import score_mapping  # noqa: E402

FLOOR = 95.0


def test_matcher_proposes_real_exports_right_first_time():
    result = score_mapping.score()
    print("\n".join(score_mapping.report(result)))  # noqa: T201
    assert result.columns >= 300
    assert result.percent >= FLOOR, "\n".join(score_mapping.report(result))
