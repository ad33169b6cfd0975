"""The IMR reviewer panel file: who can review, with the facts the assignment rules need.

Board certifications and subspecialties must use the names (or aliases) of
``src/imr/data/reviewers/specialties.yaml``; they are stored under their canonical name. ``load_panel`` raises
:class:`imr.errors.PanelError` naming the file, the field (``reviewers[2].licensed_states[0]``; indexes count
from 0) and what was expected.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from imr.cases.specialties import specialty_table
from imr.cases.yaml_input import raise_validation_error, read_yaml_mapping
from imr.errors import PanelError


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Affiliations(_Model):
    """Names of organisations and people the reviewer works for, with, or is paid by."""

    employers: list[str] = Field(default_factory=list)
    insurers: list[str] = Field(default_factory=list, description="Insurers and claims administrators")
    medical_groups: list[str] = Field(default_factory=list)
    providers: list[str] = Field(default_factory=list, description="Physicians, therapists, clinics")

    def named(self) -> list[tuple[str, str]]:
        """``(kind, name)`` for every affiliation, kind in the singular ("insurer", "medical group", ...)."""
        kinds = (
            ("employer", self.employers),
            ("insurer / claims administrator", self.insurers),
            ("medical group", self.medical_groups),
            ("provider", self.providers),
        )
        return [(kind, name) for kind, names in kinds for name in names]


def _canonical_specialties(names: list[str]) -> list[str]:
    table = specialty_table()
    out: list[str] = []
    for name in names:
        canonical = table.canonical_specialty(name)
        if canonical is None:
            close = difflib.get_close_matches(name, table.specialty_names, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else "; see imr/data/reviewers/specialties.yaml"
            raise ValueError(f"unknown specialty {name!r}{hint}")
        if canonical not in out:
            out.append(canonical)
    return out


class Reviewer(_Model):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    name: str = Field(min_length=1)
    degree: str = Field(min_length=1, description="MD, DO, DC, PhD, PsyD, LAc, ...")
    board_certifications: list[str] = Field(default_factory=list)
    subspecialties: list[str] = Field(default_factory=list)
    licensed_states: list[str] = Field(default_factory=list, description="Two-letter codes of states of licensure")
    years_in_practice: int = Field(ge=0, le=80)
    active_practice_hours_per_week: float = Field(ge=0, le=168)
    affiliations: Affiliations = Field(default_factory=Affiliations)
    caseload: int = Field(ge=0, description="Open IMR cases currently assigned")
    disciplinary_history: bool

    @field_validator("board_certifications", "subspecialties")
    @classmethod
    def _known_specialties(cls, names: list[str]) -> list[str]:
        return _canonical_specialties(names)

    @field_validator("licensed_states")
    @classmethod
    def _state_codes(cls, states: list[str]) -> list[str]:
        out: list[str] = []
        for state in states:
            code = state.strip().upper()
            if len(code) != 2 or not code.isalpha():
                raise ValueError(f"expected a two-letter state code such as 'CA', got {state!r}")
            out.append(code)
        return out

    @property
    def specialties(self) -> tuple[str, ...]:
        """Board certifications then subspecialties, canonical names, no repeats."""
        return tuple(dict.fromkeys([*self.board_certifications, *self.subspecialties]))


class Panel(_Model):
    reviewers: list[Reviewer] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Panel:
        seen: set[str] = set()
        for reviewer in self.reviewers:
            if reviewer.id in seen:
                raise ValueError(f"reviewer id {reviewer.id!r} appears more than once")
            seen.add(reviewer.id)
        return self

    def reviewer(self, reviewer_id: str) -> Reviewer | None:
        return next((r for r in self.reviewers if r.id == reviewer_id), None)


def panel_json_schema() -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **Panel.model_json_schema()}


def load_panel(path: Path) -> Panel:
    """Read and check a panel YAML file; raise :class:`PanelError` on any problem."""
    path = Path(path)
    data = read_yaml_mapping(path, PanelError)
    try:
        return Panel.model_validate(data)
    except ValidationError as exc:
        raise_validation_error(exc, PanelError, source=str(path))
