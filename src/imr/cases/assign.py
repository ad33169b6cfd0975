"""Choosing the IMR reviewer for a case.

A reviewer qualifies when they meet the LC 139.5 minimums as Maximus letters attest them (the conflict rule is
in :mod:`imr.cases.conflicts`):

1. hold a board certification or subspecialty suited to **every** disputed item's need (one reviewer decides
   the whole case; the specialty table is ``src/imr/data/reviewers/specialties.yaml``);
2. have at least 5 years in practice;
3. work at least 24 hours a week in active practice;
4. hold a licence in some U.S. state;
5. have no disciplinary history;
6. have no affiliation with a party to the case.

Among those who qualify, California licensees come first, then the lowest current caseload, then the lowest id
(so the same panel always gives the same answer). The result names the chosen reviewer and, for everyone else,
each reason they were passed over. Nobody qualifying is an ordinary result (``chosen is None``), not an error.

The reviewer's identity (:class:`ReviewerIdentity`) and qualifications (:class:`ReviewerQualifications`) are
kept apart: a determination letter describes the qualifications and must never need the name (LC 4610.6(f)).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import cast

from imr.cases.conflicts import Party, case_parties, find_conflicts
from imr.cases.model import CaseFile
from imr.cases.panel import Panel, Reviewer
from imr.cases.specialties import SpecialtyTable, need_for_text, needs_for_request, specialty_table
from imr.errors import ImrError
from imr.records import TreatmentRequest

MIN_YEARS_IN_PRACTICE = 5
MIN_ACTIVE_HOURS_PER_WEEK = 24.0
PREFERRED_STATE = "CA"

SpecialtyNeeds = Sequence[str] | Callable[[str], str | Sequence[str]] | None
"""What ``assign_reviewer`` accepts as ``specialty_needs``:

* ``None``: derive each item's needs from its text (the request parser if present, else keywords);
* a list of need ids (``["physical_medicine", "medication"]``) for the whole case;
* a callable ``text -> need id(s)``, called once per disputed item.
"""


class PassOverCode(StrEnum):
    SPECIALTY = "specialty"
    EXPERIENCE = "experience"
    ACTIVE_PRACTICE = "active_practice"
    LICENCE = "licence"
    DISCIPLINE = "discipline"
    CONFLICT = "conflict"
    RANKED_LOWER = "ranked_lower"


@dataclass(frozen=True, slots=True)
class PassOverReason:
    code: PassOverCode
    text: str


@dataclass(frozen=True, slots=True)
class PassedOver:
    reviewer_id: str
    reasons: tuple[PassOverReason, ...]

    @property
    def qualified(self) -> bool:
        """Qualified but ranked lower (the only reason is ``ranked_lower``)."""
        return all(r.code is PassOverCode.RANKED_LOWER for r in self.reasons)


@dataclass(frozen=True, slots=True)
class ReviewerIdentity:
    """Who the reviewer is: for the IMRO's own records only, never for a letter."""

    reviewer_id: str
    name: str


@dataclass(frozen=True, slots=True)
class ReviewerQualifications:
    """What a letter may say about the reviewer."""

    degree: str
    board_certifications: tuple[str, ...]
    subspecialties: tuple[str, ...]
    relevant_specialties: tuple[str, ...]  # the certifications that made them suitable for this case
    licensed_states: tuple[str, ...]
    california_licensed: bool
    years_in_practice: int
    active_practice_hours_per_week: float


@dataclass(frozen=True, slots=True)
class NeedSummary:
    need_id: str
    label: str
    specialties: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Assignment:
    case_number: str
    needs: tuple[NeedSummary, ...]
    item_needs: tuple[tuple[str, ...], ...]  # per disputed item, in application order
    chosen: ReviewerIdentity | None
    qualifications: ReviewerQualifications | None
    passed_over: tuple[PassedOver, ...]  # every other panel member, in panel order

    @property
    def assigned(self) -> bool:
        return self.chosen is not None

    def summary(self) -> str:
        needs = ", ".join(n.label for n in self.needs)
        if self.chosen is None:
            count = len(self.passed_over)
            return f"No eligible reviewer on the panel for {needs}; all {count} were passed over."
        return f"Reviewer {self.chosen.reviewer_id} assigned for {needs}."


# ----------------------------------------------------------------------------------------------------------


def assign_reviewer(case: CaseFile, panel: Panel, *, specialty_needs: SpecialtyNeeds = None) -> Assignment:
    """Choose the reviewer for ``case`` from ``panel`` (see the module docstring for the rules)."""
    table = specialty_table()
    item_needs = case_item_needs(case, specialty_needs, table)
    need_ids = tuple(dict.fromkeys(n for needs in item_needs for n in needs))
    needs = tuple(_summary(need_id, table) for need_id in need_ids)
    parties = case_parties(case)

    failures = {r.id: _disqualifications(r, needs, parties) for r in panel.reviewers}
    qualified = sorted((r for r in panel.reviewers if not failures[r.id]), key=_rank)
    chosen = qualified[0] if qualified else None

    passed: list[PassedOver] = []
    for reviewer in panel.reviewers:
        if reviewer is chosen:
            continue
        reasons = failures[reviewer.id]
        if not reasons and chosen is not None:
            reasons = (_ranked_lower(reviewer, chosen),)
        passed.append(PassedOver(reviewer.id, reasons))

    return Assignment(
        case_number=case.case_number,
        needs=needs,
        item_needs=item_needs,
        chosen=ReviewerIdentity(chosen.id, chosen.name) if chosen else None,
        qualifications=_qualifications(chosen, needs) if chosen else None,
        passed_over=tuple(passed),
    )


