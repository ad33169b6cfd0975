"""Record sections: the heading examples of data/context/sections.yaml, and what a section changes about a fact."""

from __future__ import annotations

import pytest

from imr.facts import extract_facts
from imr.facts.reading import read
from imr.facts.sections import section_file, section_map
from imr.records import Facts, Presence

EXAMPLES = section_file().examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.text[:40] for e in EXAMPLES])
def test_heading_examples(example: object) -> None:
    text, expected = example.text, example.sections  # type: ignore[attr-defined]
    assert [heading.category for heading in read(text).headings] == expected


def _facts(text: str, kind: str) -> list[tuple[str, str | None, Presence]]:
    return [(f.value, f.section, f.presence) for f in extract_facts(text).facts if f.kind == kind]


RECORD = """HISTORY OF PRESENT ILLNESS
She has completed 12 therapy sessions and takes naproxen 550 mg twice a day.

PHYSICAL EXAMINATION
Spurling test negative. Sensation intact.

DIAGNOSES
1. Cervical strain without cervical radiculopathy.

PLAN
1. Chiropractic manipulation x 6 visits, cervical spine.
2. Start gabapentin 300 mg at bedtime.
3. Continue naproxen 550 mg twice a day.
4. Cyclobenzaprine 7.5 mg at bedtime, refill.
"""


@pytest.fixture(scope="module")
def record() -> Facts:
    return extract_facts(RECORD)


def test_each_fact_names_its_section(record: Facts) -> None:
    sections = {(f.kind, f.section) for f in record.facts}
    assert ("prior_treatment", "history") in sections
    assert ("neuro_exam_normal", "examination") in sections
    assert ("diagnosis", "assessment") in sections


def test_treatment_in_the_plan_is_not_treatment_history(record: Facts) -> None:
    history = [(f.value, f.count) for f in record.facts if f.kind == "prior_treatment"]
    assert history == [("physical_therapy", 12)]


def test_a_drug_the_plan_starts_is_proposed_and_one_it_continues_is_taken(record: Facts) -> None:
    drugs = [(f.value, f.section, f.presence) for f in record.facts if f.kind == "medication"]
    assert drugs == [
        ("naproxen", "history", Presence.PRESENT),
        ("gabapentin", "plan", Presence.HYPOTHETICAL),
        ("naproxen", "plan", Presence.PRESENT),
        ("cyclobenzaprine", "plan", Presence.PRESENT),
    ]


def test_a_section_ends_with_its_record() -> None:
    first = "PLAN\nFollow up in 4 weeks.\n\n"
    second = "CENTRAL VALLEY SPINE\nShe has had 6 chiropractic visits with benefit.\n"
    text = first + second
    assert _facts(text, "prior_treatment") == []  # read as one record, the plan runs on
    facts = extract_facts(text, documents=[0, len(first)])
    assert [(f.value, f.count, f.section) for f in facts.facts if f.kind == "prior_treatment"] == [
        ("chiropractic", 6, None)
    ]


def test_a_case_summary_without_headings_has_no_sections() -> None:
    text = (
        "The injured worker is a 45 year old female who sustained an industrial injury on 09-14-2015. Treatment "
        "to date has included 12 sessions of physical therapy. The plan is a first trial of chiropractic care."
    )
    facts = extract_facts(text)
    assert facts.facts and all(f.section is None for f in facts.facts)


def test_section_map_resets_at_each_document() -> None:
    headings = read("PLAN\nRest.\n\nHISTORY\nNeck pain.\n").headings
    sections = section_map(headings, documents=[12])
    assert [sections.at(p) for p in (0, 11, 12, 13)] == ["plan", "plan", "history", "history"]
    assert section_map(headings[:1], documents=[12]).at(14) is None
