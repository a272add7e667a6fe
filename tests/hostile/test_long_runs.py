"""Issue 13: small inputs that asked for long runs extract in linear time."""
from __future__ import annotations

import json
import resource

from hostile_box import box  # noqa: F401 (box is a fixture)


def extract(box, body: str) -> tuple[dict, float]:
    """``deckgen extract --all`` of a text with ``body``: what it found, and the CPU seconds it took."""
    (box.root / "article.txt").write_text("党建引领基层治理\n\n" + body, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    result = box.run("extract", "--all", "--format", "json", "article.txt")
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])  # -9: over the CPU limit
    return json.loads(result.stdout), resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before


def test_100000_quoted_terms_extract_in_linear_time(box):
    # a quoted ordinary word is a scare quote when the text holds it only once: one search of the whole
    # text per quote was quadratic (CPU limit; 190 s for 100,000 in 2.8 MB)
    found, seconds = extract(box, ("要防止“单打独斗”，形成工作合力。" * 20 + "\n") * 5_000)
    assert [(t["term"], t["rule"]) for t in found["terms"]] == [("单打独斗", "quoted")]
    assert seconds < 30


def test_10000_lists_in_845_kb_extract_in_linear_time(box):
    # de-duplication compared every list with every kept one
    body = "".join(f"一是加强组织建设{i}。二是完善服务体系{i}。三是强化队伍建设{i}。\n" for i in range(10_000))
    assert 700_000 < len(body.encode()) < 1_000_000
    found, seconds = extract(box, body)
    assert len(found["lists"]) == 10_000
    assert seconds < 30