def case_item_needs(
    case: CaseFile, specialty_needs: SpecialtyNeeds = None, table: SpecialtyTable | None = None
) -> tuple[tuple[str, ...], ...]:
    """The needs of each disputed item (a list given for the whole case applies to every item)."""
    table = table or specialty_table()
    if specialty_needs is None:
        per_item = [default_item_needs(item.request, table) for item in case.items]
    elif callable(specialty_needs):
        per_item = [_as_tuple(specialty_needs(item.request)) for item in case.items]
    else:
        whole = _as_tuple(specialty_needs)
        per_item = [whole for _ in case.items]
    for needs in per_item:
        if not needs:
            raise ImrError("no specialty need given for a disputed item", field="specialty_needs")
        for need_id in needs:
            if table.need(need_id) is None:
                known = ", ".join(table.need_ids)
                raise ImrError(f"unknown specialty need {need_id!r}; known: {known}", field="specialty_needs")
    return tuple(per_item)


def default_item_needs(text: str, table: SpecialtyTable | None = None) -> tuple[str, ...]:
    """Needs from the request parser (``imr.requests.parse_request``) when it is installed and understands the
    text, else from keywords."""
    table = table or specialty_table()
    parse = _request_parser()
    if parse is not None:
        try:
            request = parse(text)
        except ImrError:
            request = None
        if request is not None:
            needs = needs_for_request(request, table)
            if needs:
                return needs
    return (need_for_text(text, table),)


@lru_cache(maxsize=1)
def _request_parser() -> Callable[[str], TreatmentRequest] | None:
    # Imported lazily: the request parser is built separately and may not exist yet.
    try:
        module = importlib.import_module("imr.requests")
    except ImportError:
        return None
    parse = getattr(module, "parse_request", None)
    return cast(Callable[[str], TreatmentRequest], parse) if callable(parse) else None


def _as_tuple(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(dict.fromkeys(value))


def _summary(need_id: str, table: SpecialtyTable) -> NeedSummary:
    need = table.need(need_id)
    assert need is not None  # checked by case_item_needs
    return NeedSummary(need.id, need.label, need.specialties)


def _disqualifications(
    reviewer: Reviewer, needs: tuple[NeedSummary, ...], parties: tuple[Party, ...]
) -> tuple[PassOverReason, ...]:
    reasons: list[PassOverReason] = []
    held = reviewer.specialties
    for need in needs:
        if not set(held) & set(need.specialties):
            holds = ", ".join(held) or "none"
            reasons.append(
                PassOverReason(
                    PassOverCode.SPECIALTY,
                    f"no certification suited to {need.label} (needs one of: {', '.join(need.specialties)};"
                    f" holds: {holds})",
                )
            )
    if reviewer.years_in_practice < MIN_YEARS_IN_PRACTICE:
        reasons.append(
            PassOverReason(
                PassOverCode.EXPERIENCE,
                f"{reviewer.years_in_practice} years in practice (at least {MIN_YEARS_IN_PRACTICE} required)",
            )
        )
    if reviewer.active_practice_hours_per_week < MIN_ACTIVE_HOURS_PER_WEEK:
        reasons.append(
            PassOverReason(
                PassOverCode.ACTIVE_PRACTICE,
                f"{reviewer.active_practice_hours_per_week:g} hours a week in active practice"
                f" (at least {MIN_ACTIVE_HOURS_PER_WEEK:g} required)",
            )
        )
    if not reviewer.licensed_states:
        reasons.append(PassOverReason(PassOverCode.LICENCE, "no state licence on file"))
    if reviewer.disciplinary_history:
        reasons.append(PassOverReason(PassOverCode.DISCIPLINE, "has a history of disciplinary action"))
    for conflict in find_conflicts(reviewer, parties):
        reasons.append(PassOverReason(PassOverCode.CONFLICT, conflict.describe()))
    return tuple(reasons)


def _rank(reviewer: Reviewer) -> tuple[bool, int, str]:
    return (PREFERRED_STATE not in reviewer.licensed_states, reviewer.caseload, reviewer.id)


def _ranked_lower(reviewer: Reviewer, chosen: Reviewer) -> PassOverReason:
    if PREFERRED_STATE in chosen.licensed_states and PREFERRED_STATE not in reviewer.licensed_states:
        why = f"not licensed in California, while {chosen.id} is"
    elif reviewer.caseload > chosen.caseload:
        why = f"caseload {reviewer.caseload} is higher than {chosen.id}'s {chosen.caseload}"
    else:
        why = f"same caseload ({reviewer.caseload}) as {chosen.id}; ties go to the lower id"
    return PassOverReason(PassOverCode.RANKED_LOWER, f"qualified, but ranked below {chosen.id}: {why}")


def _qualifications(reviewer: Reviewer, needs: tuple[NeedSummary, ...]) -> ReviewerQualifications:
    suited = {s for need in needs for s in need.specialties}
    return ReviewerQualifications(
        degree=reviewer.degree,
        board_certifications=tuple(reviewer.board_certifications),
        subspecialties=tuple(reviewer.subspecialties),
        relevant_specialties=tuple(s for s in reviewer.specialties if s in suited),
        licensed_states=tuple(reviewer.licensed_states),
        california_licensed=PREFERRED_STATE in reviewer.licensed_states,
        years_in_practice=reviewer.years_in_practice,
        active_practice_hours_per_week=reviewer.active_practice_hours_per_week,
    )
