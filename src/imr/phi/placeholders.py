"""The words of ``data/phi/placeholders.yaml``: what a published letter says where an identifier was."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from imr.errors import RuleFileError
from imr.phi.data_files import read_data_file, rule_file_error
from imr.phi.spans import ENTITY_TYPES

PLACEHOLDER_FILE = "placeholders.yaml"


class _PlaceholderFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    placeholders: dict[str, str] = Field(min_length=1)

    @field_validator("placeholders")
    @classmethod
    def _words_for_known_types(cls, value: dict[str, str]) -> dict[str, str]:
        for entity_type, word in value.items():
            if entity_type not in ENTITY_TYPES:
                raise ValueError(f"unknown entity type {entity_type!r}")
            if not word.strip() or any(c in word for c in "[]"):
                raise ValueError(f"{entity_type}: a placeholder is a plain word or two, not {word!r}")
        return value


def build_placeholders(data: object, source: str) -> Mapping[str, str]:
    """Entity type -> placeholder text ("EMPLOYEE" -> "[worker]"); every entity type must have one."""
    try:
        parsed = _PlaceholderFile.model_validate(data)
    except ValidationError as exc:
        raise rule_file_error(exc, source) from exc
    missing = sorted(ENTITY_TYPES - set(parsed.placeholders))
    if missing:
        raise RuleFileError(f"no placeholder for {', '.join(missing)}", source=source, field="placeholders")
    return MappingProxyType({kind: f"[{word.strip()}]" for kind, word in parsed.placeholders.items()})


@functools.cache
def load_placeholders() -> Mapping[str, str]:
    data, source = read_data_file(PLACEHOLDER_FILE)
    return build_placeholders(data, source)
