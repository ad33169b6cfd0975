"""Cut the IMR ISSUES section into items: heading, decision, the two guideline lines and the rationale."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from imr.errors import LetterFormatError
from imr.records import Decision, Span, TextField
from imr.text.mapped import MappedText

_DECISION = re.compile(r":[ \t]*(?:\n[ \t]*)*(?P<decision>Upheld|Overturned)\b[ \t]*(?=\n|$)", re.IGNORECASE)
_INTRO = re.compile(r"set forth below:[ \t]*\n", re.IGNORECASE)
_CLAIMS_LABEL = re.compile(r"^[ \t]*Claims Administrator guideline:", re.MULTILINE | re.IGNORECASE)
_REVIEWER_LABEL = re.compile(r"^[ \t]*(?!Claims Administrator)[A-Z][A-Za-z&.' ]{1,60}? guideline:", re.MULTILINE)
_RATIONALE_LABEL = re.compile(r"^[ \t]*Decision rationale:", re.MULTILINE | re.IGNORECASE)
# A line that ends a sentence ends the previous rationale, except the sentences of a partly authorized
# request's heading: "Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the
# Claims Administrator. The remaining IMR eligible portion of the original request, ...".
_SENTENCE_END = re.compile(r"""[.!?]["')\]]*[ \t]*$""")
_HEADING_SENTENCE = re.compile(
    r"(?:was the original request|by the Claims Administrator|IMR eligible|the original request)\.[ \t]*$",
    re.IGNORECASE,
)
# Each clause is an atomic group: the first "was the original request." ends the original request for good (left to
# backtrack, a heading repeating the clause without the rest of the form was rescanned to its end from every repeat).
_PARTIAL = re.compile(
    r"^(?>(?P<original>.+?) was the original request\.)\s*"
    r"(?:(?>(?P<authorized>.+?) was authorized by the Claims Administrator\.)|The Claims Administrator authorized"
    r" (?>(?P<authorized2>.+?), leaving the original request IMR eligible\.))\s*"
    r"The (?:remaining IMR eligible portion of the original request|original request),\s*(?P<title>.*?\S)(?:\s+is)?$",
    re.IGNORECASE | re.DOTALL,
)
# how far back a heading sentence's words are looked for when its line ends: "... was authorized by the Claims\n
# Administrator."
_HEADING_SENTENCE_REACH = 120


@dataclass(frozen=True, slots=True)
class ItemBlock:
    heading: TextField
    title: TextField
    decision: Decision
    decision_span: Span
    claims_line: MappedText | None
    reviewer_line: MappedText | None
    rationale: MappedText | None
    original_request: TextField | None
    authorized_portion: TextField | None


def _line_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _heading_start(text: str, colon: int, lower: int) -> int:
    start = _line_start(text, colon)
    while start > lower:
        previous_end = start - 1  # the "\n" before this line
        previous_start = max(_line_start(text, previous_end), lower)
        previous = text[previous_start:previous_end]
        if not previous.strip():
            break
        if _SENTENCE_END.search(previous) and not _ends_heading_sentence(text, lower, previous_end):
            break
        start = previous_start
    return max(start, lower)


def _ends_heading_sentence(text: str, lower: int, end: int) -> bool:
    """Whether the line ending at ``end`` ends a sentence of a partly authorized request's heading, the sentence read
    across the line breaks before it (a narrow page wraps "was authorized by the Claims\nAdministrator.")."""
    words = " ".join(text[max(lower, end - _HEADING_SENTENCE_REACH) : end].split())
    return bool(_HEADING_SENTENCE.search(words))


def _labelled(document: MappedText, label: re.Match[str] | None, stop: int) -> MappedText | None:
    if label is None:
        return None
    return document.slice(label.end(), stop).reflow()


