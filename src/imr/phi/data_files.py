"""Reading the YAML files of ``imr/data/phi`` and turning schema errors into :class:`RuleFileError`."""

from __future__ import annotations

from importlib import resources

import yaml

from imr.data_files import rule_file_error
from imr.errors import RuleFileError

__all__ = ["read_data_file", "rule_file_error"]

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
