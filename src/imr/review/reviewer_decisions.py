"""The physician reviewer's part: per item, a decision, and for a reversed or undecided item their own guideline
and rationale, which replace the engine's in every letter (never an "Overturned" over the engine's "is not
medically necessary"). A determination with an item nobody decided cannot be signed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from imr.errors import SignatureError
from imr.review.document import LetterItemView
from imr.text.wording import join_words

DECISION_WORDS = {"upheld": "Upheld", "overturned": "Overturned"}


@dataclass(frozen=True, slots=True)
class ReviewerDecision:
    """What the reviewer gave for one item; None leaves the engine's."""

    decision: str | None = None  # "upheld" or "overturned"
    guideline: str | None = None
    rationale: str | None = None


_NONE = ReviewerDecision()


def decisions_from_options(
    changes: Iterable[str], guidelines: Iterable[str], rationales: Iterable[str]
) -> dict[int, ReviewerDecision]:
    """Per-item decisions from the "N=VALUE" options of imr sign (--change, --guideline, --rationale)."""
    fields: dict[int, dict[str, str]] = {}
    for option, name, entries in (("--change", "decision", changes), ("--guideline", "guideline", guidelines)):
        for number, value in (_numbered(option, entry) for entry in entries):
            fields.setdefault(number, {})[name] = value
    for number, value in (_numbered("--rationale", entry) for entry in rationales):
        fields.setdefault(number, {})["rationale"] = value
    for number, given in fields.items():
        if given.get("decision", "upheld") not in DECISION_WORDS:
            raise SignatureError(f"--change {number}={given['decision']}: expected upheld or overturned")
    return {number: ReviewerDecision(**given) for number, given in sorted(fields.items())}


def apply_decisions(
    items: tuple[LetterItemView, ...], decisions: Mapping[int, ReviewerDecision], *, source: str
) -> tuple[LetterItemView, ...]:
    """The letter's items with the reviewer's decisions in; every problem of one kind is named in one error."""
    unknown = sorted(set(decisions) - {item.index for item in items})
    if unknown:
        raise SignatureError(f"no item numbered {_numbers(unknown)}", source=source)
    undecided = [
        item.index for item in items if item.decision is None and decisions.get(item.index, _NONE).decision is None
    ]
    if undecided:
        raise SignatureError(
            f"{_items(undecided)} undecided: the physician reviewer must decide each, with a guideline and a "
            "rationale, before the determination can be signed",
            source=source,
        )
    unexplained = [
        item.index
        for item in items
        if _reverses(item, decisions.get(item.index, _NONE)) and not _explained(decisions[item.index])
    ]
    if unexplained:
        raise SignatureError(
            f"{_items(unexplained)} decided by the physician reviewer without their own guideline and rationale; "
            "give both for every reversed or undecided item",
            source=source,
        )
    return tuple(_applied(item, decisions.get(item.index, _NONE)) for item in items)


def preview_decisions(
    items: tuple[LetterItemView, ...], decisions: Mapping[int, ReviewerDecision]
) -> tuple[LetterItemView, ...]:
    """The items as they would read with the decisions given so far (for a preview: nothing is refused)."""
    return tuple(
        _applied(item, decisions[item.index])
        if item.index in decisions and _decided(item, decisions[item.index])
        else item
        for item in items
    )


def _decided(item: LetterItemView, given: ReviewerDecision) -> bool:
    return (given.decision or item.decision) is not None


def reviewer_guideline_line(guideline: str) -> str:
    """The reviewer's guideline as the letter's guideline line reads ("Decision based on ...")."""
    text = " ".join(guideline.split())
    if not text.lower().startswith("decision based on"):
        text = f"Decision based on {text}"
    return text if text.endswith((".", "!", "?")) else text + "."


def _applied(item: LetterItemView, given: ReviewerDecision) -> LetterItemView:
    decision = given.decision or item.decision
    assert decision is not None  # apply_decisions refused undecided items
    guideline, rationale = (given.guideline or "").strip(), " ".join((given.rationale or "").split())
    return dataclasses.replace(
        item,
        decision=decision,
        decision_word=DECISION_WORDS[decision],
        changed_by_reviewer=_reverses(item, given),
        reviewer_line=reviewer_guideline_line(guideline) if guideline else item.reviewer_line,
        rationale=rationale or item.rationale,
    )


def _reverses(item: LetterItemView, given: ReviewerDecision) -> bool:
    return given.decision is not None and given.decision != item.decision


def _explained(given: ReviewerDecision) -> bool:
    return _given(given.guideline) and _given(given.rationale)


def _given(text: str | None) -> bool:
    return text is not None and bool(text.strip())


def _numbered(option: str, entry: str) -> tuple[int, str]:
    number, separator, value = entry.partition("=")
    if not separator or not number.strip().isdigit():
        raise SignatureError(f"{option} {entry!r}: expected N=..., N being the item's number")
    return int(number), value


def _numbers(numbers: list[int]) -> str:
    return join_words([str(number) for number in numbers])


def _items(numbers: list[int]) -> str:
    return f"item {numbers[0]} is" if len(numbers) == 1 else f"items {_numbers(numbers)} are"
