"""The word lists of ``data/phi/vocabulary.yaml`` as regex fragments.

An entry is literal text; in the regex a "." may be absent ("M.D." matches "MD") and a space matches any run
of whitespace (the letters are hard-wrapped).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from imr.errors import RuleFileError
from imr.phi.data_files import read_data_file, rule_file_error

VOCABULARY_FILE = "vocabulary.yaml"


def loose_literal(text: str) -> str:
    """Regex for ``text`` where each "." is optional, spaces stretch and apostrophes may be curly."""
    parts: list[str] = []
    for char in text:
        if char == ".":
            parts.append(r"\.?")
        elif char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif char in "'’":
            parts.append("['’]")
        else:
            parts.append(regex.escape(char))
    return "".join(parts)


def alternation(entries: Iterable[str]) -> str:
    """A non-capturing alternation of loose literals, longest first so "Ste." is tried before "St."."""
    ordered = sorted(set(entries), key=lambda e: (-len(e), e))
    return "(?:" + "|".join(loose_literal(e) for e in ordered) + ")"


class _VocabularyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    lists: dict[str, list[str]] = Field(default_factory=dict)
    groups: dict[str, list[list[str]]] = Field(default_factory=dict)

    @field_validator("lists", "groups")
    @classmethod
    def _names_are_upper_case(cls, value: dict[str, object]) -> dict[str, object]:
        return named_lists_checked(value)


def named_lists_checked(value: dict[str, Any]) -> dict[str, Any]:
    """Word lists under UPPER_CASE names, none empty (a pydantic validator's body for every data file with lists)."""
    for name, entries in value.items():
        if not regex.fullmatch(r"[A-Z][A-Z_]*", name):
            raise ValueError(f"list name {name!r} must be UPPER_CASE")
        if not entries:
            raise ValueError(f"list {name!r} is empty")
    return value


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Word lists (``lists``) and groups of spelling variants (``groups``), each under an UPPER_CASE name."""

    lists: Mapping[str, tuple[str, ...]]
    groups: Mapping[str, tuple[tuple[str, ...], ...]]

    def words(self, name: str) -> tuple[str, ...]:
        """Every entry of list or group ``name``."""
        if name in self.lists:
            return self.lists[name]
        if name in self.groups:
            return tuple(word for group in self.groups[name] for word in group)
        raise KeyError(name)

    def fragments(self) -> dict[str, str]:
        """One regex fragment per list and group, for ``{{NAME}}`` in the recogniser file."""
        names = [*self.lists, *self.groups]
        return {name: alternation(self.words(name)) for name in names}

    def variants(self, name: str, word: str) -> tuple[str, ...] | None:
        """The spelling variants of ``word`` in group ``name`` ("St." -> Street, St.), or None."""
        key = word.rstrip(".,").casefold()
        for group in self.groups.get(name, ()):
            if any(variant.rstrip(".").casefold() == key for variant in group):
                return group
        return None


@functools.cache
def load_vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once."""
    data, source = read_data_file(VOCABULARY_FILE)
    return build_vocabulary(data, source)


def build_vocabulary(data: object, source: str) -> Vocabulary:
    """A vocabulary from parsed YAML; any fault is a :class:`RuleFileError` naming ``source`` and the key."""
    try:
        parsed = _VocabularyFile.model_validate(data)
    except ValidationError as exc:
        raise rule_file_error(exc, source) from exc
    overlap = set(parsed.lists) & set(parsed.groups)
    if overlap:
        raise RuleFileError(f"name used for both a list and a group: {sorted(overlap)}", source=source)
    return Vocabulary(
        lists={name: tuple(entries) for name, entries in parsed.lists.items()},
        groups={name: tuple(tuple(group) for group in groups) for name, groups in parsed.groups.items()},
    )
