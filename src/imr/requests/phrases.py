"""Vocabulary phrases compiled into one regular expression per kind (services, drugs, regions, ...).

A phrase is written once in the YAML file and matched with the spelling freedom request titles take: a space
also matches a hyphen ("platelet rich plasma" finds "platelet-rich plasma"), a hyphen is optional ("x-ray"
finds "xray", "E-stim" finds "estim"), a slash may carry spaces ("hot / cold") and a trailing plural "s"/"es"
is accepted ("Wrist braces"). Abbreviations are matched case-sensitively: "PT" is physical therapy but "pt" is
the patient.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

_WORD_BEFORE = r"(?<![A-Za-z0-9])"
_WORD_AFTER = r"(?![A-Za-z0-9])"


@dataclass(frozen=True, slots=True)
class Phrase(Generic[T]):
    """One spelling of a vocabulary entry; ``payload`` says what it stands for."""

    payload: T
    text: str
    case_sensitive: bool = False
    is_regex: bool = False  # ``text`` is a regular expression (spinal levels "L4-5")


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    payload: T
    start: int
    end: int
    text: str
    phrase: str  # the vocabulary spelling that matched

    @property
    def plural(self) -> bool:
        """The text carries a plural ending the vocabulary spelling does not ("knees" for "knee")."""
        return self.text[-1:].lower() == "s" and self.phrase[-1:].lower() != "s"


def phrase_regex(text: str) -> str:
    """The regular expression for a phrase, without word boundaries or case flags."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            while index + 1 < len(text) and text[index + 1].isspace():
                index += 1
            out.append(r"[\s\-]+")
        elif char == "-":
            out.append(r"[\s\-]?")
        elif char == "/":
            out.append(r"\s*/\s*")
        else:
            out.append(re.escape(char))
        index += 1
    if text[-1:].isalpha():
        out.append(r"(?:e?s)?")
    return "".join(out)


class PhraseMatcher(Generic[T]):
    """Finds vocabulary phrases in text, leftmost first and, at one position, the longest spelling first."""

    def __init__(self, phrases: Iterable[Phrase[T]]) -> None:
        # Regular-expression phrases first, then literal phrases longest first, so that alternation order
        # (Python's re takes the first alternative that matches) prefers "cold therapy unit" to "cold therapy".
        ordered = sorted(phrases, key=lambda p: (not p.is_regex, -len(p.text), p.text))
        self._phrases: tuple[Phrase[T], ...] = tuple(ordered)
        parts = []
        for index, phrase in enumerate(self._phrases):
            body = phrase.text if phrase.is_regex else phrase_regex(phrase.text)
            scoped = f"(?:{body})" if phrase.case_sensitive else f"(?i:{body})"
            parts.append(f"(?P<p{index}>{scoped})")
        pattern = f"{_WORD_BEFORE}(?:{'|'.join(parts)}){_WORD_AFTER}" if parts else r"(?!x)x"
        self._regex = re.compile(pattern)

    @property
    def phrases(self) -> Sequence[Phrase[T]]:
        return self._phrases

    def find(self, text: str) -> list[Hit[T]]:
        hits: list[Hit[T]] = []
        for match in self._regex.finditer(text):
            group = match.lastgroup
            if group is None:  # pragma: no cover - every alternative is a named group
                continue
            phrase = self._phrases[int(group[1:])]
            hits.append(Hit(phrase.payload, match.start(), match.end(), match.group(), phrase.text))
        return hits
