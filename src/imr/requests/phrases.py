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
from typing import Generic, NamedTuple, TypeVar

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
    plural: bool = False  # an irregular plural spelling ("feet")


class Hit(NamedTuple, Generic[T]):
    """One phrase found in a text. (Tuples, not dataclasses, for the records made per title: they are
    several times cheaper to build and parsing must stay fast.)"""

    payload: T
    start: int
    end: int
    text: str
    phrase: Phrase[T]  # the vocabulary spelling that matched

    @property
    def plural(self) -> bool:
        """The text is a plural: "knees" for "knee", "extremities" for "extremity", or "feet"."""
        return self.phrase.plural or (self.text[-1:].lower() == "s" and self.phrase.text[-1:].lower() != "s")


def phrase_regex(text: str) -> str:
    """The regular expression for a phrase, without word boundaries or case flags."""
    return "".join(_pieces(text))


def _pieces(text: str) -> list[str]:
    """One regular-expression piece per character of ``text``; the plural ending joins the last piece."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if index == 0:
            out.append(re.escape(char))
        elif char.isspace():
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
    if len(text) > 1 and text[-1] in "yY" and text[-2].lower() not in "aeiou":
        out[-1] = r"(?:[yY]|[iI][eE][sS])"  # "extremity", "extremities"
    elif len(text) > 1 and text[-1].isalpha():
        out[-1] += r"(?:e?s)?"
    return out


class PhraseMatcher(Generic[T]):
    """Finds vocabulary phrases in text, leftmost first and, at one position, the longest spelling first."""

    def __init__(self, phrases: Iterable[Phrase[T]]) -> None:
        # Literal phrases longest first, so that alternation order (Python's re takes the first
        # alternative that matches) prefers "cold therapy unit" to "cold therapy". Case-blind phrases are
        # matched against the lower-cased text, abbreviations against the text as written, and
        # regular-expression phrases (spinal levels) win over both where they start at the same place.
        ordered = sorted(phrases, key=lambda p: (not p.is_regex, -len(p.text), p.text))
        self._phrases: tuple[Phrase[T], ...] = tuple(ordered)
        indexed = list(enumerate(self._phrases))
        patterns = "|".join(f"(?P<p{i}>{p.text})" for i, p in indexed if p.is_regex)
        self._patterns = re.compile(f"{_WORD_BEFORE}(?:{patterns}){_WORD_AFTER}") if patterns else None
        self._exact = _literal_regex([(i, p.text) for i, p in indexed if p.case_sensitive and not p.is_regex])
        self._folded = _literal_regex([(i, p.text.lower()) for i, p in indexed if not p.case_sensitive])

    @property
    def phrases(self) -> Sequence[Phrase[T]]:
        return self._phrases

    def find(self, text: str) -> list[Hit[T]]:
        """Non-overlapping hits, left to right."""
        found: list[tuple[int, int, int, int]] = []  # start, rank, -length, phrase index
        for rank, regex, subject in (
            (0, self._patterns, text),
            (1, self._exact, text),
            (1, self._folded, _fold(text)),
        ):
            if regex is None:
                continue
            for match in regex.finditer(subject):
                group = match.lastgroup
                if group is not None:
                    found.append((match.start(), rank, match.start() - match.end(), int(group[1:])))
        found.sort()
        hits: list[Hit[T]] = []
        end = 0
        for start, _, negative_length, index in found:
            if start < end:
                continue
            end = start - negative_length
            phrase = self._phrases[index]
            hits.append(Hit(phrase.payload, start, end, text[start:end], phrase))
        return hits


def _literal_regex(phrases: list[tuple[int, str]]) -> re.Pattern[str] | None:
    """One expression for literal phrases, shaped as a trie of their characters.

    The engine tries a phrase only where a word starts and, at each step, enters only the branch of the next
    character, so a few hundred phrases cost about as much as a handful. An empty named group marks where
    each phrase ends, so ``match.lastgroup`` names the phrase; at every node longer continuations come
    before the end of a shorter phrase ("cold therapy unit" before "cold therapy").
    """
    if not phrases:
        return None
    root = _Node()
    for index, text in phrases:
        node = root
        for piece in _pieces(text):
            node = node.children.setdefault(piece, _Node())
        if node.phrase is None:
            node.phrase = index
    return re.compile(f"{_WORD_BEFORE}{root.regex()}{_WORD_AFTER}")


class _Node:
    __slots__ = ("children", "phrase")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.phrase: int | None = None

    def depth(self) -> int:
        return 1 + max((child.depth() for child in self.children.values()), default=0)

    def ordered_children(self) -> list[tuple[str, _Node]]:
        return sorted(self.children.items(), key=lambda item: -item[1].depth())

    def regex(self) -> str:
        parts = [piece + child.regex() for piece, child in self.ordered_children()]
        if self.phrase is not None:
            parts.append(f"(?P<p{self.phrase}>)")
        return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


def _fold(text: str) -> str:
    """Lower case, keeping every offset: a character whose lower case is longer stays as it is."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(lower if len(lower := char.lower()) == 1 else char for char in text)
