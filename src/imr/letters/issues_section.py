"""The IMR ISSUES, DECISIONS AND RATIONALES section, rendered from a Determination's trail."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from imr.records import Decision, Determination, ItemDetermination

DRAFT_NOTICE = (
    "DRAFT prepared by the decision engine: a licensed physician reviewer must review, may change and sign it."
)


def decision_word(item: ItemDetermination) -> str:
    if item.decision is Decision.UPHELD:
        return "Upheld"
    if item.decision is Decision.OVERTURNED:
        return "Overturned"
    return "Undecided (for the physician reviewer)"


def reviewer_guideline_line(item: ItemDetermination) -> str:
    if not item.citations:
        if item.decision is None:
            return "No guideline applied; the item is left to the physician reviewer."
        return "No separate guideline: the decision follows the decision on the surgery this service serves."
    mtus = [c.text for c in item.citations if c.mtus]
    other = [c.text for c in item.citations if not c.mtus]
    parts = []
    if mtus:
        parts.append("Decision based on MTUS " + "; ".join(t.removeprefix("MTUS ") for t in mtus) + ".")
    if other:
        parts.append("Decision based on Non-MTUS Citation " + "; ".join(other) + ".")
    return " ".join(parts)


def render_issues_section(
    determination: Determination,
    *,
    organisation: str = "MAXIMUS",
    claims_administrator_lines: Sequence[str | None] = (),
    width: int = 100,
) -> str:
    lines = [
        "IMR ISSUES, DECISIONS AND RATIONALES",
        "",
        "The Final Determination was based on decisions for the disputed items/services set forth below:",
        "",
    ]
    for position, item in enumerate(determination.items):
        claims = claims_administrator_lines[position] if position < len(claims_administrator_lines) else None
        lines.append(f"{item.request_text.strip()}: {decision_word(item)}")
        lines.append("")
        if claims:
            lines.append(textwrap.fill(f"Claims Administrator guideline: {claims}", width))
            lines.append("")
        lines.append(textwrap.fill(f"{organisation} guideline: {reviewer_guideline_line(item)}", width))
        lines.append("")
        lines.append(textwrap.fill(f"Decision rationale: {item.rationale}", width))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
