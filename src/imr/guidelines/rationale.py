"""Render the rationale from the decision trail, in the register of IMR letters."""

from __future__ import annotations

from collections.abc import Sequence

from imr.guidelines.load import LoadedRule
from imr.records import Decision, RuleCitation, TreatmentRequest


def _pages_phrase(pages: str | None) -> str | None:
    if not pages:
        return None
    plural = any(mark in pages for mark in ("-", ",", "and"))
    return f"pages {pages}" if plural else f"page {pages}"


def citation_for(rule: LoadedRule) -> RuleCitation:
    guideline = rule.guideline
    citation = rule.model.citation
    parts = [f"{guideline.title} ({guideline.edition})"]
    if citation.chapter:
        parts.append(citation.chapter)
    parts.append(citation.section)
    pages = _pages_phrase(citation.pages)
    if pages:
        parts.append(pages)
    return RuleCitation(
        guideline_id=guideline.id,
        guideline_title=guideline.title,
        edition=guideline.edition,
        mtus=guideline.mtus,
        section=citation.section,
        pages=pages,
        chapter=citation.chapter,
        text=", ".join(parts),
    )


def conclude(sentences: Sequence[str], decision: Decision, request: TreatmentRequest, basis: str) -> str:
    lead: list[str] = []
    if basis == "non-mtus":
        lead.append("The MTUS does not address this request, so evidence outside the MTUS was consulted.")
    verdict = "is medically necessary" if decision is Decision.OVERTURNED else "is not medically necessary"
    closing = f"Therefore, the request for {request.text.strip()} {verdict}."
    return " ".join([*lead, *(s.strip() for s in sentences if s.strip()), closing])


def undecided_text(reason: str) -> str:
    return f"Undecided: {reason}. The physician reviewer must decide this item."
