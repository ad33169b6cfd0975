"""Redaction: replacing detected identifiers in a text with a named operator, keeping a map of what moved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from imr.phi.config import RedactionConfig
from imr.phi.errors import IdentifierSpanError
from imr.phi.merge import merge_overlapping
from imr.phi.operators import operator_named
from imr.phi.spans import IdentifierSpan


@dataclass(frozen=True, slots=True)
class Replacement:
    """``original`` (offsets into the source) became ``text`` at ``start``..``end`` of the redacted text."""

    original: IdentifierSpan
    start: int
    end: int
    text: str
    operator: str


@dataclass(frozen=True, slots=True)
class RedactedText:
    text: str
    replacements: tuple[Replacement, ...]


def redact(text: str, spans: Sequence[IdentifierSpan], operator: str | RedactionConfig = "remove") -> RedactedText:
    """``text`` with every span replaced by ``operator``: an operator name, or a configuration.

    Operators: ``remove`` (the public-letter style, the identifier disappears and the spaces around it stay),
    ``mask`` ("[REDACTED]"), ``tag`` ("[EMPLOYEE]", "[PHONE]", ...). With a :class:`RedactionConfig`, only
    the types it names are redacted, each with its operator. Overlapping spans are merged first.

    >>> from imr.phi.spans import IdentifierSpan
    >>> span = IdentifierSpan("EMPLOYER", 12, 16, 1.0, "known_party", "example")
    >>> redact("employed by Acme as a cook", [span]).text
    'employed by  as a cook'
    >>> redact("employed by Acme as a cook", [span], "tag").text
    'employed by [EMPLOYER] as a cook'
    """
    config = operator if isinstance(operator, RedactionConfig) else None
    if config is None:
        assert isinstance(operator, str)
        operator_named(operator)
    for span in spans:
        if span.end > len(text):
            raise IdentifierSpanError(
                f"span {span.start}..{span.end} ({span.entity_type}) ends past the text ({len(text)} chars)",
                field="spans",
            )
    selected = [s for s in spans if config is None or config.redacts(s.entity_type)]

    pieces: list[str] = []
    replacements: list[Replacement] = []
    position = 0
    length = 0
    for span in merge_overlapping(selected):
        name = config.operator_for(span.entity_type) if config is not None else str(operator)
        new = operator_named(name)(span)
        kept = text[position : span.start]
        pieces.append(kept)
        length += len(kept)
        pieces.append(new)
        replacements.append(Replacement(span, length, length + len(new), new, name))
        length += len(new)
        position = span.end
    pieces.append(text[position:])
    return RedactedText("".join(pieces), tuple(replacements))
