"""Replay: the seed letters re-decided as the reviewers decided them. (The 2016 corpus is replayed against the
floor by benchmarks/corpus_check.py, outside the tests.)"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from imr.cli import app
from imr.letters.read import read_letter
from imr.letters.replay import replay_letters
from tests.conftest import seed_files

JSONL_KEYS = {
    "file",
    "case_number",
    "index",
    "request",
    "published_decision",
    "decision",
    "rule",
    "citation",
    "published_citation",
}


def test_seed_items_are_all_upheld_citing_what_the_reviewers_cited() -> None:
    rows = replay_letters([read_letter(p) for p in seed_files()])
    assert len(rows) == 7
    assert all(row.decision is not None and row.decision.value == "upheld" for row in rows)
    assert all(row.citation_agrees for row in rows), [(r.request, r.citation) for r in rows]
    by_request = {row.request: row for row in rows}
    mri = by_request["MRI FOR THE C/S AND L/S"]
    assert mri.citation is not None and "pages 177-179" in mri.citation and "pages 303-305" in mri.citation
    massage = by_request["Medical Massage x 6 for the Neck & Lumbar Spine"]
    assert massage.citation is not None and "page 60" in massage.citation
    # the rationale names the facts that decided it
    twelve = by_request["CONTINUE TWELVE (12) PHYSICAL THERAPY SESSIONS FOR  CERVICAL SPINE"].determination.rationale
    assert "28 visits already given" in twelve and "12 requested" in twelve
    six = by_request["Physical Therapy x 6 for the Bilateral Upper Extremity & Low Back"].determination.rationale
    assert "22 visits already given" in six
    assert "8 massage visits already given" in massage.determination.rationale


def test_replay_jsonl_has_exactly_the_documented_keys() -> None:
    seed = str(seed_files()[2])
    result = CliRunner().invoke(app, ["replay", seed, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 2
    for line in lines:
        assert set(line) == JSONL_KEYS
        assert line["file"] == seed
        assert line["published_decision"] == "upheld"


def test_agreement_counts_decisions_made_by_a_guideline_rule_apart_from_the_process_rule() -> None:
    import dataclasses

    from imr.letters.replay import agreement
    from imr.records import Decision

    rows = replay_letters([read_letter(p) for p in seed_files()])
    assert rows
    base = agreement(rows)
    assert base.by_guideline_rule == base.decided
    first = rows[0]
    followed = dataclasses.replace(
        first,
        decision=Decision.UPHELD,
        determination=dataclasses.replace(
            first.determination, decision=Decision.UPHELD, rule_ids=("process.associated-service-follows-surgery",)
        ),
    )
    undecided = dataclasses.replace(
        rows[1], decision=None, determination=dataclasses.replace(rows[1].determination, decision=None, rule_ids=())
    )
    changed = agreement([followed, undecided, *rows[2:]])
    assert changed.decided == base.decided - 1
    assert changed.by_guideline_rule == base.by_guideline_rule - 2
    assert changed.share_by_guideline_rule == changed.by_guideline_rule / changed.items
