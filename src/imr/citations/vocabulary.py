"""The citation vocabulary (data/vocabulary/citations.yaml): guideline families and their name variants."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from imr.data_files import package_data_path, read_package_yaml, validated
from imr.errors import RuleFileError

VOCABULARY_FILE = "vocabulary/citations.yaml"
# A comma outside parentheses: "NSAIDs, GI symptoms & cardiovascular risk, Proton Pump Inhibitors (PPIs)". The look for
# the closing bracket stops after 200 characters: unbounded, every comma of a long list scanned the rest of the list.
DEFAULT_SECTION_SEPARATOR = r",\s++(?![^()]{0,200}\))"


class _FamilyModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    title: str
    mtus: bool
    patterns: list[str] = Field(min_length=1)
    chapter: int | None = None
    chapter_pages: tuple[int, int] | None = None
    section_compounds: list[str] = []
    section_separator: str | None = None

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regex {pattern!r}: {exc}") from exc
        return value


class _ExampleCitation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    family: str
    mtus: bool | None = None
    chapter: int | None = None
    edition_year: int | None = None
    sections: list[str] | None = None
    pages: list[str] | None = None


class _ExampleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    citations: list[_ExampleCitation]
    no_evidence_cited: bool = False
    outside_mtus: bool = False
    mtus_not_basis: bool = False


class _VocabularyModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    families: list[_FamilyModel]
    examples: list[_ExampleModel] = []


@dataclass(frozen=True, slots=True)
class CitationFamily:
    key: str
    title: str
    mtus: bool
    pattern: re.Pattern[str]
    chapter: int | None
    chapter_pages: tuple[int, int] | None
    section_compounds: tuple[str, ...]
    section_separator: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class CitationVocabulary:
    families: tuple[CitationFamily, ...]
    examples: tuple[dict[str, Any], ...]

    def family(self, key: str) -> CitationFamily:
        for family in self.families:
            if family.key == key:
                return family
        raise KeyError(key)

    @property
    def mtus_families(self) -> tuple[CitationFamily, ...]:
        return tuple(f for f in self.families if f.mtus)

    @property
    def other_families(self) -> tuple[CitationFamily, ...]:
        return tuple(f for f in self.families if not f.mtus)


def build_vocabulary(raw: Any, name: str) -> CitationVocabulary:
    model = validated(_VocabularyModel, raw, name)
    families = tuple(
        CitationFamily(
            key=f.key,
            title=f.title,
            mtus=f.mtus,
            pattern=re.compile("|".join(f"(?:{p})" for p in f.patterns), re.IGNORECASE),
            chapter=f.chapter,
            chapter_pages=f.chapter_pages,
            section_compounds=tuple(f.section_compounds),
            section_separator=re.compile(f.section_separator or DEFAULT_SECTION_SEPARATOR),
        )
        for f in model.families
    )
    keys = [f.key for f in families]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise RuleFileError(f"duplicate family keys {sorted(duplicates)}", source=name, field="families")
    examples = tuple(e.model_dump() for e in model.examples)
    return CitationVocabulary(families, examples)


@lru_cache(maxsize=1)
def citation_vocabulary() -> CitationVocabulary:
    return build_vocabulary(read_package_yaml(VOCABULARY_FILE), package_data_path(VOCABULARY_FILE))
