"""The recogniser catalogue: ``data/phi/recognisers.yaml`` read, validated and compiled.

Regexes are compiled once here, when the catalogue is first loaded; a broken pattern is a
:class:`RuleFileError` naming the file, the recogniser and the pattern.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from imr.errors import RuleFileError
from imr.phi.data_files import read_data_file, rule_file_error
from imr.phi.label_context import LabelContext
from imr.phi.spans import ENTITY_TYPES
from imr.phi.vocabulary import Vocabulary, load_vocabulary

RECOGNISER_FILE = "recognisers.yaml"
_FRAGMENT_REFERENCE = regex.compile(r"\{\{([A-Z][A-Z_]*)\}\}")
_NAME = r"[a-z][a-z0-9_]*"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _PositiveExample(_Strict):
    text: str
    match: str

    @model_validator(mode="after")
    def _match_is_in_text(self) -> _PositiveExample:
        if self.match not in self.text:
            raise ValueError(f"match {self.match!r} does not occur in {self.text!r}")
        return self


class _Examples(_Strict):
    positive: list[_PositiveExample] = Field(min_length=1)
    negative: list[str] = Field(default_factory=list)


class _Pattern(_Strict):
    name: str = Field(pattern=_NAME)
    regex: str = Field(min_length=1)
    score: float | None = Field(default=None, gt=0.0, le=1.0)
    requires_label: bool = False

    @model_validator(mode="after")
    def _score_unless_label_required(self) -> _Pattern:
        if self.requires_label and self.score is not None:
            raise ValueError(f"pattern {self.name!r} requires a label, so its score is the label's: drop `score`")
        if not self.requires_label and self.score is None:
            raise ValueError(f"pattern {self.name!r} needs a score")
        return self


class _Label(_Strict):
    before: list[str] = Field(min_length=1)
    after: list[str] = Field(default_factory=list)
    filler: list[str] = Field(default_factory=list)
    max_gap: int = Field(gt=0, le=200)
    score: float = Field(gt=0.0, le=1.0)


class _Recogniser(_Strict):
    name: str = Field(pattern=_NAME)
    entity_type: str
    patterns: list[_Pattern] = Field(min_length=1)
    context_words: list[str] = Field(default_factory=list)
    label: _Label | None = None
    ignore_case: bool = False
    examples: _Examples

    @field_validator("entity_type")
    @classmethod
    def _known_entity_type(cls, value: str) -> str:
        if value not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {value!r} (known: {', '.join(sorted(ENTITY_TYPES))})")
        return value

    @model_validator(mode="after")
    def _label_for_label_patterns(self) -> _Recogniser:
        needing = [p.name for p in self.patterns if p.requires_label]
        if needing and self.label is None:
            raise ValueError(f"patterns {needing} require a label but recogniser {self.name!r} has none")
        return self


class _Keep(_Strict):
    name: str = Field(pattern=_NAME)
    regex: str = Field(min_length=1)
    examples: list[str] = Field(min_length=1)


class _RecogniserFile(_Strict):
    version: Literal[1]
    fragments: dict[str, str] = Field(default_factory=dict)
    keep: list[_Keep] = Field(default_factory=list)
    recognisers: list[_Recogniser] = Field(min_length=1)


# Presidio drops a pattern match scoring 0; a label-only pattern scores this until its label is checked.
UNLABELLED_SCORE = 0.01


@dataclass(frozen=True, slots=True)
class PatternSpec:
    name: str
    regex: str  # fragments expanded
    score: float
    requires_label: bool = False


@dataclass(frozen=True, slots=True)
class PositiveExample:
    text: str
    match: str


@dataclass(frozen=True, slots=True)
class RecogniserSpec:
    """One recogniser as the data file defines it."""

    name: str
    entity_type: str
    patterns: tuple[PatternSpec, ...]
    context_words: tuple[str, ...]
    label: LabelContext | None
    ignore_case: bool
    positive_examples: tuple[PositiveExample, ...]
    negative_examples: tuple[str, ...]

    @property
    def regex_flags(self) -> int:
        flags: int = regex.MULTILINE
        return flags | regex.IGNORECASE if self.ignore_case else flags


@dataclass(frozen=True, slots=True)
class KeepRule:
    """Text that is never redacted (the IMR case number, printed on the public letter)."""

    name: str
    pattern: regex.Pattern[str]
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Catalogue:
    recognisers: tuple[RecogniserSpec, ...]
    keep: tuple[KeepRule, ...]

    def recogniser(self, name: str) -> RecogniserSpec:
        for spec in self.recognisers:
            if spec.name == name:
                return spec
        raise KeyError(name)


def expand_fragments(pattern: str, fragments: Mapping[str, str], *, where: str, source: str) -> str:
    """Replace each ``{{NAME}}`` by its fragment (recursively), as a non-capturing group."""

    def expand(text: str, trail: tuple[str, ...]) -> str:
        def replace(match: regex.Match[str]) -> str:
            name = match.group(1)
            if name in trail:
                raise RuleFileError(f"fragment {name} refers to itself via {' -> '.join(trail)}", source=source)
            if name not in fragments:
                raise RuleFileError(f"unknown fragment {{{{{name}}}}}", source=source, field=where)
            return "(?:" + expand(fragments[name], (*trail, name)) + ")"

        return _FRAGMENT_REFERENCE.sub(replace, text)

    return expand(pattern, ())


def _compile(pattern: str, flags: int, *, where: str, source: str) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise RuleFileError(f"bad regex: {exc}", source=source, field=where) from exc


@functools.cache
def load_catalogue() -> Catalogue:
    """The packaged catalogue, read and compiled once."""
    data, source = read_data_file(RECOGNISER_FILE)
    return build_catalogue(data, source, load_vocabulary())


def build_catalogue(data: object, source: str, vocabulary: Vocabulary) -> Catalogue:
    """A catalogue from parsed YAML; any fault is a :class:`RuleFileError` naming ``source`` and the key."""
    try:
        parsed = _RecogniserFile.model_validate(data)
    except ValidationError as exc:
        raise rule_file_error(exc, source) from exc
    fragments = {**vocabulary.fragments(), **parsed.fragments}

    seen: set[str] = set()
    recognisers: list[RecogniserSpec] = []
    for index, item in enumerate(parsed.recognisers):
        where = f"recognisers.{index}"
        if item.name in seen:
            raise RuleFileError(f"duplicate recogniser name {item.name!r}", source=source, field=where)
        seen.add(item.name)
        patterns: list[PatternSpec] = []
        for number, pattern in enumerate(item.patterns):
            pattern_where = f"{where}.patterns.{number} ({item.name}/{pattern.name})"
            expanded = expand_fragments(pattern.regex, fragments, where=pattern_where, source=source)
            _compile(expanded, regex.MULTILINE, where=pattern_where, source=source)
            score = UNLABELLED_SCORE if pattern.score is None else pattern.score
            patterns.append(PatternSpec(pattern.name, expanded, score, pattern.requires_label))
        label = None
        if item.label is not None:
            label = LabelContext.build(
                tuple(item.label.before),
                tuple(item.label.after),
                tuple(item.label.filler),
                item.label.max_gap,
                item.label.score,
            )
        recognisers.append(
            RecogniserSpec(
                name=item.name,
                entity_type=item.entity_type,
                patterns=tuple(patterns),
                context_words=tuple(word.casefold() for word in item.context_words),
                label=label,
                ignore_case=item.ignore_case,
                positive_examples=tuple(PositiveExample(e.text, e.match) for e in item.examples.positive),
                negative_examples=tuple(item.examples.negative),
            )
        )

    keep = tuple(
        KeepRule(
            name=rule.name,
            pattern=_compile(
                expand_fragments(rule.regex, fragments, where=f"keep.{i}", source=source),
                regex.MULTILINE,
                where=f"keep.{i} ({rule.name})",
                source=source,
            ),
            examples=tuple(rule.examples),
        )
        for i, rule in enumerate(parsed.keep)
    )
    return Catalogue(tuple(recognisers), keep)
