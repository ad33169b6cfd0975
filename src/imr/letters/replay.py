"""Replay published letters: re-decide every item from what a case file holds, and compare.

The engine sees the case summary, the item's title, the header dates and the claims administrator's guideline
line; never the published decision, the reviewer's guideline line or the rationale.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from imr.facts import extract_facts
from imr.guidelines.decide import decide_case
from imr.guidelines.load import rule_book
from imr.records import Decision, DecisionCase, ItemDetermination, Letter, LetterItem
from imr.text.dates import DATE_PATTERN, parse_date

_UR_DATE = re.compile(
    rf"(?:utilization review|\bUR\b)[^.]{{0,90}}?(?P<date>{DATE_PATTERN})"
    rf"|(?:non-?\s?certified|denied|modified)\s+(?:on|dated)\s+(?P<date2>{DATE_PATTERN})",
    re.IGNORECASE,
)
_ANY_DATE = re.compile(DATE_PATTERN)


@dataclass(frozen=True, slots=True)
class ReplayRow:
    file: str
    case_number: str | None
    index: int
    request: str
    published_decision: Decision
    decision: Decision | None
    rule: str | None
    citation: str | None
    published_citation: str | None
    citation_agrees: bool | None
    determination: ItemDetermination = field(repr=False, compare=False)

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "case_number": self.case_number,
            "index": self.index,
            "request": self.request,
            "published_decision": self.published_decision.value,
            "decision": self.decision.value if self.decision else None,
            "rule": self.rule,
            "citation": self.citation,
            "published_citation": self.published_citation,
        }


def edition_date(letter: Letter) -> dt.date | None:
    """The date that chooses the guideline edition: the UR decision date from the header, else from the
    summary ("In a utilization review report dated December 24, 2013"), else the latest date the summary names."""
    if letter.header.ur_denial_date is not None:
        return letter.header.ur_denial_date.value
    summary = letter.case_summary.text if letter.case_summary else ""
    match = _UR_DATE.search(summary)
    if match:
        found = parse_date(match.group("date") or match.group("date2"))
        if found:
            return found
    dates = [d for d in (parse_date(m.group(0)) for m in _ANY_DATE.finditer(summary)) if d]
    return max(dates) if dates else None


def _published_citation(item: LetterItem) -> str | None:
    line = item.reviewer_guideline
    if line is None:
        return None
    return line.raw.text or None


def _families_agree(item: LetterItem, determination: ItemDetermination) -> bool | None:
    if determination.decision is None or item.reviewer_guideline is None:
        return None
    published = {c.family for c in item.reviewer_guideline.citations}
    if not published:
        return None
    book = rule_book()
    ours = {book.rule(rule_id).guideline.family for rule_id in determination.rule_ids if rule_id in book.rule_ids}
    return bool(ours & published)


def replay_letter(letter: Letter) -> list[ReplayRow]:
    summary = letter.case_summary.text if letter.case_summary else ""
    facts = extract_facts(summary)
    injury = letter.header.date_of_injury.value if letter.header.date_of_injury else None
    case = DecisionCase(
        summary=summary,
        requests=tuple(item.title.text for item in letter.items),
        request_date=edition_date(letter),
        injury_date=injury,
        source=letter.source,
        authorized=tuple(item.authorized_portion.text if item.authorized_portion else None for item in letter.items),
    )
    determination = decide_case(case, facts=facts)
    case_number = letter.header.case_number.text if letter.header.case_number else None
    rows: list[ReplayRow] = []
    for item, decided in zip(letter.items, determination.items, strict=True):
        rows.append(
            ReplayRow(
                file=letter.source,
                case_number=case_number,
                index=item.index,
                request=item.title.text,
                published_decision=item.decision,
                decision=decided.decision,
                rule="+".join(decided.rule_ids) or None,
                citation="; ".join(c.text for c in decided.citations) or None,
                published_citation=_published_citation(item),
                citation_agrees=_families_agree(item, decided),
                determination=decided,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class Agreement:
    items: int
    decided: int
    correct: int
    confusion: dict[tuple[str, str], int]  # (published, engine) -> count; engine "undecided" included
    citation_checked: int
    citation_agreed: int
    by_guideline_rule: int = 0  # decided by a guideline's rule, not by the associated-service process rule

    @property
    def share_decided(self) -> float:
        return self.decided / self.items if self.items else 0.0

    @property
    def share_by_guideline_rule(self) -> float:
        """Items decided by a specific guideline rule, over all items."""
        return self.by_guideline_rule / self.items if self.items else 0.0

    @property
    def accuracy_decided(self) -> float:
        return self.correct / self.decided if self.decided else 0.0

    @property
    def accuracy_all(self) -> float:
        """Agreement over every item, an undecided item counting as disagreement."""
        return self.correct / self.items if self.items else 0.0

    def _recall(self, label: str, count_undecided: bool) -> float | None:
        hits = self.confusion.get((label, label), 0)
        total = sum(v for (published, engine), v in self.confusion.items() if published == label)
        if not count_undecided:
            total -= self.confusion.get((label, "undecided"), 0)
        return hits / total if total else None

    def balanced_accuracy(self, *, count_undecided: bool = True) -> float:
        recalls = [
            r for r in (self._recall(label, count_undecided) for label in ("upheld", "overturned")) if r is not None
        ]
        return sum(recalls) / len(recalls) if recalls else 0.0


def agreement(rows: Iterable[ReplayRow]) -> Agreement:
    confusion: dict[tuple[str, str], int] = {}
    items = decided = correct = checked = agreed = by_rule = 0
    for row in rows:
        items += 1
        engine = row.decision.value if row.decision else "undecided"
        key = (row.published_decision.value, engine)
        confusion[key] = confusion.get(key, 0) + 1
        if row.decision is not None:
            decided += 1
            correct += row.decision is row.published_decision
            by_rule += not any(rule_id.startswith("process.") for rule_id in row.determination.rule_ids)
        if row.citation_agrees is not None:
            checked += 1
            agreed += row.citation_agrees
    return Agreement(items, decided, correct, confusion, checked, agreed, by_rule)


def replay_letters(letters: Sequence[Letter]) -> list[ReplayRow]:
    rows: list[ReplayRow] = []
    for letter in letters:
        rows.extend(replay_letter(letter))
    return rows
