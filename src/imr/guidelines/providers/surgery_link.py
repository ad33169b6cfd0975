"""The link between a service and the surgery it serves.

Rules for services that exist only because of a surgery (post-operative therapy, cold units, slings, pre-operative
tests and clearance, an assistant surgeon) read ``surgery_certified``: a service for a surgery that is not
medically necessary is not medically necessary either. When no surgery is disputed in the same case, the surgery
was certified by UR or has been done, and the link holds.
"""

from __future__ import annotations

from imr.guidelines.registry import Provider
from imr.guidelines.variables import ItemContext, Variable, VariableSpec, linked_item_phrase
from imr.records import Facts, TreatmentRequest

_NOT_IN_DISPUTE = "a surgery that is not in dispute in this review"


def surgery_variables(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    link = context.surgery
    if link is None:
        return {
            "surgery_certified": Variable(True),
            "served_surgery": Variable(_NOT_IN_DISPUTE),
            "surgery_in_dispute": Variable(False),
        }
    if link.index is None:
        phrase = f"a surgery it cannot be matched to ({link.title}), on which no decision can be relied"
        return {
            "surgery_certified": Variable(None),
            "served_surgery": Variable(phrase),
            "surgery_in_dispute": Variable(True),
        }
    phrase = linked_item_phrase("surgery", link.index, link.title, link.necessary)
    return {
        "surgery_certified": Variable(link.necessary),
        "served_surgery": Variable(phrase),
        "surgery_in_dispute": Variable(True),
    }


SPECS = (
    VariableSpec(
        "surgery_certified",
        "boolean",
        "the surgery the service serves is medically necessary (true when no surgery is in dispute)",
    ),
    VariableSpec("served_surgery", "string", "the surgery the service serves, and the decision on it", "computed"),
    VariableSpec(
        "surgery_in_dispute", "boolean", "a surgery of the item's region is disputed in the same case", "computed"
    ),
)

PROVIDER = Provider("surgery_link", SPECS, surgery_variables)
