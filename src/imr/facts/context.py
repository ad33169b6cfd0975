"""ConText for spans found outside the target rules.

Some findings are read with patterns that need more than a phrase list (a lesion named in the sentences that report
an imaging study, an injection the record says was given before). Their negation, uncertainty and hypothetical
status must come from the same ConText rules as every other fact, not from a second list of cue words: this module
runs the pipeline's ConText component over given character spans of a text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from imr.facts.pipeline import clinical_pipeline
from imr.facts.reading import Reading, read
from imr.records import Presence

_LABEL = "FINDING"


@dataclass(frozen=True, slots=True)
class SpanContext:
    """How the ConText rules read one span: its presence, the category that decided it, and where the words that
    decided it stand in the text (``None`` for a plain affirmation)."""

    presence: Presence | None
    category: str | None = None
    cue: tuple[int, int] | None = None


def span_presence(text: str, spans: Sequence[tuple[int, int]]) -> list[Presence | None]:
    """Presence of each span (start, end) in ``text`` as the ConText rules judge it; ``None`` when the span is about
    someone else (family history). A span that does not fall on token boundaries is widened to them; one that does
    not lie inside the text is a programming error (ValueError)."""
    return [judged.presence for judged in span_context(text, spans)]


def span_context(text: str, spans: Sequence[tuple[int, int]]) -> list[SpanContext]:
    """As :func:`span_presence`, with the deciding category and the character span of its cue words."""
    if not spans:
        return []
    for start, end in spans:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span ({start}, {end}) does not lie inside a text of {len(text)} characters")
    return list(_judged(text, tuple(spans)))


@lru_cache(maxsize=512)
def _judged(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[SpanContext, ...]:
    """Cached: the readers of every item of a case ask about the same spans of the same record.

    ConText's scope never leaves a sentence, so each span is judged in a document of just the sentences it lies in:
    the work grows with the spans asked about, not with the length of the record."""
    results: list[SpanContext] = [SpanContext(Presence.PRESENT)] * len(spans)
    by_window: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    reading = read(text)
    for index, (start, end) in enumerate(spans):
        by_window[_window(reading, start, end)].append(index)
    for (piece_index, first, last), indexes in by_window.items():
        piece = reading.pieces[piece_index]
        window = piece.document[first:last]
        offset = piece.start + window.start_char
        judged = _judge_in(window.as_doc(), [(spans[i][0] - offset, spans[i][1] - offset) for i in indexes], offset)
        for index, context in zip(indexes, judged, strict=True):
            results[index] = context
    return tuple(results)


def _window(reading: Reading, start: int, end: int) -> tuple[int, int, int]:
    """The piece holding ``start`` and the token range of the sentences from ``start`` to ``end`` in it."""
    piece_index = reading.piece_at(start)
    piece = reading.pieces[piece_index]
    document = piece.document
    local_start = start - piece.start
    local_end = min(end, piece.end) - piece.start
    first = document.char_span(local_start, max(local_end, local_start + 1), alignment_mode="expand")
    if first is None or not len(first):
        return piece_index, 0, len(document)
    return piece_index, first[0].sent.start, first[-1].sent.end


def _judge_in(document: Any, spans: list[tuple[int, int]], offset: int) -> list[SpanContext]:
    from spacy.util import filter_spans

    results: list[SpanContext] = [SpanContext(Presence.PRESENT)] * len(spans)
    pending = list(range(len(spans)))
    context = clinical_pipeline().get_pipe("medspacy_context")
    while pending:
        # spans that overlap cannot be entities of one document: judge them over as many rounds as needed
        entities = {
            index: document.char_span(*spans[index], label=_LABEL, alignment_mode="expand") for index in pending
        }
        chosen = set(filter_spans([e for e in entities.values() if e is not None]))
        document.ents = sorted(chosen, key=lambda e: e.start)
        context(document)
        by_position = {(e.start, e.end): e for e in document.ents}
        left: list[int] = []
        for index in pending:
            entity = entities[index]
            if entity is None:
                continue
            judged = by_position.get((entity.start, entity.end))
            if judged is None or entity not in chosen:
                left.append(index)
                continue
            presence, category = qualified(judged)
            cue = _cue_span(judged, category)
            results[index] = SpanContext(presence, category, (cue[0] + offset, cue[1] + offset) if cue else None)
        if len(left) == len(pending):  # nothing could be placed: leave them present
            break
        pending = left
    return results


def _cue_span(entity: Any, category: str | None) -> tuple[int, int] | None:
    for modifier in entity._.modifiers:
        if modifier.category == category:
            first, last = modifier.modifier_span
            document = entity.doc
            return document[first].idx, document[last - 1].idx + len(document[last - 1].text)
    return None


_MODIFIER_PRESENCE = {
    "UNDOCUMENTED": Presence.UNDOCUMENTED,
    "NEGATED_EXISTENCE": Presence.ABSENT,
    "SUSPECTED": Presence.POSSIBLE,
    "POSSIBLE_EXISTENCE": Presence.POSSIBLE,
    "HYPOTHETICAL": Presence.HYPOTHETICAL,
}


def qualified(entity: Any) -> tuple[Presence | None, str | None]:
    """An entity's presence, and every ConText category that qualified it, joined by "+" in the order above
    ("HYPOTHETICAL+SUSPECTED" is a conditional suspicion); None for a plain affirmation."""
    categories = {modifier.category for modifier in entity._.modifiers}
    if "FAMILY" in categories:
        return None, "FAMILY"
    found = [category for category in _MODIFIER_PRESENCE if category in categories]
    if not found:
        return Presence.PRESENT, None
    return _MODIFIER_PRESENCE[found[0]], "+".join(sorted(found))
