"""Reading the YAML files of ``imr/data/phi`` and turning schema errors into :class:`RuleFileError`."""

from __future__ import annotations

from importlib import resources

import yaml
from pydantic import ValidationError

from imr.errors import RuleFileError

DATA_PACKAGE = "imr"
DATA_FOLDER = "data/phi"


def read_data_file(name: str) -> tuple[object, str]:
    """The parsed YAML of ``imr/data/phi/<name>`` and the path to quote in errors."""
    source = f"{DATA_FOLDER}/{name}"
    resource = resources.files(DATA_PACKAGE).joinpath(source)
    try:
        text = resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"cannot read file: {exc}", source=source) from exc
    try:
        return yaml.safe_load(text), source
    except yaml.YAMLError as exc:
        raise RuleFileError(f"not valid YAML: {exc}", source=source) from exc


def validation_error_location(exc: ValidationError) -> str:
    """The dotted key path of the first error in ``exc`` ("recognisers.3.patterns.0.score")."""
    first = exc.errors()[0]
    return ".".join(str(part) for part in first["loc"])


def rule_file_error(exc: ValidationError, source: str) -> RuleFileError:
    first = exc.errors()[0]
    return RuleFileError(first["msg"], source=source, field=validation_error_location(exc))
