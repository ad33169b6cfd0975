"""Which reviewer specialties suit which disputed treatment.

The table is data: ``src/imr/data/reviewers/specialties.yaml``. A *need* is a kind of disputed treatment
(``physical_medicine``, ``spine_surgery``, ``medication``, ...). Needs come from a request parser's
``category`` and body ``regions`` (:func:`needs_for_request`) or, without one, from keywords in the item text
(:func:`need_for_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from imr.cases.yaml_input import parse_yaml_mapping, raise_validation_error
from imr.errors import RuleFileError
from imr.records import TreatmentRequest

_DATA_FILE = "reviewers/specialties.yaml"
FALLBACK_NEED = "general_medicine"
SURGICAL_SUPPORT_NEED = "surgical_support"  # "Associated surgical service: ..." items


@dataclass(frozen=True, slots=True)
class Need:
    id: str
    label: str
    services: frozenset[str]
    categories: frozenset[str]
    regions: frozenset[str]
    specialties: tuple[str, ...]  # canonical names, in the file's order
    patterns: tuple[re.Pattern[str], ...]
    examples: tuple[str, ...]

    def matches_text(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)


@dataclass(frozen=True, slots=True, eq=False)
class SpecialtyTable:
    canonical: Mapping[str, str]  # folded name or alias -> canonical name
    needs: tuple[Need, ...]

    def need(self, need_id: str) -> Need | None:
        return next((n for n in self.needs if n.id == need_id), None)

    @property
    def need_ids(self) -> tuple[str, ...]:
        return tuple(n.id for n in self.needs)

    def canonical_specialty(self, name: str) -> str | None:
        """The canonical board-certification name for ``name`` or one of its aliases, else ``None``."""
        return self.canonical.get(fold(name))

    @property
    def specialty_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.canonical.values()))


def fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("&", " and ")).strip().casefold()


# ----------------------------------------------------------------------------------------------------------
# Choosing needs


def need_for_text(text: str, table: SpecialtyTable | None = None) -> str:
    """The first need (in file order) whose keywords or patterns occur in ``text``; the fallback otherwise."""
    table = table or specialty_table()
    for need in table.needs:
        if need.matches_text(text):
            return need.id
    return FALLBACK_NEED


def needs_for_request(request: TreatmentRequest, table: SpecialtyTable | None = None) -> tuple[str, ...]:
    """Needs for a parsed request: by its ``service`` key, else its ``category``; narrowed by body region
    where the table splits on regions (surgery). ``associated_surgical`` requests go with the surgery.

    Returns ``()`` when the table knows neither (the caller can fall back to keywords).
    """
    table = table or specialty_table()
    if request.associated_surgical and table.need(SURGICAL_SUPPORT_NEED) is not None:
        return (SURGICAL_SUPPORT_NEED,)
    by_service = [n for n in table.needs if request.service in n.services]
    by_category = by_service or [n for n in table.needs if request.category in n.categories]
    if not by_category:
        return ()
    regions = {r.region for r in request.regions}
    specific = [n for n in by_category if n.regions and n.regions & regions]
    if specific:
        return tuple(n.id for n in specific)
    general = [n for n in by_category if not n.regions]
    return tuple(n.id for n in general) or (by_category[0].id,)


def suitable_specialties(need_ids: Iterable[str], table: SpecialtyTable | None = None) -> dict[str, tuple[str, ...]]:
    """Need id -> the specialties suited to it. Unknown ids raise :class:`KeyError`."""
    table = table or specialty_table()
    out: dict[str, tuple[str, ...]] = {}
    for need_id in need_ids:
        need = table.need(need_id)
        if need is None:
            raise KeyError(need_id)
        out[need_id] = need.specialties
    return out


# ----------------------------------------------------------------------------------------------------------
# The data file


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SpecialtyEntry(_Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


class NeedEntry(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    services: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    specialties: list[str] = Field(min_length=1)
    keywords: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _patterns_compile(self) -> NeedEntry:
        for pattern in self.patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"need {self.id!r}: pattern {pattern!r} does not compile ({exc})") from None
        return self


class SpecialtyFile(_Strict):
    specialties: list[SpecialtyEntry] = Field(min_length=1)
    needs: list[NeedEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> SpecialtyFile:
        known = {fold(s.name) for s in self.specialties} | {fold(a) for s in self.specialties for a in s.aliases}
        ids: set[str] = set()
        for need in self.needs:
            if need.id in ids:
                raise ValueError(f"need id {need.id!r} appears more than once")
            ids.add(need.id)
            for name in need.specialties:
                if fold(name) not in known:
                    raise ValueError(f"need {need.id!r}: unknown specialty {name!r}")
        if FALLBACK_NEED not in ids:
            raise ValueError(f"the fallback need {FALLBACK_NEED!r} is missing")
        return self


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(keyword)}(?!\w)", re.IGNORECASE)


def build_table(spec: SpecialtyFile) -> SpecialtyTable:
    canonical: dict[str, str] = {}
    for entry in spec.specialties:
        for name in (entry.name, *entry.aliases):
            canonical[fold(name)] = entry.name
    needs = tuple(
        Need(
            id=n.id,
            label=n.label,
            services=frozenset(n.services),
            categories=frozenset(n.categories),
            regions=frozenset(n.regions),
            specialties=tuple(dict.fromkeys(canonical[fold(s)] for s in n.specialties)),
            patterns=tuple(_keyword_pattern(k) for k in n.keywords)
            + tuple(re.compile(p, re.IGNORECASE) for p in n.patterns),
            examples=tuple(n.examples),
        )
        for n in spec.needs
    )
    return SpecialtyTable(MappingProxyType(canonical), needs)


def parse_specialty_file(text: str, *, source: str) -> SpecialtyTable:
    data = parse_yaml_mapping(text, RuleFileError, source=source)
    try:
        spec = SpecialtyFile.model_validate(data)
    except ValidationError as exc:
        raise_validation_error(exc, RuleFileError, source=source)
    return build_table(spec)


@lru_cache(maxsize=1)
def specialty_table() -> SpecialtyTable:
    """The packaged table (loaded once)."""
    text = resources.files("imr").joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
    return parse_specialty_file(text, source=f"imr/data/{_DATA_FILE}")
