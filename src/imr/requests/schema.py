"""The shape of the request vocabulary files (``imr/data/vocabulary/*.yaml``), validated with pydantic.

These models are the edge: they check each file on its own. Cross-references (a service's category, the
services a combination names, the regions a refinement names) are checked when the vocabulary is compiled.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Attribute = Literal[
    "sessions",
    "frequency_per_week",
    "weeks",
    "regions",
    "laterality",
    "drug",
    "drug.strength",
    "drug.quantity",
    "drug.days_supply",
    "purchase",
    "rental_days",
]
Side = Literal["left", "right", "bilateral"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------------------------- services.yaml


class CategoryModel(_Strict):
    expects: list[Attribute] = []


class ServiceModel(_Strict):
    category: Name
    variants: list[Name] = []
    abbreviations: list[Name] = []
    refine_by_region: dict[Name, Name] = {}
    expects: list[Attribute] | None = None
    # given only for a surgery (a hospital stay beside a disputed fusion): it follows that surgery's decision
    serves_surgery: bool = False
    examples: list[Name] = []


class CombinationModel(_Strict):
    all_of: list[Name] = Field(min_length=2)
    service: Name


class ServicesFile(_Strict):
    version: Literal[1]
    categories: dict[Name, CategoryModel] = Field(min_length=1)
    services: dict[Name, ServiceModel] = Field(min_length=1)
    combinations: list[CombinationModel] = []


# ----------------------------------------------------------------------------------------------- regions.yaml


class SideModel(_Strict):
    variants: list[Name] = []
    abbreviations: list[Name] = []


class RegionModel(_Strict):
    variants: list[Name] = []
    abbreviations: list[Name] = []
    plurals: list[Name] = []
    patterns: list[Name] = []
    lateral: bool = False
    plural_bilateral: bool | None = None
    sided_abbreviations: dict[Side, list[Name]] = {}


class RegionsFile(_Strict):
    version: Literal[1]
    laterality: dict[Side, SideModel]
    regions: dict[Name, RegionModel] = Field(min_length=1)
    examples: dict[Name, list[Name]] = {}


# ------------------------------------------------------------------------------------------------- drugs.yaml


class FormModel(_Strict):
    topical: bool
    variants: list[Name] = Field(min_length=1)


class BrandModel(_Strict):
    name: Name
    form: Name | None = None


class DrugModel(_Strict):
    drug_class: Name = Field(alias="class")
    topical_class: Name | None = None
    form: Name | None = None
    brands: list[Name | BrandModel] = []
    variants: list[Name] = []


class DrugsFile(_Strict):
    version: Literal[1]
    classes: dict[Name, Name] = Field(min_length=1)
    forms: dict[Name, FormModel] = {}
    drugs: dict[Name, DrugModel] = Field(min_length=1)
    examples: dict[Name, Name] = {}


# ----------------------------------------------------------------------------------------------- numbers.yaml


class CountExample(_Strict):
    sessions: int | None = None
    frequency_per_week: int | None = None
    weeks: int | None = None


class NumbersFile(_Strict):
    version: Literal[1]
    words: dict[Name, Annotated[int, Field(ge=0)]] = Field(min_length=1)
    multiplicatives: dict[Name, Annotated[int, Field(ge=1)]] = {}
    range_bound: Literal["upper", "lower"]
    days_per_week: Annotated[int, Field(ge=1)]
    days_per_month: Annotated[int, Field(ge=1)]
    examples: dict[Name, CountExample] = {}


# --------------------------------------------------------------------------------------------- modifiers.yaml


class ModifierExample(_Strict):
    additional: bool | None = None
    retrospective: bool | None = None
    postoperative: bool | None = None
    associated_surgical: bool | None = None
    purchase: bool | None = None
    rental_days: int | None = None


class ModifiersFile(_Strict):
    version: Literal[1]
    additional: list[Name] = Field(min_length=1)
    initial: list[Name] = Field(min_length=1)
    retrospective: list[Name] = Field(min_length=1)
    postoperative: list[Name] = Field(min_length=1)
    associated_surgical: list[Name] = Field(min_length=1)
    purchase: list[Name] = Field(min_length=1)
    rental: list[Name] = Field(min_length=1)
    examples: dict[Name, ModifierExample] = {}
