"""Configuration of the review organisation (its name is data, never text in the templates)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from imr.data_files import read_package_yaml
from imr.errors import CaseFileError


class OrganisationConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    guideline_label: str = Field(min_length=1)
    reviewer_noun: str = "expert reviewer"


def load_organisation(path: Path | None = None) -> OrganisationConfig:
    source = str(path) if path else "imr/data/config/organisation.yaml"
    try:
        raw = (
            yaml.safe_load(path.read_text(encoding="utf-8")) if path else read_package_yaml("config/organisation.yaml")
        )
        return OrganisationConfig.model_validate(raw)
    except OSError as exc:
        raise CaseFileError(f"cannot read organisation file ({exc.strerror})", source=source) from exc
    except yaml.YAMLError as exc:
        raise CaseFileError("organisation file is not valid YAML", source=source) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CaseFileError(first["msg"], source=source, field=".".join(str(p) for p in first["loc"])) from exc