def find_item_blocks(document: MappedText, section_start: int, source: str) -> list[ItemBlock]:
    text = document.text
    intro = _INTRO.search(text, section_start)
    lower = intro.end() if intro else section_start
    markers = list(_DECISION.finditer(text, lower))
    if not markers:
        raise LetterFormatError("no disputed item with a decision (': Upheld' or ': Overturned') found", source=source)
    # found once: searching on from every marker rescanned the rest of a letter with many markers and no rationale
    rationale_labels = list(_RATIONALE_LABEL.finditer(text, lower))
    rationale_starts = [label.start() for label in rationale_labels]
    starts: list[int] = []
    floor = lower
    for marker in markers:
        start = _heading_start(text, marker.start(), floor)
        starts.append(start)
        following = bisect_left(rationale_starts, marker.end())
        floor = rationale_labels[following].end() if following < len(rationale_labels) else marker.end()
    blocks: list[ItemBlock] = []
    for number, marker in enumerate(markers):
        stop = starts[number + 1] if number + 1 < len(markers) else len(text)
        blocks.append(_block(document, starts[number], marker, stop, number + 1, source))
    last = blocks[-1].rationale
    if last is not None and _cut_off(last.text):
        raise LetterFormatError(
            f"letter ends in the middle of item {len(blocks)}'s rationale (cut off?)", source=source
        )
    return blocks


# A sentence cannot end on these: a rationale whose last word is one of them stops mid-sentence. A last sentence that
# only lacks its full stop ("Therefore, the request is not medically necessary") is complete.
_DANGLING_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "with",
        "without",
        "in",
        "on",
        "at",
        "by",
        "from",
        "into",
        "onto",
        "over",
        "under",
        "than",
        "as",
        "and",
        "or",
        "nor",
        "but",
        "if",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "this",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "such",
        "per",
        "via",
        "versus",
        "vs",
        "including",
        "regarding",
    ]
)
_DANGLING_MARKS = (",", ";", ":", "-", "(", "[", "/", "&")


def _cut_off(rationale: str) -> bool:
    text = rationale.rstrip()
    if _SENTENCE_END.search(text):
        return False
    if not text or text.endswith(_DANGLING_MARKS):
        return True
    last_word = re.findall(r"[A-Za-z']+", text[-40:])
    return bool(last_word) and last_word[-1].lower() in _DANGLING_WORDS


def _block(document: MappedText, start: int, marker: re.Match[str], stop: int, number: int, source: str) -> ItemBlock:
    text = document.text
    heading = document.slice(start, marker.start()).reflow()
    claims = _CLAIMS_LABEL.search(text, marker.end(), stop)
    reviewer = _REVIEWER_LABEL.search(text, claims.end() if claims else marker.end(), stop)
    rationale = _RATIONALE_LABEL.search(text, reviewer.end() if reviewer else marker.end(), stop)
    if rationale is None:
        raise LetterFormatError(
            f"item {number} ({heading.text[:60]!r}) has no 'Decision rationale' (letter cut off?)",
            source=source,
        )
    rationale_text = document.slice(rationale.end(), stop).reflow()
    if not rationale_text.text:
        raise LetterFormatError(f"item {number} ({heading.text[:60]!r}) has an empty rationale", source=source)
    claims_line = _labelled(document, claims, reviewer.start() if reviewer else rationale.start())
    reviewer_line = _labelled(document, reviewer, rationale.start())
    title = heading.as_field()
    original: TextField | None = None
    authorized: TextField | None = None
    partial = _PARTIAL.match(heading.text)
    if partial:
        title = heading.field(partial.start("title"), partial.end("title"))
        original = heading.field(partial.start("original"), partial.end("original"))
        group = "authorized" if partial.group("authorized") else "authorized2"
        authorized = heading.field(partial.start(group), partial.end(group))
    return ItemBlock(
        heading=heading.as_field(),
        title=title,
        decision=Decision(marker.group("decision").lower()),
        decision_span=document.span(marker.start("decision"), marker.end("decision")),
        claims_line=claims_line,
        reviewer_line=reviewer_line,
        rationale=rationale_text,
        original_request=original,
        authorized_portion=authorized,
    )
