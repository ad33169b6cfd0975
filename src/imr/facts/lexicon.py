"""Load and validate the fact extractor's data files (concepts, modalities, ConText rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from imr.data_files import package_data_path, parse_yaml_text, read_package_yaml, validated
from imr.errors import RuleFileError
from imr.rule_packs import pack_files


class ConceptModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str
    value: str
    phrases: list[str] = []
    patterns: list[str] = []


class ConceptFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    concepts: list[ConceptModel]


class ContextRuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    literal: str
    category: Literal[
        "NEGATED_EXISTENCE",
        "UNDOCUMENTED",
        "SUSPECTED",
        "POSSIBLE_EXISTENCE",
        "HYPOTHETICAL",
        "HISTORICAL",
        "FAMILY",
        "PSEUDO",
        "TERMINATE",
        "FINDING_VERB",
    ]
    direction: Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"]
    max_scope: int | None = Field(default=None, ge=1)
    pattern: str | None = None
    allowed_types: list[str] | None = None


class ContextFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    # categories whose scope a category of cue ends, besides TERMINATE: {NEGATED_EXISTENCE: [FINDING_VERB]}
    terminated_by: dict[str, list[str]] = {}
    rules: list[ContextRuleModel]


class ModalityModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    group: str
    phrases: list[str] = Field(min_length=1)


class ModalityFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    modalities: list[ModalityModel]
    number_words: dict[str, int]
    request_cues: list[str]
    prior_cues: list[str]
    vague_counts: list[str]


class MedicationCueExample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    drug: str
    taken: bool


class MedicationCueFileModel(BaseModel):
    """Cues before a drug named in the record that say it is not taken (data/facts/medication_cues.yaml)."""

    model_config = ConfigDict(extra="forbid")
    version: int
    reach: int = Field(ge=10, le=200)
    stopped: list[str] = Field(min_length=1)
    not_taken: list[str] = Field(min_length=1)
    stopped_after: list[str] = Field(min_length=1)
    examples: list[MedicationCueExample] = Field(min_length=2)


@dataclass(frozen=True, slots=True)
class MedicationCues:
    reach: int
    stopped: re.Pattern[str]  # taken once, stopped: ending the text before the drug (same clause)
    not_taken: re.Pattern[str]  # never taken: ending the text before the drug (same clause)
    stopped_after: re.Pattern[str]  # stopped, said in the text after the drug (same clause)
    examples: tuple[MedicationCueExample, ...]


@lru_cache(maxsize=1)
def medication_cues() -> MedicationCues:
    model: MedicationCueFileModel = _validated(MedicationCueFileModel, "facts/medication_cues.yaml")
    stopped = re.compile(rf"\b(?:{_alternation(model.stopped)})\b[^.;]*$", re.IGNORECASE)
    never = re.compile(rf"\b(?:{_alternation(model.not_taken)})\b[^.;]*$", re.IGNORECASE)
    after = re.compile(rf"^[^.;]*?\b(?:{_alternation(model.stopped_after)})\b", re.IGNORECASE)
    return MedicationCues(model.reach, stopped, never, after, tuple(model.examples))


def _validated(model: type[BaseModel], relative: str) -> Any:
    name = package_data_path(relative)
    return validated(model, read_package_yaml(relative), name)


def _concept_files() -> list[str]:
    folder = resources.files("imr").joinpath("data").joinpath("facts").joinpath("concepts")
    return sorted(f"facts/concepts/{entry.name}" for entry in folder.iterdir() if entry.name.endswith(".yaml"))


def _checked_concepts(model: ConceptFileModel, source: str) -> list[ConceptModel]:
    for index, concept in enumerate(model.concepts):
        for pattern in concept.patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise RuleFileError(
                    f"bad regex {pattern!r}: {exc}", source=source, field=f"concepts.{index}.patterns"
                ) from exc
    return list(model.concepts)


@lru_cache(maxsize=1)
def concept_file() -> ConceptFileModel:
    """Every concept file in data/facts/concepts/ (one per area: core, medications, procedures, ...), then those of
    the rule packs' concepts/ folders."""
    concepts: list[ConceptModel] = []
    for relative in _concept_files():
        model: ConceptFileModel = _validated(ConceptFileModel, relative)
        concepts.extend(_checked_concepts(model, package_data_path(relative)))
    for name, text in pack_files("concepts"):
        pack_model: ConceptFileModel = validated(ConceptFileModel, parse_yaml_text(text, name), name)
        concepts.extend(_checked_concepts(pack_model, name))
    return ConceptFileModel(version=1, concepts=concepts)


@lru_cache(maxsize=1)
def context_file() -> ContextFileModel:
    model: ContextFileModel = _validated(ContextFileModel, "context/context_rules.yaml")
    return model


@dataclass(frozen=True, slots=True)
class Modality:
    key: str
    group: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class ModalityLexicon:
    modalities: tuple[Modality, ...]
    number_words: dict[str, int]
    request_cues: re.Pattern[str]
    prior_cues: re.Pattern[str]
    vague_counts: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def modality_lexicon() -> ModalityLexicon:
    model: ModalityFileModel = _validated(ModalityFileModel, "facts/modalities.yaml")
    modalities = tuple(
        Modality(
            key=m.key,
            group=m.group,
            # upper-case abbreviations (PT, OT) must match case-sensitively: "pt" is also "patient"
            pattern=re.compile(
                "|".join(
                    rf"\b{re.escape(p)}\b" if p.isupper() else rf"(?i:\b{re.escape(p)}\b)"
                    for p in sorted(m.phrases, key=len, reverse=True)
                )
            ),
        )
        for m in model.modalities
    )
    return ModalityLexicon(
        modalities=modalities,
        number_words=model.number_words,
        request_cues=re.compile(rf"\b(?:{_alternation(model.request_cues)})\b", re.IGNORECASE),
        prior_cues=re.compile(rf"\b(?:{_alternation(model.prior_cues)})\b", re.IGNORECASE),
        vague_counts=re.compile(rf"\b(?:{_alternation(model.vague_counts)})\b", re.IGNORECASE),
    )
