"""Load, validate and compile the request vocabulary (``imr/data/vocabulary/*.yaml``).

The vocabulary is read once (``load_vocabulary`` is cached) and compiled into phrase matchers, so parsing a
request title costs a handful of regular-expression scans. A malformed file raises ``RuleFileError`` naming
the file and the key.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from imr.data_files import package_data_path, parse_yaml_text
from imr.errors import RuleFileError
from imr.requests.counts import CountGrammar
from imr.requests.phrases import Phrase, PhraseMatcher
from imr.requests.qualifiers import QualifierGrammar
from imr.requests.schema import (
    BrandModel,
    CountExample,
    DrugsFile,
    ModifierExample,
    ModifiersFile,
    NumbersFile,
    RegionsFile,
    ServicesFile,
)

SERVICES_FILE = "services.yaml"
REGIONS_FILE = "regions.yaml"
DRUGS_FILE = "drugs.yaml"
NUMBERS_FILE = "numbers.yaml"
MODIFIERS_FILE = "modifiers.yaml"

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Service:
    key: str
    category: str
    expects: tuple[str, ...]
    refine_by_region: Mapping[str, str]
    serves_surgery: bool = False


@dataclass(frozen=True, slots=True)
class Region:
    key: str
    lateral: bool
    plural_bilateral: bool


@dataclass(frozen=True, slots=True)
class RegionWord:
    """What a region-vocabulary hit stands for: a region, a side, or both ("RUE")."""

    region: str | None
    side: str | None


@dataclass(frozen=True, slots=True)
class DrugEntry:
    name: str  # generic, lower case
    drug_class: str
    topical_class: str | None
    form: str | None


@dataclass(frozen=True, slots=True)
class DrugWord:
    """What a drug-vocabulary hit stands for: the generic, and the brand and its form when a brand matched."""

    name: str
    brand: bool
    brand_form: str | None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    services: Mapping[str, Service]
    combinations: tuple[tuple[frozenset[str], str], ...]
    service_matcher: PhraseMatcher[str]
    regions: Mapping[str, Region]
    region_matcher: PhraseMatcher[RegionWord]
    drugs: Mapping[str, DrugEntry]
    drug_classes: frozenset[str]
    drug_matcher: PhraseMatcher[DrugWord]
    topical_forms: frozenset[str]
    form_matcher: PhraseMatcher[str]
    qualifiers: QualifierGrammar
    counts: CountGrammar
    # examples each file carries; tests/requests runs them
    service_examples: tuple[tuple[str, str], ...]
    region_examples: tuple[tuple[str, tuple[str, ...]], ...]
    drug_examples: tuple[tuple[str, str], ...]
    count_examples: tuple[tuple[str, CountExample], ...]
    modifier_examples: tuple[tuple[str, ModifierExample], ...]


@functools.cache
def load_vocabulary() -> Vocabulary:
    """The vocabulary shipped in ``imr/data/vocabulary``, read and compiled once per process."""
    return read_vocabulary(resources.files("imr").joinpath("data", "vocabulary"), packaged=True)


def read_vocabulary(directory: Traversable, *, packaged: bool = False) -> Vocabulary:
    """Read and compile the five vocabulary files in ``directory`` (not cached)."""

    def name_of(file: str) -> str:
        return package_data_path(f"vocabulary/{file}") if packaged else str(directory.joinpath(file))

    services = _read(directory, SERVICES_FILE, name_of(SERVICES_FILE), ServicesFile)
    regions = _read(directory, REGIONS_FILE, name_of(REGIONS_FILE), RegionsFile)
    drugs = _read(directory, DRUGS_FILE, name_of(DRUGS_FILE), DrugsFile)
    numbers = _read(directory, NUMBERS_FILE, name_of(NUMBERS_FILE), NumbersFile)
    modifiers = _read(directory, MODIFIERS_FILE, name_of(MODIFIERS_FILE), ModifiersFile)

    region_table, region_matcher = _compile_regions(regions, name_of(REGIONS_FILE))
    service_table, combinations, service_matcher = _compile_services(services, name_of(SERVICES_FILE), region_table)
    drug_table, drug_matcher, form_matcher, topical_forms = _compile_drugs(drugs, name_of(DRUGS_FILE))
    counts = CountGrammar.build(numbers)
    qualifiers = QualifierGrammar.build(modifiers, counts)
    _check_unique(qualifiers.matcher, name_of(MODIFIERS_FILE), "modifiers")
    return Vocabulary(
        services=service_table,
        combinations=combinations,
        service_matcher=service_matcher,
        regions=region_table,
        region_matcher=region_matcher,
        drugs=drug_table,
        drug_classes=frozenset(drugs.classes),
        drug_matcher=drug_matcher,
        topical_forms=topical_forms,
        form_matcher=form_matcher,
        qualifiers=qualifiers,
        counts=counts,
        service_examples=tuple((text, key) for key, s in services.services.items() for text in s.examples),
        region_examples=tuple((text, tuple(labels)) for text, labels in regions.examples.items()),
        drug_examples=tuple(drugs.examples.items()),
        count_examples=tuple(numbers.examples.items()),
        modifier_examples=tuple(modifiers.examples.items()),
    )


def _read(directory: Traversable, file: str, name: str, model: type[ModelT]) -> ModelT:
    try:
        text = directory.joinpath(file).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise RuleFileError(f"cannot read vocabulary file: {exc}", source=name) from exc
    data: Any = parse_yaml_text(text, name)
    if not isinstance(data, dict):
        raise RuleFileError("a vocabulary file must be a mapping at the top level", source=name)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise RuleFileError(f"{first['msg']}{more}", source=name, field=field) from exc


def _compile_regions(model: RegionsFile, name: str) -> tuple[dict[str, Region], PhraseMatcher[RegionWord]]:
    table: dict[str, Region] = {}
    phrases: list[Phrase[RegionWord]] = []
    for side, words in model.laterality.items():
        phrases += [Phrase(RegionWord(None, side), text) for text in words.variants]
        phrases += [Phrase(RegionWord(None, side), text, case_sensitive=True) for text in words.abbreviations]
    for key, entry in model.regions.items():
        plural_bilateral = entry.lateral if entry.plural_bilateral is None else entry.plural_bilateral
        table[key] = Region(key, entry.lateral, plural_bilateral)
        word = RegionWord(key, None)
        phrases += [Phrase(word, text) for text in entry.variants]
        phrases += [Phrase(word, text, case_sensitive=True) for text in entry.abbreviations]
        phrases += [Phrase(word, text, plural=True) for text in entry.plurals]
        for index, pattern in enumerate(entry.patterns):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise RuleFileError(
                    f"bad regular expression {pattern!r}: {exc}",
                    source=name,
                    field=f"regions.{key}.patterns.{index}",
                ) from exc
            phrases.append(Phrase(word, pattern, case_sensitive=True, is_regex=True))
        if entry.sided_abbreviations and not entry.lateral:
            raise RuleFileError(
                "sided abbreviations need a lateral region",
                source=name,
                field=f"regions.{key}.sided_abbreviations",
            )
        for side, texts in entry.sided_abbreviations.items():
            phrases += [Phrase(RegionWord(key, side), text, case_sensitive=True) for text in texts]
    matcher = PhraseMatcher(phrases)
    _check_unique(matcher, name, "regions")
    for text, labels in model.examples.items():
        for label in labels:
            region = label.split()[-1]
            if region not in table:
                raise RuleFileError(f"unknown region {region!r}", source=name, field=f"examples.{text}")
    return table, matcher


def _compile_services(
    model: ServicesFile, name: str, regions: Mapping[str, Region]
) -> tuple[dict[str, Service], tuple[tuple[frozenset[str], str], ...], PhraseMatcher[str]]:
    table: dict[str, Service] = {}
    phrases: list[Phrase[str]] = []
    for key, entry in model.services.items():
        where = f"services.{key}"
        if entry.category not in model.categories:
            raise RuleFileError(f"unknown category {entry.category!r}", source=name, field=f"{where}.category")
        if not entry.variants and not entry.abbreviations:
            raise RuleFileError("a service needs variants or abbreviations", source=name, field=where)
        for region, target in entry.refine_by_region.items():
            if region not in regions:
                raise RuleFileError(f"unknown region {region!r}", source=name, field=f"{where}.refine_by_region")
            if target not in model.services:
                raise RuleFileError(f"unknown service {target!r}", source=name, field=f"{where}.refine_by_region")
        expects = entry.expects if entry.expects is not None else model.categories[entry.category].expects
        table[key] = Service(key, entry.category, tuple(expects), dict(entry.refine_by_region), entry.serves_surgery)
        phrases += [Phrase(key, text) for text in entry.variants]
        phrases += [Phrase(key, text, case_sensitive=True) for text in entry.abbreviations]
    combinations: list[tuple[frozenset[str], str]] = []
    for index, combination in enumerate(model.combinations):
        for key in [*combination.all_of, combination.service]:
            if key not in model.services:
                raise RuleFileError(f"unknown service {key!r}", source=name, field=f"combinations.{index}")
        combinations.append((frozenset(combination.all_of), combination.service))
    matcher = PhraseMatcher(phrases)
    _check_unique(matcher, name, "services")
    return table, tuple(combinations), matcher


def _compile_drugs(
    model: DrugsFile, name: str
) -> tuple[dict[str, DrugEntry], PhraseMatcher[DrugWord], PhraseMatcher[str], frozenset[str]]:
    table: dict[str, DrugEntry] = {}
    phrases: list[Phrase[DrugWord]] = []
    for key, entry in model.drugs.items():
        where = f"drugs.{key}"
        if key != key.lower():
            raise RuleFileError("a generic name is written in lower case", source=name, field=where)
        for attribute, value in (("class", entry.drug_class), ("topical_class", entry.topical_class)):
            if value is not None and value not in model.classes:
                raise RuleFileError(f"unknown drug class {value!r}", source=name, field=f"{where}.{attribute}")
        if entry.form is not None and entry.form not in model.forms:
            raise RuleFileError(f"unknown form {entry.form!r}", source=name, field=f"{where}.form")
        table[key] = DrugEntry(key, entry.drug_class, entry.topical_class, entry.form)
        phrases += [Phrase(DrugWord(key, False, None), text) for text in (key, *entry.variants)]
        for brand in entry.brands:
            brand_model = brand if isinstance(brand, BrandModel) else BrandModel(name=brand)
            if brand_model.form is not None and brand_model.form not in model.forms:
                raise RuleFileError(f"unknown form {brand_model.form!r}", source=name, field=f"{where}.brands")
            phrases.append(Phrase(DrugWord(key, True, brand_model.form), brand_model.name))
    for text, generic in model.examples.items():
        parts = generic.split("/")
        if generic not in table and not all(part in table for part in parts):
            raise RuleFileError(f"unknown drug {generic!r}", source=name, field=f"examples.{text}")
    drug_matcher = PhraseMatcher(phrases)
    _check_unique(drug_matcher, name, "drugs")
    form_matcher = PhraseMatcher(Phrase(form, text) for form, entry in model.forms.items() for text in entry.variants)
    _check_unique(form_matcher, name, "forms")
    topical = frozenset(form for form, entry in model.forms.items() if entry.topical)
    return table, drug_matcher, form_matcher, topical


def _check_unique(matcher: PhraseMatcher[Any], name: str, section: str) -> None:
    """One spelling must stand for one thing: "PT" cannot be both physical therapy and a lab test."""
    seen: dict[tuple[str, bool], Any] = {}
    for phrase in matcher.phrases:
        spelling = (phrase.text if phrase.case_sensitive else phrase.text.lower(), phrase.case_sensitive)
        if spelling in seen and seen[spelling] != phrase.payload:
            raise RuleFileError(
                f"{phrase.text!r} is listed for both {_label(seen[spelling])} and {_label(phrase.payload)}",
                source=name,
                field=section,
            )
        seen[spelling] = phrase.payload


def _label(payload: Any) -> str:
    if isinstance(payload, str):
        return repr(payload)
    if isinstance(payload, RegionWord):
        return repr(" ".join(part for part in (payload.side, payload.region) if part))
    if isinstance(payload, DrugWord):
        return repr(payload.name)
    return repr(payload)
