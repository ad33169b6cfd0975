"""A read letter as rows of the corpus tables (plain dicts, one per row, keyed by the schema's column names)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from imr.records import Citation, GuidelineLine, Letter, LetterItem, TextField

if TYPE_CHECKING:  # the engine is imported only by builds that decide
    from imr.letters.replay import ReplayRow

Row = dict[str, Any]


def _text(field: TextField | None) -> str | None:
    return field.text if field is not None else None


def _joined(fields: Sequence[TextField]) -> str | None:
    return "; ".join(f.text for f in fields) or None


def letter_row(letter: Letter, *, letter_id: str, kind: str, size: int) -> Row:
    header = letter.header
    ur = header.ur_denial_date.value if header.ur_denial_date else None
    decided = header.decision_date.value if header.decision_date else None
    return {
        "letter_id": letter_id,
        "file": letter.source,
        "kind": kind,
        "bytes": size,
        "layout": letter.layout.value,
        "case_number": _text(header.case_number),
        "priority": _text(header.priority),
        "date_assigned": header.date_assigned.value if header.date_assigned else None,
        "date_of_injury": header.date_of_injury.value if header.date_of_injury else None,
        "ur_denial_date": ur,
        "application_received": header.application_received.value if header.application_received else None,
        "decision_date": decided,
        "days_ur_to_decision": (decided - ur).days if ur and decided else None,
        "review_organisation": letter.review_organisation,
        "reviewer_specialty": _joined(letter.reviewer.specialties),
        "reviewer_subspecialty": _joined(letter.reviewer.subspecialties),
        "reviewer_licence": _joined(letter.reviewer.licensure_states),
        "items": len(letter.items),
        "upheld": sum(item.decision.value == "upheld" for item in letter.items),
        "overturned": sum(item.decision.value == "overturned" for item in letter.items),
        "warnings": "; ".join(letter.warnings) or None,
    }


def _first_family(line: GuidelineLine | None) -> tuple[str | None, bool | None]:
    if line is None or not line.citations:
        return None, None
    first = line.citations[0]
    return first.family, first.mtus


def item_row(letter_id: str, case_number: str | None, item: LetterItem, replayed: ReplayRow | None) -> Row:
    request = item.request
    regions = request.regions if request else ()
    drug = request.drug if request else None
    family, mtus = _first_family(item.reviewer_guideline)
    engine = replayed.decision.value if replayed and replayed.decision else ("undecided" if replayed else None)
    return {
        "letter_id": letter_id,
        "case_number": case_number,
        "item": item.index,
        "title": item.title.text,
        "service": request.service if request else None,
        "category": request.category if request else None,
        "region": regions[0].region if regions else None,
        "laterality": regions[0].laterality if regions else None,
        "regions": "; ".join(r.label() for r in regions) or None,
        "sessions": request.sessions if request else None,
        "frequency_per_week": request.frequency_per_week if request else None,
        "weeks": request.weeks if request else None,
        "drug": drug.name if drug else None,
        "drug_class": drug.drug_class if drug else None,
        "strength": drug.strength if drug else None,
        "quantity": drug.quantity if drug else None,
        "retrospective": request.retrospective if request else None,
        "partial_certification": item.authorized_portion is not None or item.original_request is not None,
        "decision": item.decision.value,
        "claims_administrator_guideline": item.claims_administrator_guideline.raw.text
        if item.claims_administrator_guideline
        else None,
        "reviewer_guideline": item.reviewer_guideline.raw.text if item.reviewer_guideline else None,
        "reviewer_family": family,
        "reviewer_mtus": mtus,
        "engine_decision": engine,
        "engine_rule": replayed.rule if replayed else None,
        "engine_citation": replayed.citation if replayed else None,
        "engine_agrees": (replayed.decision is item.decision) if replayed else None,
    }


def _citation_row(letter_id: str, item: int, party: str, position: int, citation: Citation) -> Row:
    return {
        "letter_id": letter_id,
        "item": item,
        "party": party,
        "position": position,
        "family": citation.family,
        "title": citation.title,
        "mtus": citation.mtus,
        "chapter": citation.chapter,
        "edition_year": citation.edition_year,
        "sections": "; ".join(citation.sections) or None,
        "pages": ", ".join(str(p) for p in citation.pages) or None,
        "raw": citation.raw,
    }


def citation_rows(letter_id: str, item: LetterItem) -> list[Row]:
    rows: list[Row] = []
    for party, line in (
        ("claims_administrator", item.claims_administrator_guideline),
        ("reviewer", item.reviewer_guideline),
    ):
        if line is None:
            continue
        rows.extend(_citation_row(letter_id, item.index, party, n, c) for n, c in enumerate(line.citations, start=1))
    return rows
