"""Parse a guideline line ("Decision based on MTUS ... Page(s): 98-99.") into Citation records.

Two grammars are in use. The seed letters write "MTUS <guideline> <section> Page(s): <pages>"; the 2016 letters
write "MTUS <guideline> <year>, Section(s): <s1>, <s2>, and <guideline> <year>, Section(s): ...". Both may add
"Decision based on Non-MTUS Citation <free text>".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from imr.citations.vocabulary import CitationFamily, CitationVocabulary, citation_vocabulary
from imr.records import Citation, GuidelineLine, PageRange
from imr.text.mapped import MappedText

_SEGMENT = re.compile(r"Decision based on (?P<kind>Non-MTUS Citation|MTUS)\b", re.IGNORECASE)
_NO_EVIDENCE = re.compile(r"did not cite any medical evidence", re.IGNORECASE)
_OUTSIDE_MTUS = re.compile(r"based their decision on recommendation\(s\) outside of the MTUS", re.IGNORECASE)
_MTUS_NOT_BASIS = re.compile(r"did not base their decision on the MTUS", re.IGNORECASE)
_PAGES_LABEL = re.compile(r"\bPage\(s\):\s*(?P<pages>[\d\s,\-–]+)", re.IGNORECASE)
# Page numbers closing a line without their label (", page(s) 98-99"). The comma and spaces before "page(s)" are taken
# back by hand (_back_over_link): a pattern opening with ",?\s*" is tried from every space of a run of spaces, and
# "\s*[\d\s,\-]+(?=\s*$)" split a run of spaces three ways (800 spaces took 1.3 s, 16,000 after a guideline name 12 s).
_PAGE_NOISE = re.compile(r"page\(s\)[\d\s,\-]+$", re.IGNORECASE)
_SECTIONS_LABEL = re.compile(r",?\s*Section\(s\):\s*", re.IGNORECASE)
_PAGE_RANGE = re.compile(r"(\d{1,4})(?:\s*-\s*(\d{1,4}))?")
_PG = re.compile(r"\b(?:pg|p|pp|page)s?\.?\s*(\d{1,4}(?:\s*-\s*\d{1,4})?)", re.IGNORECASE)
_YEAR = re.compile(r"\s+(?P<year>(?:19|20)\d\d)\b")


def parse_pages(text: str) -> tuple[PageRange, ...]:
    """'98-99' -> (98-99); '98, 99' -> (98, 99); '303-305, 177-179' -> two ranges, in written order."""
    ranges: list[PageRange] = []
    for match in _PAGE_RANGE.finditer(text):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if last < first:
            first, last = last, first
        ranges.append(PageRange(first, last))
    return tuple(ranges)


def _split_sections(text: str, family: CitationFamily) -> tuple[str, ...]:
    body = text.strip().rstrip(".").strip()
    if not body:
        return ()
    protected = body
    placeholders: dict[str, str] = {}
    for number, compound in enumerate(sorted(family.section_compounds, key=len, reverse=True)):
        marker = f"\x00{number}\x00"
        pattern = re.compile(re.escape(compound), re.IGNORECASE)
        found = pattern.search(protected)
        if found:
            placeholders[marker] = found.group(0)
            protected = pattern.sub(marker, protected)
    parts = [p.strip() for p in family.section_separator.split(protected) if p.strip()]
    restored = []
    for part in parts:
        for marker, original in placeholders.items():
            part = part.replace(marker, original)
        restored.append(part)
    return tuple(restored)


def _family_matches(segment: str, families: tuple[CitationFamily, ...]) -> list[tuple[int, int, CitationFamily]]:
    """Non-overlapping family name matches in ``segment``, leftmost first; longer names win ties."""
    found: list[tuple[int, int, CitationFamily]] = []
    for family in families:
        for match in family.pattern.finditer(segment):
            found.append((match.start(), match.end(), family))
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    chosen: list[tuple[int, int, CitationFamily]] = []
    for start, end, family in found:
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append((start, end, family))
    return chosen


def _without_introducers(
    matches: list[tuple[int, int, CitationFamily]], reach: int = 40
) -> list[tuple[int, int, CitationFamily]]:
    """Drop a bare "ACOEM" that only introduces the chapter after it ("ACOEM, Chapter 12 Low Back
    Complaints", "ACOEM Practice Guidelines (2nd ed. 2004), Chapter 12 ...")."""
    return [
        m
        for index, m in enumerate(matches)
        if not (
            m[2].key == "acoem_mtus"
            and index + 1 < len(matches)
            and matches[index + 1][2].chapter is not None
            and matches[index + 1][0] - m[1] <= reach
        )
    ]


def _pair_pages_with_chapters(
    families: list[CitationFamily], pages: tuple[PageRange, ...]
) -> list[tuple[PageRange, ...]]:
    """Give each chapter the page ranges that fall inside it; what fits none goes by written order."""
    assigned: list[list[PageRange]] = [[] for _ in families]
    leftovers: list[PageRange] = []
    for page in pages:
        home = next(
            (
                i
                for i, f in enumerate(families)
                if f.chapter_pages and f.chapter_pages[0] <= page.first <= f.chapter_pages[1]
            ),
            None,
        )
        if home is None:
            leftovers.append(page)
        else:
            assigned[home].append(page)
    if leftovers:
        if len(families) == 1:
            assigned[0].extend(leftovers)
        else:
            for index, page in enumerate(leftovers):
                assigned[min(index, len(families) - 1)].append(page)
    return [tuple(a) for a in assigned]


def _back_over_link(text: str, position: int) -> int:
    """``position`` moved back over the spaces, and a comma before them, that lead up to it."""
    while position and text[position - 1].isspace():
        position -= 1
    return position - 1 if position and text[position - 1] == "," else position


def _without_trailing_pages(text: str) -> str:
    found = _PAGE_NOISE.search(text)
    return text[: _back_over_link(text, found.start())] if found else text


def _without_linking_and(chunk: str) -> str:
    """A section list without the ", and" that links it to the next guideline ("Section(s): Summary, and")."""
    text = chunk.rstrip()
    if text.endswith("and") and not text[-4:-3].isalnum():
        text = text[:-3]
    return text[: _back_over_link(text, len(text))]


def _mtus_citations(segment: MappedText, vocabulary: CitationVocabulary) -> Iterator[Citation]:
    text = segment.text
    pages_match = _PAGES_LABEL.search(text)
    pages = parse_pages(pages_match.group("pages")) if pages_match else ()
    body_end = pages_match.start() if pages_match else len(text)
    body = _without_trailing_pages(text[:body_end])
    matches = _without_introducers(_family_matches(body, vocabulary.mtus_families))
    dated = [m for m in matches if _YEAR.match(body, m[1])]
    if dated:
        # 2016 grammar: every guideline name carries its edition year; a name without one is section text
        # ("3.3 Opioids for Chronic Pain and Chronic Opioid Treatment: ...").
        matches = dated
    if not matches:
        yield Citation(
            family="mtus_unspecified",
            title="MTUS",
            mtus=True,
            raw=text.strip(),
            span=segment.span(),
            pages=pages,
        )
        return
    families = [m[2] for m in matches]
    paired = _pair_pages_with_chapters(families, pages)
    for index, (start, end, family) in enumerate(matches):
        stop = matches[index + 1][0] if index + 1 < len(matches) else len(body)
        chunk = body[end:stop]
        chunk = _without_linking_and(chunk) if index + 1 < len(matches) else chunk
        year_match = _YEAR.match(chunk)
        year = int(year_match.group("year")) if year_match else None
        rest = chunk[year_match.end() :] if year_match else chunk
        label = _SECTIONS_LABEL.match(rest)
        section_text = rest[label.end() :] if label else rest.lstrip(" ,")
        sections = _split_sections(section_text, family)
        chunk_pages = paired[index]
        numeric = [s for s in sections if s.isdigit()]
        if numeric and not chunk_pages:
            chunk_pages = tuple(PageRange(int(s), int(s)) for s in numeric)
        raw_end = stop if index + 1 < len(matches) else len(text)
        yield Citation(
            family=family.key,
            title=family.title,
            mtus=True,
            raw=text[start:raw_end].strip().rstrip(","),
            span=segment.span(start, raw_end),
            chapter=family.chapter,
            edition_year=year,
            sections=sections,
            pages=chunk_pages,
        )


def _other_citation(segment: MappedText, vocabulary: CitationVocabulary) -> Citation:
    text = segment.text.strip()
    matches = _family_matches(text, vocabulary.other_families)
    family = matches[0][2] if matches else vocabulary.family("other")
    pages: tuple[PageRange, ...] = ()
    page_match = _PG.search(text)
    if page_match:
        pages = parse_pages(page_match.group(1))
    year_match = re.search(r"\b(20\d\d|19\d\d)\b", text)
    return Citation(
        family=family.key,
        title=family.title,
        mtus=False,
        raw=text,
        span=segment.span(),
        edition_year=int(year_match.group(1)) if year_match and family.key == "odg" else None,
        pages=pages,
    )


_PROSE_PAGES = re.compile(
    r"\bpages?\s+(?P<pages>\d{1,4}(?:\s*-\s*\d{1,4})?(?:\s*(?:,|and)\s*\d{1,4}(?:\s*-\s*\d{1,4})?)*)", re.I
)
_PROSE_SECTION_END = re.compile(r"\bpages?\b|\bwhich is\b|;|\band on\b|\.\s*$", re.IGNORECASE)


def _prose_citations(line: MappedText, vocabulary: CitationVocabulary) -> list[Citation]:
    """Citations written as prose ("based its decision on the MTUS Chronic Pain Medical Treatment Guidelines,
    Physical Medicine, pages 98-99, which is part of the MTUS"), as the older layouts write them."""
    text = line.text
    matches = _without_introducers(_family_matches(text, vocabulary.families))
    citations: list[Citation] = []
    for index, (start, end, family) in enumerate(matches):
        stop = matches[index + 1][0] if index + 1 < len(matches) else len(text)
        chunk = text[end:stop]
        pages_match = _PROSE_PAGES.search(chunk)
        section_text = chunk.lstrip(" ,")
        cut = _PROSE_SECTION_END.search(section_text)
        section_text = section_text[: _back_over_link(section_text, cut.start())] if cut else section_text
        sections = tuple(s for s in _split_sections(section_text, family) if s and not s.lower().startswith("and "))
        citations.append(
            Citation(
                family=family.key,
                title=family.title,
                mtus=family.mtus,
                raw=text[start:stop].strip().rstrip(",;"),
                span=line.span(start, stop),
                chapter=family.chapter,
                sections=sections,
                pages=parse_pages(pages_match.group("pages")) if pages_match else (),
            )
        )
    return citations


def parse_guideline_line(line: MappedText, vocabulary: CitationVocabulary | None = None) -> GuidelineLine:
    """Parse the text after "... guideline:" (already reflowed onto one line)."""
    vocabulary = vocabulary or citation_vocabulary()
    text = line.text
    segments = list(_SEGMENT.finditer(text))
    citations: list[Citation] = []
    for index, match in enumerate(segments):
        stop = segments[index + 1].start() if index + 1 < len(segments) else len(text)
        body = line.slice(match.end(), stop).strip()
        if not body.text:
            continue
        if not match.group("kind").lower().startswith("non"):  # "MTUS", even spelled "MTUſ" (case-blind)
            citations.extend(_mtus_citations(body, vocabulary))
        else:
            citations.append(_other_citation(body, vocabulary))
    if not segments:
        citations = _prose_citations(line, vocabulary)
    return GuidelineLine(
        raw=line.as_field(),
        citations=tuple(citations),
        no_evidence_cited=bool(_NO_EVIDENCE.search(text)),
        outside_mtus=bool(_OUTSIDE_MTUS.search(text)),
        mtus_not_basis=bool(_MTUS_NOT_BASIS.search(text)),
    )
