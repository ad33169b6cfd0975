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
    """The regular expression for a phrase, without word boundaries; case as written."""
    return "".join(_pieces(text, fold=False))


def _pieces(text: str, *, fold: bool) -> list[str]:
    """One regular-expression piece per character of ``text``; the plural ending joins the last piece.

    With ``fold`` a letter matches either case ("p" -> "[pP]"): a character class, unlike a case-blind flag,
    lets the engine test the character before it enters a branch.
    """

    def char_piece(char: str) -> str:
        if fold and char.lower() != char.upper() and len(char.upper()) == 1:
            return f"[{re.escape(char.lower())}{re.escape(char.upper())}]"
        return re.escape(char)

    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if index == 0:
            out.append(char_piece(char))
        elif char.isspace():
            while index + 1 < len(text) and text[index + 1].isspace():
                index += 1
            out.append(r"[\s\-]+")
        elif char == "-":
            out.append(r"[\s\-]?")
        elif char == "/":
            out.append(r"\s*/\s*")
        else:
            out.append(char_piece(char))
        index += 1
    e, s, i = char_piece("e"), char_piece("s"), char_piece("i")
    if len(text) > 1 and text[-1] in "yY" and text[-2].lower() not in "aeiou":
        out[-1] = f"(?:{char_piece(text[-1])}|{i}{e}{s})"  # "extremity", "extremities"
    elif len(text) > 1 and text[-1].isalpha():
        out[-1] += f"(?:{e}?{s})?"
    return out


class PhraseMatcher(Generic[T]):
    """Finds vocabulary phrases in text, leftmost first and, at one position, the longest spelling first.

    All phrases of a kind are compiled into one regular expression, shaped as a trie of their characters:
    the engine tries phrases only where a word starts and, at each step, enters only the branches of the
    next character, so a few hundred phrases cost about as much as a handful. An empty named group marks
    where each phrase ends, so ``match.lastgroup`` names the phrase. At every node longer continuations come
    before the end of a shorter phrase ("cold therapy unit" before "cold therapy"), and regular-expression
    phrases (spinal levels, "L4-5") come before all literal ones.
    """

    def __init__(self, phrases: Iterable[Phrase[T]]) -> None:
        self._phrases: tuple[Phrase[T], ...] = tuple(phrases)
        branches = [f"(?P<p{i}>{p.text})" for i, p in enumerate(self._phrases) if p.is_regex]
        root = _Node()
        for index, phrase in enumerate(self._phrases):
            if phrase.is_regex:
                continue
            node = root
            for piece in _pieces(phrase.text, fold=not phrase.case_sensitive):
                node = node.children.setdefault(piece, _Node())
            if node.phrase is None:
                node.phrase = index
        branches += [piece + child.regex() for piece, child in root.ordered_children()]
        pattern = f"{_WORD_BEFORE}(?:{'|'.join(branches)}){_WORD_AFTER}" if branches else r"(?!x)x"
        self._regex = re.compile(pattern)

    @property
    def phrases(self) -> Sequence[Phrase[T]]:
        return self._phrases

    def find(self, text: str) -> list[Hit[T]]:
        """Non-overlapping hits, left to right."""
        hits: list[Hit[T]] = []
        for match in self._regex.finditer(text):
            group = match.lastgroup
            if group is not None:  # always: every branch ends in a named group
                phrase = self._phrases[int(group[1:])]
                start, end = match.span()
                hits.append(Hit(phrase.payload, start, end, match.group(), phrase))
        return hits


class _Node:
    __slots__ = ("_depth", "children", "phrase")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.phrase: int | None = None
        self._depth: int | None = None

    def depth(self) -> int:
        """Pieces in the longest phrase below this node (computed once: the trie is complete when asked)."""
        if self._depth is None:
            self._depth = 1 + max((child.depth() for child in self.children.values()), default=0)
        return self._depth

    def ordered_children(self) -> list[tuple[str, _Node]]:
        return sorted(self.children.items(), key=lambda item: -item[1].depth())

    def regex(self) -> str:
        parts = [piece + child.regex() for piece, child in self.ordered_children()]
        if self.phrase is not None:
            parts.append(f"(?P<p{self.phrase}>)")
        return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
