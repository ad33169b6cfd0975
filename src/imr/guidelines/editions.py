"""The MTUS edition in force on a date (data/mtus_editions.yaml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from imr.data_files import package_data_path, read_package_yaml, validated
from imr.records import TreatmentRequest


class _EditionModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    name: str
    partial: bool = False  # the rule book holds only some of this edition's rules
    drug_formulary: bool = False  # the MTUS Drug Formulary is part of this edition


class _EditionsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    editions: list[_EditionModel]


@dataclass(frozen=True, slots=True)
class MtusEdition:
    id: str
    effective_from: dt.date
    effective_to: dt.date | None
    name: str
    partial: bool = False
    drug_formulary: bool = False


@lru_cache(maxsize=1)
def mtus_editions() -> tuple[MtusEdition, ...]:
    model = validated(_EditionsModel, read_package_yaml("mtus_editions.yaml"), package_data_path("mtus_editions.yaml"))
    return tuple(
        MtusEdition(e.id, e.effective_from, e.effective_to, e.name, e.partial, e.drug_formulary) for e in model.editions
    )


def edition_on(day: dt.date) -> MtusEdition | None:
    for edition in mtus_editions():
        if edition.effective_from <= day and (edition.effective_to is None or day <= edition.effective_to):
            return edition
    return None


def subject_to_drug_formulary(request: TreatmentRequest) -> bool:
    """A request the MTUS Drug List speaks to: one that names a drug, not a medical food."""
    return request.drug is not None and request.drug.drug_class != "medical_food"
