"""Reader for the letters headed "HOW THE IMR FINAL DETERMINATION WAS MADE" (seed and 2016 layouts).

The 2016 letters add a header block (Case Number, Date Assigned, ...) and "State(s) of Licensure" /
"Certification(s)/Specialty" lines; the seed letters give the reviewer's qualifications in prose.
"""

from __future__ import annotations

import re

from imr.citations import parse_guideline_line
from imr.errors import LetterFormatError, RequestParseError
from imr.letters.items import ItemBlock, find_item_blocks
from imr.letters.parts import parse_header_dates, parse_qualifications
from imr.records import Layout, Letter, LetterItem, TextField
from imr.requests import parse_request
from imr.text.mapped import MappedText

_HOW_MADE = re.compile(r"HOW THE IMR FINAL DETERMINATION WAS MADE", re.IGNORECASE)
_SUMMARY_HEADING = re.compile(r"^[ \t]*CLINICAL CASE SUMMARY[ \t]*$", re.MULTILINE)
_SUMMARY_PREAMBLE = re.compile(
    r"^\s*The (?:expert|physician) reviewer developed the following clinical case summary based on a review"
    r" of the\s+case file, including all medical records:\s*",
    re.IGNORECASE,
)
_ISSUES_HEADING = re.compile(r"^[ \t]*IMR ISSUES,? DECISIONS,? AND RATIONALES[ \t]*$", re.MULTILINE)
_ORGANISATION = re.compile(r"^[^\S\n]*(?P<org>[A-Z][A-Za-z&.,' ]+?) sent the complete case file", re.MULTILINE)


def read_modern_letter(document: MappedText, source: str, layout: Layout) -> Letter:
    text = document.text
    issues = _ISSUES_HEADING.search(text)
    if issues is None:
        raise LetterFormatError("no 'IMR ISSUES, DECISIONS AND RATIONALES' section", source=source)
    summary_heading = _SUMMARY_HEADING.search(text, 0, issues.start())
    how_made = _HOW_MADE.search(text)
    qualifications_end = summary_heading.start() if summary_heading else issues.start()
    qualifications_start = how_made.end() if how_made else 0
    qualifications = parse_qualifications(document.slice(qualifications_start, qualifications_end))
    header = parse_header_dates(document.slice(0, how_made.start() if how_made else qualifications_end), source)
    summary: TextField | None = None
    if summary_heading is not None:
        body = document.slice(summary_heading.end(), issues.start())
        preamble = _SUMMARY_PREAMBLE.match(body.text)
        if preamble:
            body = body.slice(preamble.end(), len(body.text))
        reflowed = body.reflow()
        summary = reflowed.as_field() if reflowed.text else None
    organisation = _ORGANISATION.search(text, qualifications_start, qualifications_end)
    blocks = find_item_blocks(document, issues.end(), source)
    items = tuple(_item_from_block(number, block) for number, block in enumerate(blocks, start=1))
    return Letter(
        source=source,
        layout=layout,
        text="",
        header=header,
        reviewer=qualifications,
        case_summary=summary,
        items=items,
        review_organisation=organisation.group("org").strip() if organisation else None,
    )


def _item_from_block(number: int, block: ItemBlock) -> LetterItem:
    try:
        request = parse_request(block.title.text, span=block.title.span)
    except RequestParseError:  # a title the vocabulary cannot read still leaves a readable item
        request = None
    return LetterItem(
        index=number,
        title=block.title,
        heading=block.heading,
        request=request,
        decision=block.decision,
        decision_span=block.decision_span,
        claims_administrator_guideline=(
            parse_guideline_line(block.claims_line) if block.claims_line is not None else None
        ),
        reviewer_guideline=parse_guideline_line(block.reviewer_line) if block.reviewer_line is not None else None,
        rationale=block.rationale.as_field() if block.rationale is not None else None,
        original_request=block.original_request,
        authorized_portion=block.authorized_portion,
    )
