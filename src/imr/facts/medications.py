"""Medications named in a record, with the dose written after them ("Norco 10/325 mg three times a day").

The drug names and classes come from the request vocabulary (data/vocabulary/drugs.yaml), so the same
words are recognised in a request title and in the record.
"""

from __future__ import annotations

import re

from imr.facts.lexicon import medication_cues
from imr.records import Fact, Presence, Span
from imr.requests.vocabulary import load_vocabulary

# the dose right after the name: "10/325 mg", "7.5-325mg", "20mg", "1.3%", "4 times a day"
_DOSE = re.compile(
    r"\s*(?:\(\w[\w ]*\)\s*)?(?P<dose>\d+(?:\.\d+)?(?:\s*[-/]\s*\d+(?:\.\d+)?)*\s*(?:mg|mcg|%|ml|g)\b"
    r"(?:\s*(?:#\d+|(?:one|two|three|four|\d)\s+times\s+(?:a|per)\s+day|(?:b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|daily|"
    r"at bedtime|as needed|q\d+h)\b))*)",
    re.IGNORECASE,
)


STOPPED = "STOPPED"
NEVER_TAKEN = "NEVER_TAKEN"


def medication_facts(text: str) -> list[Fact]:
    vocabulary = load_vocabulary()
    facts: list[Fact] = []
    for hit in vocabulary.drug_matcher.find(text):
        entry = vocabulary.drugs.get(hit.payload.name)
        if entry is None:
            continue
        end = hit.end
        dose = _DOSE.match(text, end)
        if dose and dose.group("dose"):
            end = dose.end("dose")
        cues = medication_cues()
        before = text[max(0, hit.start - cues.reach) : hit.start]
        never = bool(cues.not_taken.search(before))
        stopped = not never and (
            bool(cues.stopped.search(before)) or bool(cues.stopped_after.search(text[end : end + cues.reach]))
        )
        facts.append(
            Fact(
                kind="medication",
                value=entry.name,
                text=text[hit.start : end],
                span=Span(hit.start, end),
                detail=entry.drug_class,
                count_text=dose.group("dose") if dose and dose.group("dose") else None,
                presence=Presence.ABSENT if stopped or never else Presence.PRESENT,
                # a drug stopped was tried; one never taken was not
                cue=NEVER_TAKEN if never else STOPPED if stopped else None,
            )
        )
    return facts
