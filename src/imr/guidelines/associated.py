"""An associated surgical service follows the decision on the surgery it serves.

Letters say so item by item ("As the requested surgical intervention is not medically necessary ..., the
requested ancillary service is not medically necessary"). Disputed surgeries are decided first, and each other
item is linked to the surgery it serves (:func:`link_for`): the only one, or, when the case disputes several, the
one of the same body region; when that cannot be told, or an unreadable item may be the surgery, the link is
unknown. A rule that says ``serves_surgery`` reads the link through its first criterion. A service whose rule does
not read it, or that has no rule, follows the surgery by the process rule below: upheld with an upheld surgery (a
service its own rule already upheld keeps that rule's reasons), overturned with an overturned one when nothing
else decided it. While the surgery is undecided, a service that only the surgery keeps from being certified waits
for it, undecided; so does every service that cannot be matched to one surgery.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from imr.guidelines.rationale import undecided_text
from imr.guidelines.variables import SurgeryLink, regions_meet
from imr.records import CriterionStatus, Decision, ItemDetermination, TreatmentRequest
from imr.requests.vocabulary import load_vocabulary

RULE_ID = "process.associated-service-follows-surgery"
LINK_CRITERION = "surgery-certified"


def _serves_surgery(request: TreatmentRequest | None) -> bool:
    if request is None or request.category == "surgery":
        return False
    service = load_vocabulary().services.get(request.service)
    return request.associated_surgical or request.postoperative or (service is not None and service.serves_surgery)


def is_disputed_surgery(request: TreatmentRequest | None) -> bool:
    return request is not None and request.service == "surgery" and not request.associated_surgical


def link_for(
    request: TreatmentRequest | None, surgeries: Sequence[ItemDetermination], unreadable: Sequence[int] = ()
) -> SurgeryLink | None:
    """The surgery an item serves among the disputed ``surgeries`` (already decided); ``None`` when the case
    disputes none it could serve, so that surgery was certified or done. ``unreadable``: items whose request could
    not be read, any of which may be the surgery."""
    candidates = list(surgeries)
    if request is not None and request.regions and candidates:
        matched = _of_region(request, candidates)
        if matched:
            candidates = matched
        elif not request.associated_surgical:
            # a surgery of another region is disputed; the one this serves is not (an "Associated surgical service"
            # is for a surgery of this case whatever body part it names: a hip pad for a shoulder cold unit)
            if not unreadable:
                return None
            candidates = []
    if not candidates:
        if unreadable:
            numbers = ", ".join(str(number) for number in unreadable)
            return SurgeryLink(None, f"item(s) {numbers}, which could not be read", None)
        return None
    if len(candidates) == 1:
        surgery = candidates[0]
        necessary = None if surgery.decision is None else surgery.decision is Decision.OVERTURNED
        return SurgeryLink(surgery.index, surgery.request_text, necessary)
    titles = "; ".join(f"item {s.index}, {s.request_text.strip()}" for s in candidates)
    return SurgeryLink(None, titles, None)


def _of_region(request: TreatmentRequest, surgeries: Sequence[ItemDetermination]) -> list[ItemDetermination]:
    """The surgeries on the body region the service names, on the same side when both name one."""

    def fits(surgery: ItemDetermination) -> bool:
        if surgery.request is None:
            return False
        if not surgery.request.regions:
            return True  # "Right carpal tunnel release" names no region the parser knows: it may be this one
        for wanted in request.regions:
            for region in surgery.request.regions:
                sides = {wanted.laterality, region.laterality}
                if regions_meet(wanted.region, region.region) and (
                    None in sides or "bilateral" in sides or len(sides) == 1
                ):
                    return True
        return False

    return [surgery for surgery in surgeries if fits(surgery)]


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


def _describe(link: SurgeryLink) -> str:
    if link.index is None:
        return f"a surgery it cannot be matched to ({link.title})"
    return f"the surgery in item {link.index} ({link.title.strip()})"


def _wait_for(item: ItemDetermination, link: SurgeryLink) -> ItemDetermination:
    """A service that only the surgery keeps from being decided waits for the surgery's decision."""
    if link.index is None:
        reason = f"this service serves {_describe(link)}; the physician reviewer must say which surgery it serves"
    else:
        reason = f"this service serves {_describe(link)}, which is itself undecided; decide the surgery first"
    return dataclasses.replace(
        item,
        decision=None,
        rule_ids=(),
        citations=(),
        criteria=(),
        undecided_reason=reason,
        rationale=undecided_text(reason),
    )


def _only_the_link_is_open(item: ItemDetermination) -> bool:
    """Every criterion but the surgery link is met: the surgery alone stands between the item and certification."""
    others = [c for c in item.criteria if c.id != LINK_CRITERION]
    return bool(others) and all(c.status is CriterionStatus.MET for c in others)


def apply_surgery_dependency(
    items: Sequence[ItemDetermination],
    links: Mapping[int, SurgeryLink | None],
    judged: frozenset[int] = frozenset(),
) -> tuple[ItemDetermination, ...]:
    """Make the services for a disputed surgery follow it. ``links`` maps an item number to the surgery it serves;
    ``judged`` holds the items whose own rule already weighed that surgery's decision."""
    return tuple(_settle(item, links.get(item.index), item.index in judged) for item in items)


def _settle(item: ItemDetermination, link: SurgeryLink | None, judged: bool) -> ItemDetermination:
    if link is None or is_disputed_surgery(item.request):
        return item
    if judged:
        # an unmatched surgery leaves the rule's other criteria unsure too (they read the surgery's type)
        waits = link.index is None or _only_the_link_is_open(item)
        if link.necessary is None and item.decision is not None and waits:
            return _wait_for(item, link)
        return item
    if not _serves_surgery(item.request):
        return item
    service = item.request_text.strip()
    if link.necessary is None:
        return _wait_for(item, link) if item.decision is Decision.OVERTURNED else item
    if link.necessary is False and item.decision is not Decision.UPHELD:
        return _follow(
            item,
            Decision.UPHELD,
            f"This service is requested for {_describe(link)}, which is not medically necessary. A service that"
            f" serves a surgery follows the decision on that surgery. Therefore, the request for {service} is not"
            f" medically necessary.",
        )
    if link.necessary is True and item.decision is None:
        return _follow(
            item,
            Decision.OVERTURNED,
            f"This service is requested for {_describe(link)}, which is medically necessary, and no guideline"
            f" criterion we hold limits it. Therefore, the request for {service} is medically necessary.",
        )
    return item
