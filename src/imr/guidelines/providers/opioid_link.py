"""The link between a companion drug and the opioid it is asked for with.

A laxative or an antiemetic for the side effects of an opioid is needed only while the opioid is: rules for them
read ``opioid_certified``. When no opioid is disputed in the same case, the opioid is taken as certified or already
authorized, and the link holds.
"""

from __future__ import annotations

from imr.guidelines.registry import Provider
from imr.guidelines.variables import ItemContext, Variable, VariableSpec, linked_item_phrase
from imr.records import Facts, TreatmentRequest


def opioid_variables(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    link = context.opioid
    if link is None:
        return {
            "opioid_certified": Variable(True),
            "companion_opioid": Variable("an opioid that is not in dispute in this review"),
        }
    phrase = linked_item_phrase("opioid", link.index, link.title, link.necessary)
    return {"opioid_certified": Variable(link.necessary), "companion_opioid": Variable(phrase)}


SPECS = (
    VariableSpec(
        "opioid_certified",
        "boolean",
        "the opioid a companion drug is asked for with is medically necessary (true when no opioid is in dispute)",
        "computed",
    ),
    VariableSpec("companion_opioid", "string", "the opioid the drug accompanies, and the decision on it", "computed"),
)

PROVIDER = Provider("opioid_link", SPECS, opioid_variables)
