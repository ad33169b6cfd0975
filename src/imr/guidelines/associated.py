"""An associated surgical service follows the decision on the surgery it serves.

Letters say so item by item ("As the requested surgical intervention is not medically necessary ..., the
requested ancillary service is not medically necessary"). The surgery is decided first; a service's own rule
reads that decision through ``surgery_certified`` when its rule file says the service depends on the surgery
(post-operative therapy, cold units, slings, pre-operative tests, an assistant surgeon). A service whose rule
does not read the link, or that has no rule, follows the surgery by the process rule below: upheld with an
upheld surgery (a service its own rule already upheld keeps that rule's reasons), overturned with an overturned
one when nothing else decided it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from imr.guidelines.rationale import undecided_text
from imr.guidelines.variables import SurgeryLink
from imr.records import Decision, ItemDetermination, TreatmentRequest

RULE_ID = "process.associated-service-follows-surgery"


def _serves_surgery(request: TreatmentRequest | None) -> bool:
    return (
        request is not None and (request.associated_surgical or request.postoperative) and request.category != "surgery"
    )


def is_disputed_surgery(request: TreatmentRequest | None) -> bool:
    return request is not None and request.service == "surgery" and not request.associated_surgical


def surgery_link(items: Sequence[ItemDetermination]) -> SurgeryLink | None:
    """The first surgery among the decided items, for the services that serve it."""
    for item in items:
        if is_disputed_surgery(item.request):
            necessary = None if item.decision is None else item.decision is Decision.OVERTURNED
            return SurgeryLink(item.index, item.request_text, necessary)
    return None


def _follow(item: ItemDetermination, decision: Decision, rationale: str) -> ItemDetermination:
    return dataclasses.replace(
        item,
        decision=decision,
        rule_ids=(RULE_ID,),
        citations=(),
        criteria=(),
        basis="mtus",
        undecided_reason=None,
        rationale=rationale,
    )


def _wait_for(item: ItemDetermination, index: int, label: str) -> ItemDetermination:
    """A service whose rule turns on the surgery cannot be decided before the surgery is."""
    reason = (
        f"this service serves the surgery requested in item {index} ({label}), which is itself undecided;"
        f" decide the surgery first"
    )
    return dataclasses.replace(
        item,
        decision=None,
        rule_ids=(),
        citations=(),
        undecided_reason=reason,
        rationale=undecided_text(reason),
    )


def apply_surgery_dependency(
    items: Sequence[ItemDetermination], judged: frozenset[int] = frozenset()
) -> tuple[ItemDetermination, ...]:
    """Make the services for a disputed surgery follow it; ``judged`` holds the items whose own rule already
    weighed the surgery decision, which stand as decided."""
    surgeries = [item for item in items if is_disputed_surgery(item.request)]
    if not surgeries:
        return tuple(items)
    surgery = surgeries[0]
    label = surgery.request_text.strip()
    result: list[ItemDetermination] = []
    for item in items:
        if item.index in judged and surgery.decision is None and item.decision is not None:
            result.append(_wait_for(item, surgery.index, label))
            continue
        if not _serves_surgery(item.request) or item is surgery or item.index in judged:
            result.append(item)
            continue
        service = item.request_text.strip()
        if surgery.decision is Decision.UPHELD and item.decision is not Decision.UPHELD:
            result.append(
                _follow(
                    item,
                    Decision.UPHELD,
                    f"This service is requested for the surgery in item {surgery.index} ({label}), which is not"
                    f" medically necessary. A service that serves a surgery follows the decision on that surgery."
                    f" Therefore, the request for {service} is not medically necessary.",
                )
            )
        elif surgery.decision is Decision.OVERTURNED and item.decision is None:
            result.append(
                _follow(
                    item,
                    Decision.OVERTURNED,
                    f"This service is requested for the surgery in item {surgery.index} ({label}), which is"
                    f" medically necessary, and no guideline criterion we hold limits it. Therefore, the request"
                    f" for {service} is medically necessary.",
                )
            )
        else:
            result.append(item)
    return tuple(result)
