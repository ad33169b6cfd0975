"""The clinical allow-list: ``data/phi/clinical_terms.yaml`` read, validated and compiled.

Redaction must leave clinical text intact even where it looks like an identifier: an eponym that is also a
party's surname ("Parkinson disease"), a CPT code that looks like a ZIP code ("97110"), a duty status after
"working at" ("Modified Duty"). :func:`clinical_ranges` finds these terms; detection drops a span that lies
wholly inside one (see :func:`imr.phi.detect.detect_identifiers`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from imr.errors import RuleFileError
from imr.phi.catalogue import expand_fragments
from imr.phi.data_files import read_data_file, rule_file_error
from imr.phi.vocabulary import alternation, load_vocabulary, named_lists_checked

CLINICAL_TERMS_FILE = "clinical_terms.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _KeptExample(_Strict):
    text: str
    term: str

    @model_validator(mode="after")
    def _term_is_in_text(self) -> _KeptExample:
        if self.term not in self.text:
            raise ValueError(f"term {self.term!r} does not occur in {self.text!r}")
        return self


class _Examples(_Strict):
    kept: list[_KeptExample] = Field(min_length=1)
    not_kept: list[str] = Field(default_factory=list)


class _Term(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    overrides_parties: bool
    patterns: list[str] = Field(min_length=1)
    examples: _Examples


class _ClinicalTermsFile(_Strict):
    version: Literal[1]
    lists: dict[str, list[str]] = Field(default_factory=dict)
    terms: list[_Term] = Field(min_length=1)

    @field_validator("lists")
    @classmethod
    def _upper_case_names(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return named_lists_checked(value)


@dataclass(frozen=True, slots=True)
class ClinicalTerm:
    """One kind of clinical text kept as written; ``overrides_parties`` says whether it wins over party data."""

    name: str
    pattern: regex.Pattern[str]
    overrides_parties: bool
    kept_examples: tuple[tuple[str, str], ...]  # (text, term)
    not_kept_examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClinicalRange:
    start: int
    end: int
    term: str  # the ClinicalTerm's name
    overrides_parties: bool

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def build_clinical_terms(data: object, source: str) -> tuple[ClinicalTerm, ...]:
    """The terms of a parsed file; any fault is a :class:`RuleFileError` naming ``source`` and the key."""
    try:
        parsed = _ClinicalTermsFile.model_validate(data)
    except ValidationError as exc:
        raise rule_file_error(exc, source) from exc
    fragments = {**load_vocabulary().fragments(), **{n: alternation(e) for n, e in parsed.lists.items()}}
    terms: list[ClinicalTerm] = []
    seen: set[str] = set()
    for index, term in enumerate(parsed.terms):
        where = f"terms.{index} ({term.name})"
        if term.name in seen:
            raise RuleFileError(f"duplicate term name {term.name!r}", source=source, field=where)
        seen.add(term.name)
        expanded = [expand_fragments(p, fragments, where=where, source=source) for p in term.patterns]
        try:
            pattern = regex.compile("|".join(f"(?:{p})" for p in expanded), regex.MULTILINE)
        except regex.error as exc:
            raise RuleFileError(f"bad regex: {exc}", source=source, field=where) from exc
        terms.append(
            ClinicalTerm(
                name=term.name,
                pattern=pattern,
                overrides_parties=term.overrides_parties,
                kept_examples=tuple((e.text, e.term) for e in term.examples.kept),
                not_kept_examples=tuple(term.examples.not_kept),
            )
        )
    return tuple(terms)


@functools.cache
def load_clinical_terms() -> tuple[ClinicalTerm, ...]:
    data, source = read_data_file(CLINICAL_TERMS_FILE)
    return build_clinical_terms(data, source)


def clinical_ranges(text: str, terms: tuple[ClinicalTerm, ...] | None = None) -> tuple[ClinicalRange, ...]:
    """Where ``text`` holds clinical terms, in the order found (terms may overlap)."""
    found: list[ClinicalRange] = []
    for term in load_clinical_terms() if terms is None else terms:
        for match in term.pattern.finditer(text):
            if match.end() > match.start():
                found.append(ClinicalRange(match.start(), match.end(), term.name, term.overrides_parties))
    return tuple(found)
