"""extract_facts: clinical text in, typed facts out, each pointing at the words it came from."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from imr.facts.context import qualified
from imr.facts.medications import medication_facts
from imr.facts.pipeline import clinical_pipeline, find_targets
from imr.facts.placement import placed_in_sections
from imr.facts.reading import Reading, read
from imr.facts.response import response_facts
from imr.facts.sections import section_map
from imr.facts.treatment_history import prior_treatment_facts
from imr.records import Fact, Facts, Presence, Span
from imr.text.clean import checked_text
from imr.text.dates import DATE_PATTERN, parse_date

_AGE = re.compile(r"\b(?P<age>\d{1,2})[- ]?(?:year|yr)s?[- ]old\b", re.IGNORECASE)
_AGE_ALT = re.compile(r"\bage(?:d)?:?\s+(?P<age>\d{1,2})\b", re.IGNORECASE)
_SEX = re.compile(r"\b(?P<sex>male|female|man|woman|gentleman|lady)\b", re.IGNORECASE)
_INJURY_DATE = re.compile(
    rf"(?:date of injury|\bDOI\b|injury|injured|occupational claim|claim)\b[^.;]{{0,40}}?(?P<date>{DATE_PATTERN})",
    re.IGNORECASE,
)
# "injured his low back lifting boxes", "fell from a ladder", "The mechanism of injury was a motor vehicle accident"
_MECHANISM = re.compile(
    r"(?:mechanism of injury (?:was|is|is detailed as|was described as)\s+(?P<stated>[^.;]+)"
    r"|\b(?:injured|hurt|strained|sprained) (?:his|her|their|the) [\w\s]{0,30}?\b(?P<how>(?:while|when|lifting|pulling|"
    r"pushing|carrying|after|from|falling|in a)\b[^.;]{3,90})"
    r"|\b(?P<fall>(?:fell|slipped|tripped)\b[^.;]{3,80}))",
    re.IGNORECASE,
)
_SEXES = {
    "male": "male",
    "man": "male",
    "gentleman": "male",
    "female": "female",
    "woman": "female",
    "lady": "female",
}


def _concept_facts(reading: Reading) -> list[Fact]:
    nlp = clinical_pipeline()
    context = nlp.get_pipe("medspacy_context")
    facts: list[Fact] = []
    for piece in reading.pieces:
        document = piece.copy()
        document.ents = find_targets(nlp, document, reading.text, piece.start)
        facts.extend(_entity_facts(reading.text, piece.start, context(document)))
    return facts


# the words that join the findings of one list: "no X, Y, or Z", "without X, Y or Z"
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and/or|or|nor|and)?|and/or|or|nor)\s*$", re.IGNORECASE)


def _entity_facts(text: str, offset: int, document: Any) -> Iterator[Fact]:
    previous: tuple[int, Presence | None, str | None] | None = None  # end, presence, cue of the finding before
    for entity in document.ents:
        presence, cue = qualified(entity)
        # a negation reaches every finding of the list it stands before, however long the list ("no history of
        # trauma, fever, cancer, osteoporosis, or steroid use"): ConText's word window alone would stop short
        if (
            presence in (Presence.PRESENT, Presence.POSSIBLE)
            and previous is not None
            and previous[1] is Presence.ABSENT
            and _LIST_JOIN.match(document.text[previous[0] : entity.start_char])
        ):
            presence, cue = Presence.ABSENT, previous[2]
        previous = (entity.end_char, presence, cue)
        if presence is None:
            continue
        rule = entity._.target_rule
        value = rule.metadata.get("value", entity.label_.lower()) if rule is not None and rule.metadata else ""
        start, end = entity.start_char, entity.end_char
        if presence is not Presence.PRESENT:
            # quote the words that negate or qualify it too: "without functional improvement"
            for modifier in entity._.modifiers:
                first, last = modifier.modifier_span
                start = min(start, document[first].idx)
                end = max(end, document[last - 1].idx + len(document[last - 1].text))
        yield Fact(
            kind=entity.label_.lower(),
            value=str(value),
            text=text[offset + start : offset + end],
            span=Span(offset + start, offset + end),
            presence=presence,
            cue=cue,
        )


def extract_facts(text: str, *, documents: Sequence[int] = ()) -> Facts:
    """Find the clinical facts in a record or case summary.

    Negation- and documentation-aware: "no evidence of functional improvement" yields an ``absent`` fact,
    "a lack of documentation of functional improvement" an ``undocumented`` one, and silence yields none. Each
    fact names the record section it was written in (``None`` where the text has no headings, as in the case
    summaries of published letters). ``documents``: where each record of a record set starts in ``text``, so no
    section runs from one record into the next.
    """
    text = checked_text(text, "<record>")
    reading = read(text)
    sections = section_map(reading.headings, documents)
    facts = _concept_facts(reading)
    facts.extend(prior_treatment_facts(text))
    facts.extend(medication_facts(text))
    age_match = _AGE.search(text) or _AGE_ALT.search(text)
    sex_match = _SEX.search(text)
    injury = _INJURY_DATE.search(text)
    injury_date = parse_date(injury.group("date")) if injury else None
    if age_match:
        facts.append(_simple("age", age_match.group("age"), age_match, "age"))
    if sex_match:
        facts.append(_simple("sex", _SEXES[sex_match.group("sex").lower()], sex_match, "sex"))
    mechanism = _MECHANISM.search(text)
    if mechanism:
        group = next(g for g in ("stated", "how", "fall") if mechanism.group(g))
        facts.append(_simple("mechanism", mechanism.group(group).strip(), mechanism, group))
    if injury and injury_date:
        facts.append(
            Fact(
                kind="injury_date",
                value=injury_date.isoformat(),
                text=injury.group("date"),
                span=Span(injury.start("date"), injury.end("date")),
                date=injury_date,
            )
        )
    found, facts = response_facts(text, reading.sentences, facts, documents)
    facts = placed_in_sections(text, [*facts, *found], sections)
    facts.sort(key=lambda f: (f.span.start, f.span.end, f.kind))
    return Facts(
        text=text,
        facts=tuple(facts),
        age=int(age_match.group("age")) if age_match else None,
        sex=_SEXES[sex_match.group("sex").lower()] if sex_match else None,
        injury_date=injury_date,
    )


def _simple(kind: str, value: str, match: re.Match[str], group: str) -> Fact:
    return Fact(kind=kind, value=value, text=match.group(group), span=Span(match.start(group), match.end(group)))
