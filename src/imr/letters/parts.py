"""Header fields and reviewer qualifications, shared by the letter layouts."""

from __future__ import annotations

import re
from typing import NamedTuple

from imr.errors import LetterFormatError
from imr.records import DateField, LetterHeader, ReviewerQualifications, TextField
from imr.text.dates import parse_date
from imr.text.mapped import MappedText

_DATE_VALUE = r"(?P<value>\d{1,2}/\d{1,2}/\d{2,4}|[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{4}-\d{2}-\d{2})"
_HEADER_DATES = {
    "date_assigned": re.compile(r"Date\s+Assigned:\s*" + _DATE_VALUE),
    "date_of_injury": re.compile(r"Date\s+of\s+Injury:\s*" + _DATE_VALUE),
    "decision_date": re.compile(r"Decision\s+Date:\s*" + _DATE_VALUE),
    "ur_denial_date": re.compile(r"UR\s+Denial\s+Date:\s*" + _DATE_VALUE),
    "application_received": re.compile(r"Application\s+Received:\s*" + _DATE_VALUE),
}
_HEADER_LABELS = {
    "date_assigned": "Date Assigned",
    "date_of_injury": "Date of Injury",
    "decision_date": "Decision Date",
    "ur_denial_date": "UR Denial Date",
    "application_received": "Application Received",
}
_CASE_NUMBER = re.compile(r"(?:IMR\s+)?Case\s+(?:Number|No\.?):\s*(?P<value>[A-Z]{2}\d{2}-\d{4,8}|IMR\s?\d{2}-\d+)")
_PRIORITY = re.compile(r"Priority:\s*(?P<value>Standard|Expedited|Regular)", re.IGNORECASE)
_LICENSURE = re.compile(r"State\(s\) of Licensure:[ \t]*(?P<value>[^\n]*)")
_CERTIFICATION = re.compile(r"Certification\(s\)/Specialty:[ \t]*(?P<value>[^\n]*)")
# "... is Board Certified in <specialty>[, has a subspecialty in <subspecialty>] and is licensed to practice in
# <states>.", found clause by clause in one line: as one lazy regular expression, a line repeating the first clause was
# rescanned from every repeat once per clause after it.
_BOARD_CERTIFIED = re.compile(r"is Board Certified in ", re.IGNORECASE)
_SUBSPECIALTY = re.compile(r", has a subspecialty(?: certification)? in ", re.IGNORECASE)
_LICENSED = re.compile(r",? and is licensed to practice in ", re.IGNORECASE)
_REVIEWER_NOUN = re.compile(
    r"(?:case file to an?|\bThe) (?P<noun>(?:expert|physician|medical|chiropractic|peer|independent) reviewer)\b",
    re.IGNORECASE,
)


class _Prose(NamedTuple):
    specialty: tuple[int, int]
    subspecialty: tuple[int, int] | None
    states: tuple[int, int]


def _find_prose(text: str) -> _Prose | None:
    """The qualifications sentence of the first line of ``text`` that has one whole."""
    position = 0
    while (board := _BOARD_CERTIFIED.search(text, position)) is not None:
        line_end = text.find("\n", board.end())
        line_end = len(text) if line_end < 0 else line_end
        licensed = _LICENSED.search(text, board.end() + 1, line_end)
        full_stop = text.find(".", licensed.end() + 1, line_end) if licensed else -1
        if licensed is not None and full_stop >= 0:
            sub = _SUBSPECIALTY.search(text, board.end() + 1, licensed.start())
            if sub is not None and sub.end() < licensed.start():
                return _Prose((board.end(), sub.start()), (sub.end(), licensed.start()), (licensed.end(), full_stop))
            return _Prose((board.end(), licensed.start()), None, (licensed.end(), full_stop))
        position = line_end  # a later "Board Certified" in the line has no more after it
    return None


def _date_field(document: MappedText, match: re.Match[str], label: str, source: str) -> DateField:
    raw = match.group("value")
    value = parse_date(raw)
    if value is None:
        raise LetterFormatError(f"header field '{label}' has an unreadable date {raw!r}", source=source)
    return DateField(value=value, span=document.span(match.start("value"), match.end("value")), raw=raw)


def parse_header_dates(document: MappedText, source: str) -> LetterHeader:
    text = document.text
    dates: dict[str, DateField] = {}
    for key, pattern in _HEADER_DATES.items():
        match = pattern.search(text)
        if match:
            dates[key] = _date_field(document, match, _HEADER_LABELS[key], source)
    case = _CASE_NUMBER.search(text)
    priority = _PRIORITY.search(text)
    return LetterHeader(
        case_number=document.field(case.start("value"), case.end("value")) if case else None,
        priority=document.field(priority.start("value"), priority.end("value")) if priority else None,
        **dates,
    )


def _split_list(document: MappedText, start: int, end: int) -> tuple[TextField, ...]:
    fields: list[TextField] = []
    position = start
    for piece in re.split(r"(,|;|\band\b)", document.text[start:end]):
        piece_start = position
        position += len(piece)
        if piece in {",", ";", "and"} or not piece.strip():
            continue
        left = piece_start + len(piece) - len(piece.lstrip())
        right = piece_start + len(piece.rstrip())
        fields.append(document.field(left, right))
    return tuple(fields)


def parse_qualifications(section: MappedText) -> ReviewerQualifications:
    text = section.text
    licensure = _LICENSURE.search(text)
    certification = _CERTIFICATION.search(text)
    noun = _REVIEWER_NOUN.search(" ".join(text.split()))
    reviewer_noun = noun.group("noun").lower() if noun else None
    if licensure or certification:
        return ReviewerQualifications(
            specialties=_split_list(section, certification.start("value"), certification.end("value"))
            if certification
            else (),
            licensure_states=_split_list(section, licensure.start("value"), licensure.end("value"))
            if licensure
            else (),
            reviewer_noun=reviewer_noun,
        )
    flowing = section.reflow()
    prose = _find_prose(flowing.text)
    if prose is None:
        return ReviewerQualifications(reviewer_noun=reviewer_noun)
    return ReviewerQualifications(
        specialties=(flowing.field(*prose.specialty),),
        subspecialties=(flowing.field(*prose.subspecialty),) if prose.subspecialty else (),
        licensure_states=_split_list(flowing, *prose.states),
        reviewer_noun=reviewer_noun,
    )
