"""Reader for the older labelled layouts (maximus-2013, maximus-federal, medical-professional-review).

Each layout is described as data (data/vocabulary/layouts.yaml): header labels, section headings, how an item
starts, where its decision is said and how its guideline lines and rationale are labelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from imr.citations import parse_guideline_line
from imr.data_files import package_data_path, read_package_yaml, validated
from imr.errors import LetterFormatError, RequestParseError, RuleFileError
from imr.letters.parts import parse_qualifications
from imr.records import DateField, Decision, Layout, Letter, LetterHeader, LetterItem, TextField
from imr.requests import parse_request
from imr.text.dates import DATE_PATTERN, parse_date
from imr.text.mapped import MappedText

_FLAGS = re.IGNORECASE | re.MULTILINE
_CASE_NUMBER_VALUE = r"(?P<value>[A-Z]{2}\d{2}-\d{4,8})"
_ORGANISATION = re.compile(r"(?P<org>MAXIMUS Federal Services)", re.IGNORECASE)


class _LabelsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claims: str
    reviewer: str
    rationale: str


class _LayoutModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    header: dict[str, str]
    sections: dict[str, str]
    summary_preamble: str | None = None
    documents_preamble: str | None = None
    item_start: str
    decision: str
    decision_words: dict[str, str]
    labels: _LabelsModel
    items_end: str


class _LayoutFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    layouts: dict[str, _LayoutModel]


@dataclass(frozen=True)
class LayoutSpec:
    header: dict[str, re.Pattern[str]]
    sections: dict[str, re.Pattern[str]]
    summary_preamble: re.Pattern[str] | None
    documents_preamble: re.Pattern[str] | None
    item_start: re.Pattern[str]
    decision: re.Pattern[str]
    decision_words: dict[str, Decision]
    claims: re.Pattern[str]
    reviewer: re.Pattern[str]
    rationale: re.Pattern[str]
    items_end: re.Pattern[str]


def _compile(pattern: str, field: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, _FLAGS)
    except re.error as exc:
        raise RuleFileError(
            f"bad regex: {exc}", source=package_data_path("vocabulary/layouts.yaml"), field=field
        ) from exc


@lru_cache(maxsize=1)
def layout_specs() -> dict[str, LayoutSpec]:
    name = package_data_path("vocabulary/layouts.yaml")
    model = validated(_LayoutFileModel, read_package_yaml("vocabulary/layouts.yaml"), name)
    specs: dict[str, LayoutSpec] = {}
    for key, layout in model.layouts.items():
        specs[key] = LayoutSpec(
            # a label may wrap in PDF text ("The Notice of Assignment and\nRequest for Information")
            header={k: _compile(v.replace(" ", r"\s+"), f"{key}.header.{k}") for k, v in layout.header.items()},
            sections={k: _compile(v, f"{key}.sections.{k}") for k, v in layout.sections.items()},
            summary_preamble=_compile(layout.summary_preamble, f"{key}.summary_preamble")
            if layout.summary_preamble
            else None,
            documents_preamble=_compile(layout.documents_preamble, f"{key}.documents_preamble")
            if layout.documents_preamble
            else None,
            item_start=_compile(layout.item_start, f"{key}.item_start"),
            decision=_compile(layout.decision, f"{key}.decision"),
            decision_words={w.lower(): Decision(d) for w, d in layout.decision_words.items()},
            claims=_compile(layout.labels.claims, f"{key}.labels.claims"),
            reviewer=_compile(layout.labels.reviewer, f"{key}.labels.reviewer"),
            rationale=_compile(layout.labels.rationale, f"{key}.labels.rationale"),
            items_end=_compile(layout.items_end, f"{key}.items_end"),
        )
    return specs


def _header(document: MappedText, spec: LayoutSpec, source: str) -> LetterHeader:
    values: dict[str, object] = {}
    for key, label in spec.header.items():
        found = label.search(document.text)
        if found is None:
            continue
        rest = document.text[found.end() :]
        if key == "case_number":
            value = re.match(r"\s*" + _CASE_NUMBER_VALUE, rest)
            if value:
                start = found.end() + value.start("value")
                values[key] = document.field(start, start + len(value.group("value")))
            continue
        value = re.match(rf"\s*(?P<value>{DATE_PATTERN})", rest)
        if value is None:
            continue
        parsed = parse_date(value.group("value"))
        if parsed is None:
            raise LetterFormatError(
                f"header field {key!r} has an unreadable date {value.group('value')!r}", source=source
            )
        start = found.end() + value.start("value")
        end = found.end() + value.end("value")
        values[key] = DateField(value=parsed, span=document.span(start, end), raw=value.group("value"))
    return LetterHeader(**values)  # type: ignore[arg-type]


def _section_bounds(document: MappedText, spec: LayoutSpec) -> dict[str, tuple[int, int]]:
    starts: list[tuple[int, int, str]] = []
    for key, heading in spec.sections.items():
        found = heading.search(document.text)
        if found:
            starts.append((found.start(), found.end(), key))
    first_item = spec.item_start.search(document.text)
    boundaries = sorted({s for s, _, _ in starts} | ({first_item.start()} if first_item else set()))
    bounds: dict[str, tuple[int, int]] = {}
    for start, end, key in starts:
        following = [b for b in boundaries if b > start]
        bounds[key] = (end, following[0] if following else len(document.text))
    return bounds


def _documents(section: MappedText, spec: LayoutSpec) -> tuple[TextField, ...]:
    text = section.text
    offset = 0
    if spec.documents_preamble:
        found = spec.documents_preamble.match(text)
        if found:
            offset = found.end()
    documents: list[TextField] = []
    position = offset
    for line in text[offset:].split("\n"):
        start = position
        position += len(line) + 1
        cleaned = re.sub(r"^\s*(?:\d+\)|\d+\.|[•\-*])\s*", "", line)
        if not cleaned.strip():
            continue
        lead = start + len(line) - len(line.lstrip())
        lead += len(line.lstrip()) - len(cleaned.lstrip())
        documents.append(section.slice(lead, start + len(line.rstrip())).reflow().as_field())
    return tuple(documents)


def _label_text(region: MappedText, label: re.Pattern[str], stops: list[re.Pattern[str]]) -> MappedText | None:
    found = label.search(region.text)
    if found is None:
        return None
    end = len(region.text)
    for stop in stops:
        later = stop.search(region.text, found.end())
        if later:
            end = min(end, later.start())
    return region.slice(found.end(), end).reflow()


def read_older_letter(document: MappedText, source: str, layout: Layout) -> Letter:
    spec = layout_specs()[layout.value]
    text = document.text
    header = _header(document, spec, source)
    bounds = _section_bounds(document, spec)
    qualifications_section = (
        document.slice(*bounds["qualifications"]) if "qualifications" in bounds else document.slice(0, 0)
    )
    qualifications = parse_qualifications(qualifications_section)
    summary: TextField | None = None
    if "summary" in bounds:
        body = document.slice(*bounds["summary"])
        if spec.summary_preamble:
            found = spec.summary_preamble.match(body.text)
            if found:
                body = body.slice(found.end(), len(body.text))
        flowing = body.reflow()
        summary = flowing.as_field() if flowing.text else None
    documents = _documents(document.slice(*bounds["documents"]), spec) if "documents" in bounds else ()
    items_from = bounds["items"][0] if "items" in bounds else 0
    starts = [m for m in spec.item_start.finditer(text, items_from)]
    if "summary" in bounds:
        starts = [m for m in starts if not bounds["summary"][0] <= m.start() < bounds["summary"][1]]
    if not starts:
        raise LetterFormatError("no disputed items found", source=source)
    end_marker = spec.items_end.search(text, starts[-1].end())
    items_end = end_marker.start() if end_marker else len(text)
    items: list[LetterItem] = []
    for number, start in enumerate(starts, start=1):
        stop = starts[number].start() if number < len(starts) else items_end
        items.append(_item(document, spec, start, stop, number, source))
    organisation = _ORGANISATION.search(text)
    return Letter(
        source=source,
        layout=layout,
        text="",
        header=header,
        reviewer=qualifications,
        case_summary=summary,
        items=tuple(items),
        documents_reviewed=documents,
        review_organisation="MAXIMUS Federal Services" if organisation else None,
    )


def _decision_of(spec: LayoutSpec, word: str, number: int, title: str, source: str) -> Decision:
    """The decision ``word`` says, compared as the pattern matched it: case-blind matching lets "ſ" stand for "s"
    and "ı" for "i" ("not medically neceſſary"), which lower() does not turn back into the word listed."""
    for listed, decision in spec.decision_words.items():
        if re.fullmatch(re.escape(listed), word, re.IGNORECASE):
            return decision
    raise LetterFormatError(f"item {number} ({title[:60]!r}) states no decision the layout knows", source=source)


def _item(
    document: MappedText, spec: LayoutSpec, start: re.Match[str], stop: int, number: int, source: str
) -> LetterItem:
    title = document.slice(start.start("title"), start.end("title")).reflow()
    region = document.slice(start.end(), stop)
    whole = document.slice(start.start(), stop)
    rationale_label = spec.rationale.search(region.text)
    if rationale_label is None:
        raise LetterFormatError(
            f"item {number} ({title.text[:60]!r}) has no rationale (letter cut off?)", source=source
        )
    rationale = region.slice(rationale_label.end(), len(region.text)).reflow()
    before_rationale = whole.slice(0, start.end() - start.start() + rationale_label.start())
    decision_match = spec.decision.search(before_rationale.text)
    if decision_match is None:
        decision_match = spec.decision.search(rationale.text)
        decision_span = rationale.span(*decision_match.span("word")) if decision_match else None
    else:
        decision_span = before_rationale.span(*decision_match.span("word"))
    if decision_match is None or decision_span is None:
        raise LetterFormatError(f"item {number} ({title.text[:60]!r}) states no decision", source=source)
    decision = _decision_of(spec, decision_match.group("word"), number, title.text, source)
    head = region.slice(0, rationale_label.start())
    claims = _label_text(head, spec.claims, [spec.reviewer, spec.rationale])
    reviewer = _label_text(head, spec.reviewer, [spec.rationale])
    try:
        request = parse_request(title.text, span=title.span())
    except RequestParseError:
        request = None
    return LetterItem(
        index=number,
        title=title.as_field(),
        heading=title.as_field(),
        request=request,
        decision=decision,
        decision_span=decision_span,
        claims_administrator_guideline=parse_guideline_line(claims) if claims is not None else None,
        reviewer_guideline=parse_guideline_line(reviewer) if reviewer is not None else None,
        rationale=rationale.as_field() if rationale.text else None,
    )
