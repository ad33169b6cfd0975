"""An associated surgical service follows the decision on the surgery it serves.

Letters say so item by item ("As the requested surgical intervention is not medically necessary ..., the
requested ancillary service is not medically necessary"): when the surgery in the same case is upheld, every
service requested for it is upheld too; when the surgery is overturned, a service is judged on its own rule
if one applies, and otherwise follows the surgery.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from imr.records import Decision, ItemDetermination, TreatmentRequest

RULE_ID = "process.associated-service-follows-surgery"


def _serves_surgery(request: TreatmentRequest | None) -> bool:
    return (
        request is not None and (request.associated_surgical or request.postoperative) and request.category != "surgery"
    )


def _is_surgery(request: TreatmentRequest | None) -> bool:
    return request is not None and request.service == "surgery" and not request.associated_surgical


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


def apply_surgery_dependency(items: Sequence[ItemDetermination]) -> tuple[ItemDetermination, ...]:
    surgeries = [item for item in items if _is_surgery(item.request)]
    if not surgeries:
        return tuple(items)
    surgery = surgeries[0]
    label = surgery.request_text.strip()
    result: list[ItemDetermination] = []
    for item in items:
        if not _serves_surgery(item.request) or item is surgery:
            result.append(item)
            continue
        service = item.request_text.strip()
        if surgery.decision is Decision.UPHELD:
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
