"""Redaction configuration: which identifier types to redact, and with which operator."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from imr.phi.errors import RedactionConfigError
from imr.phi.operators import OPERATORS
from imr.phi.spans import ENTITY_TYPES


def _known_operator(name: str, where: str) -> str:
    if name not in OPERATORS:
        raise ValueError(f"{where}: unknown redaction operator {name!r} (known: {', '.join(sorted(OPERATORS))})")
    return name


def _known_entity_type(name: str, where: str) -> str:
    if name not in ENTITY_TYPES:
        raise ValueError(f"{where}: unknown entity type {name!r} (known: {', '.join(sorted(ENTITY_TYPES))})")
    return name


class RedactionConfig(BaseModel):
    """How to redact: ``operator`` for every type unless ``operators`` names another for a type.

    ``entity_types`` limits redaction to those types (all types when absent); ``min_score`` is the detection
    threshold used by :func:`imr.phi.publish.redact_for_publication`.

    >>> RedactionConfig(operators={"PHONE": "tag"}).operator_for("PHONE")
    'tag'
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    operator: str = "remove"
    operators: dict[str, str] = Field(default_factory=dict)
    entity_types: frozenset[str] | None = None
    min_score: float = Field(default=0.5, ge=0.0, le=1.0)

    @field_validator("operator")
    @classmethod
    def _operator_exists(cls, value: str) -> str:
        return _known_operator(value, "operator")

    @field_validator("operators")
    @classmethod
    def _operators_exist(cls, value: dict[str, str]) -> dict[str, str]:
        for entity_type, operator in value.items():
            _known_entity_type(entity_type, f"operators.{entity_type}")
            _known_operator(operator, f"operators.{entity_type}")
        return value

    @field_validator("entity_types")
    @classmethod
    def _entity_types_exist(cls, value: frozenset[str] | None) -> frozenset[str] | None:
        for entity_type in sorted(value or ()):
            _known_entity_type(entity_type, "entity_types")
        return value

    def redacts(self, entity_type: str) -> bool:
        return self.entity_types is None or entity_type in self.entity_types

    def operator_for(self, entity_type: str) -> str:
        return self.operators.get(entity_type, self.operator)


def load_redaction_config(data: object, *, source: str = "<config>") -> RedactionConfig:
    """A validated configuration from parsed YAML/JSON; a bad key raises :class:`RedactionConfigError`."""
    if data is None:
        data = {}
    try:
        return RedactionConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"]) or None
        message = str(first["msg"]).removeprefix("Value error, ")
        raise RedactionConfigError(message, source=source, field=location) from exc


def read_redaction_config(path: Path) -> RedactionConfig:
    """The configuration in YAML file ``path``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RedactionConfigError(f"cannot read redaction configuration: {exc}", source=str(path)) from exc
    return load_redaction_config(data, source=str(path))
